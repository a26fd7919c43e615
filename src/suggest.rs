//! "Did you mean": the candidate closest to a name that matches nothing, when it is close enough
//! to be a typo rather than another name.

use bk_tree::{BKTree, Metric};

/// How similar (normalised Damerau-Levenshtein, 1.0 = equal) a candidate must be: `Auth Servce`
/// finds `Auth Service` (0.92), `Payment Service` does not find `Product Service` (0.67).
const MIN_SIMILARITY: f64 = 0.8;

/// The candidate most similar to `wanted`, both compared through `key`. One question: a plain
/// pass over the candidates, cheaper than building a [`Candidates`] tree for it.
pub fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    key: impl Fn(&str) -> String,
) -> Option<&'a str> {
    let wanted = key(wanted);
    let scored = candidates
        .into_iter()
        .enumerate()
        .map(|(position, name)| (similarity(&wanted, &key(name)), position, name));
    most_similar(scored)
}

fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_damerau_levenshtein(a, b)
}

/// Of (similarity, position, candidate), the most similar that is close enough; the earliest
/// among equals, for a stable answer.
fn most_similar<T>(scored: impl Iterator<Item = (f64, usize, T)>) -> Option<T> {
    scored
        .filter(|(similarity, _, _)| *similarity >= MIN_SIMILARITY)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, _, candidate)| candidate)
}

/// Names prepared once for many "did you mean" questions (one per unknown name), in a BK-tree under the
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
        let scored = self.tree.find(&wanted, reach).map(|(_, found)| {
            let name = self.names[found.position];
            (similarity(&wanted.text, &found.text), found.position, name)
        });
        most_similar(scored)
    }
}

#[cfg(test)]
mod tests {
    use super::{Candidates, closest};

    #[test]
    fn the_tree_answers_as_the_plain_pass_does() {
        let services = [
            "Auth Service",
            "Order Service",
            "Orders Service",
            "Product Service",
            "service_12",
            "service_21",
            "billing",
        ];
        let normal = crate::model::normalize;
        let tree = Candidates::new(services, normal);
        for wanted in [
            "Auth Servce",
            "Order Servce",
            "Orders Servce",
            "service_13",
            "servce_12",
            "biling",
            "Payment Service",
            "x",
            "",
        ] {
            assert_eq!(
                tree.closest(wanted, normal),
                closest(wanted, services, normal),
                "{wanted}"
            );
        }
    }

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
