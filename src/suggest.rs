//! "Did you mean": the candidate closest to a name that matches nothing, when it is close enough
//! to be a typo rather than another name.

use bk_tree::{BKTree, Metric};

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

/// Names prepared once for many "did you mean" questions, in a BK-tree under the
/// Damerau-Levenshtein distance (a metric), so that a question visits the few names within reach
/// instead of every name.
pub struct Candidates<'a> {
    names: Vec<&'a str>,
    tree: BKTree<Compared, DamerauLevenshtein>,
}

/// A name as compared, and its position among the candidates (ties go to the first).
struct Compared {
    text: String,
    position: usize,
}

struct DamerauLevenshtein;

impl Metric<Compared> for DamerauLevenshtein {
    fn distance(&self, a: &Compared, b: &Compared) -> u32 {
        strsim::damerau_levenshtein(&a.text, &b.text) as u32
    }

    fn threshold_distance(&self, a: &Compared, b: &Compared, threshold: u32) -> Option<u32> {
        let distance = self.distance(a, b);
        (distance <= threshold).then_some(distance)
    }
}

impl<'a> Candidates<'a> {
    pub fn new(names: impl IntoIterator<Item = &'a str>, key: impl Fn(&str) -> String) -> Self {
        let names: Vec<&'a str> = names.into_iter().collect();
        let mut tree = BKTree::new(DamerauLevenshtein);
        for (position, name) in names.iter().enumerate() {
            tree.add(Compared {
                text: key(name),
                position,
            });
        }
        Candidates { names, tree }
    }

    /// The candidate most similar to `wanted` (compared through the same `key`).
    pub fn closest(&self, wanted: &str, key: impl Fn(&str) -> String) -> Option<&'a str> {
        let wanted = Compared {
            text: key(wanted),
            position: usize::MAX,
        };
        // Similarity `1 - d / max(|a|, |b|)` of at least 0.8 needs `d <= 0.2 * max`, and
        // `|b| <= |a| + d`, so `d <= |a| / 4`: nothing farther can be close enough.
        let reach = (wanted.text.chars().count() / 4) as u32;
        self.tree
            .find(&wanted, reach)
            .map(|(_, found)| {
                let similarity = strsim::normalized_damerau_levenshtein(&wanted.text, &found.text);
                (similarity, found.position)
            })
            .filter(|(similarity, _)| *similarity >= MIN_SIMILARITY)
            // Most similar first; the earliest candidate among equals, for a stable answer.
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(_, position)| self.names[position])
    }
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
