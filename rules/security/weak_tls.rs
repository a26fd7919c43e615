use crate::diagnostic::Finding;
use crate::model::standards::TlsVersion;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A TLS or SSL version below TLS 1.2 named in the security architecture
    /// (`security_layers:`, seed 004): `SSLv3`, `TLS 1.0`, `TLSv1.1`. A text that says the
    /// version is turned off (`TLS 1.0 disabled`, `no SSL`) is not reported.
    ///
    /// ## Why it matters
    /// SSL and TLS 1.0 and 1.1 have known attacks and are deprecated (RFC 8996); PCI DSS and
    /// most compliance regimes forbid them.
    ///
    /// ## Example
    /// ```yaml
    /// security_layers:
    ///   network_security:
    ///     tls: {version: "TLS 1.1"}
    /// ```
    ///
    /// ## Fix
    /// Require TLS 1.2 at least, TLS 1.3 where clients allow it.
    ///
    /// ## Options
    /// None.
    pub struct WeakTls {
        name: "weak-tls",
        family: Security,
        severity: Error,
        summary: "a TLS or SSL version below TLS 1.2 in the security architecture",
    }
}

impl Rule for WeakTls {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for security in &context.model.standards.security {
            for (text, version) in &security.tls {
                let weak = match version {
                    TlsVersion::Ssl => true,
                    TlsVersion::Tls(major, minor) => (*major, *minor) < (1, 2),
                };
                if !weak {
                    continue;
                }
                findings.push(
                    Finding::new(
                        Self::NAME,
                        text.span,
                        format!("`{}` names a protocol version below TLS 1.2", text.value),
                    )
                    .primary_message("too old")
                    .note(
                        "SSL and TLS 1.0 and 1.1 have known attacks and are deprecated (RFC 8996)",
                    )
                    .help("require TLS 1.2 at least, TLS 1.3 where clients allow it"),
                );
            }
        }
        findings
    }
}
