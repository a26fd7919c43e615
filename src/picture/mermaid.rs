//! A Mermaid flowchart, which GitHub renders in Markdown as is.

use super::{Line, NodeKind, Picture};
use crate::report::visible;
use std::io::{self, Write};

/// Mermaid labels are quoted; what Mermaid would read inside one is written as an entity: a
/// quote; `#`, which starts one (a name with `#amp;` in it would show `&`); `%`, since `%%{…}%%`
/// is a directive wherever it is and `%%` starts a comment line; `<` and `>`, since a label is
/// HTML; a backtick, which makes a label Markdown. A line break is Mermaid's own, `<br>`: a raw
/// one would end the statement (and a next line starting `%%` be dropped); another control
/// character or bidirectional override is its escape (see [`visible`]).
fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '%' => out.push_str("#37;"),
            '<' => out.push_str("#60;"),
            '>' => out.push_str("#62;"),
            '`' => out.push_str("#96;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push_str("<br>"),
            c if visible::is_hidden(c) => visible::push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// How many edges Mermaid draws by default (`maxEdges`), GitHub's renderer too: a larger
/// flowchart is refused whole.
pub const MAX_EDGES: usize = 500;

pub fn write(picture: &Picture, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "flowchart LR")?;
    for (index, (group, nodes)) in picture.groups().into_iter().enumerate() {
        let indent = if group.is_some() { "    " } else { "  " };
        if let Some(group) = group {
            writeln!(
                out,
                "  subgraph {}[\"{}\"]",
                slug(index, group),
                label(group)
            )?;
        }
        for node in nodes {
            let text = label(&node.label);
            let shape = match node.kind {
                NodeKind::Service => format!("[\"{text}\"]"),
                NodeKind::Event => format!("([\"{text}\"])"),
                NodeKind::Application => format!("[[\"{text}\"]]"),
                NodeKind::DataStore => format!("[(\"{text}\")]"),
            };
            writeln!(out, "{indent}{}{shape}", node.id)?;
        }
        if group.is_some() {
            writeln!(out, "  end")?;
        }
    }
    let mut highlighted = Vec::new();
    for (index, edge) in picture.edges.iter().enumerate() {
        let arrow = match edge.line {
            Line::Uses => "---",
            line if line.is_dashed() => "-.->",
            _ => "-->",
        };
        match edge.count {
            Some(count) => writeln!(out, "  {} {arrow}|{count}| {}", edge.from, edge.to)?,
            None => writeln!(out, "  {} {arrow} {}", edge.from, edge.to)?,
        }
        if edge.highlighted {
            highlighted.push(index.to_string());
        }
    }
    if !highlighted.is_empty() {
        writeln!(
            out,
            "  linkStyle {} stroke:#d62728,stroke-width:3px",
            highlighted.join(",")
        )?;
    }
    Ok(())
}

/// A subgraph identifier: letters, digits and `_` only, numbered by the group's place, since
/// names that differ only in other characters (`a b`, `a-b`, `決済`) would share one.
fn slug(index: usize, text: &str) -> String {
    let slug: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("domain_{index}_{slug}")
}
