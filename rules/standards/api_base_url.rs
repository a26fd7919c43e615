use super::standard;
use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};
use crate::value::Value;
use regex::Regex;

declare_rule! {
    /// ## What it reports
    /// An OpenAPI server URL that does not have the form of the API standards'
    /// `base_url.format` (`rest_api_guidelines:`, seed 004), taken without its last path
    /// segment when that segment is a placeholder (the `{resource}`): each `{name}` matches one
    /// or more characters other than `/`, scheme and host compare case-insensitively, and a
    /// trailing `/` is ignored. A server URL's own variables are replaced by their defaults; a
    /// relative URL, or one with a variable that has no default, is not judged.
    ///
    /// ## Why it matters
    /// A base URL outside the standard is one clients, gateways and firewall rules do not
    /// expect: a staging host that differs in form from production is configured by hand,
    /// and sooner or later wrongly.
    ///
    /// ## Example
    /// ```yaml
    /// # api_standards.yaml: base_url: {format: "https://api.{domain}.com/v{version}/{resource}"}
    /// servers:
    ///   - url: https://api-staging.example.com/v1
    /// ```
    ///
    /// ## Fix
    /// Give the server a URL of the standard's form (`https://api.staging-example.com/v1`), or
    /// widen the standard's format to the hosts the organisation really uses.
    ///
    /// ## Options
    /// None.
    pub struct ApiBaseUrl {
        name: "api-base-url",
        family: Standards,
        severity: Warning,
        summary: "a server URL that does not follow the API standards' `base_url.format`",
    }
}

/// Splits an absolute URL at the end of its authority: (`https://api.example.com`, `/v1`).
fn split_authority(url: &str) -> Option<(&str, &str)> {
    let scheme_end = url.find("://")? + 3;
    let end = url[scheme_end..]
        .find('/')
        .map_or(url.len(), |position| scheme_end + position);
    Some((&url[..end], &url[end..]))
}

/// The format as a pattern: placeholders match one or more characters other than `/`.
fn pattern(format: &str) -> Option<Regex> {
    let format = format.trim().trim_end_matches('/');
    let format = match format.rsplit_once('/') {
        Some((base, last))
            if last.starts_with('{') && last.ends_with('}') && base.contains("://") =>
        {
            base
        }
        _ => format,
    };
    let (authority, path) = split_authority(format)?;
    let format = format!("{}{path}", authority.to_ascii_lowercase());
    let mut regex = String::from("^");
    let mut rest = format.as_str();
    while let Some(open) = rest.find('{') {
        regex.push_str(&regex::escape(&rest[..open]));
        let close = rest[open..].find('}')? + open;
        regex.push_str("[^/]+");
        rest = &rest[close + 1..];
    }
    regex.push_str(&regex::escape(rest));
    regex.push('$');
    Regex::new(&regex).ok()
}

/// A server URL with its variables' defaults put in; `None` when one has no default.
fn expand(url: &str, server: &Value) -> Option<String> {
    let mut expanded = String::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        expanded.push_str(&rest[..open]);
        let close = rest[open..].find('}')? + open;
        let name = &rest[open + 1..close];
        let default = server
            .get("variables")?
            .get(name)?
            .get("default")?
            .as_str()?;
        expanded.push_str(default);
        rest = &rest[close + 1..];
    }
    expanded.push_str(rest);
    Some(expanded)
}

impl Rule for ApiBaseUrl {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let Some((_, format)) = standard(context, |standard| standard.base_url.as_ref()) else {
            return Vec::new();
        };
        let Some(pattern) = pattern(&format.value) else {
            return Vec::new();
        };
        let mut findings = Vec::new();
        for api in &context.model.apis {
            let document = &context.workspace.documents[api.document];
            let Some(Value::Array(servers)) = document.value.get("servers") else {
                continue;
            };
            for (position, server) in servers.iter().enumerate() {
                let Some(url) = server.get("url").and_then(Value::as_str) else {
                    continue;
                };
                let Some(expanded) = expand(url, server) else {
                    continue;
                };
                let trimmed = expanded.trim().trim_end_matches('/');
                let Some((authority, path)) = split_authority(trimmed) else {
                    continue;
                };
                let compared = format!("{}{path}", authority.to_ascii_lowercase());
                if pattern.is_match(&compared) {
                    continue;
                }
                findings.push(
                    Finding::new(
                        Self::NAME,
                        document.focus(&format!("/servers/{position}/url")),
                        format!(
                            "server URL `{url}` does not follow the API standards' base URL `{}`",
                            format.value
                        ),
                    )
                    .primary_message("another form")
                    .label(format.span, "the base URL the API standards ask for")
                    .note("a base URL outside the standard is one that clients, gateways and firewall rules do not expect")
                    .help("give the server a URL of the standard's form, or widen the standard's format to the hosts really used"),
                );
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::pattern;

    #[test]
    fn the_format_without_its_resource() {
        let pattern = pattern("https://api.{domain}.com/v{version}/{resource}").unwrap();
        assert!(pattern.is_match("https://api.example.com/v1"));
        assert!(!pattern.is_match("https://api-staging.example.com/v1"));
        assert!(!pattern.is_match("https://api.example.com/orders"));
        assert!(!pattern.is_match("https://api.example.com/v1/orders"));
    }
}
