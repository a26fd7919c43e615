//! Safety limits for loading untrusted files. Each breach is a `parse-error` at the place it
//! happened, never a crash, a hang or an exhausted memory.

use serde::Deserialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Files larger than this many bytes are not read.
    pub max_file_size: u64,
    /// Collections nested deeper than this are rejected.
    pub max_depth: usize,
    /// The number of nodes YAML aliases may add by expansion, in all the files of a run together
    /// (a "billion laughs" file adds hundreds of millions from a few hundred bytes, and ten files
    /// each just under a per-file budget would still add ten times it).
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: 64 * 1024 * 1024,
            max_depth: 256,
            max_alias_nodes: 1_000_000,
        }
    }
}

/// A reason a file or document could not be loaded, at a byte range of its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseFailure {
    pub range: std::ops::Range<u32>,
    pub message: String,
    pub hint: Option<String>,
}

impl ParseFailure {
    pub fn at(offset: usize, message: impl Into<String>) -> Self {
        ParseFailure {
            range: offset as u32..offset as u32,
            message: message.into(),
            hint: None,
        }
    }
}

/// The alias expansion a run may still do, shared by the files parsed side by side. Charging one
/// counter bounds the memory whatever the files; but which file crosses it depends on the
/// threads' timing, so a file it stops is only interrupted, and [`crate::load`] settles the
/// verdicts afterwards in path order.
#[derive(Debug)]
pub struct AliasBudget {
    limit: usize,
    spent: std::sync::atomic::AtomicUsize,
}

impl AliasBudget {
    pub fn new(limit: usize) -> Self {
        AliasBudget {
            limit,
            spent: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Charges `nodes`; false once the run has spent more than its limit.
    pub fn charge(&self, nodes: usize) -> bool {
        let before = self
            .spent
            .fetch_add(nodes, std::sync::atomic::Ordering::Relaxed);
        before.saturating_add(nodes) <= self.limit
    }
}
