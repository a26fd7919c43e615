//! The span mapping: for YAML (block, flow, multi-document, anchors) and JSON, a JSON pointer's
//! key and value land on exactly the line and column where they were written.

use archlint::load::document::Document;
use archlint::load::kind::DocumentKind;
use archlint::load::limits::Limits;
use archlint::load::{json, yaml};
use archlint::source::{FileId, LineColumn, SourceFile, Span};

fn yaml_documents(text: &str) -> Vec<Document> {
    let (parsed, failure) = yaml::parse(text, 0, &Limits::default());
    assert_eq!(failure, None);
    parsed
        .into_iter()
        .enumerate()
        .map(|(index, parsed)| {
            Document::new(FileId(0), index, DocumentKind::ArchitectureSpec, parsed)
        })
        .collect()
}

fn json_document(text: &str) -> Document {
    let parsed = json::parse(text, 0, &Limits::default()).unwrap().unwrap();
    Document::new(FileId(0), 0, DocumentKind::OpenApi, parsed)
}

/// (line, column) of the start, and the text, of a span.
fn at(text: &str, span: Span) -> ((usize, usize), String) {
    let file = SourceFile::new("t".into(), text.to_string());
    let LineColumn { line, column } = file.location(span.start as usize);
    ((line, column), text[span.range()].to_string())
}

fn value(document: &Document, text: &str, pointer: &str) -> ((usize, usize), String) {
    let spans = document
        .locate(pointer)
        .unwrap_or_else(|| panic!("nothing at {pointer}"));
    at(text, spans.value)
}

fn key(document: &Document, text: &str, pointer: &str) -> ((usize, usize), String) {
    let spans = document
        .locate(pointer)
        .unwrap_or_else(|| panic!("nothing at {pointer}"));
    at(text, spans.key.expect("a mapping entry has a key"))
}

#[test]
fn yaml_block_style_keys_and_values() {
    let text = "services:\n  order_service:\n    domain: orders\n    depends_on:\n      - payment_service\n      - 'auth'\n    note: |\n      two\n      lines\n\n    port: 8080\n";
    let doc = &yaml_documents(text)[0];
    assert_eq!(
        key(doc, text, "/services/order_service"),
        ((2, 3), "order_service".into())
    );
    assert_eq!(
        key(doc, text, "/services/order_service/domain"),
        ((3, 5), "domain".into())
    );
    assert_eq!(
        value(doc, text, "/services/order_service/domain"),
        ((3, 13), "orders".into())
    );
    assert_eq!(
        value(doc, text, "/services/order_service/depends_on/0"),
        ((5, 9), "payment_service".into())
    );
    // A quoted scalar's span includes its quotes.
    assert_eq!(
        value(doc, text, "/services/order_service/depends_on/1"),
        ((6, 9), "'auth'".into())
    );
    // A block scalar starts at its header, on its key's line, and ends at its last character,
    // not at the next key.
    assert_eq!(
        value(doc, text, "/services/order_service/note"),
        ((7, 11), "|\n      two\n      lines".into())
    );
    assert_eq!(
        value(doc, text, "/services/order_service/port"),
        ((11, 11), "8080".into())
    );
    assert_eq!(doc.value["services"]["order_service"]["port"], 8080);
    // A block mapping's span runs from its first key to its last value.
    let ((line, column), written) = value(doc, text, "/services/order_service");
    assert_eq!((line, column), (3, 5));
    assert!(written.ends_with("8080"), "{written:?}");
    assert_eq!(doc.locate("/services/missing"), None);
    assert_eq!(doc.locate("/services/order_service/depends_on/2"), None);
}

#[test]
fn yaml_flow_style_and_unicode_columns() {
    let text = "é: {deps: [Auth Service, \"Payment Service\"], sla: {availability: 99.9}}\n";
    let doc = &yaml_documents(text)[0];
    // Columns count characters: `é` is two bytes but one column.
    assert_eq!(key(doc, text, "/é/deps"), ((1, 5), "deps".into()));
    assert_eq!(
        value(doc, text, "/é/deps/0"),
        ((1, 12), "Auth Service".into())
    );
    assert_eq!(
        value(doc, text, "/é/deps/1"),
        ((1, 26), "\"Payment Service\"".into())
    );
    assert_eq!(
        value(doc, text, "/é/deps"),
        ((1, 11), "[Auth Service, \"Payment Service\"]".into())
    );
    assert_eq!(
        value(doc, text, "/é/sla/availability"),
        ((1, 66), "99.9".into())
    );
}

#[test]
fn yaml_multiple_documents_and_anchors() {
    let text = "a: 1\n---\nbase: &defaults\n  timeout: 2s\nservices:\n  - *defaults\n  - {name: x, <<: y}\n";
    let docs = yaml_documents(text);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].index, 0);
    assert_eq!(key(&docs[0], text, "/a"), ((1, 1), "a".into()));
    assert_eq!(
        key(&docs[1], text, "/base/timeout"),
        ((4, 3), "timeout".into())
    );
    // The alias stands where it was written...
    assert_eq!(
        value(&docs[1], text, "/services/0"),
        ((6, 5), "*defaults".into())
    );
    // ...and what it copies keeps the place where the anchored content was written.
    assert_eq!(
        value(&docs[1], text, "/services/0/timeout"),
        ((4, 12), "2s".into())
    );
    assert_eq!(docs[1].value["services"][0]["timeout"], "2s");
    // `<<` naming no mapping is an ordinary key.
    assert_eq!(docs[1].value["services"][1]["<<"], "y");
}

#[test]
fn yaml_merge_keys_add_what_a_mapping_does_not_write_at_the_place_it_is_written() {
    let text = "base: &base {timeout: 2s, retries: 3}
extra: &extra {retries: 5, owner: ops}
one:
  <<: *base
  timeout: 9s
two:
  <<: [*extra, *base]
";
    let doc = &yaml_documents(text)[0];
    // The mapping's own member wins, wherever the merge is written; a merged member keeps the
    // place where it is written in the anchored mapping.
    assert_eq!(doc.value["one"]["timeout"], "9s");
    assert_eq!(doc.value["one"]["retries"], 3);
    assert!(doc.value["one"].get("<<").is_none());
    assert_eq!(value(doc, text, "/one/retries"), ((1, 36), "3".into()));
    // Of mappings merged together, the first named wins.
    assert_eq!(doc.value["two"]["retries"], 5);
    assert_eq!(doc.value["two"]["owner"], "ops");
    assert_eq!(doc.value["two"]["timeout"], "2s");
    assert_eq!(value(doc, text, "/two/timeout"), ((1, 23), "2s".into()));
    assert!(doc.duplicate_keys.is_empty());
}

#[test]
fn yaml_scalars_resolve_by_the_core_schema() {
    let text = "a: yes\nb: on\nc: 0o17\nd: 0x1F\ne: ~\nf: 1e3\ng: '1'\nh: TRUE\ni: -7\nj: .inf\nk: 012\nl: -.Inf\nm: .nan\nn: '.inf'\n";
    let doc = &yaml_documents(text)[0];
    let value = &doc.value;
    assert_eq!(value["a"], "yes");
    assert_eq!(value["b"], "on");
    assert_eq!(value["c"], 15);
    assert_eq!(value["d"], 31);
    assert!(value["e"].is_null());
    assert_eq!(value["f"], 1000.0);
    assert_eq!(value["g"], "1");
    assert_eq!(value["h"], true);
    assert_eq!(value["i"], -7);
    // Infinity is a number, as JavaScript reads it: the largest f64 of its sign.
    assert_eq!(value["j"], f64::MAX);
    assert_eq!(value["k"], 12);
    assert_eq!(value["l"], f64::MIN);
    assert_eq!(value["m"], ".nan");
    assert_eq!(value["n"], ".inf");
}

#[test]
fn yaml_explicit_core_tags_decide_the_type_whatever_the_style() {
    let text = "a: !!bool 'true'\nb: !!int \"3\"\nc: !!float '2.5'\nd: !!null ''\ne: !!str 3\nf: !!int abc\ng: !!bool \"yes\"\n";
    let doc = &yaml_documents(text)[0];
    let value = &doc.value;
    assert_eq!(value["a"], true);
    assert_eq!(value["b"], 3);
    assert_eq!(value["c"], 2.5);
    assert!(value["d"].is_null());
    assert_eq!(value["e"], "3");
    // A text its tag cannot hold stays the text written.
    assert_eq!(value["f"], "abc");
    assert_eq!(value["g"], "yes");
}

#[test]
fn yaml_anchors_on_keys_name_the_key() {
    let text = "info:\n  &k description: Pets\n  x-key: *k\n";
    let doc = &yaml_documents(text)[0];
    assert_eq!(doc.value["info"]["x-key"], "description");
    assert_eq!(doc.value["info"]["description"], "Pets");
}

#[test]
fn yaml_keys_read_as_no_string_are_recorded() {
    let text = "200: a\n'201': b\ntrue: c\n~: d\n!!str 202: e\nname: f\n{1.5: g}: h\n";
    let keys: Vec<(String, &str)> = yaml_documents(text)[0]
        .non_string_keys
        .iter()
        .map(|key| (key.key.clone(), key.reads_as))
        .collect();
    assert_eq!(
        keys,
        [
            ("200".to_string(), "a number"),
            ("true".to_string(), "a boolean"),
            ("~".to_string(), "null"),
            ("1.5".to_string(), "a number"),
        ]
    );
}

#[test]
fn yaml_duplicate_keys_are_recorded_with_both_places() {
    let text = "services:\n  a: {x: 1}\n  b: 2\n  a: {x: 3}\n";
    let doc = &yaml_documents(text)[0];
    assert_eq!(doc.duplicate_keys.len(), 1);
    let duplicate = &doc.duplicate_keys[0];
    assert_eq!(duplicate.pointer, "/services/a");
    assert_eq!(at(text, doc.span(&duplicate.first)), ((2, 3), "a".into()));
    assert_eq!(
        at(text, doc.span(&duplicate.repeated)),
        ((4, 3), "a".into())
    );
    // The last value wins, and its spans are the ones the pointer finds.
    assert_eq!(doc.value["services"]["a"]["x"], 3);
    assert_eq!(value(doc, text, "/services/a/x"), ((4, 10), "3".into()));
}

#[test]
fn yaml_duplicate_keys_inside_lists_and_nested_mappings_are_found_where_they_are() {
    let text = "\
services:
  - name: a
    name: b
    deps:
      - {to: x, to: y}
  - name: c
";
    let doc = &yaml_documents(text)[0];
    let mut found: Vec<_> = doc
        .duplicate_keys
        .iter()
        .map(|duplicate| {
            (
                duplicate.pointer.as_str(),
                at(text, doc.span(&duplicate.first)).0,
                at(text, doc.span(&duplicate.repeated)).0,
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("/services/0/deps/0/to", (5, 10), (5, 17)),
            ("/services/0/name", (2, 5), (3, 5)),
        ]
    );
    // Each mapping keeps its first key's place and its last value; the list around them is whole.
    assert_eq!(doc.value["services"][0]["name"], "b");
    assert_eq!(doc.value["services"][0]["deps"][0]["to"], "y");
    assert_eq!(
        value(doc, text, "/services/0/deps/0/to"),
        ((5, 21), "y".into())
    );
    assert_eq!(value(doc, text, "/services/1/name"), ((6, 11), "c".into()));
    assert_eq!(doc.value["services"][0].as_object().unwrap().len(), 2);
}
#[test]
fn json_keys_and_values() {
    let text = "{\n  \"info\": {\"title\": \"Orders\"},\n  \"paths\": {\n    \"/a~b/c\": [1, {\"é\": true}]\n  }\n}\n";
    let doc = json_document(text);
    assert_eq!(
        key(&doc, text, "/info/title"),
        ((2, 12), "\"title\"".into())
    );
    assert_eq!(
        value(&doc, text, "/info/title"),
        ((2, 21), "\"Orders\"".into())
    );
    // `~0` and `~1` escape `~` and `/` in pointers.
    assert_eq!(
        key(&doc, text, "/paths/~1a~0b~1c"),
        ((4, 5), "\"/a~b/c\"".into())
    );
    assert_eq!(
        value(&doc, text, "/paths/~1a~0b~1c/0"),
        ((4, 16), "1".into())
    );
    assert_eq!(
        value(&doc, text, "/paths/~1a~0b~1c/1/é"),
        ((4, 25), "true".into())
    );
    assert_eq!(
        value(&doc, text, "/info"),
        ((2, 11), "{\"title\": \"Orders\"}".into())
    );
}

#[test]
fn json_duplicate_keys_are_recorded() {
    let text = "{\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}}";
    let doc = json_document(text);
    assert_eq!(doc.duplicate_keys.len(), 1);
    assert_eq!(doc.duplicate_keys[0].pointer, "/b/c");
    assert_eq!(doc.value["b"]["c"], 2);
}

#[test]
fn json_is_strict() {
    for text in [
        "{\"a\": 1,}",
        "{a: 1}",
        "// c\n{}",
        "{'a': 1}",
        "[0x10]",
        // A form feed and a no-break space are no whitespace JSON allows (RFC 8259).
        "{\"a\": 1,\u{c}\"b\": 2}",
        "{\"a\":\u{a0}1}",
    ] {
        let failure = json::parse(text, 0, &Limits::default()).unwrap_err();
        assert!(
            failure.message.starts_with("invalid JSON"),
            "{text}: {failure:?}"
        );
    }
    // Inside a string, a no-break space is text.
    let document = json::parse("{\"a\": \"x\u{a0}y\"}", 0, &Limits::default())
        .unwrap()
        .unwrap();
    assert_eq!(document.value["a"], "x\u{a0}y");
}

#[test]
fn nearest_location_falls_back_to_the_ancestor() {
    let text = "components:\n  - name: A\n";
    let doc = &yaml_documents(text)[0];
    let spans = doc.locate_nearest("/components/0/dependencies");
    assert_eq!(at(text, spans.value).0, (2, 5));
    assert_eq!(at(text, doc.focus("/components/0/name")).1, "A");
    assert_eq!(at(text, doc.focus("/components")).1, "components");
}

#[test]
fn large_mappings_are_looked_up_by_index_in_yaml_and_json() {
    let mut yaml = String::from("services:\n");
    let mut json = String::from("{\"services\": {\n");
    for index in 0..40 {
        yaml.push_str(&format!("  service_{index}: {{port: {index}}}\n"));
        json.push_str(&format!("  \"service_{index}\": {{\"port\": {index}}},\n"));
    }
    // A repeated key keeps its first position; the last value and its spans win.
    yaml.push_str("  service_7: {port: 700}\n");
    json.push_str("  \"service_7\": {\"port\": 700}\n}}\n");
    let yaml_doc = &yaml_documents(&yaml)[0];
    let json_doc = json_document(&json);
    assert_eq!(
        key(yaml_doc, &yaml, "/services/service_33"),
        ((35, 3), "service_33".into())
    );
    assert_eq!(
        value(yaml_doc, &yaml, "/services/service_33/port"),
        ((35, 22), "33".into())
    );
    assert_eq!(
        value(yaml_doc, &yaml, "/services/service_7/port"),
        ((42, 21), "700".into())
    );
    assert_eq!(
        key(&json_doc, &json, "/services/service_33"),
        ((35, 3), "\"service_33\"".into())
    );
    assert_eq!(
        value(&json_doc, &json, "/services/service_7/port"),
        ((42, 25), "700".into())
    );
    assert_eq!(yaml_doc.locate("/services/service_40"), None);
    assert_eq!(json_doc.duplicate_keys.len(), 1);
}

#[test]
fn an_alias_inside_its_own_anchor_is_a_value_holding_itself() {
    let text = "info: &a {version: 1.0.0, x-bye: *a}\n";
    let (_, failure) = yaml::parse(text, 0, &Limits::default());
    let failure = failure.expect("a value cannot hold itself");
    assert!(
        failure.message.contains("cannot contain itself"),
        "{failure:?}"
    );
    let (_, failure) = yaml::parse("a: *nowhere\n", 0, &Limits::default());
    assert!(failure.unwrap().message.contains("unknown anchor"));
}
