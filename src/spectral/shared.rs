//! What the Spectral rules of one run share: each distinct `given` is evaluated once per document,
//! whichever rules write it (`spectral:oas` has three example rules on `$..content..[?(...)]`-like
//! paths, two on `$..[description,title]`-like ones, and a user's ruleset often repeats them), and
//! the functions' per-document [`Scratch`] (a referenced schema bundled and compiled once for all
//! the example rules), and the places of each document that `$ref`s written elsewhere name
//! (for the unused-component rules). Made by the engine for one run, passed to every rule in its
//! `Context`, dropped with the run.

use super::functions::Scratch;
use super::functions::print::segments;
use super::jsonpath::{JsonPath, Match};
use crate::load::Workspace;
use crate::load::references::Target;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// A document is known by the address of its value, which the workspace holds still for the run.
type DocumentKey = usize;

fn key(document: &Value) -> DocumentKey {
    std::ptr::from_ref(document) as usize
}

type Cell<'w> = Arc<OnceLock<Vec<Match<'w>>>>;

/// The queries and scratch of the documents of a workspace that outlives `'w`.
#[derive(Default)]
pub struct Shared<'w> {
    queries: Mutex<HashMap<DocumentKey, HashMap<String, Cell<'w>>>>,
    scratch: Mutex<HashMap<DocumentKey, Arc<Scratch>>>,
    inbound: OnceLock<HashMap<DocumentKey, Arc<Inbound>>>,
}

/// The places of one document (as pointer segments) that a `$ref` names from another file, or
/// from the document itself by its file name (`pets.yaml#/components/schemas/Pet` inside
/// `pets.yaml`): references a document's own `#/...` scan does not see.
pub type Inbound = HashSet<Vec<String>>;

/// The matches of one `given` in one document, computed by the first rule that asked for them.
pub struct Matches<'w>(Cell<'w>);

impl<'w> std::ops::Deref for Matches<'w> {
    type Target = [Match<'w>];

    fn deref(&self) -> &[Match<'w>] {
        self.0.get().expect("computed before it is handed out")
    }
}

impl<'w> Shared<'w> {
    /// The matches of `path` in `document`: evaluated once; a rule asking while another computes
    /// them waits for that one (`OnceLock`) rather than computing them again.
    pub fn query(&self, document: &'w Value, path: &JsonPath) -> Matches<'w> {
        let cell = {
            let mut queries = self.queries.lock().unwrap_or_else(PoisonError::into_inner);
            let of_document = queries.entry(key(document)).or_default();
            match of_document.get(path.source()) {
                Some(cell) => cell.clone(),
                None => {
                    let cell = Cell::default();
                    of_document.insert(path.source().to_owned(), cell.clone());
                    cell
                }
            }
        };
        cell.get_or_init(|| path.query(document));
        Matches(cell)
    }

    /// The functions' scratch for `document`, shared by every rule that checks it: its keys say
    /// what a value is made from, never which rule made it.
    pub fn scratch(&self, document: &Value) -> Arc<Scratch> {
        self.scratch
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(key(document))
            .or_default()
            .clone()
    }

    /// The places of `document` that `$ref`s of the workspace name from elsewhere
    /// ([`Inbound`]); worked out once per run, from the references the workspace resolved.
    pub fn inbound(&self, workspace: &Workspace, document: &Value) -> Option<Arc<Inbound>> {
        self.inbound
            .get_or_init(|| {
                let mut by_document: HashMap<DocumentKey, Inbound> = HashMap::new();
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
                    .into_iter()
                    .map(|(document, inbound)| (document, Arc::new(inbound)))
                    .collect()
            })
            .get(&key(document))
            .cloned()
    }
}
