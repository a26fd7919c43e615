//! The diagnostic type shared by every stage. Rules produce [`Finding`]s (facts: what and where);
//! the engine turns them into [`Diagnostic`]s by adding policy (severity). Only the renderers know
//! how a diagnostic looks.

use crate::source::Span;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span with something to say about it. Exactly one label of a finding is primary: the place the
/// finding is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Label {
    pub span: Span,
    pub message: String,
    pub primary: bool,
}

/// What a rule found, before policy. Built with [`Finding::new`], which requires the primary label.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    /// The rule's name: borrowed for a built-in rule, owned for one loaded at run time.
    pub rule: Cow<'static, str>,
    pub message: String,
    pub labels: Vec<Label>,
    /// Most notes and helps are the same words on every finding of a rule: borrowed, not copied
    /// for each of a large run's hundred thousand findings.
    pub notes: Vec<Cow<'static, str>>,
    pub help: Option<Cow<'static, str>>,
    /// The severity the rule's own source gives this place (a Spectral ruleset's `overrides`),
    /// in place of the rule's default; the configuration's setting still wins.
    pub severity: Option<Severity>,
    /// Off here unless the configuration turns the rule on: a Spectral rule not recommended,
    /// found in a file no override of its ruleset turns it on for.
    pub dormant: bool,
}

impl Finding {
    pub fn new(rule: impl Into<Cow<'static, str>>, at: Span, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.into(),
            message: message.into(),
            labels: vec![Label {
                span: at,
                message: String::new(),
                primary: true,
            }],
            notes: Vec::new(),
            help: None,
            severity: None,
            dormant: false,
        }
    }

    /// Sets the text written under the primary label.
    pub fn primary_message(mut self, message: impl Into<String>) -> Self {
        if let Some(label) = self.labels.iter_mut().find(|label| label.primary) {
            label.message = message.into();
        }
        self
    }

    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: false,
        });
        self
    }

    pub fn note(mut self, note: impl Into<Cow<'static, str>>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn primary_span(&self) -> Span {
        self.labels
            .iter()
            .find(|label| label.primary)
            .map(|label| label.span)
            .expect("a finding is built with its primary label")
    }
}

/// A finding with the severity the configuration gives its rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    pub finding: Finding,
    /// What the diagnostic is about, without its line; set by the engine.
    pub subject: Subject,
}

impl Diagnostic {
    pub fn new(severity: Severity, finding: Finding) -> Self {
        Diagnostic {
            severity,
            finding,
            subject: Subject::default(),
        }
    }
}

/// What a diagnostic is about, in words that survive lines moving: the JSON pointer of its
/// primary span in a structured document (list positions written `*`), else the text of that
/// span (`key`), and which of the diagnostics with the same rule, file, key and message it is
/// (`occurrence`, from 0 in file order). The baseline and the fingerprints of the SARIF and
/// GitLab formats are built on it.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Subject {
    pub key: String,
    pub occurrence: u32,
}

impl std::ops::Deref for Diagnostic {
    type Target = Finding;

    fn deref(&self) -> &Finding {
        &self.finding
    }
}
