//! Events from every source: registries, JSON Schema documents of each draft, AsyncAPI 2.x and
//! 3.0 documents wired into the event graph, and schemas compiled once, offline.

mod common;

use archlint::graph::Node;
use archlint::model::events::{Dialect, Draft, EventSchema};
use archlint::model::{EventUse, Model};
use archlint::pipeline::Analysis;
use archlint::report::OutputFormat;
use std::collections::BTreeSet;
use std::path::Path;

/// (who, event) of each use, sorted.
fn uses(model: &Model, uses: &[EventUse]) -> BTreeSet<(String, String)> {
    uses.iter()
        .map(|usage| (model.party_name(&usage.party), usage.event.value.clone()))
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items
        .iter()
        .map(|(who, event)| (who.to_string(), event.to_string()))
        .collect()
}

/// `path:line:col: severity[rule]` of every diagnostic of `rule`.
fn located(run: &Analysis, rule: &str) -> Vec<String> {
    common::render(run, OutputFormat::Short)
        .lines()
        .map(|line| line.split(": ").take(2).collect::<Vec<_>>().join(": "))
        .filter(|line| line.ends_with(&format!("[{rule}]")))
        .collect()
}

/// `file:line:col: severity[event-example-invalid]` of each finding of the check of `folder`,
/// the file named from its folder.
fn example_findings(folder: &Path) -> Vec<String> {
    located_in_file(&common::check(folder), "event-example-invalid")
}

/// `file:line:col: severity[rule]` of each finding of `rule`, the file named from its folder.
fn located_in_file(run: &Analysis, rule: &str) -> Vec<String> {
    located(run, rule)
        .iter()
        .map(|line| line.rsplit('/').next().unwrap_or(line).to_owned())
        .collect()
}

fn schema<'a>(run: &'a Analysis, name: &str) -> &'a EventSchema {
    run.model
        .event_schemas
        .iter()
        .find(|schema| schema.name.value == name)
        .unwrap_or_else(|| panic!("no schema of `{name}`"))
}

#[test]
fn asyncapi_documents_take_part_in_the_event_graph() {
    let run = common::check(Path::new("fixtures/asyncapi"));
    let model = &run.model;
    // 2.x: `subscribe` is what the application sends, `publish` what it receives. 3.0: `send`
    // and `receive`, with an operation's `messages`, or else every message of its channel.
    assert_eq!(
        uses(model, &model.publications),
        pairs(&[
            (
                "AsyncAPI application `streetlights-controller`",
                "turnOnOff"
            ),
            ("AsyncAPI application `streetlights-controller`", "dimLight"),
            ("AsyncAPI application `streetlight-lamp`", "lightMeasured"),
            ("AsyncAPI application `frontend`", "comment.like_requested"),
            ("`backend`", "comment.liked"),
            ("`backend`", "comment.likes_count_changed"),
            ("`comments-service`", "comment.likes_count_changed"),
        ])
    );
    assert_eq!(
        uses(model, &model.subscriptions),
        pairs(&[
            (
                "AsyncAPI application `streetlights-controller`",
                "lightMeasured"
            ),
            ("AsyncAPI application `streetlight-lamp`", "turnOnOff"),
            ("AsyncAPI application `streetlight-lamp`", "dimLight"),
            (
                "AsyncAPI application `frontend`",
                "comment.likes_count_changed"
            ),
            ("`backend`", "comment.like_requested"),
            ("`backend`", "comment.likes_count_changed"),
            ("`comments-service`", "comment.liked"),
            // `info.x-service: Notification Service` is the spec's `notification-service`.
            ("`notification-service`", "comment.liked"),
            ("`notification-service`", "comment.replied"),
        ])
    );
    // A message shared through a components file (or another document) is one schema.
    let names: Vec<&str> = model
        .event_schemas
        .iter()
        .map(|schema| schema.name.value.as_str())
        .collect();
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(names.len(), unique.len(), "{names:?}");
    assert_eq!(unique.len(), 7);
    // Applications that are no defined service are nodes of the graph, never unknown services.
    let applications: Vec<&str> = run
        .graph
        .graph
        .node_weights()
        .filter_map(|node| match node {
            Node::Application(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        applications,
        ["frontend", "streetlight-lamp", "streetlights-controller"]
    );
    assert!(located(&run, "unknown-service").is_empty());
    // What is wrong in the two sets: a reply nobody announces, and an example below a minimum.
    assert_eq!(
        located(&run, "unpublished-event"),
        [
            "fixtures/asyncapi/social-media/notification-service/asyncapi.yaml:35:15: error[unpublished-event]"
        ]
    );
    assert_eq!(
        located(&run, "event-example-invalid"),
        ["fixtures/asyncapi/social-media/common/messages.yaml:44:22: error[event-example-invalid]"]
    );
    assert!(located(&run, "unconsumed-event").is_empty());
    assert!(located(&run, "event-without-schema").is_empty());
    insta::assert_snapshot!("asyncapi", common::render(&run, OutputFormat::Human));
}

#[test]
fn an_asyncapi_3_document_receiving_what_no_one_sends_is_an_unpublished_event() {
    let run = common::check(Path::new(
        "fixtures/rules/unpublished-event/fail-asyncapi-3",
    ));
    assert_eq!(
        located(&run, "unpublished-event"),
        [
            "fixtures/rules/unpublished-event/fail-asyncapi-3/notifications.yaml:18:15: error[unpublished-event]"
        ]
    );
    let diagnostic = run
        .diagnostics
        .iter()
        .find(|diagnostic| diagnostic.rule == "unpublished-event")
        .unwrap();
    assert_eq!(
        diagnostic.message,
        "event `comment.replied` is consumed by AsyncAPI application `notifications` but no service publishes it"
    );
}

#[test]
fn an_asyncapi_2_publish_is_a_receive_not_a_send() {
    let run = common::check(Path::new(
        "fixtures/rules/unpublished-event/fail-asyncapi-2-publish",
    ));
    // Billing's subscription and Shipping's `publish` both wait for an `order.shipped` nobody sends.
    assert_eq!(
        located(&run, "unpublished-event"),
        [
            "fixtures/rules/unpublished-event/fail-asyncapi-2-publish/services.yaml:4:23: error[unpublished-event]",
            "fixtures/rules/unpublished-event/fail-asyncapi-2-publish/shipping.yaml:11:15: error[unpublished-event]",
        ]
    );
    let run = common::check(Path::new("fixtures/rules/unpublished-event/pass-asyncapi"));
    assert!(located(&run, "unpublished-event").is_empty());
}

#[test]
fn an_example_breaking_a_nested_minimum_is_shown_at_the_value_with_the_constraint_as_reason() {
    let run = common::check(Path::new("fixtures/rules/event-example-invalid/fail"));
    let sources = &run.workspace.sources;
    let place = |span: archlint::source::Span| {
        let source = sources.get(span.file);
        let at = source.location(span.start as usize);
        (source.name.clone(), at.line, at.column)
    };
    let minimum = run
        .diagnostics
        .iter()
        .find(|diagnostic| diagnostic.message.contains("minimum"))
        .expect("the nested minimum is reported");
    assert_eq!(minimum.rule, "event-example-invalid");
    assert_eq!(
        minimum.message,
        "example of event `order.created` breaks its schema: 0 is less than the minimum of 1"
    );
    let registry = "fixtures/rules/event-example-invalid/fail/registry.yaml".to_string();
    // `quantity: 0` of the second line item, inside the example...
    assert_eq!(place(minimum.primary_span()), (registry.clone(), 38, 25));
    // ...rejected by `minimum: 1` of `data.items.items.properties.quantity`.
    let reason = minimum
        .labels
        .iter()
        .find(|label| !label.primary)
        .expect("the constraint is labelled");
    assert_eq!(reason.message, "rejected by this `minimum`");
    assert_eq!(place(reason.span), (registry, 24, 52));
    // A constraint written in another file (reached by `$ref`) is labelled where it is written.
    let carrier = run
        .diagnostics
        .iter()
        .find(|diagnostic| diagnostic.message.contains("pigeon"))
        .expect("the bad carrier is reported");
    let reason = carrier.labels.iter().find(|label| !label.primary).unwrap();
    assert_eq!(
        place(reason.span),
        (
            "fixtures/rules/event-example-invalid/fail/schemas/shipment.yaml".to_string(),
            10,
            3
        )
    );
}

#[test]
fn the_draft_is_chosen_by_schema_then_by_source() {
    let run = common::check(Path::new("fixtures/rules/event-schema-invalid/pass"));
    let dialect = |name: &str| schema(&run, name).dialect.clone();
    // A registry entry without `$schema`: 2020-12.
    assert_eq!(
        dialect("order.created"),
        Dialect::JsonSchema(Draft::Draft202012)
    );
    assert_eq!(dialect("order.paid"), Dialect::JsonSchema(Draft::Draft7));
    assert_eq!(
        dialect("order.shipped"),
        Dialect::JsonSchema(Draft::Draft201909)
    );
    assert_eq!(
        dialect("payment.refunded"),
        Dialect::JsonSchema(Draft::Draft4)
    );
    assert_eq!(
        dialect("payment.failed"),
        Dialect::JsonSchema(Draft::Draft6)
    );
    assert!(matches!(dialect("sensor.reading"), Dialect::Other(_)));
    // An AsyncAPI payload without `$schema` or `schemaFormat`: draft-07.
    let run = common::check(Path::new("fixtures/asyncapi/streetlights"));
    assert_eq!(
        schema(&run, "lightMeasured").dialect,
        Dialect::JsonSchema(Draft::Draft7)
    );
    // The same keyword judged by each schema's own draft: a numeric `exclusiveMinimum` is valid
    // from draft-06 on and invalid in draft-04.
    let run = common::check(Path::new("fixtures/rules/event-schema-invalid/fail"));
    assert!(
        run.diagnostics.iter().any(|diagnostic| diagnostic.message
            == "invalid draft-04 schema: 0 is not of type \"boolean\"")
    );
}

#[test]
fn each_schema_is_bundled_once_and_shared_across_threads() {
    let run = common::check(Path::new("fixtures/rules/event-example-invalid/fail"));
    let workspace = &run.workspace;
    let order = schema(&run, "order.created");
    let compiled: Vec<usize> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    order
                        .bundle(workspace)
                        .map(|bundle| bundle as *const _ as usize)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap().expect("the schema is bundled"))
            .collect()
    });
    // The rules already bundled it: every thread gets that one bundle. (Its validator is
    // compiled by the one rule that validates with it, and not kept.)
    assert!(compiled.iter().all(|address| *address == compiled[0]));
}

#[test]
fn a_reference_to_a_url_is_never_fetched_and_constrains_nothing() {
    let run = common::check(Path::new("fixtures/rules/event-example-invalid/pass"));
    assert_eq!(
        located(&run, "external-ref"),
        ["fixtures/rules/event-example-invalid/pass/registry.yaml:11:19: warning[external-ref]"]
    );
    let order = schema(&run, "order.created");
    let validator = order
        .validator(&run.workspace)
        .expect("compiles without the URL");
    assert!(validator.is_valid(&serde_json::json!({"data": {"quantity": 1, "price": "any"}})));
    assert!(!validator.is_valid(&serde_json::json!({"data": {"quantity": 0}})));
}

#[test]
fn an_example_a_pattern_gives_up_on_is_not_said_to_break_its_schema() {
    // The crate matches `pattern` with a bound on its backtracking, and says so as an error
    // when it is passed: the example was not found to break the schema, only not decided.
    let long = format!("{}!", "a".repeat(40));
    let document = format!(
        r"asyncapi: 3.0.0
info: {{title: Codes, version: 1.0.0}}
channels:
  codes:
    address: codes
    messages:
      issued:
        payload:
          type: object
          properties:
            code: {{type: string, pattern: '^(a|a)*(x)\1$'}}
            kind: {{anyOf: [{{type: string, pattern: '^(?:(a)|a)*\1x$'}}, {{type: integer}}]}}
        examples:
          - payload: {{code: '{long}', kind: '{long}'}}
          - payload: {{code: 'ab'}}
"
    );
    let repository = common::repository(&[("asyncapi.yaml", &document)]);
    let findings = example_findings(repository.path());
    assert_eq!(
        findings,
        ["asyncapi.yaml:15:29: error[event-example-invalid]"]
    );
}

#[test]
fn an_event_s_pattern_means_what_ecmascript_means_and_is_matched_in_bounded_time() {
    // JSON Schema's `pattern` is ECMA-262: a backreference to a group that did not take part
    // matches the empty text (the crate's own engine said `abc` broke this one). A lookbehind
    // of unbounded length took the crate's engine time in the square of the text (30,000 `a`s:
    // 6 s), and more inside a lookahead.
    let long = "a".repeat(30_000);
    let document = format!(
        r#"{{"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "code.issued",
  "type": "object",
  "properties": {{
    "quoted": {{"type": "string", "pattern": "^(['\"])?\\w+\\1$"}},
    "behind": {{"type": "string", "pattern": "(?<=a+)b"}},
    "ahead": {{"type": "string", "pattern": "(?=.*(?<=a+)b)"}}
  }},
  "examples": [
    {{"quoted": "abc", "behind": "{long}", "ahead": "{long}"}},
    {{"quoted": "'abc"}}
  ]
}}
"#
    );
    let repository = common::repository(&[("code.schema.json", &document)]);
    let findings = example_findings(repository.path());
    assert_eq!(
        findings,
        ["code.schema.json:10:16: error[event-example-invalid]"]
    );
}

#[test]
fn a_pattern_javascript_compiles_is_valid_and_judges_the_examples() {
    // The crate's meta-schema reads `format: regex` by its own engine: it refused `a\z` and
    // `[[:alpha:]]`, which JavaScript compiles (an identity escape; a class of `[:alph` and a
    // `]`), so the schema was reported invalid and its examples went unjudged. `(?i)` compiles
    // in no JavaScript.
    let document = r#"{"$schema": "http://json-schema.org/draft-07/schema#", "title": "code.issued",
  "type": "object",
  "properties": {
    "escaped": {"type": "string", "pattern": "^a\\z$"},
    "posix": {"type": "string", "pattern": "^[[:alpha:]]$"}
  },
  "examples": [
    {"escaped": "az", "posix": "a]"},
    {"escaped": "a"},
    {"posix": "]"}
  ]
}
"#;
    let repository = common::repository(&[("code.schema.json", document)]);
    let run = common::check(repository.path());
    assert_eq!(located(&run, "event-schema-invalid"), Vec::<String>::new());
    assert_eq!(
        located_in_file(&run, "event-example-invalid"),
        [
            "code.schema.json:9:17: error[event-example-invalid]",
            "code.schema.json:10:15: error[event-example-invalid]",
        ]
    );

    let invalid = document.replace(r"^a\\z$", "(?i)a");
    let repository = common::repository(&[("code.schema.json", &invalid)]);
    let run = common::check(repository.path());
    assert_eq!(
        located_in_file(&run, "event-schema-invalid"),
        ["code.schema.json:4:46: error[event-schema-invalid]"]
    );
}

#[test]
fn malformed_event_documents_are_findings_or_nothing_never_a_panic() {
    let place = tempfile::tempdir().unwrap();
    let files = [
        (
            "registry.yaml",
            "event_schemas:\n  a: true\n  b: false\n  c: {examples: 5, required: 3, allOf: 7}\n  \
             d: {$ref: '#/event_schemas/d'}\n  e: {$schema: 5, examples: [1, {x: 2}]}\n  \
             f: {allOf: [{$ref: '#/event_schemas/f'}], properties: {event_type: {const: 7}}}\n  \
             g: {$defs: 3, properties: {x: {$ref: '#/nowhere'}}, examples: [{}]}\n",
        ),
        (
            "v3.yaml",
            "asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\noperations:\n  a: {action: send, \
             channel: 5, messages: 3}\n  b: {action: receive, channel: {$ref: '#/nowhere'}}\n  \
             c: {action: jump}\n  d: [1]\nchannels:\n  x: {messages: [1, 2]}\n  \
             y: {messages: {m: {payload: 5, examples: {payload: 1}}}}\ncomponents: {messages: 4}\n",
        ),
        (
            "v2.yaml",
            "asyncapi: '2.6.0'\ninfo: {title: t, version: '1'}\nchannels:\n  a: {publish: 3}\n  \
             b: {subscribe: {message: {oneOf: 4}}}\n  c: {subscribe: {message: {oneOf: [5, \
             {payload: {schemaFormat: 7, schema: 8}}]}}}\n  d: [1]\n",
        ),
        (
            "schema.json",
            "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"title\": \"z\", \"type\": 12, \"examples\": [null]}",
        ),
    ];
    for (name, text) in files {
        std::fs::write(place.path().join(name), text).unwrap();
    }
    let run = common::check(place.path());
    let rules: BTreeSet<&str> = run.diagnostics.iter().map(|d| d.rule.as_ref()).collect();
    assert!(rules.contains("event-schema-invalid"), "{rules:?}");
    assert!(rules.contains("event-type-mismatch"), "{rules:?}");
}

#[test]
fn an_inline_message_in_an_operations_list_is_not_named_by_its_position() {
    let repository = common::repository(&[(
        "inbox.yaml",
        "asyncapi: 3.0.0\ninfo: {title: Inbox, version: '1'}\nchannels:\n  mail: {address: mail}\n\
         operations:\n  read:\n    action: receive\n    channel: {$ref: '#/channels/mail'}\n    \
         messages: [{payload: {type: object}}]\n",
    )]);
    let run = common::check(repository.path());
    let named: Vec<&str> = run
        .model
        .subscriptions
        .iter()
        .map(|use_| use_.event.value.as_str())
        .collect();
    assert_eq!(named, Vec::<&str>::new());
}

#[test]
fn an_asyncapi_yaml_is_named_by_the_folder_of_its_application() {
    // `asyncapi.yaml` names no application; `docs/` (where a repository keeps its descriptions)
    // neither: the folder above does.
    let document = "asyncapi: 2.6.0\ninfo: {title: Payment Processing, version: 1.0.0}\nchannels:\n  pay-ack:\n    subscribe:\n      operationId: sendAck\n      message: {name: Ack, payload: {type: object}}\n";
    let repository = common::repository(&[("payments/docs/asyncapi.yaml", document)]);
    let run = common::check(repository.path());
    assert_eq!(
        uses(&run.model, &run.model.publications),
        pairs(&[("AsyncAPI application `payments`", "Ack")])
    );
}
