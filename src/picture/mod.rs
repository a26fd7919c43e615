//! The picture: the architecture graph drawn for people (`archlint graph`). Services are nodes
//! grouped by `domain`, sync edges solid, async edges dashed, events and named data stores
//! optional, and every edge that takes part in a violation (an error or a warning) highlighted. One picture is built,
//! then each format (one file each) draws it.

mod dot;
mod focus;
mod json;
mod mermaid;

pub use mermaid::MAX_EDGES as MERMAID_MAX_EDGES;

use crate::diagnostic::Severity;
use crate::graph::{EdgeKind, Node};
use crate::pipeline::Analysis;
use crate::source::Span;
use clap::ValueEnum;
use serde::Serialize;
use std::collections::HashSet;
use std::io::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PictureFormat {
    /// Graphviz: `dot -Tsvg`
    Dot,
    /// Mermaid flowchart: renders on GitHub as is, up to 500 edges
    Mermaid,
    /// Nodes and edges as JSON
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Service,
    Event,
    /// An AsyncAPI application that is no defined service.
    Application,
    DataStore,
}

#[derive(Clone, Debug, Serialize)]
pub struct PictureNode {
    /// A stable identifier: `s0`, `e0`, `a0`, `d0`.
    pub id: String,
    pub label: String,
    pub kind: NodeKind,
    /// The service's `domain`, the group it is drawn in.
    pub group: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Line {
    Sync,
    Async,
    Publishes,
    Subscribes,
    Uses,
}

impl Line {
    fn is_dashed(self) -> bool {
        matches!(self, Line::Async | Line::Publishes | Line::Subscribes)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct PictureEdge {
    pub from: String,
    pub to: String,
    pub line: Line,
    /// Whether the edge takes part in a diagnostic at or above the highlighted severity.
    pub highlighted: bool,
    /// In a collapsed picture, how many edges this one stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Picture {
    pub nodes: Vec<PictureNode>,
    pub edges: Vec<PictureEdge>,
}

impl Picture {
    /// Draws the analysed architecture, highlighting the edges in an error; events and data
    /// stores only when asked for.
    pub fn new(analysis: &Analysis, events: bool, data_stores: bool) -> Picture {
        Picture::highlighting(analysis, events, data_stores, Severity::Error)
    }

    /// Draws the analysed architecture, highlighting the edges in a diagnostic at or above
    /// `highlight`. A warning on every edge (`missing-failure-handling`) would otherwise make
    /// every edge red, so the default is errors only.
    pub fn highlighting(
        analysis: &Analysis,
        events: bool,
        data_stores: bool,
        highlight: Severity,
    ) -> Picture {
        let (model, graph) = (&analysis.model, &analysis.graph);
        let flagged: HashSet<Span> = analysis
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity >= highlight)
            .flat_map(|diagnostic| diagnostic.labels.iter().map(|label| label.span))
            .collect();
        let mut ids = vec![None; graph.graph.node_count()];
        let mut nodes = Vec::new();
        let (mut services, mut events_seen, mut applications, mut stores) = (0, 0, 0, 0);
        for index in graph.graph.node_indices() {
            let (id, label, kind, group) = match &graph.graph[index] {
                Node::Service(service) => {
                    let service = model.service(*service);
                    services += 1;
                    let id = format!("s{}", services - 1);
                    (
                        id,
                        service.name.value.clone(),
                        NodeKind::Service,
                        service.domain.clone(),
                    )
                }
                Node::Event(name) if events => {
                    events_seen += 1;
                    (
                        format!("e{}", events_seen - 1),
                        name.clone(),
                        NodeKind::Event,
                        None,
                    )
                }
                // An application takes part in events only: drawn with them.
                Node::Application(name) if events => {
                    applications += 1;
                    (
                        format!("a{}", applications - 1),
                        name.clone(),
                        NodeKind::Application,
                        None,
                    )
                }
                Node::DataStore(name) if data_stores => {
                    stores += 1;
                    (
                        format!("d{}", stores - 1),
                        name.clone(),
                        NodeKind::DataStore,
                        None,
                    )
                }
                _ => continue,
            };
            ids[index.index()] = Some(id.clone());
            nodes.push(PictureNode {
                id,
                label,
                kind,
                group,
            });
        }
        let edges = graph
            .graph
            .edge_indices()
            .filter_map(|edge| {
                let (from, to) = graph.graph.edge_endpoints(edge)?;
                let weight = &graph.graph[edge];
                let declarations = match weight.dependency {
                    Some(index) => model.dependencies[index].declarations.as_slice(),
                    None => weight.declarations.as_slice(),
                };
                Some(PictureEdge {
                    from: ids[from.index()].clone()?,
                    to: ids[to.index()].clone()?,
                    line: match weight.kind {
                        EdgeKind::Sync => Line::Sync,
                        EdgeKind::Async => Line::Async,
                        EdgeKind::Publishes => Line::Publishes,
                        EdgeKind::Subscribes => Line::Subscribes,
                        EdgeKind::Uses => Line::Uses,
                    },
                    highlighted: declarations.iter().any(|span| flagged.contains(span)),
                    count: None,
                })
            })
            .collect();
        Picture { nodes, edges }
    }

    /// The services' groups (domains) in name order, each with its nodes.
    fn groups(&self) -> Vec<(Option<&str>, Vec<&PictureNode>)> {
        let mut groups: std::collections::BTreeMap<Option<&str>, Vec<&PictureNode>> =
            Default::default();
        for node in &self.nodes {
            groups.entry(node.group.as_deref()).or_default().push(node);
        }
        groups.into_iter().collect()
    }

    pub fn write(&self, format: PictureFormat, out: &mut dyn Write) -> io::Result<()> {
        match format {
            PictureFormat::Dot => dot::write(self, out),
            PictureFormat::Mermaid => mermaid::write(self, out),
            PictureFormat::Json => json::write(self, out),
        }
    }
}
