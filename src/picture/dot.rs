//! Graphviz DOT: `archlint graph --format dot | dot -Tsvg > architecture.svg`.

use super::{Line, NodeKind, Picture};
use crate::report::visible;
use std::io::{self, Write};

/// A DOT string: `\` and `"` escaped; a line break as DOT's `\n` (a label's centred line break),
/// since a raw one spreads the statement over lines and reaches a terminal as it is; another
/// control character or bidirectional override as its escape (see [`visible`]), its backslash
/// escaped so that the label shows it.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
            c if visible::is_hidden(c) => {
                let mut escape = String::new();
                visible::push_escape(&mut escape, c);
                out.push_str(&escape.replace('\\', "\\\\"));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn write(picture: &Picture, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "digraph architecture {{")?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(
        out,
        "  node [shape=box, style=rounded, fontname=\"Helvetica\"];"
    )?;
    for (position, (group, nodes)) in picture.groups().into_iter().enumerate() {
        let indent = if group.is_some() { "    " } else { "  " };
        if let Some(group) = group {
            writeln!(out, "  subgraph cluster_{position} {{")?;
            writeln!(out, "    label={};", quoted(group))?;
        }
        for node in nodes {
            let shape = match node.kind {
                NodeKind::Service => "",
                NodeKind::Event => ", shape=ellipse, style=dashed",
                NodeKind::Application => ", style=\"rounded,dashed\"",
                NodeKind::DataStore => ", shape=cylinder, style=solid",
            };
            writeln!(
                out,
                "{indent}{} [label={}{shape}];",
                node.id,
                quoted(&node.label)
            )?;
        }
        if group.is_some() {
            writeln!(out, "  }}")?;
        }
    }
    for edge in &picture.edges {
        let mut attributes = Vec::new();
        if edge.line.is_dashed() {
            attributes.push("style=dashed");
        }
        if edge.line == Line::Uses {
            attributes.push("arrowhead=none");
        }
        if edge.highlighted {
            attributes.push("color=\"#d62728\", penwidth=2.5");
        }
        let count = edge.count.map(|count| format!("label=\"{count}\""));
        attributes.extend(count.as_deref());
        let attributes = if attributes.is_empty() {
            String::new()
        } else {
            format!(" [{}]", attributes.join(", "))
        };
        writeln!(out, "  {} -> {}{attributes};", edge.from, edge.to)?;
    }
    writeln!(out, "}}")
}
