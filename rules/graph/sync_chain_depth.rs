use super::name;
use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule, option_usize};
use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

declare_rule! {
    /// ## What it reports
    /// A service that starts a chain of synchronous calls longer than `max_depth` edges, once
    /// per starting service that no longer chain contains (so a long chain is reported once, at
    /// its head), shown as the chain with its calls labelled up to the first one over the limit
    /// (a longer chain is named to that point and counted, so a finding's size does not grow
    /// with the chain's length). Services on a cycle are left to
    /// `dependency-cycle` and do not take part. The work is done on the graph's condensation, so
    /// it ends on any graph and is linear in its size.
    ///
    /// ## Why it matters
    /// Every synchronous hop adds latency and multiplies the chance of failure; a request that
    /// must cross five services succeeds only if all five are up at once.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   a: {depends_on: [b]}
    ///   b: {depends_on: [c]}
    ///   c: {depends_on: [d]}
    ///   d: {depends_on: [e]}
    ///   e: {depends_on: [f]}   # a → b → c → d → e → f: 5 calls deep
    /// ```
    ///
    /// ## Fix
    /// Make a hop asynchronous, cache or replicate what the deep service provides, or merge
    /// services that always call each other.
    ///
    /// ## Options
    /// `max_depth` (default 4): the longest allowed chain, in edges.
    /// ```yaml
    /// rules:
    ///   sync-chain-depth: {options: {max_depth: 3}}
    /// ```
    pub struct SyncChainDepth {
        name: "sync-chain-depth",
        family: Graph,
        severity: Warning,
        summary: "a service that starts a chain of sync calls longer than `max_depth` (default 4)",
        options: [("max_depth", crate::config::OptionKind::Count)],
    }
}

impl Rule for SyncChainDepth {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let max_depth = option_usize(context.options, "max_depth", 4);
        let (model, graph) = (context.model, context.graph);
        let sync = &graph.sync;
        let count = sync.node_count();
        let mut on_cycle = vec![false; count];
        for component in graph.sync_components.iter().filter(|c| graph.is_cycle(c)) {
            for node in component {
                on_cycle[node.index()] = true;
            }
        }
        // Components come successors first, so each service's longest chain is known from its
        // callees' when it is reached.
        let mut longest = vec![0usize; count];
        let mut next: Vec<Option<(NodeIndex, usize)>> = vec![None; count];
        for component in &graph.sync_components {
            let &[node] = component.as_slice() else {
                continue;
            };
            if on_cycle[node.index()] {
                continue;
            }
            let mut edges: Vec<_> = sync
                .edges(node)
                .filter(|edge| !on_cycle[edge.target().index()])
                .collect();
            edges.sort_by_key(|edge| *edge.weight());
            for edge in edges {
                let length = 1 + longest[edge.target().index()];
                if length > longest[node.index()] {
                    longest[node.index()] = length;
                    next[node.index()] = Some((edge.target(), *edge.weight()));
                }
            }
        }
        let is_head = |node: NodeIndex| {
            !on_cycle[node.index()]
                && sync
                    .neighbors_directed(node, Direction::Incoming)
                    .all(|caller| on_cycle[caller.index()])
        };
        sync.node_indices()
            .filter(|&node| longest[node.index()] > max_depth && is_head(node))
            .map(|head| {
                // Shown up to the first call over the limit: enough to see the chain is too
                // long, and the same size for every head however long its chain.
                let total = longest[head.index()];
                let mut path = vec![name(model, *sync.node_weight(head).expect("node"))];
                let mut calls = Vec::new();
                let mut at = head;
                while let Some((callee, dependency)) = next[at.index()] {
                    if calls.len() > max_depth {
                        break;
                    }
                    calls.push(&model.dependencies[dependency]);
                    path.push(name(model, *sync.node_weight(callee).expect("node")));
                    at = callee;
                }
                if total > calls.len() {
                    path.push(format!("… ({} more)", total - calls.len()));
                }
                let service = model.service(*sync.node_weight(head).expect("node"));
                let mut finding = Finding::new(
                    Self::NAME,
                    service.name.span,
                    format!(
                        "{} starts a chain of {total} synchronous calls, over the limit of {max_depth}: {}",
                        path[0],
                        path.join(" → ")
                    ),
                )
                .primary_message("the chain starts here");
                for (hop, dependency) in calls.iter().enumerate() {
                    finding = finding.label(
                        dependency.declared_at(),
                        format!("call {} of {total}", hop + 1),
                    );
                }
                finding
                    .note("each synchronous hop adds latency, and the request succeeds only if every service on the chain is up")
                    .help("make a hop asynchronous, cache what the deep service provides, or merge services that always call each other")
            })
            .collect()
    }
}
