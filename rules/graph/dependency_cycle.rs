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
    /// shortest ring through its first-defined service is shown.
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
        let (model, graph) = (context.model, context.graph);
        graph
            .sync_components
            .iter()
            .filter(|component| graph.is_cycle(component))
            .map(|component| {
                let ring = shortest_ring(graph, component);
                let dependencies: Vec<_> = ring.iter().map(|&index| &model.dependencies[index]).collect();
                let mut path: Vec<String> = dependencies.iter().map(|d| name(model, d.from)).collect();
                path.push(name(model, dependencies[0].from));
                let edge = |d: &crate::model::Dependency| {
                    format!("{} calls {}", name(model, d.from), name(model, d.to))
                };
                let mut finding = Finding::new(
                    Self::NAME,
                    dependencies[0].declared_at(),
                    format!("synchronous dependency cycle: {}", path.join(" → ")),
                )
                .primary_message(edge(dependencies[0]));
                for dependency in &dependencies[1..] {
                    finding = finding.label(dependency.declared_at(), edge(dependency));
                }
                if component.len() > ring.len() {
                    finding = finding.note(format!(
                        "{} services reach each other synchronously; this is the shortest ring",
                        component.len()
                    ));
                }
                finding
                    .note("services in a synchronous ring cannot be deployed or scaled on their own, and a failure travels around it")
                    .help("break one edge: publish an event instead of calling, or move what both need into a service both call")
            })
            .collect()
    }
}

/// The dependencies of the shortest ring through the component's first-defined service, found by
/// a breadth-first search that stays inside the component (linear in its size).
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
