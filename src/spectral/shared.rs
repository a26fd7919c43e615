//! What the Spectral rules share while they judge one document: its formats, detected once; each
//! distinct `given`'s matches, evaluated once whichever rules write it (`spectral:oas` has three
//! example rules on `$..content..[?(...)]`-like paths, two on `$..[description,title]`-like ones,
//! and a user's ruleset often repeats them); and the functions' [`Scratch`] (a referenced schema
//! bundled and compiled once for all the example rules). The engine makes one per document and
//! drops it once every rule has judged the document, so what it holds follows the largest
//! document, not the repository.

use super::formats::{self, Format};
use super::functions::Scratch;
use super::jsonpath::{JsonPath, Match};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

type Cell<'w> = Arc<OnceLock<Vec<Match<'w>>>>;

/// The shared work of the rules judging one document, which outlives `'w`.
pub struct Shared<'w> {
    document: &'w Value,
    formats: Vec<Format>,
    queries: Mutex<HashMap<String, Cell<'w>>>,
    scratch: Scratch,
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
    pub fn new(document: &'w Value) -> Self {
        Shared {
            document,
            formats: formats::detect(document),
            queries: Mutex::default(),
            scratch: Scratch::default(),
        }
    }

    /// The formats the document is of.
    pub fn formats(&self) -> &[Format] {
        &self.formats
    }

    /// The matches of `path` in the document: evaluated once; a rule asking while another
    /// computes them waits for that one (`OnceLock`) rather than computing them again.
    pub fn query(&self, path: &JsonPath) -> Matches<'w> {
        let cell = {
            let mut queries = self.queries.lock().unwrap_or_else(PoisonError::into_inner);
            match queries.get(path.source()) {
                Some(cell) => cell.clone(),
                None => {
                    let cell = Cell::default();
                    queries.insert(path.source().to_owned(), cell.clone());
                    cell
                }
            }
        };
        cell.get_or_init(|| path.query(self.document));
        Matches(cell)
    }

    /// The functions' scratch for the document, shared by every rule that judges it: its keys
    /// say what a value is made from, never which rule made it.
    pub fn scratch(&self) -> &Scratch {
        &self.scratch
    }
}
