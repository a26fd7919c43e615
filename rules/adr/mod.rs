//! The `adr` family: is each architecture decision record complete, with a known status, a
//! number of its own, and references that lead somewhere?

mod adr_broken_link;
mod adr_duplicate_number;
mod adr_invalid_status;
mod adr_missing_alternatives;
mod adr_missing_section;

pub use adr_broken_link::AdrBrokenLink;
pub use adr_duplicate_number::AdrDuplicateNumber;
pub use adr_invalid_status::AdrInvalidStatus;
pub use adr_missing_alternatives::AdrMissingAlternatives;
pub use adr_missing_section::AdrMissingSection;

use crate::model::decisions::Decision;

/// A record's file name, for messages about records of one folder.
fn file_name(decision: &Decision) -> String {
    decision
        .path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}
