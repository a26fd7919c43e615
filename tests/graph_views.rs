//! `archlint graph` past a dozen services: errors alone highlighted unless asked, the
//! neighbourhood of one service, one domain, and one node per domain with counted edges.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;

const FORTY: &str = "fixtures/graph-forty";

fn graph(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("archlint")
        .unwrap()
        .arg("graph")
        .arg(FORTY)
        .args(args)
        .output()
        .unwrap()
}

fn json(args: &[&str]) -> Value {
    let output = graph(&[args, &["--format", "json"]].concat());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn labels(picture: &Value) -> BTreeSet<String> {
    picture["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| node["label"].as_str().unwrap().to_string())
        .collect()
}

fn highlighted(picture: &Value) -> usize {
    picture["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|edge| edge["highlighted"] == true)
        .count()
}

#[test]
fn only_errors_are_highlighted_unless_warnings_are_asked_for() {
    let all = json(&[]);
    assert_eq!(all["nodes"].as_array().unwrap().len(), 40);
    // `missing-failure-handling` warns on most edges; the one error among the edges is the
    // cycle between `invoices` and `ledger`.
    assert_eq!(highlighted(&all), 2);
    let warnings = json(&["--highlight", "warning"]);
    assert!(highlighted(&warnings) > 40, "{}", highlighted(&warnings));
    let dot = String::from_utf8(graph(&["--format", "dot"]).stdout).unwrap();
    assert_eq!(dot.matches("#d62728").count(), 2, "{dot}");
}

#[test]
fn focus_draws_the_neighbourhood_of_one_service() {
    let near = json(&["--focus", "ledger"]);
    assert_eq!(
        labels(&near),
        ["invoices", "ledger", "payments", "payouts", "refunds"]
            .map(String::from)
            .into()
    );
    for edge in near["edges"].as_array().unwrap() {
        let ledger = near["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|node| node["label"] == "ledger")
            .unwrap();
        // At depth 1 every edge drawn touches the focus or joins two of its neighbours.
        assert!(
            edge["from"] == ledger["id"]
                || edge["to"] == ledger["id"]
                || near["nodes"].as_array().unwrap().len() == 5
        );
    }
    let farther = json(&["--focus", "LEDGER", "--depth", "2"]);
    assert!(labels(&farther).len() > labels(&near).len());
    assert!(labels(&farther).contains("returns"));
    assert_eq!(
        labels(&json(&["--focus", "ledger", "--depth", "0"])).len(),
        1
    );
}

#[test]
fn focus_on_an_unknown_service_names_the_closest() {
    let output = graph(&["--focus", "ledgr"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("no service is named `ledgr`; did you mean `ledger`?"),
        "{stderr}"
    );
}

#[test]
fn a_domain_is_drawn_with_what_it_touches() {
    let payments = json(&["--domain", "payments"]);
    let nodes = payments["nodes"].as_array().unwrap();
    let inside: BTreeSet<&str> = nodes
        .iter()
        .filter(|node| node["group"] == "payments")
        .map(|node| node["id"].as_str().unwrap())
        .collect();
    assert_eq!(inside.len(), 6);
    assert!(nodes.len() > 6 && nodes.len() < 40, "{}", nodes.len());
    for edge in payments["edges"].as_array().unwrap() {
        assert!(
            inside.contains(edge["from"].as_str().unwrap())
                || inside.contains(edge["to"].as_str().unwrap())
        );
    }
    let output = graph(&["--domain", "billing"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains(
        "the domains are `catalog`, `identity`, `ordering`, `payments`, `platform`, `shipping`"
    ));
}

#[test]
fn collapse_draws_one_node_per_domain_with_counted_edges() {
    let all = json(&[]);
    let collapsed = json(&["--collapse", "domain"]);
    assert_eq!(
        labels(&collapsed),
        [
            "catalog (7 services)",
            "identity (6 services)",
            "ordering (7 services)",
            "payments (6 services)",
            "platform (7 services)",
            "shipping (7 services)",
        ]
        .map(String::from)
        .into()
    );
    // Every edge between two domains is counted once; edges inside a domain are left out.
    let group = |id: &Value| {
        all["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|node| node["id"] == *id)
            .unwrap()["group"]
            .clone()
    };
    let crossing = all["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|edge| group(&edge["from"]) != group(&edge["to"]))
        .count();
    let counted: u64 = collapsed["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["count"].as_u64().unwrap())
        .sum();
    assert_eq!(counted as usize, crossing);
    // The cycle between `invoices` (ordering) and `ledger` (payments) stays red, in both
    // directions.
    assert_eq!(highlighted(&collapsed), 2);
    let mermaid = String::from_utf8(graph(&["--collapse", "domain"]).stdout).unwrap();
    assert!(mermaid.contains(" -->|3| "), "{mermaid}");
    // Focus and collapse together: the neighbourhood, by domain.
    assert_eq!(
        labels(&json(&["--focus", "ledger", "--collapse", "domain"])),
        ["ordering (1 service)", "payments (4 services)"]
            .map(String::from)
            .into()
    );
}
