//! "Did you mean": the candidate closest to a name that matches nothing, when it is close enough
//! to be a typo rather than another name.

/// How similar (normalised Damerau-Levenshtein, 1.0 = equal) a candidate must be: `Auth Servce`
/// finds `Auth Service` (0.92), `Payment Service` does not find `Product Service` (0.67).
const MIN_SIMILARITY: f64 = 0.8;

/// The candidate most similar to `wanted`, both compared through `key`.
pub fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    key: impl Fn(&str) -> String,
) -> Option<&'a str> {
    let wanted = key(wanted);
    candidates
        .into_iter()
        .map(|candidate| {
            (
                strsim::normalized_damerau_levenshtein(&wanted, &key(candidate)),
                candidate,
            )
        })
        .filter(|(similarity, _)| *similarity >= MIN_SIMILARITY)
        // Most similar first; the earliest candidate among equals, for a stable answer.
        .fold(
            None,
            |best: Option<(f64, &str)>, (similarity, candidate)| match best {
                Some((best_similarity, _)) if best_similarity >= similarity => best,
                _ => Some((similarity, candidate)),
            },
        )
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn typos_find_their_name_and_other_names_do_not() {
        let services = ["Auth Service", "Product Service", "Order Service"];
        let normal = crate::model::normalize;
        assert_eq!(
            closest("Auth Servce", services, normal),
            Some("Auth Service")
        );
        assert_eq!(
            closest("auth_service", services, normal),
            Some("Auth Service")
        );
        assert_eq!(closest("Payment Service", services, normal), None);
        assert_eq!(closest("API Gateway", services, normal), None);
        let rules = ["parse-error", "duplicate-key"];
        assert_eq!(
            closest("parse-eror", rules, str::to_string),
            Some("parse-error")
        );
        assert_eq!(
            closest("duplicate-keys", rules, str::to_string),
            Some("duplicate-key")
        );
        assert_eq!(closest("frobnicate", rules, str::to_string), None);
    }
}
