//! A Spectral `given` on any text, and its query on a small document: a compiled path or a
//! located syntax error, never a panic.
#![no_main]

use archlint::spectral::jsonpath::JsonPath;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(expression) = std::str::from_utf8(data) {
        if let Ok(path) = JsonPath::parse(expression) {
            let document = archlint::json!({
                "openapi": "3.1.0",
                "paths": {"/a": {"get": {"parameters": [{"in": "header", "name": "X-A"}], "responses": {"200": {}}}}},
                "components": {"schemas": {"A": {"type": "object", "properties": {"a_b": {"$ref": "#/components/schemas/A"}}}}}
            });
            let _ = path.query(&document);
        }
    }
});
