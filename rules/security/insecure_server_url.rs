use crate::diagnostic::Finding;
use crate::load::kind::DocumentKind;
use crate::rules::{Context, Rule, declare_rule};
use crate::value::Value;

declare_rule! {
    /// ## What it reports
    /// A server URL of an OpenAPI (3.x `servers[].url`) or AsyncAPI document (2.x `url`, 3.x
    /// `host` with its `protocol`) that uses `http://` or `ws://` to a host other than
    /// `localhost` or a loopback address (`127.0.0.1`, `[::1]`). A URL whose scheme or host is a
    /// server variable is not judged.
    ///
    /// ## Why it matters
    /// Plain HTTP and WebSocket traffic can be read and changed by anyone on the path; tokens
    /// and personal data sent over it are disclosed.
    ///
    /// ## Example
    /// ```yaml
    /// servers:
    ///   - url: http://api.example.com/v1
    /// ```
    ///
    /// ## Fix
    /// Use `https://` (or `wss://`); keep `http://` for `localhost` only.
    ///
    /// ## Options
    /// None.
    pub struct InsecureServerUrl {
        name: "insecure-server-url",
        family: Security,
        severity: Warning,
        summary: "an API server URL with `http://` or `ws://` to a host other than localhost",
    }
}

/// The scheme and host of a URL when it is plain HTTP or WebSocket to a host that is not the
/// local machine.
fn insecure(url: &str) -> Option<(&'static str, String)> {
    let lower = url.trim().to_ascii_lowercase();
    let (scheme, rest) = if let Some(rest) = lower.strip_prefix("http://") {
        ("http", rest)
    } else if let Some(rest) = lower.strip_prefix("ws://") {
        ("ws", rest)
    } else {
        return None;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if host_port.starts_with('[') {
        host_port.split(']').next().map(|h| format!("{h}]"))?
    } else {
        host_port.split(':').next().unwrap_or("").to_string()
    };
    let local = host.is_empty()
        || host.contains('{')
        || host == "localhost"
        || host.ends_with(".localhost")
        || host.starts_with("127.")
        || host == "[::1]";
    (!local).then_some((scheme, host))
}

impl Rule for InsecureServerUrl {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut report = |url: String, span, what: &str| {
            if let Some((scheme, host)) = insecure(&url) {
                findings.push(
                    Finding::new(
                        Self::NAME,
                        span,
                        format!("{what} `{url}` uses `{scheme}://` to `{host}`"),
                    )
                    .primary_message("not encrypted")
                    .note("plain HTTP and WebSocket traffic can be read and changed on the way; tokens and personal data sent over it are disclosed")
                    .help(format!("use `{scheme}s://`; keep `{scheme}://` for `localhost`")),
                );
            }
        };
        for document in &context.workspace.documents {
            match document.kind {
                DocumentKind::OpenApi => {
                    let Some(Value::Array(servers)) = document.value.get("servers") else {
                        continue;
                    };
                    for (position, server) in servers.iter().enumerate() {
                        if let Some(url) = server.get("url").and_then(Value::as_str) {
                            let at = format!("/servers/{position}/url");
                            report(url.to_string(), document.focus(&at), "server URL");
                        }
                    }
                }
                DocumentKind::AsyncApi => {
                    let Some(Value::Object(servers)) = document.value.get("servers") else {
                        continue;
                    };
                    for (name, server) in servers {
                        let mut base = "/servers".to_string();
                        crate::load::document::push_pointer_token(&mut base, name);
                        let protocol = server.get("protocol").and_then(Value::as_str);
                        let (key, written) = match (server.get("url"), server.get("host")) {
                            (Some(Value::String(url)), _) => ("url", url.as_str()),
                            (_, Some(Value::String(host))) => ("host", host.as_str()),
                            _ => continue,
                        };
                        let url = if written.contains("://") {
                            written.to_string()
                        } else {
                            match protocol {
                                Some(protocol) => format!("{protocol}://{written}"),
                                None => continue,
                            }
                        };
                        let span = document.focus(&format!("{base}/{key}"));
                        report(url, span, "server address");
                    }
                }
                _ => {}
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::insecure;

    #[test]
    fn loopback_and_tls_pass() {
        for url in [
            "https://api.example.com/v1",
            "http://localhost:8080",
            "http://127.0.0.1/v1",
            "ws://[::1]:9000",
            "http://{host}/v1",
            "wss://broker.example.com",
        ] {
            assert_eq!(insecure(url), None, "{url}");
        }
        assert_eq!(
            insecure("http://api.example.com/v1"),
            Some(("http", "api.example.com".to_string()))
        );
        assert_eq!(
            insecure("ws://user@broker.example.com:80/x"),
            Some(("ws", "broker.example.com".to_string()))
        );
    }
}
