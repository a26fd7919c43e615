//! The verdict on a value before a validator is compiled (`schema_verdict`) is the compiled
//! validator's wherever one is given, on any JSON `[draft, schema, value]` (draft 4, 6, 7, 2019
//! or 2020).
#![no_main]

use archlint::value::Value;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(Value::Array(parts)) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let [draft, schema, value] = parts.as_slice() else {
        return;
    };
    if let Some(draft) = draft.as_u64().and_then(|draft| u16::try_from(draft).ok()) {
        archlint::schema_verdict::check_against_the_validator(draft, schema, value);
    }
});
