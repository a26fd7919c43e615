//! Graph: the model as a petgraph graph. Nodes are services, events, AsyncAPI applications that
//! are no defined service, and named data stores; edges are sync and async dependencies,
//! publish, subscribe and use, each pointing back to where it was declared. The sync subgraph and
//! its strongly connected components are computed once here, for every rule that needs them.

use crate::model::{Communication, DataStore, Model, Party, ServiceId};
use crate::source::Span;
use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Service(ServiceId),
    Event(String),
    /// An AsyncAPI application that is no defined service: it takes part in events only.
    Application(String),
    DataStore(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    Sync,
    Async,
    Publishes,
    Subscribes,
    Uses,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    pub kind: EdgeKind,
    /// Every place the edge is declared (an event published in a spec and sent in an AsyncAPI
    /// document is one edge), the first first.
    pub declarations: Vec<Span>,
    /// The model's dependency, for dependency edges.
    pub dependency: Option<usize>,
}

#[derive(Debug)]
pub struct ArchitectureGraph {
    pub graph: DiGraph<Node, Edge>,
    /// The node of each service, by `ServiceId`.
    pub services: Vec<NodeIndex>,
    /// Sync dependencies only, one node per service (`NodeIndex(i)` is `ServiceId(i)`), each edge
    /// weighted by the index of its dependency in the model.
    pub sync: DiGraph<ServiceId, usize>,
    /// The strongly connected components of `sync`, in petgraph's reverse topological order.
    pub sync_components: Vec<Vec<NodeIndex>>,
}

impl ArchitectureGraph {
    pub fn build(model: &Model) -> ArchitectureGraph {
        let mut event_names: Vec<&str> = model
            .publications
            .iter()
            .chain(&model.subscriptions)
            .map(|usage| usage.event.value.as_str())
            .collect();
        event_names.sort_unstable();
        event_names.dedup();
        let mut application_names: Vec<&str> = model
            .publications
            .iter()
            .chain(&model.subscriptions)
            .filter_map(|usage| match &usage.party {
                Party::Application(name) => Some(name.as_str()),
                Party::Service(_) => None,
            })
            .collect();
        application_names.sort_unstable();
        application_names.dedup();
        // Sized for what it will hold (named stores at most once per use), rather than grown by
        // doubling, copying each time.
        let store_uses: usize = model
            .services
            .iter()
            .flat_map(|service| &service.data_stores)
            .filter(|store| matches!(store, DataStore::Named { .. }))
            .count();
        let event_uses = model.publications.len() + model.subscriptions.len();
        let mut graph = DiGraph::with_capacity(
            model.services.len() + event_names.len() + application_names.len() + store_uses,
            model.dependencies.len() + event_uses + store_uses,
        );
        let services: Vec<NodeIndex> = model
            .ids()
            .map(|id| graph.add_node(Node::Service(id)))
            .collect();
        let mut sync = DiGraph::with_capacity(model.services.len(), model.dependencies.len());
        for id in model.ids() {
            sync.add_node(id);
        }
        for (index, dependency) in model.dependencies.iter().enumerate() {
            let kind = match dependency.communication {
                Communication::Sync => EdgeKind::Sync,
                Communication::Async => EdgeKind::Async,
            };
            graph.add_edge(
                services[dependency.from.0],
                services[dependency.to.0],
                Edge {
                    kind,
                    declarations: vec![dependency.declared_at()],
                    dependency: Some(index),
                },
            );
            if kind == EdgeKind::Sync {
                sync.add_edge(
                    NodeIndex::new(dependency.from.0),
                    NodeIndex::new(dependency.to.0),
                    index,
                );
            }
        }
        // Events and named stores in name order, so node numbers do not depend on file order.
        let mut events: BTreeMap<&str, NodeIndex> = BTreeMap::new();
        for name in event_names {
            events.insert(name, graph.add_node(Node::Event(name.to_string())));
        }
        let mut applications: BTreeMap<&str, NodeIndex> = BTreeMap::new();
        for name in application_names {
            applications.insert(name, graph.add_node(Node::Application(name.to_string())));
        }
        // One edge per (party, event, direction), carrying each declaration of it.
        let mut uses: Vec<(NodeIndex, NodeIndex, EdgeKind, Vec<Span>)> = Vec::new();
        let mut use_positions: HashMap<(NodeIndex, NodeIndex, EdgeKind), usize> = HashMap::new();
        for (usages, kind) in [
            (&model.publications, EdgeKind::Publishes),
            (&model.subscriptions, EdgeKind::Subscribes),
        ] {
            for usage in usages {
                let service = match &usage.party {
                    Party::Service(id) => services[id.0],
                    Party::Application(name) => applications[name.as_str()],
                };
                let event = events[usage.event.value.as_str()];
                let (from, to) = match kind {
                    EdgeKind::Publishes => (service, event),
                    _ => (event, service),
                };
                match use_positions.get(&(from, to, kind)) {
                    Some(&position) => uses[position].3.push(usage.event.span),
                    None => {
                        use_positions.insert((from, to, kind), uses.len());
                        uses.push((from, to, kind, vec![usage.event.span]));
                    }
                }
            }
        }
        for (from, to, kind, declarations) in uses {
            graph.add_edge(
                from,
                to,
                Edge {
                    kind,
                    declarations,
                    dependency: None,
                },
            );
        }
        let mut stores: BTreeMap<String, NodeIndex> = BTreeMap::new();
        for id in model.ids() {
            for store in &model.service(id).data_stores {
                if let DataStore::Named { name } = store {
                    let key = crate::model::normalize(&name.value);
                    let node = *stores
                        .entry(key)
                        .or_insert_with(|| graph.add_node(Node::DataStore(name.value.clone())));
                    graph.add_edge(
                        services[id.0],
                        node,
                        Edge {
                            kind: EdgeKind::Uses,
                            declarations: vec![name.span],
                            dependency: None,
                        },
                    );
                }
            }
        }
        // Kosaraju walks with explicit stacks: a chain of 100,000 calls must not overflow the call
        // stack, as a recursive walk (petgraph's Tarjan) does. Its components come in the same
        // order, successors first.
        let sync_components = kosaraju_scc(&sync);
        ArchitectureGraph {
            graph,
            services,
            sync,
            sync_components,
        }
    }

    /// Whether a strongly connected component of `sync` is a cycle: several services, or one
    /// that depends on itself.
    pub fn is_cycle(&self, component: &[NodeIndex]) -> bool {
        component.len() > 1
            || component
                .first()
                .is_some_and(|&node| self.sync.contains_edge(node, node))
    }
}
