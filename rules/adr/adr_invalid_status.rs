use crate::diagnostic::Finding;
use crate::model::decisions::SectionKind;
use crate::rules::{Context, Rule, declare_rule, option_strings};
use crate::suggest;

/// The statuses known by default: Nygard's and MADR's five, log4brains' `Draft`, `On hold` (MADR's
/// own log), and `Approved` and `Pending`, which teams write for accepted and proposed.
const STATUSES: &[&str] = &[
    "Proposed",
    "Accepted",
    "Rejected",
    "Deprecated",
    "Superseded",
    "Draft",
    "On hold",
    "Approved",
    "Pending",
];

declare_rule! {
    /// ## What it reports
    /// An architecture decision record whose status is not a known one, and a `Status` section
    /// that says nothing. The known statuses are, by default, Proposed, Accepted, Rejected,
    /// Deprecated, Superseded (Nygard's and MADR's), Draft (log4brains), On hold, Approved and
    /// Pending. A status is compared case-insensitively by its first words, so `Superseded by
    /// ADR-007`, `**Accepted** on 2024-03-01` and `on hold` are known; an adverb before it
    /// qualifies it (`Partly superseded`). adr-tools' `Superceded by` is `Superseded by`, and a
    /// status in German, French, Spanish, Portuguese, Italian or Dutch is the one it translates
    /// (`Akzeptiert`, `Accepté`, `Aceito`, `Abgelöst (Superseded)`). The
    /// status is the first line of the `## Status` section (past a `Status:` written again
    /// there), the rest of a `## Status: Accepted` heading, or a `Status: Accepted` line under
    /// the title (MADR 2's `* Status: accepted`) or in the front matter (MADR 3 and 4), or the
    /// second cell of a `| Status | Accepted |` row of a table under the title (not the header
    /// of a legend of statuses, `| Status | Meaning |` over `| Proposed | under discussion |`).
    ///
    /// ## Why it matters
    /// Readers and tools sort and filter decisions by status; a status outside the known set
    /// hides whether the decision holds, and a misspelt one (`Acepted`) escapes every filter.
    ///
    /// ## Example
    /// ```markdown
    /// ## Status
    /// Acepted
    /// ```
    ///
    /// ## Fix
    /// Use a known status: `Accepted`. Where the team has statuses of its own, list them in the
    /// rule's options.
    ///
    /// ## Options
    /// `statuses`: the known statuses, replacing the default list (a status of several words,
    /// `On hold`, is matched by all of them):
    ///
    /// ```yaml
    /// rules:
    ///   adr-invalid-status: {options: {statuses: [Proposed, Accepted, Superseded, In review]}}
    /// ```
    pub struct AdrInvalidStatus {
        name: "adr-invalid-status",
        family: Adr,
        severity: Error,
        summary: "an ADR status that is not a known one (default Proposed, Accepted, Rejected, Deprecated, Superseded, Draft, On hold, Approved, Pending)",
        options: [("statuses", crate::config::OptionKind::Names)],
    }
}

const NOTE: &str = "readers and tools sort and filter decisions by status; an unknown one hides whether the decision holds";

impl Rule for AdrInvalidStatus {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let statuses = option_strings(context.options, "statuses", STATUSES);
        let known_words: Vec<Vec<String>> = statuses.iter().map(|status| words(status)).collect();
        let known = statuses.join(", ");
        let mut findings = Vec::new();
        for decision in &context.model.decisions.records {
            match &decision.status {
                Some(status) => {
                    let written = unqualified(words(&status.value));
                    if known_words
                        .iter()
                        .any(|known| !known.is_empty() && written.starts_with(known))
                    {
                        continue;
                    }
                    let shown = status.value.replace(['*', '`'], "");
                    let first = written.first().map_or("", String::as_str);
                    let closest = suggest::closest(
                        first,
                        statuses.iter().map(String::as_str),
                        str::to_lowercase,
                    );
                    let help = match closest {
                        Some(closest) => format!(
                            "did you mean `{closest}`? The statuses are {known}; a team's own go in the rule's `statuses` option"
                        ),
                        None => format!(
                            "use one of {known}, or add this one to the rule's `statuses` option"
                        ),
                    };
                    findings.push(
                        Finding::new(
                            Self::NAME,
                            status.span,
                            format!("unknown status `{}` in {}", shown.trim(), decision.name()),
                        )
                        .primary_message("not a known status")
                        .note(NOTE)
                        .help(help),
                    );
                }
                None => {
                    if let Some(section) = decision.section(SectionKind::Status) {
                        findings.push(
                            Finding::new(
                                Self::NAME,
                                section.heading.span,
                                format!("empty `Status` section in {}", decision.name()),
                            )
                            .primary_message("no status follows")
                            .note(NOTE)
                            .help(format!(
                                "write the status on the line after the heading: one of {known}"
                            )),
                        );
                    }
                }
            }
        }
        findings
    }
}

/// The words of a status, lowercase, past any markup (`**Accepted**`, `~~Proposed~~`,
/// `[Superseded]`, `on-hold`). `Superceded` is adr-tools' spelling of `Superseded`: `adr new -s`
/// writes it. A status written in German, French, Spanish, Portuguese, Italian or Dutch is the
/// status it translates (`Akzeptiert`, `Accepté`, `Aceito`: `accepted`).
fn words(status: &str) -> Vec<String> {
    status
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            let word = word.to_lowercase();
            match translated(&word) {
                Some(english) => english.to_string(),
                None => word,
            }
        })
        .collect()
}

/// The status a word means, where it is a known status in another spelling or language.
fn translated(word: &str) -> Option<&'static str> {
    Some(match word {
        "superceded" => "superseded",
        // German, French, Spanish, Portuguese, Italian, Dutch.
        "vorgeschlagen" | "proposé" | "proposée" | "propuesto" | "propuesta" | "proposto"
        | "proposta" | "voorgesteld" => "proposed",
        "akzeptiert" | "angenommen" | "accepté" | "acceptée" | "accepte" | "acceptee"
        | "aceptado" | "aceptada" | "aceito" | "aceita" | "aceite" | "accettato" | "accettata"
        | "geaccepteerd" => "accepted",
        "abgelehnt" | "verworfen" | "rejeté" | "rejetée" | "rejete" | "rejetee" | "refusé"
        | "refusée" | "rechazado" | "rechazada" | "rejeitado" | "rejeitada" | "rifiutato"
        | "rifiutata" | "afgewezen" | "afgekeurd" => "rejected",
        "veraltet" | "déprécié" | "dépréciée" | "obsolète" | "obsoleto" | "obsoleta"
        | "depreciado" | "depreciada" | "deprecato" | "deprecata" | "verouderd" => "deprecated",
        "abgelöst" | "ersetzt" | "remplacé" | "remplacée" | "remplace" | "remplacee"
        | "reemplazado" | "reemplazada" | "sustituido" | "sustituida" | "substituído"
        | "substituída" | "substituido" | "substituida" | "sostituito" | "sostituita"
        | "vervangen" => "superseded",
        "entwurf" | "brouillon" | "borrador" | "rascunho" | "bozza" => "draft",
        "genehmigt" | "approuvé" | "approuvée" | "aprobado" | "aprobada" | "aprovado"
        | "aprovada" | "approvato" | "approvata" | "goedgekeurd" => "approved",
        "pendiente" | "pendente" => "pending",
        _ => return None,
    })
}

/// The words without an adverb that qualifies the status (`partly superseded`).
fn unqualified(mut words: Vec<String>) -> Vec<String> {
    if words.len() > 1 && words[0].len() > 2 && words[0].ends_with("ly") {
        words.remove(0);
    }
    words
}
