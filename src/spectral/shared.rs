//! What the Spectral rules share while they judge one document: its formats, detected once; each
//! distinct `given`'s matches, evaluated once whichever rules write it (`spectral:oas` has three
//! example rules on `$..content..[?(...)]`-like paths, two on `$..[description,title]`-like ones,
//! and a user's ruleset often repeats them); and the functions' [`Scratch`] (a referenced schema
//! bundled and compiled once for all the example rules). The engine makes one per document and
//! drops it once every rule has judged the document, so what it holds follows the largest
//! document, not the repository. What only the whole run knows (the places of a document that
//! `$ref`s written elsewhere name, for the unused-component rules) is in [`Run`].

use super::bundle::Bundle;
use super::formats::{self, Format};
use super::functions::print::segments;
use super::functions::{Inbound, Scratch};
use super::jsonpath::{JsonPath, Match, References};
use super::siblings::IgnoredSiblings;
use crate::load::Workspace;
use crate::load::document::Document;
use crate::load::references::Target;
use crate::value::Value;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// Which document a rule judges (Spectral's `resolved`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The document with what its references into other files name put in place ([`Bundle`]).
    Resolved,
    /// The document as written (`resolved: false`).
    AsWritten,
}

/// A document is known by the address of its value, which the workspace holds still for the run.
fn key(document: &Value) -> usize {
    std::ptr::from_ref(document) as usize
}

/// What the Spectral rules of one run share across documents.
pub struct Run<'w> {
    workspace: &'w Workspace,
    inbound: OnceLock<HashMap<usize, Inbound>>,
}

impl<'w> Run<'w> {
    pub fn new(workspace: &'w Workspace) -> Self {
        Run {
            workspace,
            inbound: OnceLock::new(),
        }
    }

    /// The places of `document` that `$ref`s of the workspace name from elsewhere
    /// ([`Inbound`]); worked out once per run, from the references the workspace resolved.
    fn inbound(&self, document: &Value) -> Option<&Inbound> {
        self.inbound
            .get_or_init(|| {
                let workspace = self.workspace;
                let mut by_document: HashMap<usize, Inbound> = HashMap::new();
                for site in &workspace.references.sites {
                    let Target::Found {
                        document: target,
                        pointer,
                    } = &site.target
                    else {
                        continue;
                    };
                    if site.document == *target && site.reference.starts_with('#') {
                        continue;
                    }
                    by_document
                        .entry(key(&workspace.document(*target).value))
                        .or_default()
                        .insert(segments(pointer));
                }
                by_document
            })
            .get(&key(document))
    }
}

type Cell<'w> = Arc<OnceLock<Vec<Match<'w>>>>;

/// The place of the matches of the path numbered `id` ([`JsonPath::id`]), made on first use.
fn slot<'q, 'w>(queries: &'q mut Vec<Option<Cell<'w>>>, id: usize) -> &'q mut Option<Cell<'w>> {
    if queries.len() <= id {
        queries.resize_with(id + 1, || None);
    }
    &mut queries[id]
}

/// The shared work of the rules judging one document, which outlives `'w`.
pub struct Shared<'w> {
    bundle: &'w Bundle<'w>,
    run: &'w Run<'w>,
    formats: Vec<Format>,
    /// The matches of each path asked for, at [`Shared::slot_of`] its [`JsonPath::id`].
    queries: Mutex<Vec<Option<Cell<'w>>>>,
    scratch: Scratch,
    /// The scratch of the rules that read the document as written, when the bundle is not it:
    /// a key says what a value is made from as written, and a `$ref` written alike names one
    /// value in the bundle and another in the document as written.
    scratch_as_written: Scratch,
    /// The document is large ([`is_large`](crate::load::document::Document::is_large)): its
    /// walks and its rules' matches are shared among the threads. A small one is judged on one
    /// thread: handing its work to another costs more than it does, and the other documents keep
    /// every thread busy.
    large: bool,
    /// The members beside a `$ref` that the resolved rules do not meet, found on first use.
    ignored_siblings: OnceLock<IgnoredSiblings>,
}

impl Drop for Shared<'_> {
    /// What the rules kept of a large document is freed side by side: its matches beside the
    /// functions' scratch (whose compiled validators free themselves side by side too). Freed in
    /// turn, GitHub's description took 5 to 10 ms at the end of the run, with nothing beside.
    fn drop(&mut self) {
        if !self.large {
            return;
        }
        let queries = std::mem::take(
            self.queries
                .get_mut()
                .unwrap_or_else(PoisonError::into_inner),
        );
        let scratch = std::mem::take(&mut self.scratch);
        let scratch_as_written = std::mem::take(&mut self.scratch_as_written);
        rayon::join(
            || queries.into_par_iter().for_each(drop),
            || drop((scratch, scratch_as_written)),
        );
    }
}

/// The matches of one `given` in the document, computed by the first rule that asked for them.
pub struct Matches<'w>(Cell<'w>);

impl<'w> std::ops::Deref for Matches<'w> {
    type Target = [Match<'w>];

    fn deref(&self) -> &[Match<'w>] {
        self.0.get().expect("computed before it is handed out")
    }
}

impl<'w> Shared<'w> {
    pub fn new(bundle: &'w Bundle<'w>, run: &'w Run<'w>) -> Self {
        Shared {
            bundle,
            run,
            formats: match bundle.document_ref() {
                Some(at) if run.workspace.is_unsupported(at) => Vec::new(),
                _ => formats::detect(bundle.value()),
            },
            queries: Mutex::default(),
            scratch: Scratch::default(),
            scratch_as_written: Scratch::default(),
            large: bundle.is_large(),
            ignored_siblings: OnceLock::new(),
        }
    }

    /// The members written beside a `$ref` that the document's specification ignores, in the
    /// document the resolved rules judge ([`IgnoredSiblings`]).
    pub fn ignored_siblings(&self) -> &IgnoredSiblings {
        self.ignored_siblings.get_or_init(|| {
            if !self.may_hold_members_beside_a_ref() {
                return IgnoredSiblings::default();
            }
            IgnoredSiblings::of(self.value(View::Resolved), &self.formats)
        })
    }

    /// Whether a `$ref` of the document may be written beside other members: told from the
    /// references the workspace scanned, without a walk of the document (5 ms of GitHub's
    /// description, which has none), when the bundle is the document as written.
    fn may_hold_members_beside_a_ref(&self) -> bool {
        let (Some(at), false) = (self.bundle.document_ref(), self.bundle.is_inlined()) else {
            return true;
        };
        let root = &self.bundle.root().value;
        self.run
            .workspace
            .references
            .sites_within(at, "")
            .any(|(_, site)| {
                site.keyword == "$ref"
                    && crate::load::document::value_at(root, &site.pointer)
                        .and_then(Value::as_object)
                        .is_some_and(|object| object.len() > 1)
            })
    }

    /// The document a rule judges in `view`.
    pub fn value(&self, view: View) -> &'w Value {
        match view {
            View::Resolved => self.bundle.value(),
            View::AsWritten => &self.bundle.root().value,
        }
    }

    /// Where what `pointer` names in [`Shared::value`] is written ([`Bundle::written`]): the
    /// document, its path, and its pointer there.
    pub fn written<'p>(
        &self,
        view: View,
        pointer: &'p str,
        on_key: bool,
    ) -> (&'w Document, &'w Path, Cow<'p, str>) {
        let (document, there) = match view {
            View::Resolved => self.bundle.written(pointer, on_key),
            View::AsWritten => (self.bundle.root(), Cow::Borrowed(pointer)),
        };
        let path = &self.run.workspace.sources.get(document.file).path;
        (document, path, there)
    }

    /// Where the matches of `path` in the document a rule judges ([`Shared::value`]) are kept:
    /// one place for both when the document is its own bundle.
    fn slot_of(&self, path: &JsonPath, view: View) -> usize {
        path.id() * 2 + usize::from(view == View::AsWritten && self.bundle.is_inlined())
    }

    /// Whether the document's work is shared among the threads.
    pub fn large(&self) -> bool {
        self.large
    }

    /// The formats the document is of.
    pub fn formats(&self) -> &[Format] {
        &self.formats
    }

    /// The matches of `path` in the document a rule judges ([`Shared::value`]): evaluated once;
    /// a rule asking while another computes them waits for that one (`OnceLock`) rather than
    /// computing them again.
    pub fn query(&self, path: &JsonPath, view: View) -> Matches<'w> {
        let cell = {
            let mut queries = self.queries.lock().unwrap_or_else(PoisonError::into_inner);
            slot(&mut queries, self.slot_of(path, view))
                .get_or_insert_default()
                .clone()
        };
        cell.get_or_init(|| path.query_with(self.value(view), references(view)));
        Matches(cell)
    }

    /// Evaluates beforehand the queries of `paths` (each with the view it is asked in), side by
    /// side: one walk rather than one per query (`spectral:oas` has
    /// a dozen `$..` paths, each of which visits every node, and some thirty others, each of
    /// which costs a walk's setup for a few nodes), and one walk per thread for a
    /// [large](Shared::large) document. The paths that descend ([`JsonPath::descends`]) are put
    /// together, so the others, which visit only the nodes on their way, are not spread over
    /// walks of the whole document.
    pub fn prefetch(&self, paths: &[(&JsonPath, View)]) {
        let pending: Vec<(&JsonPath, View)> = {
            let queries = self.queries.lock().unwrap_or_else(PoisonError::into_inner);
            let mut seen = HashSet::new();
            paths
                .iter()
                .copied()
                .filter(|&(path, view)| {
                    let slot = self.slot_of(path, view);
                    queries.get(slot).is_none_or(Option::is_none) && seen.insert(slot)
                })
                .collect()
        };
        // One document when the bundle is the document as written.
        let inlined = self.bundle.is_inlined();
        let views: &[View] = if inlined {
            &[View::Resolved, View::AsWritten]
        } else {
            &[View::Resolved]
        };
        for &view in views {
            let mut walking: Vec<&JsonPath> = pending
                .iter()
                .filter(|&&(_, asked)| !inlined || asked == view)
                .map(|&(path, _)| path)
                .collect();
            walking.sort_by_key(|path| !path.descends());
            self.walk(&walking, view);
        }
    }

    /// [`Shared::prefetch`]'s walks of one of the documents the rules judge.
    fn walk(&self, walking: &[&JsonPath], view: View) {
        if walking.is_empty() {
            return;
        }
        let document = self.value(view);
        let matches: Vec<Vec<Match<'w>>> = if self.large {
            // The walks of the whole document shared among the threads, the short ones beside.
            let descending = walking.iter().take_while(|path| path.descends()).count();
            let (whole, short) = walking.split_at(descending);
            let per_thread = whole
                .len()
                .div_ceil(rayon::current_num_threads().max(1))
                .max(1);
            let groups: Vec<&[&JsonPath]> = whole.chunks(per_thread).chain([short]).collect();
            groups
                .par_iter()
                .flat_map_iter(|paths| JsonPath::query_together(paths, document, references(view)))
                .collect()
        } else {
            JsonPath::query_together(walking, document, references(view))
        };
        let mut queries = self.queries.lock().unwrap_or_else(PoisonError::into_inner);
        for (path, matches) in walking.iter().zip(matches) {
            slot(&mut queries, self.slot_of(path, view))
                .get_or_insert_default()
                .get_or_init(|| matches);
        }
    }

    /// The places of the document that `$ref`s written elsewhere name ([`Inbound`]).
    pub fn inbound(&self) -> Option<&'w Inbound> {
        self.run.inbound(&self.bundle.root().value)
    }

    /// The functions' scratch for the document, shared by every rule that judges it: its keys
    /// say what a value is made from, never which rule made it.
    pub fn scratch(&self, view: View) -> &Scratch {
        if view == View::Resolved || !self.bundle.is_inlined() {
            &self.scratch
        } else {
            &self.scratch_as_written
        }
    }
}

/// How the `given`s of the rules that judge in `view` meet a local reference: Spectral's resolved
/// document has it replaced by what it names.
fn references(view: View) -> References {
    match view {
        View::Resolved => References::Followed,
        View::AsWritten => References::AsWritten,
    }
}
