use crate::diagnostic::Finding;
use crate::load::Workspace;
use crate::model::events::EventSchema;
use crate::rules::{Context, Rule, declare_rule};
use crate::value::Value;
use std::io::Read;
use std::path::Path;

declare_rule! {
    /// ## What it reports
    /// An event schema with no version: its `$id` (`id` in draft-04) has no version segment
    /// (`/v2/`, `/1.0.0/`, `order.created.v1.json`), it has no `version` or `x-version`, and the
    /// event's name has no `.v{N}` suffix (`order.created.v1`), and the path of its file has no
    /// version folder or file name (EventCatalog keeps old versions as
    /// `events/OrderCreated/versioned/0.3.0/schema.json`), nor the event's EventCatalog page
    /// beside the schema (`index.mdx` or `index.md`) a `version:` in its front matter.
    /// Reported at the event's name.
    ///
    /// An AsyncAPI message is versioned by its document: every AsyncAPI document has an
    /// `info.version`, and a consumer of the message reads it in that version of the document. A
    /// message is judged only when the document that defines it has no `info.version` (and the
    /// message no `version` or `x-version` of its own).
    ///
    /// ## Why it matters
    /// Events outlive their producers' deployments: without a version, consumers cannot tell
    /// which shape of the event they receive, and a breaking change cannot ship next to the old
    /// shape.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "$schema": "https://json-schema.org/draft/2020-12/schema",
    ///   "$id": "https://example.com/events/order-created.json",
    ///   "title": "order.created"
    /// }
    /// ```
    ///
    /// ## Fix
    /// Version the schema: an `$id` with a version (`https://example.com/events/order-created/v1.json`),
    /// a `version` (or `x-version`), or a versioned event name (`order.created.v1`).
    ///
    /// ## Options
    /// None.
    pub struct EventSchemaUnversioned {
        name: "event-schema-unversioned",
        family: Event,
        severity: Warning,
        summary: "an event schema with no version: no `$id` with a version segment, no `version` / `x-version`, and no `.v{N}` suffix on the event name",
    }
}

impl Rule for EventSchemaUnversioned {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        context
            .model
            .event_schemas
            .iter()
            .filter(|schema| !is_versioned(context.workspace, schema))
            .map(|schema| {
                let event = &schema.name;
                Finding::new(
                    Self::NAME,
                    event.span,
                    format!("schema of event `{}` has no version", event.value),
                )
                .note("without a version, consumers cannot tell which shape of the event they receive, and a breaking change cannot ship next to the old one")
                .help(format!(
                    "give the schema an `$id` with a version (`.../{}/v1.json`), a `version` (or `x-version`), or name the event `{}.v1`",
                    event.value, event.value
                ))
            })
            .collect()
    }
}

fn is_versioned(workspace: &Workspace, schema: &EventSchema) -> bool {
    if has_version_suffix(&schema.name.value) {
        return true;
    }
    let declares_version = |value: &Value| {
        ["version", "x-version"]
            .iter()
            .any(|key| value.get(key).is_some_and(|version| !version.is_null()))
    };
    let Some(root) = schema.schema.node(workspace) else {
        return false;
    };
    let identified = ["$id", "id"].iter().any(|key| {
        root.value
            .get(key)
            .and_then(Value::as_str)
            .is_some_and(has_version_segment)
    });
    let message = schema
        .message
        .as_ref()
        .and_then(|message| message.node(workspace));
    let file = workspace
        .sources
        .get(workspace.document(schema.schema.document).file);
    let filed_by_version = has_version_segment(&file.name);
    schema.document_version.is_some()
        || filed_by_version
        || identified
        || declares_version(root.value)
        || message.is_some_and(|message| declares_version(message.value))
        || catalog_page_versions(&file.path)
}

/// Whether the event's page beside its schema file gives its version, as EventCatalog keeps
/// it: `events/OrderCreated/index.mdx` (or `index.md`), whose front matter has `version: 1.0.0`.
/// archlint does not read `.mdx` files: the page's first lines are read here, for the schemas
/// that have no version of their own only.
fn catalog_page_versions(schema_file: &Path) -> bool {
    /// Enough for any page's front matter.
    const HEAD: u64 = 16 * 1024;
    let Some(folder) = schema_file.parent() else {
        return false;
    };
    ["index.mdx", "index.md"].iter().any(|page| {
        let path = folder.join(page);
        // Only a regular file is read: a named pipe would wait for a writer.
        if !std::fs::metadata(&path).is_ok_and(|metadata| metadata.is_file()) {
            return false;
        }
        let Ok(file) = std::fs::File::open(&path) else {
            return false;
        };
        let mut head = Vec::new();
        if file.take(HEAD).read_to_end(&mut head).is_err() {
            return false;
        }
        // The head may end inside a character, and the page may open with a byte-order mark.
        let head = String::from_utf8_lossy(&head);
        front_matter_version(head.trim_start_matches('\u{feff}'))
    })
}

/// Whether a page's front matter (between its first two `---` lines) has a `version:` with a
/// value.
fn front_matter_version(page: &str) -> bool {
    let mut lines = page.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return false;
    }
    lines
        .take_while(|line| line.trim_end() != "---")
        .filter_map(|line| line.strip_prefix("version:"))
        .any(|value| !value.trim().trim_matches(['"', '\'']).is_empty())
}

/// `order.created.v1`, `order.created.v12`.
fn has_version_suffix(name: &str) -> bool {
    name.rsplit_once(".v")
        .is_some_and(|(_, number)| is_number(number))
}

/// A URI with a segment that is a version: `v2`, `v1.1`, `1.0.0`, or a file name with a `v{N}`
/// part (`order.created.v1.json`, `order-created-v1.json`). A lone number (`/2024/`) is not one.
fn has_version_segment(uri: &str) -> bool {
    uri.split(['/', '#', ':', '?', '&', '='])
        .any(|segment| is_version(segment) || segment.split(['.', '-', '_']).any(is_v_number))
}

/// `v2`, `v1.1`, `V3`, `1.0`, `1.0.0`.
fn is_version(segment: &str) -> bool {
    let plain = segment.strip_prefix(['v', 'V']);
    let numbers = plain.unwrap_or(segment);
    let parts: Vec<&str> = numbers.split('.').collect();
    let all_numbers = parts.iter().all(|part| is_number(part));
    all_numbers && (plain.is_some() || parts.len() >= 2)
}

/// `v2`, `V10`.
fn is_v_number(part: &str) -> bool {
    part.strip_prefix(['v', 'V']).is_some_and(is_number)
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalog_page_gives_its_version_in_its_front_matter() {
        assert!(front_matter_version(
            "---\nid: OrderCreated\nname: Order created\nversion: 0.0.3\n---\n\n# Order created\n"
        ));
        assert!(front_matter_version("---\r\nversion: '1'\r\n---\r\n"));
        assert!(!front_matter_version(
            "---\nid: OrderCreated\n---\nversion: 1\n"
        ));
        assert!(!front_matter_version("---\nversion: ''\n---\n"));
        assert!(!front_matter_version("# Order created\nversion: 1\n"));
    }

    /// A page is read by its first bytes, which may end inside a character, and may open with a
    /// byte-order mark.
    #[test]
    fn a_long_catalog_page_with_a_byte_order_mark_gives_its_version() {
        let folder = tempfile::tempdir().unwrap();
        // One byte more or less in the front matter moves the end of the head inside an `é`.
        for pad in ["", "X"] {
            let mut page = format!("\u{feff}---\nid: ProductCreated{pad}\nversion: 1.0.0\n---\n\n");
            page.push_str(&"é".repeat(20_000));
            std::fs::write(folder.path().join("index.mdx"), page).unwrap();
            assert!(catalog_page_versions(&folder.path().join("schema.json")));
        }
    }

    #[test]
    fn version_segments_of_ids() {
        for versioned in [
            "https://example.com/events/order.created/v1.json",
            "https://example.com/schemas/v2/order-created.json",
            "https://example.com/events/1.0.0/order.json",
            "https://example.com/events/order.created.v3.json",
            "urn:example:events:order-created:v1",
            "order-created-v2",
        ] {
            assert!(has_version_segment(versioned), "{versioned}");
        }
        for unversioned in [
            "https://example.com/events/order-created.json",
            "https://example.com/2024/order.json",
            "https://example.com/events/vat.json",
            "https://example.com/events/order.created",
        ] {
            assert!(!has_version_segment(unversioned), "{unversioned}");
        }
    }

    #[test]
    fn version_suffixes_of_names() {
        assert!(has_version_suffix("order.created.v1"));
        assert!(has_version_suffix("order.created.v12"));
        assert!(!has_version_suffix("order.created"));
        assert!(!has_version_suffix("order.created.v"));
        assert!(!has_version_suffix("order.v1x"));
    }
}
