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
    Candidates::new(candidates, &key).closest(wanted, &key)
}

/// Names prepared once for many "did you mean" questions: each with its compared form and its
/// sorted letters.
pub struct Candidates<'a> {
    entries: Vec<(&'a str, String, Vec<char>)>,
}

impl<'a> Candidates<'a> {
    pub fn new(names: impl IntoIterator<Item = &'a str>, key: impl Fn(&str) -> String) -> Self {
        let entries = names
            .into_iter()
            .map(|name| {
                let compared = key(name);
                let letters = sorted_letters(&compared);
                (name, compared, letters)
            })
            .collect();
        Candidates { entries }
    }

    /// The candidate most similar to `wanted` (compared through the same `key`).
    pub fn closest(&self, wanted: &str, key: impl Fn(&str) -> String) -> Option<&'a str> {
        let wanted = key(wanted);
        let wanted_letters = sorted_letters(&wanted);
        self.entries
            .iter()
            .filter_map(|(name, compared, letters)| {
                // Every edit changes at most one letter of the multiset of letters, so the
                // letters two names do not share bound their distance from below: most
                // candidates are ruled out in linear time, without the quadratic distance.
                let longest = wanted_letters.len().max(letters.len());
                let unshared = longest - shared(&wanted_letters, letters);
                let bound = 1.0 - unshared as f64 / longest.max(1) as f64;
                if bound < MIN_SIMILARITY {
                    return None;
                }
                let similarity = strsim::normalized_damerau_levenshtein(&wanted, compared);
                (similarity >= MIN_SIMILARITY).then_some((similarity, *name))
            })
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
}

fn sorted_letters(text: &str) -> Vec<char> {
    let mut letters: Vec<char> = text.chars().collect();
    letters.sort_unstable();
    letters
}

/// The size of the multiset intersection of two sorted letter lists.
fn shared(a: &[char], b: &[char]) -> usize {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
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
