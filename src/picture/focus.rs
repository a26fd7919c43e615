//! Pictures a person can read past a dozen services: the neighbourhood of one service
//! (`--focus NAME --depth N`), one domain with what it touches (`--domain D`), and one node per
//! domain with the edges between domains counted (`--collapse domain`).

use super::{Line, NodeKind, Picture, PictureEdge, PictureNode};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

/// The label of the node that stands for services without a `domain`.
pub const NO_DOMAIN: &str = "(no domain)";

impl Picture {
    /// The nodes within `depth` edges of the service named `name` (either direction, events and
    /// data stores counting as a step), with the edges between them. The name is compared without
    /// case; an unknown name is an error that lists the closest one.
    pub fn focus(self, name: &str, depth: usize) -> Result<Picture, String> {
        let Some(start) = self
            .nodes
            .iter()
            .find(|node| node.kind == NodeKind::Service && node.label.eq_ignore_ascii_case(name))
            .map(|node| node.id.clone())
        else {
            let services = self
                .nodes
                .iter()
                .filter(|node| node.kind == NodeKind::Service)
                .map(|node| node.label.as_str());
            let hint = crate::suggest::closest(name, services, str::to_string)
                .map(|close| format!("; did you mean `{close}`?"))
                .unwrap_or_default();
            return Err(format!("no service is named `{name}`{hint}"));
        };
        let mut neighbours: HashMap<&str, Vec<&str>> = HashMap::new();
        for edge in &self.edges {
            neighbours.entry(&edge.from).or_default().push(&edge.to);
            neighbours.entry(&edge.to).or_default().push(&edge.from);
        }
        let mut distance: HashMap<&str, usize> = HashMap::from([(start.as_str(), 0)]);
        let mut queue = VecDeque::from([start.as_str()]);
        while let Some(node) = queue.pop_front() {
            let next = distance[node] + 1;
            if next > depth {
                continue;
            }
            for &neighbour in neighbours.get(node).into_iter().flatten() {
                if !distance.contains_key(neighbour) {
                    distance.insert(neighbour, next);
                    queue.push_back(neighbour);
                }
            }
        }
        let kept: HashSet<String> = distance.keys().map(|id| id.to_string()).collect();
        Ok(self.keep(&kept))
    }

    /// The services of `domain` and every node one edge away from them, with the edges that
    /// touch the domain's services. An unknown domain is an error that lists the known ones.
    pub fn domain(self, domain: &str) -> Result<Picture, String> {
        let inside: HashSet<String> = self
            .nodes
            .iter()
            .filter(|node| node.group.as_deref() == Some(domain))
            .map(|node| node.id.clone())
            .collect();
        if inside.is_empty() {
            let domains: std::collections::BTreeSet<&str> = self
                .nodes
                .iter()
                .filter_map(|node| node.group.as_deref())
                .collect();
            let known = if domains.is_empty() {
                "no service has a `domain`".to_string()
            } else {
                let quoted: Vec<String> = domains.iter().map(|name| format!("`{name}`")).collect();
                format!("the domains are {}", quoted.join(", "))
            };
            return Err(format!("no service is in the domain `{domain}`; {known}"));
        }
        let mut kept = inside.clone();
        for edge in &self.edges {
            if inside.contains(&edge.from) {
                kept.insert(edge.to.clone());
            }
            if inside.contains(&edge.to) {
                kept.insert(edge.from.clone());
            }
        }
        let mut picture = self.keep(&kept);
        picture
            .edges
            .retain(|edge| inside.contains(&edge.from) || inside.contains(&edge.to));
        Ok(picture)
    }

    /// One node per domain (`(no domain)` for services without one) labelled with its number of
    /// services, and one edge per pair of nodes and kind of line, labelled with how many edges it
    /// stands for and highlighted when any of them is. Edges inside a domain are left out; events
    /// and data stores stay as they are.
    pub fn collapse_domains(self) -> Picture {
        let mut domains: BTreeMap<String, usize> = BTreeMap::new();
        for node in &self.nodes {
            if node.kind == NodeKind::Service {
                *domains
                    .entry(node.group.clone().unwrap_or_else(|| NO_DOMAIN.to_string()))
                    .or_default() += 1;
            }
        }
        let domain_ids: HashMap<String, String> = domains
            .keys()
            .enumerate()
            .map(|(index, name)| (name.clone(), format!("g{index}")))
            .collect();
        let mut owner: HashMap<String, String> = HashMap::new();
        for node in &self.nodes {
            let id = if node.kind == NodeKind::Service {
                let domain = node.group.as_deref().unwrap_or(NO_DOMAIN);
                domain_ids[domain].clone()
            } else {
                node.id.clone()
            };
            owner.insert(node.id.clone(), id);
        }
        let mut nodes: Vec<PictureNode> = domains
            .iter()
            .map(|(name, services)| PictureNode {
                id: domain_ids[name].clone(),
                label: format!(
                    "{name} ({services} service{})",
                    if *services == 1 { "" } else { "s" }
                ),
                kind: NodeKind::Service,
                group: None,
            })
            .collect();
        nodes.extend(
            self.nodes
                .into_iter()
                .filter(|node| node.kind != NodeKind::Service),
        );
        let mut merged: BTreeMap<(String, String, LineKey), (usize, bool)> = BTreeMap::new();
        let mut order: Vec<(String, String, LineKey)> = Vec::new();
        for edge in self.edges {
            let (from, to) = (owner[&edge.from].clone(), owner[&edge.to].clone());
            if from == to {
                continue;
            }
            let key = (from, to, LineKey(edge.line));
            let entry = merged.entry(key.clone()).or_insert_with(|| {
                order.push(key);
                (0, false)
            });
            entry.0 += edge.count.unwrap_or(1);
            entry.1 |= edge.highlighted;
        }
        let edges = order
            .into_iter()
            .map(|key| {
                let (count, highlighted) = merged[&key];
                PictureEdge {
                    from: key.0,
                    to: key.1,
                    line: key.2.0,
                    highlighted,
                    count: Some(count),
                }
            })
            .collect();
        Picture { nodes, edges }
    }

    /// The picture with only the nodes in `kept` and the edges between them.
    fn keep(mut self, kept: &HashSet<String>) -> Picture {
        self.nodes.retain(|node| kept.contains(&node.id));
        self.edges
            .retain(|edge| kept.contains(&edge.from) && kept.contains(&edge.to));
        self
    }
}

/// A line kind as a map key, in the order the kinds are declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LineKey(Line);

impl LineKey {
    fn rank(self) -> u8 {
        match self.0 {
            Line::Sync => 0,
            Line::Async => 1,
            Line::Publishes => 2,
            Line::Subscribes => 3,
            Line::Uses => 4,
        }
    }
}

impl PartialOrd for LineKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for LineKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank())
    }
}
