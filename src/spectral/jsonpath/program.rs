//! The segments of one or more paths laid out as the bits of the `u128` a walk carries per node, so
//! that one walk of the document runs them all: a ruleset's many `$..` paths each visit every
//! node, and walking the document once for all of them spares the walk, not the tests.
//!
//! Path `k` takes one bit per segment, then one bit of its own, its end: a node whose bits reach
//! a path's end is one of that path's matches.

use super::ast::Segment;

/// How many bits a walk carries.
pub(super) const BITS: usize = 128;

pub(super) struct Program<'p> {
    /// What each bit stands for.
    slots: Vec<Slot<'p>>,
    /// The first bit of each path: what a walk starts in.
    pub starts: u128,
    /// The end bit of each path.
    pub ends: u128,
    /// The bits of `..` segments, which stay on for the whole subtree.
    pub descendants: u128,
    /// The bits of segments that also match their start node (a bare trailing `..`).
    include_start: u128,
}

#[derive(Clone, Copy)]
pub(super) enum Slot<'p> {
    Segment(&'p Segment),
    /// The end of the path of this index.
    End(usize),
}

impl<'p> Program<'p> {
    /// The bits the segments of each path need, end included.
    pub fn width(segments: &[Segment]) -> usize {
        segments.len() + 1
    }

    /// The paths' segments side by side; together at most [`BITS`] wide.
    pub fn new(paths: &[&'p [Segment]]) -> Program<'p> {
        let mut program = Program {
            slots: Vec::with_capacity(paths.iter().map(|path| Program::width(path)).sum()),
            starts: 0,
            ends: 0,
            descendants: 0,
            include_start: 0,
        };
        for (index, segments) in paths.iter().enumerate() {
            program.starts |= program.bit();
            for segment in *segments {
                if segment.descendant {
                    program.descendants |= program.bit();
                }
                if segment.include_start {
                    program.include_start |= program.bit();
                }
                program.slots.push(Slot::Segment(segment));
            }
            program.ends |= program.bit();
            program.slots.push(Slot::End(index));
        }
        program
    }

    /// The bit of the next slot pushed.
    fn bit(&self) -> u128 {
        assert!(self.slots.len() < BITS, "at most {BITS} bits a walk");
        1 << self.slots.len()
    }

    pub fn slot(&self, bit: usize) -> Slot<'p> {
        self.slots[bit]
    }

    /// Adds the bits reached without a step: a bare trailing `..` matches its start node too,
    /// and a segment reached so may lead straight to the next.
    pub fn close(&self, mut states: u128) -> u128 {
        let mut remaining = self.include_start;
        while remaining != 0 {
            let i = remaining.trailing_zeros();
            remaining &= remaining - 1;
            if states & (1 << i) != 0 {
                states |= 1 << (i + 1);
            }
        }
        states
    }
}
