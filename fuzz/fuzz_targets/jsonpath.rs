//! A Spectral `given` on any text, and its query on a small document: a compiled path or a
//! located syntax error, never a panic. The library is built with `cfg(fuzzing)`, under which a
//! filter's expression is evaluated wherever what it needs refuses a candidate, and must not
//! select it: the document holds what its comparisons tell apart (keys that read as numbers,
//! elements whose `@property` is a number, members that are `null`, `false` or `0`).
#![no_main]

use archlint::spectral::jsonpath::JsonPath;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(expression) = std::str::from_utf8(data) {
        if let Ok(path) = JsonPath::parse(expression) {
            let document = archlint::json!({
                "openapi": "3.1.0",
                "paths": {"/a": {"get": {"parameters": [{"in": "header", "name": "X-A"}], "responses": {"200": {}}}}},
                "components": {"schemas": {"A": {"type": "object", "properties": {"a_b": {"$ref": "#/components/schemas/A"}}}}},
                "x-data": {"200": {"example": null}, "0": [0, "0", "", null, false, true, 1.5, {"default": 0}], "default": {"examples": {}, "$ref": "#/x"}}
            });
            let _ = path.query(&document);
        }
    }
});
