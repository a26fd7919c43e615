//! The `nfr` family: are the non-functional requirements measurable, and do they cover what
//! every system must promise?

mod measurable;
mod missing_nfr_category;
mod nfr_sla_conflict;
mod nfr_without_measurement;
mod unquantified_nfr;

pub use missing_nfr_category::MissingNfrCategory;
pub use nfr_sla_conflict::NfrSlaConflict;
pub use nfr_without_measurement::NfrWithoutMeasurement;
pub use unquantified_nfr::UnquantifiedNfr;

use crate::value::Value;

/// A list-of-strings option of a rule, or `default` when it is absent or not such a list.
fn option_strings(options: &Value, name: &str, default: &[&str]) -> Vec<String> {
    options
        .get(name)
        .and_then(Value::as_array)
        .and_then(|items| {
            items
                .iter()
                .map(|item| item.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
        })
        .unwrap_or_else(|| default.iter().map(|item| item.to_string()).collect())
}

/// Names in backticks as a message lists them: `a`, `a` or `b`, `a`, `b` or `c` (with
/// `conjunction` "or").
fn listing(names: &[String], conjunction: &str) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}
