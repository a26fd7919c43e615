use crate::diagnostic::Finding;
use crate::rules::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it reports
    /// A store in the data architecture (`data_stores:`, seed 004) whose key contains `cache`
    /// (`cache`, `session_cache`, `cache_layer`) and that gives no `ttl`.
    ///
    /// ## Why it matters
    /// A cache without an expiry serves stale data for as long as nothing invalidates it, and
    /// grows until memory runs out; how long an entry may live is part of the design, not an
    /// implementation detail.
    ///
    /// ## Example
    /// ```yaml
    /// data_stores:
    ///   product_service:
    ///     cache: {type: Redis, reason: "Hot products"}
    /// ```
    ///
    /// ## Fix
    /// Say how long entries live: `ttl: "5 minutes"` (or how they are invalidated, in words,
    /// next to it).
    ///
    /// ## Options
    /// None.
    pub struct CacheWithoutTtl {
        name: "cache-without-ttl",
        family: Data,
        severity: Warning,
        summary: "a cache in the data architecture with no `ttl`",
    }
}

impl Rule for CacheWithoutTtl {
    fn check(&self, context: &Context<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for architecture in &context.model.standards.data {
            for service in &architecture.services {
                for store in &service.stores {
                    if store.has_ttl || !store.key.value.to_lowercase().contains("cache") {
                        continue;
                    }
                    findings.push(
                        Finding::new(
                            Self::NAME,
                            store.key.span,
                            format!(
                                "cache `{}` of `{}` has no `ttl`",
                                store.key.value, service.key.value
                            ),
                        )
                        .primary_message("no `ttl` in this store")
                        .note("a cache without an expiry serves stale data until something invalidates it, and grows without bound")
                        .help("give the store a `ttl` (e.g. `ttl: \"5 minutes\"`)"),
                    );
                }
            }
        }
        findings
    }
}
