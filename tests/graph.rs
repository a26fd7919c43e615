//! The graph: cycles counted exactly, and the picture `archlint graph` draws.

mod common;

use assert_cmd::Command;
use std::path::Path;

#[test]
fn a_three_cycle_a_two_cycle_a_self_loop_and_an_async_ring_make_exactly_three_cycles() {
    let run = common::check(Path::new("fixtures/rules/dependency-cycle/fail"));
    assert_eq!(
        common::messages(&run, "dependency-cycle"),
        [
            "synchronous dependency cycle: `orders` → `payments` → `invoices` → `orders`",
            "synchronous dependency cycle: `catalog` → `pricing` → `catalog`",
            "synchronous dependency cycle: `audit` → `audit`",
        ]
    );
}

fn picture(args: &[&str]) -> String {
    let output = Command::cargo_bin("archlint")
        .unwrap()
        .arg("graph")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn mermaid_groups_by_domain_dashes_async_and_highlights_violations() {
    let mermaid = picture(&["fixtures/graph", "--events", "--datastores"]);
    insta::assert_snapshot!("graph_mermaid", mermaid);
    assert!(mermaid.starts_with("flowchart LR\n"));
    assert!(mermaid.contains("subgraph domain_2_payments[\"payments\"]"));
    assert!(mermaid.contains("#quot;core#quot;"));
}

#[test]
fn dot_and_json() {
    insta::assert_snapshot!(
        "graph_dot",
        picture(&["fixtures/graph", "--format", "dot", "--events"])
    );
    let json: serde_json::Value = serde_json::from_str(&picture(&[
        "fixtures/graph",
        "--format",
        "json",
        "--datastores",
        "--highlight",
        "warning",
    ]))
    .unwrap();
    let edges = json["edges"].as_array().unwrap();
    let line = |from: &str, to: &str| {
        edges
            .iter()
            .find(|edge| edge["from"] == from && edge["to"] == to)
            .map(|edge| {
                (
                    edge["line"].as_str().unwrap(),
                    edge["highlighted"].as_bool().unwrap(),
                )
            })
    };
    // order_service ⇄ payment_service is a synchronous ring: both edges highlighted.
    assert_eq!(line("s0", "s1"), Some(("sync", true)));
    assert_eq!(line("s1", "s0"), Some(("sync", true)));
    assert_eq!(line("s1", "s2"), Some(("async", false)));
    // Both services use main-db: shared-datastore (a warning, highlighted as asked) highlights
    // both edges.
    assert_eq!(line("s0", "d0"), Some(("uses", true)));
    assert_eq!(json["nodes"][0]["group"], "order_management");
    // Without --events, no event nodes.
    assert!(
        json["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|node| node["kind"] != "event")
    );
}

#[test]
fn an_event_declared_in_a_spec_and_an_asyncapi_document_is_one_edge() {
    let repository = common::repository(&[
        (
            "architecture.yaml",
            "services:\n  orders:\n    responsibility: Orders\n    events:\n      \
             publishes: [order.created.v1]\n",
        ),
        (
            "orders.asyncapi.yaml",
            "asyncapi: 3.0.0\ninfo: {title: Orders, version: 1.0.0, x-service: orders}\n\
             channels:\n  c:\n    address: c\n    messages:\n      m: {name: order.created.v1}\n\
             operations:\n  s: {action: send, channel: {$ref: '#/channels/c'}}\n",
        ),
    ]);
    let analysis = common::check(repository.path());
    let graph = &analysis.graph.graph;
    assert_eq!(graph.edge_count(), 1);
    let edge = graph.edge_weights().next().unwrap();
    assert_eq!(edge.declarations.len(), 2, "both declarations are kept");
}

#[test]
fn a_picture_missing_what_a_broken_file_says_says_so() {
    let repository = common::repository(&[
        (
            "services.yaml",
            "services:\n  orders: {responsibility: Orders, depends_on: [payments]}\n  payments: {responsibility: Payments}\n",
        ),
        (
            "more.yaml",
            "services:\n  shipping: {responsibility: [broken\n",
        ),
    ]);
    let graph = |folder: &Path| {
        let output = Command::cargo_bin("archlint")
            .unwrap()
            .arg("graph")
            .arg(folder)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8(output.stderr).unwrap()
    };
    assert_eq!(
        graph(repository.path()),
        "archlint: note: 1 file could not be read, and what it says is not in the picture; \
         `archlint check` shows why\n"
    );
    let empty = tempfile::tempdir().unwrap();
    assert!(graph(empty.path()).starts_with("archlint: no architecture documents found in "));
}

#[test]
fn mermaid_tells_apart_domains_whose_names_differ_in_other_characters() {
    let repository = common::repository(&[(
        "services.yaml",
        "services:\n  a: {responsibility: A, domain: a b}\n  b: {responsibility: B, domain: a-b}\n  c: {responsibility: C, domain: 決済}\n  d: {responsibility: D, domain: 物流}\n  e: {responsibility: 'E', domain: 'R#amp;D'}\n",
    )]);
    let mermaid = picture(&[repository.path().to_str().unwrap()]);
    let ids: Vec<&str> = mermaid
        .lines()
        .filter_map(|line| line.trim().strip_prefix("subgraph "))
        .map(|rest| rest.split('[').next().unwrap())
        .collect();
    assert_eq!(ids.len(), 5, "{mermaid}");
    let distinct: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(distinct.len(), 5, "{mermaid}");
    // `#` starts an entity in a label: written as one, the name shows as written.
    assert!(mermaid.contains("[\"R#35;amp;D\"]"), "{mermaid}");
}

#[test]
fn a_name_breaks_no_line_of_a_picture_and_starts_no_mermaid_directive() {
    // Names that close a label and write statements of their own, a line starting `%%` (a
    // comment, which Mermaid drops even inside a label), a directive, and an escape sequence.
    let intruder = "x\"];\n  evil[label=\"pwn\"]; //\u{1b}[31m";
    let commented = "y\r\n%% dropped\u{2028}z";
    let services = serde_json::json!({
        "services": {
            intruder: {
                "domain": "dom\"}\n%%{init: {\"theme\": \"dark\"}}%%",
                "responsibility": "r",
                "depends_on": [commented],
            },
            commented: {"domain": "<b>d</b> `md`", "responsibility": "r"},
        }
    });
    let repo = common::repository(&[("services.json", &services.to_string())]);
    let root = repo.path().to_str().unwrap();
    let mermaid = picture(&[root, "--format", "mermaid"]);
    // Every line is a statement of a shape mermaid.rs writes, its labels free of quotes.
    let label = r#""[^"]*""#;
    let statement = regex::Regex::new(&format!(
        r"^(flowchart LR|  subgraph domain_\d+_\w+\[{label}\]|  end|\s+[sead]\d+(\[{label}\]|\(\[{label}\]\)|\[\[{label}\]\]|\[\({label}\)\])|  [sead]\d+ (---|-->|-\.->)(\|\d+\|)? [sead]\d+|  linkStyle [\d,]+ \S+)$"
    ))
    .unwrap();
    for line in mermaid.lines() {
        assert!(
            statement.is_match(line),
            "not a statement: {line:?}\n{mermaid}"
        );
    }
    assert!(!mermaid.contains("%%"), "{mermaid}");
    assert!(
        !mermaid.chars().any(|c| c.is_control() && c != '\n'),
        "{mermaid:?}"
    );
    assert!(mermaid.contains("[\"x#quot;];<br>  evil[label=#quot;pwn#quot;]; //\\u{1b}[31m\"]"));
    assert!(
        mermaid.contains("[\"y<br>#37;#37; dropped<br>z\"]"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("[\"#60;b#62;d#60;/b#62; #96;md#96;\"]"),
        "{mermaid}"
    );
    // DOT: every line a whole statement (its quotes closed), line breaks as DOT's `\n`.
    let dot = picture(&[root, "--format", "dot"]);
    let escape = regex::Regex::new(r"\\.").unwrap();
    for line in dot.lines() {
        assert!(
            escape
                .replace_all(line, "")
                .matches('"')
                .count()
                .is_multiple_of(2)
                && (line.ends_with(';') || line.ends_with('{') || line.ends_with('}')),
            "not a statement: {line:?}\n{dot}"
        );
    }
    assert!(!dot.chars().any(|c| c.is_control() && c != '\n'), "{dot:?}");
    assert!(
        dot.contains(r#"[label="x\"];\n  evil[label=\"pwn\"]; //\\u{1b}[31m"];"#),
        "{dot}"
    );
    assert!(dot.contains(r#"[label="y\n%% dropped\nz"];"#), "{dot}");
}
