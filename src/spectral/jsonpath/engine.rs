//! Running a stage's segments over a document: one depth-first walk per start node, on an explicit
//! stack, carrying the set of segments each node has reached (as nimma compiles a path into a
//! traversal), for one path or several side by side ([`Program`]). Every node is visited at most
//! once per start, so `$..name` is linear in the document however many `..` it holds, a node
//! reached twice is matched once, and matches come out in document order without sorting. A walk
//! that follows local references ([`References::Followed`]) visits what a reference names once
//! more for each reference a path goes on past, at that reference's place, as a use of it.

use crate::value::Value;

use super::ast::Selector;
use super::program::{Program, Slot};
use super::script;

/// How a node is reached from its parent. `position` orders the members of an object as the
/// document writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step<'v> {
    Member { key: &'v str, position: usize },
    Element(usize),
}

impl Step<'_> {
    fn position(self) -> usize {
        match self {
            Step::Member { position, .. } => position,
            Step::Element(index) => index,
        }
    }
}

/// A node a filter is asked about, with what `@parent`, `@property` and `@path` read.
pub(super) struct Candidate<'a, 'v> {
    pub root: &'v Value,
    pub value: &'v Value,
    pub parent: &'v Value,
    /// The steps from the document's root to `parent`.
    pub parent_path: &'a [Step<'v>],
    pub step: Step<'v>,
}

/// Where a node found lies: an index into [`Arena`], or [`ROOT`].
pub(super) type NodeId = u32;
pub(super) const ROOT: NodeId = NodeId::MAX;

/// The locations of the nodes found, as a tree of steps: matches share their ancestors' steps, so a
/// match costs one entry however deep it lies.
#[derive(Default)]
pub(super) struct Arena<'v> {
    nodes: Vec<(NodeId, Step<'v>)>,
}

impl<'v> Arena<'v> {
    pub fn push(&mut self, parent: NodeId, step: Step<'v>) -> NodeId {
        let id = NodeId::try_from(self.nodes.len()).expect("fewer than 2^32 nodes found");
        assert!(id != ROOT, "fewer than 2^32 nodes found");
        self.nodes.push((parent, step));
        id
    }

    pub fn step(&self, id: NodeId) -> Option<Step<'v>> {
        self.parent(id).map(|(_, step)| step)
    }

    pub fn parent(&self, id: NodeId) -> Option<(NodeId, Step<'v>)> {
        (id != ROOT).then(|| self.nodes[id as usize])
    }

    /// The steps from the root to the node, root first.
    pub fn steps(&self, mut id: NodeId) -> Vec<Step<'v>> {
        let mut steps = Vec::new();
        while let Some((parent, step)) = self.parent(id) {
            steps.push(step);
            id = parent;
        }
        steps.reverse();
        steps
    }
}

#[derive(Clone, Debug)]
pub(super) struct Found<'v> {
    pub value: &'v Value,
    pub at: NodeId,
    /// The node's RFC 6901 pointer, written as the walk goes down, so a match costs one copy.
    pub pointer: String,
    /// The walk reached the node through a local reference ([`References::Followed`]): the
    /// pointer names the reference's place, not where the node is written.
    pub via_reference: bool,
}

impl<'v> Found<'v> {
    pub fn root(value: &'v Value) -> Found<'v> {
        Found {
            value,
            at: ROOT,
            pointer: String::new(),
            via_reference: false,
        }
    }
}

/// Appends a step to an RFC 6901 pointer: `/paths` then `/~1users`.
pub(super) fn push_pointer(pointer: &mut String, step: Step) {
    pointer.push('/');
    match step {
        Step::Member { key, .. } if !key.contains(['~', '/']) => pointer.push_str(key),
        Step::Member { key, .. } => {
            for c in key.chars() {
                match c {
                    '~' => pointer.push_str("~0"),
                    '/' => pointer.push_str("~1"),
                    c => pointer.push(c),
                }
            }
        }
        Step::Element(index) => {
            use std::fmt::Write;
            let _ = write!(pointer, "{index}");
        }
    }
}

pub(crate) fn pointer(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        push_pointer(&mut out, *step);
    }
    out
}

pub(crate) enum Children<'v> {
    Object(std::iter::Enumerate<crate::value::Iter<'v>>),
    Array(std::iter::Enumerate<std::slice::Iter<'v, Value>>),
}

impl<'v> Children<'v> {
    pub(crate) fn of(value: &'v Value) -> Option<Children<'v>> {
        match value {
            Value::Object(map) => Some(Children::Object(map.iter().enumerate())),
            Value::Array(items) => Some(Children::Array(items.iter().enumerate())),
            _ => None,
        }
    }

    pub(crate) fn next(&mut self) -> Option<(Step<'v>, &'v Value)> {
        match self {
            Children::Object(members) => members.next().map(|(position, (key, value))| {
                (
                    Step::Member {
                        key: key.as_str(),
                        position,
                    },
                    value,
                )
            }),
            Children::Array(items) => items
                .next()
                .map(|(index, value)| (Step::Element(index), value)),
        }
    }
}

struct Frame<'v> {
    value: &'v Value,
    /// The segments whose selectors this node's children are tested against (bit `i`: segment `i`).
    states: u128,
    children: Children<'v>,
    /// Set once a match beneath needs this node's location, so unmatched subtrees cost nothing.
    id: Option<NodeId>,
    step: Step<'v>,
    /// The length of the running pointer before this node's step was appended to it, once a
    /// match beneath has needed it.
    pointer_len: Option<usize>,
    /// For a local Reference Object, what it names and the segments its children are tested
    /// against: walked once the object's own children are, in its place.
    through: Option<(&'v Value, u128)>,
    /// The children walked now are reached through a local reference.
    via_reference: bool,
}

/// How a walk meets a local `$ref`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum References {
    /// As written: an object with a `$ref` member.
    AsWritten,
    /// As Spectral's resolved document has it: a segment that goes on past a local Reference
    /// Object (`$.paths[*].get` where a path item is `{$ref: '#/components/pathItems/a'}`) goes on
    /// in what it names, at the reference's place, and so does a descendant search (`..`) that
    /// begins at the reference; one begun above it meets every value where it is written, once
    /// (`$..` does not walk each referenced schema again at each reference).
    Followed,
}

/// Whether `value` is an object that holds a `$ref` and nothing else.
fn is_reference_alone(value: &Value) -> bool {
    matches!(value, Value::Object(map) if map.len() == 1 && map.contains_key("$ref"))
}

/// What the local `$ref` of `value` names in `root`, through references to references; `None`
/// for no local reference, or one that leads nowhere or round.
pub(super) fn followed<'v>(root: &'v Value, value: &'v Value) -> Option<&'v Value> {
    crate::rules::spectral::functions::named(root, value).map(|(_, target)| target)
}

/// Appends to `found[k]`, in document order, every node path `k` of the program selects from
/// `start`: one walk for all the paths.
pub(super) fn select<'v>(
    program: &Program,
    root: &'v Value,
    references: References,
    start: &Found<'v>,
    arena: &mut Arena<'v>,
    found: &mut [Vec<Found<'v>>],
) {
    let initial = program.close(program.starts);
    for_each_end(program, initial & program.ends, |path| {
        found[path].push(start.clone());
    });
    let pending = initial & !program.ends;
    let Some(children) = Children::of(start.value).filter(|_| pending != 0) else {
        return;
    };
    // The steps from the root to the node on top of the stack, for filters that read the path.
    let mut path = arena.steps(start.at);
    let mut pointer = start.pointer.clone();
    let mut frames = vec![Frame {
        value: start.value,
        states: pending,
        children,
        id: Some(start.at),
        step: Step::Element(0), // never read: the start's id is known
        pointer_len: Some(0),   // never read: the start's pointer is known
        through: None,
        via_reference: start.via_reference,
    }];
    while let Some(top) = frames.last_mut() {
        let Some((step, value)) = top.children.next() else {
            if let Some((target, states)) = top.through.take()
                && let Some(children) = Children::of(target)
            {
                top.value = target;
                top.states = states;
                top.children = children;
                top.via_reference = true;
                continue;
            }
            let done = frames.pop().expect("the loop holds a frame");
            if !frames.is_empty() {
                path.pop();
                if let Some(len) = done.pointer_len {
                    pointer.truncate(len);
                }
            }
            continue;
        };
        let (parent, states, via_reference) = (top.value, top.states, top.via_reference);
        let candidate = Candidate {
            root,
            value,
            parent,
            parent_path: &path,
            step,
        };
        // A Reference Object and nothing else is, to a segment a walk that follows references
        // goes on past, what it names (`[?(@.schemaFormat === void 0)].payload` reads the message
        // a `$ref` names). A path's last segment meets the reference itself, as written: its
        // match is the reference, which the rule judges as its function reads it (at the
        // reference's place, where a channel's name is its key).
        let reference_alone = references == References::Followed && is_reference_alone(value);
        let followed_candidate = match reference_alone {
            true => followed(root, value).map(|target| Candidate {
                value: target,
                ..candidate
            }),
            false => None,
        };
        // The descendant searches begun above this node, which meet each value where written.
        let inherited = states & program.descendants;
        let mut next = inherited;
        let mut remaining = states;
        while remaining != 0 {
            let i = remaining.trailing_zeros() as usize;
            remaining &= remaining - 1;
            let Slot::Segment(segment) = program.slot(i) else {
                unreachable!("a walk carries no end bit down");
            };
            let candidate = match &followed_candidate {
                Some(followed) if program.ends & (1 << (i + 1)) == 0 => followed,
                _ => &candidate,
            };
            if segment
                .selectors
                .iter()
                .any(|selector| selects(selector, candidate))
            {
                next |= 1 << (i + 1);
            }
        }
        next = program.close(next);
        let mut id = None;
        let ends = next & program.ends;
        if ends != 0 {
            let parent_id = persist(&mut frames, arena, &mut pointer);
            let child_id = arena.push(parent_id, step);
            let mut child_pointer = String::with_capacity(pointer.len() + 16);
            child_pointer.push_str(&pointer);
            push_pointer(&mut child_pointer, step);
            for_each_end(program, ends, |path| {
                found[path].push(Found {
                    value,
                    at: child_id,
                    pointer: child_pointer.clone(),
                    via_reference,
                });
            });
            id = Some(child_id);
        }
        let pending = next & !program.ends;
        // The segments that go on past a local reference go on in what it names, a descendant
        // search that begins at the reference too; one begun above goes on as written.
        let onward = pending & !inherited;
        let target = match references {
            References::Followed if onward != 0 => followed(root, value),
            _ => None,
        };
        // The members written beside the `$ref` are walked too, as written: a Path Item's are
        // merged with what it names (the rules leave out those the specification ignores).
        let (value, states, through, via_reference) = match target {
            Some(target) if reference_alone && pending == onward => (target, onward, None, true),
            Some(target) if reference_alone => {
                (value, inherited, Some((target, onward)), via_reference)
            }
            Some(target) => (value, pending, Some((target, onward)), via_reference),
            None => (value, pending, None, via_reference),
        };
        if pending != 0
            && let Some(children) = Children::of(value)
        {
            // A frame has its step in the running pointer exactly when it has an id.
            let pointer_len = id.map(|_| {
                let len = pointer.len();
                push_pointer(&mut pointer, step);
                len
            });
            frames.push(Frame {
                value,
                states,
                children,
                id,
                step,
                pointer_len,
                through,
                via_reference,
            });
            path.push(step);
        }
    }
}

/// Calls `reached` with the index of each path whose end bit is in `ends`.
fn for_each_end(program: &Program, mut ends: u128, mut reached: impl FnMut(usize)) {
    while ends != 0 {
        let bit = ends.trailing_zeros() as usize;
        ends &= ends - 1;
        if let Slot::End(path) = program.slot(bit) {
            reached(path);
        }
    }
}

/// Gives every frame on the stack its place in the arena and its step in the running pointer,
/// returning the top one's id. Frames get both together, so the ones without are on top.
fn persist<'v>(frames: &mut [Frame<'v>], arena: &mut Arena<'v>, pointer: &mut String) -> NodeId {
    let known = frames
        .iter()
        .rposition(|frame| frame.id.is_some())
        .expect("the start frame has an id");
    let mut id = frames[known].id.expect("found above");
    for frame in &mut frames[known + 1..] {
        id = arena.push(id, frame.step);
        frame.id = Some(id);
        frame.pointer_len = Some(pointer.len());
        push_pointer(pointer, frame.step);
    }
    id
}

fn selects(selector: &Selector, candidate: &Candidate) -> bool {
    match selector {
        Selector::Wildcard => true,
        Selector::Name(name) => match candidate.step {
            Step::Member { key, .. } => key == name,
            // JavaScript reads `.0` of an array as its first element.
            Step::Element(index) => array_index(name) == Some(index),
        },
        Selector::Index { index, as_key } => match candidate.step {
            Step::Element(position) => {
                let len = array_len(candidate.parent);
                normalize(*index, len) == Some(position)
            }
            Step::Member { key, .. } => *index >= 0 && key == as_key,
        },
        Selector::Slice { start, end, step } => match candidate.step {
            Step::Element(position) => {
                in_slice(position, array_len(candidate.parent), *start, *end, *step)
            }
            Step::Member { .. } => false,
        },
        Selector::Filter(filter) => script::test(filter, candidate),
    }
}

fn array_len(value: &Value) -> usize {
    value.as_array().map_or(0, Vec::len)
}

/// The index a name spells the way JavaScript writes an array index: `0`, `12`, not `01` or `+1`.
pub(super) fn array_index(name: &str) -> Option<usize> {
    if name == "0" {
        return Some(0);
    }
    if name.starts_with('0') || !name.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    name.parse().ok()
}

/// An index counted from the end when negative, `None` when outside the array.
pub(super) fn normalize(index: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let index = if index < 0 { len + index } else { index };
    (0..len).contains(&index).then_some(index as usize)
}

/// RFC 9535's slice, as a membership test (the matches come out in document order anyway).
fn in_slice(position: usize, len: usize, start: Option<i64>, end: Option<i64>, step: i64) -> bool {
    let (len, i) = (len as i64, position as i64);
    let bound = |x: i64| if x >= 0 { x } else { len + x };
    match step.cmp(&0) {
        std::cmp::Ordering::Equal => false,
        std::cmp::Ordering::Greater => {
            let lower = bound(start.unwrap_or(0)).clamp(0, len);
            let upper = bound(end.unwrap_or(len)).clamp(0, len);
            lower <= i && i < upper && (i - lower) % step == 0
        }
        std::cmp::Ordering::Less => {
            let upper = start.map_or(len - 1, bound).clamp(-1, len - 1);
            let lower = end.map_or(-1, bound).clamp(-1, len - 1);
            lower < i && i <= upper && (upper - i) % -step == 0
        }
    }
}

/// The node `up` levels above a node found, if the document has one.
pub(super) fn ancestor<'v>(
    root: &'v Value,
    references: References,
    found: &Found<'v>,
    up: usize,
    arena: &Arena<'v>,
) -> Option<Found<'v>> {
    let mut at = found.at;
    for _ in 0..up {
        at = arena.parent(at)?.0;
    }
    let steps = arena.steps(at);
    let (mut value, mut via_reference) = resolve(root, references, &steps)?;
    // The parent of a value reached through a reference is what the reference names.
    if references == References::Followed
        && up > 0
        && let Some(target) = followed(root, value)
    {
        value = target;
        via_reference = true;
    }
    Some(Found {
        value,
        at,
        pointer: pointer(&steps),
        via_reference,
    })
}

/// The value the steps lead to from the root, through the local references a walk that follows
/// them went through; and whether it went through one.
fn resolve<'v>(
    root: &'v Value,
    references: References,
    steps: &[Step<'v>],
) -> Option<(&'v Value, bool)> {
    steps
        .iter()
        .try_fold((root, false), |(value, via_reference), step| {
            let child = |value: &'v Value| match (value, step) {
                (Value::Object(map), Step::Member { key, .. }) => map.get(key),
                (Value::Array(items), Step::Element(index)) => items.get(*index),
                _ => None,
            };
            match (child(value), references) {
                (Some(child), _) => Some((child, via_reference)),
                (None, References::Followed) => Some((child(followed(root, value)?)?, true)),
                (None, References::AsWritten) => None,
            }
        })
}

/// Puts nodes found from several starts into document order, each once.
pub(super) fn sort_and_dedup<'v>(found: &mut Vec<Found<'v>>, arena: &Arena<'v>) {
    let mut keyed: Vec<(Vec<usize>, Found<'v>)> = found
        .drain(..)
        .map(|f| {
            let order = arena.steps(f.at).into_iter().map(Step::position).collect();
            (order, f)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    found.extend(keyed.into_iter().map(|(_, f)| f));
}
