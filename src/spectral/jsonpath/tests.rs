use crate::json;
use crate::value::Value;

use super::{JsonPath, Match, Matched, References, SyntaxError};

fn compile(expression: &str) -> JsonPath {
    JsonPath::parse(expression).unwrap_or_else(|e| panic!("{expression}: {e}"))
}

fn pointers(expression: &str, document: &Value) -> Vec<String> {
    compile(expression)
        .query(document)
        .into_iter()
        .map(|m| m.pointer)
        .collect()
}

fn values(expression: &str, document: &Value) -> Vec<Value> {
    compile(expression)
        .query(document)
        .into_iter()
        .map(|m| match m.matched {
            Matched::Value(v) => v.clone(),
            Matched::Key(k) => panic!("{expression}: a key `{k}`, expected a value"),
        })
        .collect()
}

fn keys(expression: &str, document: &Value) -> Vec<String> {
    compile(expression)
        .query(document)
        .into_iter()
        .map(|m| match m.matched {
            Matched::Key(k) => k.to_owned(),
            Matched::Value(v) => panic!("{expression}: a value {v}, expected a key"),
        })
        .collect()
}

fn error(expression: &str) -> SyntaxError {
    match JsonPath::parse(expression) {
        Ok(_) => panic!("{expression}: expected a syntax error"),
        Err(e) => e,
    }
}

fn store() -> Value {
    json!({
        "store": {
            "book": [
                {"category": "reference", "author": "Nigel Rees", "price": 8.95},
                {"category": "fiction", "author": "Evelyn Waugh", "price": 12.99},
                {"category": "fiction", "author": "Herman Melville", "isbn": "0-553", "price": 8.99},
                {"category": "fiction", "author": "J. R. R. Tolkien", "isbn": "0-395", "price": 22.99}
            ],
            "bicycle": {"color": "red", "price": 19.95}
        }
    })
}

// ---- paths ----

#[test]
fn the_root_is_the_empty_pointer() {
    let document = json!({"a": 1});
    assert_eq!(pointers("$", &document), [""]);
    assert_eq!(values("  $  ", &document), std::slice::from_ref(&document));
}

#[test]
fn dot_names_take_dashes_dollars_digits_and_slashes() {
    let document = json!({
        "x-foo": 1, "200": 2, "$ref": 3, "paths": {"/users/{id}": 4}, "книги": 5
    });
    assert_eq!(values("$.x-foo", &document), [json!(1)]);
    assert_eq!(values("$.200", &document), [json!(2)]);
    assert_eq!(values("$.$ref", &document), [json!(3)]);
    assert_eq!(values("$.paths./users/{id}", &document), [json!(4)]);
    assert_eq!(values("$.книги", &document), [json!(5)]);
    assert_eq!(
        pointers("$.paths./users/{id}", &document),
        ["/paths/~1users~1{id}"]
    );
}

#[test]
fn quoted_names_read_escapes() {
    let document = json!({"a.b": 1, "it's": 2, "quote\"d": 3, "tab\t": 4, "é": 5, "~/": 6});
    assert_eq!(values("$['a.b']", &document), [json!(1)]);
    assert_eq!(values(r#"$["it's"]"#, &document), [json!(2)]);
    assert_eq!(values(r"$['it\'s']", &document), [json!(2)]);
    assert_eq!(values(r#"$["quote\"d"]"#, &document), [json!(3)]);
    assert_eq!(values(r"$['tab\t']", &document), [json!(4)]);
    assert_eq!(values(r"$['\u00e9']", &document), [json!(5)]);
    assert_eq!(pointers("$['~/']", &document), ["/~0~1"]);
}

#[test]
fn indices_count_from_either_end() {
    let document = json!({"a": [10, 20, 30]});
    assert_eq!(values("$.a[0]", &document), [json!(10)]);
    assert_eq!(values("$.a[-1]", &document), [json!(30)]);
    assert_eq!(values("$.a[3]", &document), Vec::<Value>::new());
    assert_eq!(values("$.a[-4]", &document), Vec::<Value>::new());
    // As in JavaScript, `.1` reads an element and `[1]` a member named "1".
    assert_eq!(values("$.a.1", &document), [json!(20)]);
    assert_eq!(
        values("$.r[200]", &json!({"r": {"200": "ok"}})),
        [json!("ok")]
    );
    assert_eq!(values("$.a[(@.length-1)]", &document), [json!(30)]);
}

#[test]
fn wildcards_select_every_child_in_order() {
    let document = json!({"b": 1, "a": [2, 3]});
    assert_eq!(pointers("$.*", &document), ["/b", "/a"]);
    assert_eq!(pointers("$[*]", &document), ["/b", "/a"]);
    assert_eq!(pointers("$.a.*", &document), ["/a/0", "/a/1"]);
    assert_eq!(pointers("$.b.*", &document), Vec::<String>::new());
}

#[test]
fn slices_follow_rfc_9535() {
    let document = json!([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    let v = |e| values(e, &document);
    assert_eq!(v("$[0:2]"), [json!(0), json!(1)]);
    assert_eq!(v("$[::2]"), [0, 2, 4, 6, 8, 10].map(|n| json!(n)));
    assert_eq!(v("$[1:-5:2]"), [json!(1), json!(3), json!(5)]);
    assert_eq!(v("$[1:5:3]"), [json!(1), json!(4)]);
    assert_eq!(v("$[-2:]"), [json!(9), json!(10)]);
    assert_eq!(v("$[:1]"), [json!(0)]);
    assert_eq!(v("$[::0]"), Vec::<Value>::new());
    // A negative step selects the same elements; matches are in document order.
    assert_eq!(v("$[5:1:-2]"), [json!(3), json!(5)]);
    assert_eq!(v("$[::-4]"), [json!(2), json!(6), json!(10)]);
    assert_eq!(
        values("$.o[0:1]", &json!({"o": {"0": 1}})),
        Vec::<Value>::new()
    );
}

#[test]
fn unions_of_bare_quoted_and_numeric_selectors() {
    let document = json!({
        "get": 1, "put": 2, "post": 3, "x": 4, "a": ["p", "q", "r"]
    });
    assert_eq!(
        values("$[get,put,post]", &document),
        [json!(1), json!(2), json!(3)]
    );
    assert_eq!(values("$['x','get']", &document), [json!(1), json!(4)]);
    assert_eq!(values("$.a[0,2]", &document), [json!("p"), json!("r")]);
    assert_eq!(values("$[ get , x ]", &document), [json!(1), json!(4)]);
    assert_eq!(
        values("$.paths[/]", &json!({"paths": {"/": 1}})),
        [json!(1)]
    );
    // A node named twice is selected once.
    assert_eq!(values("$[get,get,'get']", &document), [json!(1)]);
}

#[test]
fn descendants_come_in_document_order_each_once() {
    let document = json!({
        "a": {"b": 1, "a": {"b": 2}},
        "c": [{"b": 3}],
        "b": 4
    });
    assert_eq!(
        pointers("$..b", &document),
        ["/a/b", "/a/a/b", "/c/0/b", "/b"]
    );
    assert_eq!(
        pointers("$..*", &document),
        ["/a", "/a/b", "/a/a", "/a/a/b", "/c", "/c/0", "/c/0/b", "/b"]
    );
    // `/a/a/b` lies beneath two `a`s but is matched once.
    assert_eq!(pointers("$..a..b", &document), ["/a/b", "/a/a/b"]);
    assert_eq!(pointers("$..['b']", &document), pointers("$..b", &document));
    assert_eq!(pointers("$..[0]", &document), ["/c/0"]);
    assert_eq!(pointers("$..a.b", &document), ["/a/b", "/a/a/b"]);
}

#[test]
fn a_bare_double_dot_is_every_node() {
    let document = json!({"a": {"b": 1}});
    assert_eq!(pointers("$..", &document), ["", "/a", "/a/b"]);
    assert_eq!(keys("$..~", &document), ["a", "b"]);
}

#[test]
fn dot_bracket_is_a_descendant_segment_as_in_nimma_and_jsonpath_plus() {
    let document = json!({
        "paths": {"/a": {"responses": {"400": {"d": 1}}}},
        "responses": {"404": {"d": 2}}
    });
    assert_eq!(
        pointers("$.paths.[*].responses", &document),
        pointers("$.paths..[*].responses", &document)
    );
    assert_eq!(
        pointers("$.paths.[*].responses", &document),
        ["/paths/~1a/responses"]
    );
    assert_eq!(
        pointers("$.[?(@property >= 400)]", &document),
        ["/paths/~1a/responses/400", "/responses/404"]
    );
}

#[test]
fn union_order_is_document_order() {
    let document = json!({"a": 1, "b": 2});
    assert_eq!(values("$['b','a']", &document), [json!(1), json!(2)]);
}

// ---- keys and parents ----

#[test]
fn tilde_gives_keys_and_points_at_the_member() {
    let document = json!({"paths": {"/a": {}, "/b": {}}, "tags": ["x", "y"]});
    let matches = compile("$.paths.*~").query(&document);
    assert_eq!(
        matches,
        [
            Match {
                pointer: "/paths/~1a".into(),
                matched: Matched::Key("/a"),
                via_reference: false,
            },
            Match {
                pointer: "/paths/~1b".into(),
                matched: Matched::Key("/b"),
                via_reference: false,
            },
        ]
    );
    assert_eq!(keys("$.tags[*]~", &document), ["0", "1"]);
    assert_eq!(keys("$[*]~", &document), ["paths", "tags"]);
    assert_eq!(keys("$~", &document), Vec::<String>::new());
}

#[test]
fn caret_selects_parents() {
    let document = json!({
        "foo": {"bar": true},
        "info": {"bar": false},
        "x": {"a": {"default": 1}, "b": {"payload": {"default": 2}}}
    });
    assert_eq!(values("$.foo^.info", &document), [json!({"bar": false})]);
    assert_eq!(
        pointers("$.x.*.payload.default^", &document),
        ["/x/b/payload"]
    );
    // Two children with the same parent give it once.
    assert_eq!(pointers("$.info.*^", &document), ["/info"]);
    assert_eq!(pointers("$..default^", &document), ["/x/a", "/x/b/payload"]);
    assert_eq!(pointers("$..default^^", &document), ["/x", "/x/b"]);
    assert_eq!(keys("$.info^~", &document), Vec::<String>::new());
    assert_eq!(keys("$.x.a.default^~", &document), ["a"]);
    assert_eq!(pointers("$^", &document), Vec::<String>::new());
}

#[test]
fn parents_then_descendants_stay_in_document_order() {
    let document = json!({"a": {"m": {"x": 1, "y": {"x": 2}}, "x": 3}});
    assert_eq!(pointers("$..x^", &document), ["/a", "/a/m", "/a/m/y"]);
    assert_eq!(
        pointers("$..x^..x", &document),
        ["/a/m/x", "/a/m/y/x", "/a/x"]
    );
}

// ---- JavaScript filters ----

#[test]
fn filters_read_members_of_the_candidate() {
    let document = store();
    assert_eq!(
        values("$.store.book[?(@.isbn)].author", &document),
        [json!("Herman Melville"), json!("J. R. R. Tolkien")]
    );
    assert_eq!(
        values("$.store.book[?(@.price < 10)].price", &document),
        [json!(8.95), json!(8.99)]
    );
    assert_eq!(
        values(
            "$..book[?(@.category === 'fiction' && @.price > 20)].author",
            &document
        ),
        [json!("J. R. R. Tolkien")]
    );
    assert_eq!(
        pointers("$..[?(@.color == \"red\")]", &document),
        ["/store/bicycle"]
    );
}

#[test]
fn property_comparisons_coerce_as_javascript() {
    let document =
        json!({"responses": {"200": {}, "400": {}, "404": {}, "500": {}, "default": {}}});
    assert_eq!(
        keys(
            "$.responses[?(@property >= 400 && @property < 500)]~",
            &document
        ),
        ["400", "404"]
    );
    // "default" >= 400 is NaN >= 400: false, not an error.
    assert_eq!(
        keys("$.responses[?(@property >= 500)]~", &document),
        ["500"]
    );
    assert_eq!(
        keys("$.responses[?(@property.match(/^(4|5)/))]~", &document),
        ["400", "404", "500"]
    );
    assert_eq!(
        keys("$.responses[?(@property == 200)]~", &document),
        ["200"]
    );
    assert_eq!(
        keys("$.responses[?(@property === 200)]~", &document),
        Vec::<String>::new()
    );
    assert_eq!(
        keys("$.responses[?(@property === '200')]~", &document),
        ["200"]
    );
}

/// What the filter of a path's last selector needs of a candidate before it is evaluated.
fn needs_of(expression: &str) -> super::ast::Needs {
    let path = super::parser::parse(expression).expect("it parses");
    let selector = path
        .stages
        .into_iter()
        .flat_map(|stage| stage.segments)
        .last();
    match selector.and_then(|segment| segment.selectors.into_iter().last()) {
        Some(super::ast::Selector::Filter(filter)) => filter.needs,
        other => panic!("no filter: {other:?}"),
    }
}

#[test]
fn what_a_filter_needs_is_told_before_it_is_evaluated() {
    let needs = needs_of("$..[?(@property === '$ref' && @.x)]");
    assert_eq!(
        (needs.property.len(), needs.members),
        (1, vec!["x".to_owned()])
    );
    let needs = needs_of("$..[?(@ && (@.example !== void 0 || @.default !== void 0) && @.type)]");
    assert_eq!(needs.one_of_members, [vec!["example", "default"]]);
    // An `||` with a branch that needs no member needs nothing of it.
    assert!(
        needs_of("$..[?(@.a || @property === 'b')]")
            .one_of_members
            .is_empty()
    );
    assert!(
        needs_of("$..[?(@property === 'a' || @.b)]")
            .property
            .is_empty()
    );
    // What they say is what the evaluation finds: an element's `@property` is its index, a
    // number, loosely equal to "1" and not strictly; a member is there whatever its value.
    let document = json!({
        "list": ["a", {"example": null}, {"default": false}, {"other": 1}],
        "$ref": "x",
        "a": {"$ref": "y"}
    });
    assert_eq!(pointers("$..[?(@property == '1')]", &document), ["/list/1"]);
    assert!(pointers("$..[?(@property === '1')]", &document).is_empty());
    assert_eq!(
        pointers("$..[?('$ref' === @property)]", &document),
        ["/$ref", "/a/$ref"]
    );
    assert_eq!(
        pointers(
            "$.list[?(@.example !== void 0 || @.default !== void 0)]",
            &document
        ),
        ["/list/1", "/list/2"]
    );
}

#[test]
fn loose_and_strict_equality_differ_as_in_javascript() {
    let document = json!({"items": [1, "1", true, null, 0, "", [1], {"a": 1}, "0"]});
    let picked = |e| pointers(e, &document);
    assert_eq!(
        picked("$.items[?(@ == 1)]"),
        ["/items/0", "/items/1", "/items/2", "/items/6"]
    );
    assert_eq!(picked("$.items[?(@ === 1)]"), ["/items/0"]);
    assert_eq!(picked("$.items[?(@ == null)]"), ["/items/3"]);
    assert_eq!(picked("$.items[?(@ == undefined)]"), ["/items/3"]);
    assert_eq!(picked("$.items[?(@ === null)]"), ["/items/3"]);
    assert_eq!(
        picked("$.items[?(@ == 0)]"),
        ["/items/4", "/items/5", "/items/8"]
    );
    assert_eq!(picked("$.items[?(@ != 1)]").len(), 5);
    assert_eq!(picked("$.items[?(@ !== 1)]").len(), 8);
}

#[test]
fn truthiness_is_javascript() {
    let document = json!({"items": [0, 1, "", "x", null, false, true, [], {}, 0.5]});
    assert_eq!(
        pointers("$.items[?(@)]", &document),
        [
            "/items/1", "/items/3", "/items/6", "/items/7", "/items/8", "/items/9"
        ]
    );
    assert_eq!(
        pointers("$.items[?(!@)]", &document),
        ["/items/0", "/items/2", "/items/4", "/items/5"]
    );
}

#[test]
fn a_missing_member_is_undefined_never_an_error() {
    let document = json!({"a": [{"x": {"y": 1}}, {"x": null}, {}, 3, "s"]});
    assert_eq!(
        pointers("$.a[?(@.x.y.z.w)]", &document),
        Vec::<String>::new()
    );
    assert_eq!(pointers("$.a[?(@.x.y === 1)]", &document), ["/a/0"]);
    assert_eq!(
        pointers("$.a[?(@.x === void 0)]", &document),
        ["/a/2", "/a/3", "/a/4"]
    );
    assert_eq!(
        pointers("$.a[?(@.x.startsWith('a'))]", &document),
        Vec::<String>::new()
    );
}

#[test]
fn special_names_read_the_candidates_surroundings() {
    let document = json!({
        "bar": {"user": {"name": "Eva"}},
        "foo": {"user": {"name": "John"}},
        "list": [{"k": 1}]
    });
    assert_eq!(
        pointers(
            "$..[?((@parentProperty === 'foo' || @parentProperty === 'bar') && @.name)]",
            &document
        ),
        ["/bar/user", "/foo/user"]
    );
    assert_eq!(
        pointers(
            "$..[?(@parent && @parent.user && @parent.user.name === 'Eva')]",
            &document
        ),
        ["/bar/user"]
    );
    assert_eq!(
        pointers("$.list[?(@property === 0)]", &document),
        ["/list/0"]
    );
    assert_eq!(
        pointers("$..[?(@path === \"$['list'][0]\")]", &document),
        ["/list/0"]
    );
    assert_eq!(
        pointers("$.*[?(@.name === $.foo.user.name)]", &document),
        ["/foo/user"]
    );
    assert_eq!(
        pointers("$.*[?(@.name === @root.bar.user.name)]", &document),
        ["/bar/user"]
    );
}

#[test]
fn members_with_any_name_and_elements() {
    let document = json!({"s": [{"x-y": {"a": [5, 6]}}, {"x-y": {"a": [7]}}]});
    assert_eq!(pointers("$.s[?(@['x-y'].a[0] === 7)]", &document), ["/s/1"]);
    assert_eq!(
        pointers("$.s[?(@[\"x-y\"].a[-1] === 6)]", &document),
        ["/s/0"]
    );
    assert_eq!(
        pointers("$.s[?(@['x-y'].a.length > 1)]", &document),
        ["/s/0"]
    );
}

#[test]
fn string_methods_and_regular_expressions() {
    let document = json!({
        "p": {"x-one": "Hello", "x-two": "world", "id": "userId", "name": "a/b", "e": "é😀"}
    });
    let k = |e| keys(e, &document);
    assert_eq!(k("$.p[?(@property.startsWith('x-'))]~"), ["x-one", "x-two"]);
    assert_eq!(k("$.p[?(@property.endsWith('two'))]~"), ["x-two"]);
    assert_eq!(k("$.p[?(@.includes('/'))]~"), ["name"]);
    assert_eq!(k("$.p[?(/^x-/.test(@property))]~"), ["x-one", "x-two"]);
    assert_eq!(k("$.p[?(@.match(/^h/i))]~"), ["x-one"]);
    assert_eq!(k("$.p[?(@.match('Id$'))]~"), ["id"]);
    assert_eq!(k("$.p[?(@.match(/(_id|Id)$/) !== null)]~"), ["id"]);
    assert_eq!(k("$.p[?(@.length === 5)]~"), ["x-one", "x-two"]);
    // `.length` counts UTF-16 code units, as JavaScript does.
    assert_eq!(k("$.p[?(@.length === 3)]~"), ["name", "e"]);
    assert_eq!(k("$.p[?(@.indexOf('o') === 1)]~"), ["x-two"]);
    assert_eq!(
        k("$.p[?(@property.indexOf('x') === -1)]~"),
        ["id", "name", "e"]
    );
    assert_eq!(k("$.p[?(@.toLowerCase() === 'hello')]~"), ["x-one"]);
    assert_eq!(k("$.p[?(@ ~= '^w')]~"), ["x-two"]);
}

#[test]
fn types_arrays_and_constructors() {
    let document = json!({"t": [{"type": "array"}, {"type": ["array", "null"]}, {"type": 3}, {"type": {}}, {"type": null}]});
    let p = |e| pointers(e, &document);
    assert_eq!(p("$.t[?(typeof @.type === 'string')]"), ["/t/0"]);
    assert_eq!(
        p("$.t[?(typeof @.type === 'object')]"),
        ["/t/1", "/t/3", "/t/4"]
    );
    assert_eq!(p("$.t[?(typeof @.type == 'number')]"), ["/t/2"]);
    assert_eq!(p("$.t[?(typeof @.missing === 'undefined')]").len(), 5);
    assert_eq!(p("$.t[?(Array.isArray(@.type))]"), ["/t/1"]);
    assert_eq!(
        p(
            "$..[?(@ && @.type && @.type.constructor.name === \"Array\" && @.type.includes(\"array\"))]"
        ),
        ["/t/1"]
    );
    assert_eq!(p("$.t[?(@.type.constructor.name === 'String')]"), ["/t/0"]);
}

#[test]
fn enum_length_guards() {
    let document = json!({"a": {"enum": []}, "b": {"enum": [1]}, "c": {}});
    assert_eq!(
        pointers("$.*[?(@.enum && @.enum.length > 0)]", &document),
        Vec::<String>::new()
    );
    assert_eq!(
        pointers("$[?(@.enum && @.enum.length > 0)]", &document),
        ["/b"]
    );
}

// ---- RFC 9535 ----

#[test]
fn rfc_filters_test_existence_without_coercion() {
    let document = json!({"a": [{"f": false}, {"f": 1}, {"g": 1}, {"f": "1"}]});
    assert_eq!(pointers("$.a[?@.f]", &document), ["/a/0", "/a/1", "/a/3"]);
    // The JavaScript filter tests truthiness instead.
    assert_eq!(pointers("$.a[?(@.f)]", &document), ["/a/1", "/a/3"]);
    assert_eq!(pointers("$.a[?@.f == 1]", &document), ["/a/1"]);
    assert_eq!(pointers("$.a[?(@.f == 1)]", &document), ["/a/1", "/a/3"]);
    assert_eq!(pointers("$.a[?@.f < '2']", &document), ["/a/3"]);
    assert_eq!(pointers("$.a[?!@.f]", &document), ["/a/2"]);
    assert_eq!(
        pointers("$.a[?@.f == @.g]", &document),
        Vec::<String>::new()
    );
    assert_eq!(pointers("$.a[?@.x == @.y]", &document).len(), 4);
}

#[test]
fn rfc_functions() {
    let document = json!({"a": [
        {"s": "abc", "l": [1, 2, 3], "o": {"x": 1}},
        {"s": "abcd", "l": [], "o": {}},
        {"s": "é", "l": [{"k": 1}, {"k": 2}]}
    ]});
    let p = |e| pointers(e, &document);
    assert_eq!(p("$.a[?length(@.s) == 3]"), ["/a/0"]);
    // length() counts Unicode scalar values.
    assert_eq!(p("$.a[?length(@.s) == 1]"), ["/a/2"]);
    assert_eq!(p("$.a[?length(@.l) > 0]"), ["/a/0", "/a/2"]);
    assert_eq!(p("$.a[?length(@.o) == 1]"), ["/a/0"]);
    assert_eq!(p("$.a[?count(@.l[*]) == 2]"), ["/a/2"]);
    assert_eq!(p("$.a[?count(@..k) == 2]"), ["/a/2"]);
    assert_eq!(p("$.a[?match(@.s, 'a.c')]"), ["/a/0"]);
    assert_eq!(p("$.a[?search(@.s, 'b.')]"), ["/a/0", "/a/1"]);
    assert_eq!(p("$.a[?value(@.l[0].k) == 1]"), ["/a/2"]);
    assert_eq!(p("$.a[?(length(@.l) === 0)]"), ["/a/1"]);
    assert_eq!(p("$.a[?@.l[?@.k == 2]]"), ["/a/2"]);
    assert_eq!(p("$.a[?@.o.*]"), ["/a/0"]);
}

// ---- Spectral's rulesets ----

/// Every `given` and alias of Spectral's `oas` ruleset, with aliases expanded as the ruleset
/// layer does.
const OAS_GIVENS: &[&str] = &[
    "$.paths[*]",
    "$.paths[*][get,put,post,delete,options,head,patch,trace]",
    "$.security[*]",
    "$.paths[*][get,put,post,delete,options,head,patch,trace].security[*]",
    "$.paths[*][get,put,post,delete,options,head,patch,trace].responses[*]",
    "$.responses[*]",
    "$.components.responses[*]",
    "$.components.links[*]",
    "$.paths[*][get,put,post,delete,options,head,patch,trace].responses[*].links[*]",
    "$..[?(@ && @.type==\"array\")]",
    "$..[?(@ && @.type && @.type.constructor.name === \"Array\" && @.type.includes(\"array\"))]",
    "$.paths[*][get,put,post,delete,options,head,patch,trace].parameters",
    "$",
    "$.paths",
    "$.info.contact",
    "$..[?(@property !== 'properties' && @ && @.enum)]",
    "$..[description,title]",
    "$.tags",
    "$.tags[*]",
    "$..[?(@property === '$ref')]",
    "$..[?(@ && @.enum && @.type)]",
    "$.definitions[?(@.discriminator)]",
    "$..parameters[?(@ && @.in)]",
    "$..responses..[?(@ && @.schema && @.examples)]",
    "$..anyOf",
    "$..oneOf",
    "$.definitions",
    "$..definitions..[?(@property !== 'properties' && @ && (@.example !== void 0 || @['x-example'] !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || @.items))]",
    "$..parameters..[?(@property !== 'properties' && @ && (@.example !== void 0 || @['x-example'] !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || @.items))]",
    "$..responses..[?(@property !== 'properties' && @ && (@.example !== void 0 || @['x-example'] !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || @.items))]",
    "$.components.examples[*]",
    "$.paths[*][*]..content[*].examples[*]",
    "$.paths[*][*]..parameters[*].examples[*]",
    "$.components.parameters[*].examples[*]",
    "$.paths[*][*]..headers[*].examples[*]",
    "$.components.headers[*].examples[*]",
    "$.paths[*].parameters[?(@ && @.in)]",
    "$.paths[*][get,put,post,delete,options,head,patch,trace].parameters[?(@ && @.in)]",
    "$.components.parameters[?(@ && @.in)]",
    "$.servers[*].url",
    "$..content..[?(@ && @.schema && (@.example !== void 0 || @.examples))]",
    "$..headers..[?(@ && @.schema && (@.example !== void 0 || @.examples))]",
    "$..parameters..[?(@ && @.schema && (@.example !== void 0 || @.examples))]",
    "$.components.schemas..[?(@property !== 'properties' && @ && (@ && @.example !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || @.items))]",
    "$..content..[?(@property !== 'properties' && @ && (@ && @.example !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || @.items))]",
    "$.servers[*]",
    "$.paths[*].servers[*]",
    "$.paths[*][get,put,post,delete,options,head,patch,trace].servers[*]",
    "$.paths[*][get,put,post,delete,options,head,patch,trace].callbacks[*][*][*].callbacks",
    "$.webhooks.servers",
    "$.webhooks[*][*].servers",
    "$.webhooks[*][*].callbacks",
];

/// Every `given` and alias of Spectral's `asyncapi` ruleset.
const ASYNCAPI_GIVENS: &[&str] = &[
    "$.channels",
    "$.channels.*",
    "$.components.channels.*",
    "$.components.messageTraits.*.headers",
    "$.components.messages.*.headers",
    "$.channels.*.[publish,subscribe].message.headers",
    "$.channels.*.[publish,subscribe].message.traits[*].headers",
    "$.channels.*.messages.*.headers",
    "$.channels.*.messages.*.traits[*].headers",
    "$.info.contact",
    "$.asyncapi",
    "$.channels.*.[publish,subscribe].message",
    "$.channels.*.[publish,subscribe].message.oneOf.*",
    "$.components.channels.*.[publish,subscribe].message",
    "$.components.channels.*.[publish,subscribe].message.oneOf.*",
    "$.components.messages.*",
    "$.channels[*][publish,subscribe]",
    "$.operations.*",
    "$.channels[*][publish,subscribe].security.*",
    "$.operations.*.security.*",
    "$.components.parameters.*",
    "$.channels.*.parameters.*",
    "$.components.messageTraits[?(@.schemaFormat === void 0)].payload.default^",
    "$.components.messages[?(@.schemaFormat === void 0)].payload.default^",
    "$.channels[*][publish,subscribe][?(@property === 'message' && @.schemaFormat === void 0)].payload.default^",
    "$.components.messageTraits[?(@.schemaFormat === void 0)].payload.examples^",
    "$.components.messages[?(@.schemaFormat === void 0)].payload.examples^",
    "$.channels[*][publish,subscribe][?(@property === 'message' && @.schemaFormat === void 0)].payload.examples^",
    "$.components.messageTraits.*",
    "$.channels[*][publish,subscribe].message",
    "$.components.messages.*.payload",
    "$.channels.*.messages.*.payload",
    "$.components.messageTraits[?(@.schemaFormat === void 0)].payload",
    "$.components.messages[?(@.schemaFormat === void 0)].payload",
    "$.channels[*][publish,subscribe][?(@property === 'message' && @.schemaFormat === void 0)].payload",
    "$.components.schemas.*.default^",
    "$.components.parameters.*.schema.default^",
    "$.channels.*.parameters.*.schema.default^",
    "$.components.schemas.*.examples^",
    "$.components.parameters.*.schema.examples^",
    "$.channels.*.parameters.*.schema.examples^",
    "$.servers.*",
    "$.components.servers.*",
    "$.servers[*].url",
    "$.servers[*].host",
    "$.servers[*].pathname",
    "$.servers.*.host",
    "$.servers.*.security.*",
    "$.tags[*]",
    "$.info.tags[*]",
    "$.info",
    "$.tags",
    "$.servers.*.tags",
    "$.components.servers.*.tags",
    "$.info.tags",
    "$.components.schemas",
    "$.components.servers",
];

/// Expressions from Spectral's documentation and tests.
const DOCUMENTED_GIVENS: &[&str] = &[
    "$.paths[*]~",
    "$.paths[/]",
    "$..parameters.[?(@.in === 'header')].name",
    "$.paths..get.parameters..in",
    "$..parameters[?(@.in == 'header')].name",
    "$.servers..url",
    "$.paths.[*].requestBody.content[?(@property.indexOf('json') === -1)]^",
    "$.paths.[*].responses[?(@property.match(/^(4|5)/))].content.*~",
    "$.paths..parameters[*].[?(@property === \"name\" && (@ === \"id\" || @.match(/(_id|Id)$/)))]^.schema",
    "$.responses.[?(@property >= 400 && @property < 500)]",
    "$.paths.*.*.responses",
    "$.paths.*[?( @property === 'get' || @property === 'put' || @property === 'post' )]",
    "$.bar[?( @property >= 400 )]..foo",
    "$[?(/^([45]XX)$|^2/i.test(@.value))]",
    "$.info^~",
    "$.name^^",
    "$..^^~",
];

#[test]
fn every_expression_of_spectrals_rulesets_compiles() {
    for expression in OAS_GIVENS
        .iter()
        .chain(ASYNCAPI_GIVENS)
        .chain(DOCUMENTED_GIVENS)
    {
        compile(expression);
    }
}

fn openapi() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "T", "contact": {"name": "c"}},
        "servers": [{"url": "https://example.com/"}],
        "paths": {
            "/users/{id}": {
                "parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}],
                "get": {
                    "operationId": "getUser",
                    "parameters": [
                        {"name": "X-Trace", "in": "header", "schema": {"type": "string", "example": "x"}},
                        {"$ref": "#/components/parameters/Limit"}
                    ],
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "properties": {"tags": {"type": ["array", "null"], "items": {"type": "string", "enum": ["a", "b"]}}}}}}},
                        "404": {"description": "missing", "content": {"application/problem+json": {}}}
                    }
                },
                "x-internal": {"get": {}}
            }
        },
        "components": {
            "parameters": {"Limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 10}}},
            "schemas": {
                "Pet": {"type": "object", "properties": {"kind": {"type": "string", "enum": ["cat", "dog"], "example": "cat"}, "properties": {"type": "string"}}},
                "Ids": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}
            }
        }
    })
}

#[test]
fn spectral_oas_expressions_select_what_the_rules_check() {
    let document = openapi();
    let p = |e| pointers(e, &document);
    assert_eq!(
        p("$.paths[*][get,put,post,delete,options,head,patch,trace]"),
        ["/paths/~1users~1{id}/get"]
    );
    assert_eq!(
        p("$..parameters[?(@ && @.in)]"),
        [
            "/paths/~1users~1{id}/parameters/0",
            "/paths/~1users~1{id}/get/parameters/0",
            "/components/parameters/Limit"
        ]
    );
    assert_eq!(
        p("$..[?(@property === '$ref')]"),
        [
            "/paths/~1users~1{id}/get/parameters/1/$ref",
            "/components/schemas/Ids/items/$ref"
        ]
    );
    assert_eq!(
        p("$..[?(@property !== 'properties' && @ && @.enum)]"),
        [
            "/paths/~1users~1{id}/get/responses/200/content/application~1json/schema/properties/tags/items",
            "/components/schemas/Pet/properties/kind"
        ]
    );
    assert_eq!(
        p("$..[?(@ && @.type==\"array\")]"),
        ["/components/schemas/Ids"]
    );
    assert_eq!(
        p(
            "$..[?(@ && @.type && @.type.constructor.name === \"Array\" && @.type.includes(\"array\"))]"
        ),
        ["/paths/~1users~1{id}/get/responses/200/content/application~1json/schema/properties/tags"]
    );
    assert_eq!(
        p("$..[description,title]"),
        [
            "/info/title",
            "/paths/~1users~1{id}/get/responses/200/description",
            "/paths/~1users~1{id}/get/responses/404/description"
        ]
    );
    assert_eq!(
        p(
            "$.components.schemas..[?(@property !== 'properties' && @ && (@ && @.example !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || @.items))]"
        ),
        ["/components/schemas/Pet/properties/kind"]
    );
    assert_eq!(
        p("$..parameters..[?(@ && @.schema && (@.example !== void 0 || @.examples))]"),
        Vec::<String>::new()
    );
    assert_eq!(
        p("$..parameters[?(@.in == 'header')].name"),
        ["/paths/~1users~1{id}/get/parameters/0/name"]
    );
    assert_eq!(p("$.servers[*].url"), ["/servers/0/url"]);
    // A descendant filter tests the root's descendants, never the root itself.
    assert_eq!(p("$..[?(@.openapi)]"), Vec::<String>::new());
    assert_eq!(p("$..[?(@.contact)]"), ["/info"]);
    assert_eq!(keys("$.paths[*]~", &document), ["/users/{id}"]);
    assert_eq!(
        keys(
            "$.paths.[*].responses[?(@property.match(/^(4|5)/))].content.*~",
            &document
        ),
        ["application/problem+json"]
    );
    assert_eq!(
        p("$.paths.[*].responses[?(@property >= 400 && @property < 500)]"),
        ["/paths/~1users~1{id}/get/responses/404"]
    );
    assert_eq!(
        p(
            "$.paths..parameters[*].[?(@property === \"name\" && (@ === \"id\" || @.match(/(_id|Id)$/)))]^.schema"
        ),
        ["/paths/~1users~1{id}/parameters/0/schema"]
    );
}

#[test]
fn spectral_asyncapi_expressions_select_what_the_rules_check() {
    let document = json!({
        "asyncapi": "2.6.0",
        "channels": {
            "user/signedup": {
                "subscribe": {"message": {"payload": {"type": "string", "default": 1, "examples": ["a"]}}},
                "publish": {"message": {"schemaFormat": "application/vnd.apache.avro", "payload": {"default": 2}}}
            }
        },
        "components": {
            "messages": {"M": {"payload": {"default": 3}}, "N": {"payload": {}}},
            "schemas": {"S": {"default": 4}, "T": {}}
        }
    });
    let p = |e| pointers(e, &document);
    assert_eq!(
        p(
            "$.channels[*][publish,subscribe][?(@property === 'message' && @.schemaFormat === void 0)].payload.default^"
        ),
        ["/channels/user~1signedup/subscribe/message/payload"]
    );
    assert_eq!(
        p("$.components.messages[?(@.schemaFormat === void 0)].payload.default^"),
        ["/components/messages/M/payload"]
    );
    assert_eq!(
        p("$.components.schemas.*.default^"),
        ["/components/schemas/S"]
    );
    assert_eq!(
        p("$.channels.*.[publish,subscribe].message"),
        [
            "/channels/user~1signedup/subscribe/message",
            "/channels/user~1signedup/publish/message"
        ]
    );
    assert_eq!(
        p(
            "$.channels[*][publish,subscribe][?(@property === 'message' && @.schemaFormat === void 0)].payload.examples^"
        ),
        ["/channels/user~1signedup/subscribe/message/payload"]
    );
}

// ---- syntax errors ----

#[test]
fn syntax_errors_point_at_the_problem() {
    let cases: &[(&str, usize, &str)] = &[
        (
            "",
            0,
            "expected `$` at the start of the expression, found the end of the expression",
        ),
        (
            "a",
            0,
            "expected `$` at the start of the expression, found `a`",
        ),
        (
            "#OperationObject",
            0,
            "aliases (`#Name`) are resolved by the ruleset",
        ),
        (
            "$info",
            1,
            "expected `.`, `..`, `[`, `^`, `~` or the end of the expression, found `i`",
        ),
        ("$.", 2, "expected a name, `*` or `[` after `.`"),
        (
            "$.name~.a",
            7,
            "expected the end of the expression after `~`",
        ),
        ("$.name[\"a]", 7, "expected `\"` to close this string"),
        ("$.name[", 7, "expected a selector"),
        ("$.name[0", 6, "expected `]` to close this `[`"),
        ("$.name[::test]", 9, "expected `,` or `]`, found `t`"),
        (
            "$.bar[?(@.in==foo)]",
            14,
            "found the name `foo`; a string is written in quotes, 'foo'",
        ),
        ("$[?(@.x-foo)]", 7, "arithmetic is not supported"),
        ("$[?(@.length - 1]", 13, "arithmetic is not supported"),
        (
            "$[?(@.a ? 1 : 2)]",
            8,
            "the conditional operator `?:` is not supported",
        ),
        ("$[?(@.a.trimStart())]", 8, "expected a supported method"),
        ("$[?(@.a)", 1, "expected `]` to close this `[`"),
        ("$[?(@.a]", 7, "expected `)`, found `]`"),
        (
            "$[?(@.a.match(/(a/))]",
            14,
            "expected a valid regular expression",
        ),
        (
            "$[?(@.a.match(/[a-/))]",
            14,
            "expected `/` to close this regular expression",
        ),
        (
            "$[?(@.a.match(/a/q))]",
            17,
            "expected the flags of a regular expression",
        ),
        (
            "$[?(@.a.match(/a))]",
            14,
            "expected `/` to close this regular expression",
        ),
        (
            "$[?(@.a.test('x'))]",
            8,
            "expected a regular expression literal before `.test(`",
        ),
        (
            "$[?(@.a.match(@.b))]",
            14,
            "expected a regular expression literal or a string",
        ),
        ("$[?(@foo)]", 4, "found `@foo`"),
        (
            "$[(@.foo)]",
            2,
            "script expressions `[(...)]` other than `(@.length-N)` are not supported",
        ),
        ("$[01]", 2, "expected an integer without leading zeros"),
        ("$[-0]", 2, "found `-0`"),
        (
            "$..@@schema()",
            3,
            "shorthands (`@@name()`) are not supported",
        ),
        (
            "$[?length(@.a, 1)]",
            3,
            "expected 1 argument to `length`, found 2",
        ),
        ("$[?(Object.keys(@))]", 4, "found the name `Object`"),
        (
            "$[?(@property.length-1)]",
            20,
            "arithmetic is not supported",
        ),
        ("$[?(@ < 1 < 2)]", 10, "chained comparisons"),
        (
            "$[?(@.a)].b.(c)",
            12,
            "expected a name, `*` or `[` after `.`",
        ),
        (
            "$[?(@property.*)]",
            13,
            "apply only to a path from `@` or `$`",
        ),
        (
            "$[?(@.a === 'x\\u{110000}')]",
            14,
            "expected an escape of a Unicode scalar value",
        ),
        ("$[?(@.a === '\\uD800')]", 13, "not a lone surrogate"),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(expression, offset, message)| {
            let e = error(expression);
            (!e.message.contains(message) || e.offset != *offset)
                .then(|| format!("{expression}: {e:?}, expected {message:?} at {offset}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn syntax_errors_read_as_one_lowercase_line() {
    for expression in ["", "$.", "$[?(@.x-y)]", "$[?(@.a.match(/[/))]", "$.a~.b"] {
        let text = error(expression).to_string();
        assert!(!text.contains('\n'), "{text}");
        assert!(text.starts_with("expected"), "{text}");
    }
}

#[test]
fn compiled_paths_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<JsonPath>();
}

#[test]
fn javascript_logic_yields_its_operands() {
    let document = json!({"a": [{"n": "x"}, {"m": "y"}, {}]});
    let p = |e| pointers(e, &document);
    assert_eq!(p("$.a[?((@.n || @.m) === 'y')]"), ["/a/1"]);
    assert_eq!(p("$.a[?((@.n || 'none') === 'none')]"), ["/a/1", "/a/2"]);
    assert_eq!(p("$.a[?((@.n && 'has') === 'has')]"), ["/a/0"]);
    assert_eq!(
        p("$.a[?((@.n && @.m) === undefined)]"),
        ["/a/0", "/a/1", "/a/2"]
    );
    assert_eq!(p("$.a[?(!(@.n || @.m))]"), ["/a/2"]);
}

#[test]
fn nesting_is_bounded() {
    let deep = format!("$[?({}@{})]", "(".repeat(200), ")".repeat(200));
    let e = error(&deep);
    assert!(e.message.contains("nested at most"), "{}", e.message);
    let nots = format!("$[?({}@)]", "!".repeat(200));
    assert!(error(&nots).message.contains("nested at most"));
    let equals = format!("$[?(@{})]", " == 1".repeat(200));
    assert!(error(&equals).message.contains("nested at most"));
    let filters = format!("$.a{}", "[?(@.b".repeat(100)) + &")]".repeat(100);
    assert!(error(&filters).message.contains("nested at most"));
    // Within the bound, all of them compile.
    compile(&format!("$[?({}@{})]", "(".repeat(30), ")".repeat(30)));
}

#[test]
fn too_many_segments_are_refused() {
    let long = format!("$.{}", vec!["a"; 200].join("."));
    let e = error(&long);
    assert!(e.message.contains("at most 127 segments"), "{}", e.message);
    // `^` starts a new stage, so longer paths can be written.
    compile(&format!(
        "$.{}^.{}",
        vec!["a"; 100].join("."),
        vec!["a"; 100].join(".")
    ));
}

// ---- scale ----

/// Builds `{"a": {"a": ... {"leaf": true} ...}}` `depth` levels deep, alternating objects and
/// arrays.
fn deep_document(depth: usize) -> Value {
    let mut value = json!({"leaf": true});
    for level in 0..depth {
        // Not `json!`, which would serialize `value` again, recursively.
        value = if level % 2 == 0 {
            Value::Object(crate::value::Map::from_iter([("a".to_owned(), value)]))
        } else {
            Value::Array(vec![value])
        };
    }
    value
}

/// A value is dropped recursively; a deep one is taken apart on a loop instead.
fn dismantle(value: Value) {
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::Array(items) => pending.extend(items),
            Value::Object(map) => pending.extend(map.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

#[test]
fn deep_documents_do_not_overflow_the_stack() {
    let document = deep_document(10_000);
    let expected_depth = 10_000 + 1;
    let found = compile("$..leaf").query(&document);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].pointer.matches('/').count(), expected_depth);
    assert_eq!(compile("$..[?(@.leaf === true)]").query(&document).len(), 1);
    assert_eq!(compile("$..leaf^").query(&document).len(), 1);
    assert_eq!(
        compile("$..[?(@property === 'leaf')]~")
            .query(&document)
            .len(),
        1
    );
    // Comparing and printing deep values runs on explicit stacks too.
    assert_eq!(compile("$[?(@ == @)]").query(&document).len(), 1);
    assert_eq!(compile("$[?(@ == 'x')]").query(&document).len(), 0);
    dismantle(document);
}

#[test]
fn descendants_are_linear_in_the_document() {
    // 100,000 schemas under one another's siblings: `$..properties[*]` visits each node once.
    let mut schemas = crate::value::Map::new();
    for i in 0..20_000 {
        schemas.insert(
            format!("S{i}"),
            json!({"type": "object", "properties": {"a": {"type": "string"}, "b": {"properties": {"c": {}}}}}),
        );
    }
    let document = json!({"components": {"schemas": schemas}});
    let start = std::time::Instant::now();
    let found = compile("$..properties[*]").query(&document);
    let elapsed = start.elapsed();
    assert_eq!(found.len(), 60_000);
    assert_eq!(found[0].pointer, "/components/schemas/S0/properties/a");
    assert_eq!(found[1].pointer, "/components/schemas/S0/properties/b");
    assert_eq!(
        found[2].pointer,
        "/components/schemas/S0/properties/b/properties/c"
    );
    // Generous for an unoptimised build on a loaded machine; a quadratic walk takes minutes.
    assert!(elapsed.as_secs() < 10, "took {elapsed:?}");
}

/// GitHub's REST API description, when `scripts/fetch-github-openapi.sh` has fetched it:
/// `cargo test --release --lib spectral::jsonpath -- --ignored --nocapture`.
#[test]
#[ignore = "needs target/corpus/api.github.com.json; prints timings"]
fn github_openapi_timings() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/corpus/api.github.com.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: {} is missing", path.display());
        return;
    };
    let document: Value = serde_json::from_str(&text).expect("valid JSON");
    // The floor: visiting every node once, doing nothing, in the same build.
    let start = std::time::Instant::now();
    let mut pending = vec![&document];
    let mut nodes = 0usize;
    while let Some(value) = pending.pop() {
        nodes += 1;
        match value {
            Value::Array(items) => pending.extend(items),
            Value::Object(map) => pending.extend(map.values()),
            _ => {}
        }
    }
    println!(
        "{:>10.2?} {nodes:>8} nodes visited by a bare walk",
        start.elapsed()
    );
    for expression in OAS_GIVENS.iter().chain(["$..properties[*]", "$..*"].iter()) {
        let path = compile(expression);
        let start = std::time::Instant::now();
        let found = path.query(&document).len();
        println!("{:>10.2?} {found:>8} {expression}", start.elapsed());
    }
}

#[test]
fn a_filter_s_regular_expression_never_backtracks_without_bound() {
    // `regress` alone takes hours on this; the text is the document's.
    let slow = format!("{}b", "a".repeat(40));
    let document = json!({ "codes": { "slow": slow, "fast": "aaa" } });
    assert_eq!(keys("$.codes[?(@.match(/^(a+)+$/))]~", &document), ["fast"]);
    assert_eq!(
        keys("$.codes[?(match(@, '(a|aa)+'))]~", &document),
        ["fast"]
    );
}

/// The pointers a path matches with local references followed, each marked `*` when reached
/// through one.
fn followed(expression: &str, document: &Value) -> Vec<String> {
    compile(expression)
        .query_with(document, References::Followed)
        .into_iter()
        .map(|found| match found.via_reference {
            true => format!("{}*", found.pointer),
            false => found.pointer,
        })
        .collect()
}

#[test]
fn followed_references_carry_child_segments_but_not_descendant_ones() {
    let document = json!({
        "paths": {
            "/a": {"get": {"operationId": "a"}},
            "/b": {"$ref": "#/components/pathItems/b"},
            "/c": {"$ref": "#/components/pathItems/c"}
        },
        "components": {"pathItems": {
            "b": {"get": {"operationId": "b"}, "put": {"operationId": "p"}},
            "c": {"$ref": "#/components/pathItems/b"}
        }}
    });
    // A segment that goes on past a reference goes on in what it names, through references to
    // references, at the reference's place.
    assert_eq!(
        followed("$.paths[*].get.operationId", &document),
        [
            "/paths/~1a/get/operationId",
            "/paths/~1b/get/operationId*",
            "/paths/~1c/get/operationId*"
        ]
    );
    // As written, the path stops at the reference.
    assert_eq!(
        pointers("$.paths[*].get.operationId", &document),
        ["/paths/~1a/get/operationId"]
    );
    // `..` meets each value where it is written, once.
    assert_eq!(
        followed("$..operationId", &document),
        [
            "/paths/~1a/get/operationId",
            "/components/pathItems/b/get/operationId",
            "/components/pathItems/b/put/operationId",
        ]
    );
    // A descendant segment that starts past a reference searches what it names.
    assert_eq!(
        followed("$.paths['/b']..operationId", &document),
        ["/paths/~1b/get/operationId*", "/paths/~1b/put/operationId*"]
    );
    // The parent of a value reached through a reference is what the reference names.
    let parents = compile("$.paths[*].put^").query_with(&document, References::Followed);
    let parents: Vec<(&str, Option<&Value>)> = parents
        .iter()
        .map(|found| match found.matched {
            Matched::Value(value) => (found.pointer.as_str(), value.get("get")),
            Matched::Key(_) => unreachable!("no key asked for"),
        })
        .collect();
    assert_eq!(
        parents,
        [
            ("/paths/~1b", Some(&json!({"operationId": "b"}))),
            ("/paths/~1c", Some(&json!({"operationId": "b"}))),
        ]
    );
}
