use super::name;
use crate::diagnostic::Finding;
use crate::graph::ArchitectureGraph;
use crate::rules::{Context, Rule, declare_rule};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::{HashMap, HashSet, VecDeque};

declare_rule! {
    /// ## What it reports
    /// Each cycle of synchronous dependencies, once: the services in order, with a label on the
    /// declaration of every edge. A service that depends on itself is a cycle. Asynchronous
    /// dependencies (`asynchronous_event`, `message_queue`, `via: event|queue`) never make one.
    /// Services that all reach each other are one cycle (a strongly connected component); the
    /// shortest ring through its first-defined service is shown, and a note names the others. A
    /// service of such a ring that also calls itself is a cycle of its own, reported beside it.
    ///
    /// ## Why it matters
    /// Services in a synchronous ring cannot be deployed, started or scaled on their own, and a
    /// failure or slowdown in one travels around the ring: a distributed monolith.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   orders:   {depends_on: [payments]}
    ///   payments: {depends_on: [invoices]}
    ///   invoices: {depends_on: [orders]}
    /// ```
    ///
    /// ## Fix
    /// Break one edge: publish an event instead of calling, or move what both need into a
    /// service that both call.
    ///
    /// ## Options
    /// None.
    pub struct DependencyCycle {
        name: "dependency-cycle",
        family: Graph,
        severity: Error,
        summary: "a cycle of sync dependencies (a self-dependency too), once, each edge labelled",
    }
}

impl Rule for DependencyCycle {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let graph = context.graph;
        graph
            .sync_components
            .iter()
            .filter(|component| graph.is_cycle(component))
            .flat_map(|component| {
                // A service of a larger ring that calls itself is a cycle of its own: the ring
                // through the others is shown too.
                let self_calls = match component.len() {
                    1 => Vec::new(),
                    _ => self_calls(graph, component),
                };
                std::iter::once(shortest_ring(graph, component))
                    .chain(self_calls.into_iter().map(|dependency| vec![dependency]))
                    .map(|ring| cycle(context, component, &ring))
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

/// The finding for one ring of the component.
fn cycle(context: &Context<'_>, component: &[NodeIndex], ring: &[usize]) -> Finding {
    let model = context.model;
    let dependencies: Vec<_> = ring
        .iter()
        .map(|&index| &model.dependencies[index])
        .collect();
    let mut path: Vec<String> = dependencies.iter().map(|d| name(model, d.from)).collect();
    path.push(name(model, dependencies[0].from));
    let edge = |d: &crate::model::Dependency| {
        format!("{} calls {}", name(model, d.from), name(model, d.to))
    };
    let mut finding = Finding::new(
        DependencyCycle::NAME,
        dependencies[0].declared_at(),
        format!("synchronous dependency cycle: {}", path.join(" → ")),
    )
    .primary_message(edge(dependencies[0]));
    for dependency in &dependencies[1..] {
        finding = finding.label(dependency.declared_at(), edge(dependency));
    }
    if component.len() > ring.len() && ring.len() > 1 {
        finding = finding.note(format!(
            "{} reach each other synchronously; this is the shortest ring",
            members(context, component)
        ));
    }
    finding
        .note("services in a synchronous ring cannot be deployed or scaled on their own, and a failure travels around it")
        .help("break one edge: publish an event instead of calling, or move what both need into a service both call")
}

/// The services of a component, named: all of a few, the first of many.
fn members(context: &Context<'_>, component: &[NodeIndex]) -> String {
    const NAMED: usize = 5;
    let model = context.model;
    let mut services: Vec<NodeIndex> = component.to_vec();
    services.sort_unstable();
    let names: Vec<String> = services
        .iter()
        .take(NAMED)
        .map(|&node| name(model, context.graph.sync[node]))
        .collect();
    match services.len() {
        count if count > NAMED => format!("{count} services ({}, ...)", names.join(", ")),
        _ => {
            let (last, others) = names.split_last().expect("a ring has two services or more");
            format!("{} and {last}", others.join(", "))
        }
    }
}

/// The dependencies by which a service of the component calls itself, in declaration order.
fn self_calls(graph: &ArchitectureGraph, component: &[NodeIndex]) -> Vec<usize> {
    let mut calls: Vec<usize> = component
        .iter()
        .flat_map(|&node| {
            graph
                .sync
                .edges(node)
                .filter(move |edge| edge.target() == node)
                .map(|edge| *edge.weight())
        })
        .collect();
    calls.sort_unstable();
    calls
}

/// The dependencies of the shortest ring through the component's first-defined service, found by
/// a breadth-first search that stays inside the component (linear in its size). In a component
/// of several services, a service's call to itself is a ring of its own ([`self_calls`]), not
/// this one.
fn shortest_ring(graph: &ArchitectureGraph, component: &[NodeIndex]) -> Vec<usize> {
    let start = *component.iter().min().expect("a component has a node");
    let members: HashSet<NodeIndex> = component.iter().copied().collect();
    let mut reached_by: HashMap<NodeIndex, (NodeIndex, usize)> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        let mut edges: Vec<_> = graph.sync.edges(node).collect();
        edges.sort_by_key(|edge| *edge.weight());
        for edge in edges {
            let next = edge.target();
            if next == node && component.len() > 1 {
                continue;
            }
            if next == start {
                let mut ring = vec![*edge.weight()];
                let mut at = node;
                while at != start {
                    let (previous, dependency) = reached_by[&at];
                    ring.push(dependency);
                    at = previous;
                }
                ring.reverse();
                return ring;
            }
            if members.contains(&next) && !reached_by.contains_key(&next) {
                reached_by.insert(next, (node, *edge.weight()));
                queue.push_back(next);
            }
        }
    }
    unreachable!("every node of a strongly connected component lies on a ring through the first")
}
