//! "Did you mean": the candidate closest to a name that matches nothing, when it is close enough
//! to be a typo rather than another name.

use std::cell::Cell;

/// How similar (normalised Damerau-Levenshtein, 1.0 = equal) a candidate must be: `Auth Servce`
/// finds `Auth Service` (0.92), `Payment Service` does not find `Product Service` (0.67).
const MIN_SIMILARITY: f64 = 0.8;

/// The longest name a suggestion is looked for, in characters: a typo is made in a name a person
/// types, and comparing two names costs the product of their lengths (two names of 50,000
/// characters took 19 s).
const MAX_NAME_LENGTH: usize = 128;

/// The candidate most similar to `wanted`, both compared through `key`. One question: a plain
/// pass over the candidates, cheaper than preparing [`Candidates`] for it.
pub fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    key: impl Fn(&str) -> String,
) -> Option<&'a str> {
    let wanted = Compared::new(key(wanted), usize::MAX);
    if wanted.length > MAX_NAME_LENGTH {
        return None;
    }
    let scored = candidates
        .into_iter()
        .enumerate()
        .filter_map(|(position, name)| {
            let candidate = Compared::new(key(name), position);
            wanted
                .close_to(&candidate, |_| true)
                .map(|similarity| (similarity, position, name))
        });
    most_similar(scored)
}

/// Of (similarity, position, candidate), the most similar that is close enough; the earliest
/// among equals, for a stable answer.
fn most_similar<T>(scored: impl Iterator<Item = (f64, usize, T)>) -> Option<T> {
    scored
        .filter(|(similarity, _, _)| *similarity >= MIN_SIMILARITY)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, _, candidate)| candidate)
}

/// Names prepared once for many "did you mean" questions (one per unknown name): ordered by
/// length, each with the count of its characters, so that a question compares only the names
/// whose length is within reach, and computes the distance only to those whose characters are.
/// (A BK-tree, tried first, prunes nothing among names of one length and random letters: it
/// computed the whole distance to most of them, and 4,000 unknown names took 24 s.)
pub struct Candidates<'a> {
    names: Vec<&'a str>,
    /// By length, then position.
    compared: Vec<Compared>,
    /// What the distances computed may still cost, in pairs of characters compared: names
    /// that are all alike (`service-number-1` … `service-number-3000`, asked for
    /// `service-numbr-1x` …) pass both bounds, and each question would compute the distance
    /// to every one. Past it, questions are answered with no suggestion. The questions are asked
    /// in one order, on one thread (`Cell`), so the answers are the same in every run.
    budget: Cell<u64>,
}

/// The pairs of characters [`Candidates`] compares in all: about a second on this project's
/// machine, enough for a few hundred questions among a thousand names alike from end to end,
/// and thousands among names that differ only near one end.
const CHARACTER_PAIRS: u64 = 250_000_000;

/// A name as compared, and its position among the candidates (ties go to the first).
struct Compared {
    text: String,
    /// In characters.
    length: usize,
    /// Its characters counted in [`SLOTS`] slots, some sharing one.
    counts: [u16; SLOTS],
    position: usize,
}

const SLOTS: usize = 64;

/// What computing a distance costs whatever the lengths (the crate allocates its table and a
/// map of characters), in pairs of characters: without it, the budget let 3,000 questions
/// among 3,000 alike names compare every pair, cheap as each was once the shared ends are cut.
const CALL_COST: u64 = 50;

impl Compared {
    fn new(text: String, position: usize) -> Self {
        let mut counts = [0u16; SLOTS];
        let mut length = 0;
        for c in text.chars() {
            length += 1;
            let slot = &mut counts[c as usize % SLOTS];
            *slot = slot.saturating_add(1);
        }
        Compared {
            text,
            length,
            counts,
            position,
        }
    }

    /// The similarity of `other` to this name, when it may reach [`MIN_SIMILARITY`].
    /// Similarity `1 - d / max(|a|, |b|)` of at least 0.8 needs `d <= 0.2 * max`, and
    /// `|b| <= |a| + d`, so `d <= |a| / 4`. Two lower bounds of the distance are told first:
    /// the difference of the lengths, and of the characters (each edit changes at most two
    /// counts by one, so the distance is at least half the sum of the counts' differences; the
    /// slots' differences are at most the characters'). Most names are told apart by them,
    /// without the distance, whose cost is the product of the lengths of what differs.
    /// `afford` is asked that cost, in pairs of characters, before the distance is computed.
    fn close_to(&self, other: &Compared, afford: impl FnOnce(u64) -> bool) -> Option<f64> {
        let reach = self.length / 4;
        if self.length.abs_diff(other.length) > reach || other.length > MAX_NAME_LENGTH {
            return None;
        }
        let differing: usize = self
            .counts
            .iter()
            .zip(&other.counts)
            .map(|(a, b)| usize::from(a.abs_diff(*b)))
            .sum();
        if differing.div_ceil(2) > reach {
            return None;
        }
        let (mine, theirs) = differing_parts(&self.text, &other.text);
        let (mine_length, theirs_length) = (mine.chars().count(), theirs.chars().count());
        if !afford((mine_length * theirs_length) as u64 + CALL_COST) {
            return None;
        }
        let longest = self.length.max(other.length);
        if longest == 0 {
            return Some(1.0);
        }
        let distance = strsim::damerau_levenshtein(mine, theirs);
        Some(1.0 - distance as f64 / longest as f64)
    }
}

/// `a` and `b` without the characters both start with, then without those both end with: the
/// distance between what is left is theirs (an edit of a shared end can always be moved
/// inside), and costs the product of what is left, which for names alike
/// (`service-number-1234`) is a few characters, not the whole names.
fn differing_parts<'t>(a: &'t str, b: &'t str) -> (&'t str, &'t str) {
    let common = |a: &mut dyn Iterator<Item = char>, b: &mut dyn Iterator<Item = char>| -> usize {
        a.zip(b)
            .take_while(|(x, y)| x == y)
            .map(|(x, _)| x.len_utf8())
            .sum()
    };
    let prefix = common(&mut a.chars(), &mut b.chars());
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = common(&mut a.chars().rev(), &mut b.chars().rev());
    (&a[..a.len() - suffix], &b[..b.len() - suffix])
}

impl<'a> Candidates<'a> {
    pub fn new(names: impl IntoIterator<Item = &'a str>, key: impl Fn(&str) -> String) -> Self {
        let names: Vec<&'a str> = names.into_iter().collect();
        let mut compared: Vec<Compared> = names
            .iter()
            .enumerate()
            .map(|(position, name)| Compared::new(key(name), position))
            .filter(|compared| compared.length <= MAX_NAME_LENGTH)
            .collect();
        compared.sort_by_key(|compared| (compared.length, compared.position));
        Candidates {
            names,
            compared,
            budget: Cell::new(CHARACTER_PAIRS),
        }
    }

    /// The candidate most similar to `wanted` (compared through the same `key`).
    pub fn closest(&self, wanted: &str, key: impl Fn(&str) -> String) -> Option<&'a str> {
        // Once the budget is spent, questions are not even begun.
        if self.budget.get() < CALL_COST {
            return None;
        }
        let wanted = Compared::new(key(wanted), usize::MAX);
        if wanted.length > MAX_NAME_LENGTH {
            return None;
        }
        let reach = wanted.length / 4;
        let first = self
            .compared
            .partition_point(|compared| compared.length + reach < wanted.length);
        let scored = self.compared[first..]
            .iter()
            .take_while(|compared| compared.length <= wanted.length + reach)
            .filter_map(|found| {
                let similarity = wanted.close_to(found, |cost| {
                    let left = self.budget.get().checked_sub(cost);
                    self.budget.set(left.unwrap_or(0));
                    left.is_some()
                })?;
                Some((similarity, found.position, self.names[found.position]))
            });
        most_similar(scored)
    }
}

#[cfg(test)]
mod tests {
    use super::{Candidates, closest, differing_parts};

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
    fn the_bounds_drop_no_name_the_whole_distance_would_suggest() {
        // Names and typos of them made from a few letters, so that many are close: each
        // answer must be the one a comparison with every name gives.
        let mut next = crate::test_support::sequence(0x2545_F491_4F6C_DD1D);
        let mut word = |length: usize| -> String {
            (0..length)
                .map(|_| char::from(b"abcde-_"[next(7)]))
                .collect()
        };
        let names: Vec<String> = (0..300).map(|index| word(4 + index % 12)).collect();
        // Half are a name with a letter or two changed, inserted or dropped; half are words.
        let mut wanted: Vec<String> = (0..150).map(|index| word(3 + index % 14)).collect();
        for (index, name) in names.iter().enumerate().take(150) {
            let mut typo: Vec<char> = name.chars().collect();
            for _ in 0..1 + index % 2 {
                let at = next(typo.len());
                match next(3) {
                    0 => typo[at] = 'x',
                    1 => typo.insert(at, 'y'),
                    _ => {
                        typo.remove(at);
                    }
                }
            }
            wanted.push(typo.into_iter().collect());
        }
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let tree = Candidates::new(names.iter().copied(), str::to_string);
        let mut found = 0;
        for wanted in &wanted {
            let by_all = names
                .iter()
                .enumerate()
                .map(|(position, name)| {
                    (
                        strsim::normalized_damerau_levenshtein(wanted, name),
                        position,
                        *name,
                    )
                })
                .filter(|(similarity, _, _)| *similarity >= 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
                .map(|(_, _, name)| name);
            found += usize::from(by_all.is_some());
            assert_eq!(
                closest(wanted, names.iter().copied(), str::to_string),
                by_all,
                "{wanted}"
            );
            assert_eq!(tree.closest(wanted, str::to_string), by_all, "{wanted}");
        }
        assert!(found > 100, "only {found} typos found a name");
    }

    #[test]
    fn the_distance_without_shared_ends_is_the_whole_distance() {
        let mut next = crate::test_support::sequence(0x9E37_79B9_7F4A_7C15);
        let mut word = |longest: usize| -> String {
            let length = next(longest);
            (0..length).map(|_| ['a', 'b', 'c', 'é'][next(4)]).collect()
        };
        for _ in 0..200_000 {
            let (a, b) = (word(9), word(9));
            let (shared_start, shared_end) = (word(4), word(4));
            let a = format!("{shared_start}{a}{shared_end}");
            let b = format!("{shared_start}{b}{shared_end}");
            let (x, y) = differing_parts(&a, &b);
            assert_eq!(
                strsim::damerau_levenshtein(x, y),
                strsim::damerau_levenshtein(&a, &b),
                "{a} {b}"
            );
        }
    }

    #[test]
    fn questions_among_names_that_are_all_alike_stop_within_a_budget() {
        // Alike, and different at both ends, so that no shared end makes the distance cheap.
        let names: Vec<String> = (0..3_000)
            .map(|index| format!("{index}-service-number-{index}"))
            .collect();
        let tree = Candidates::new(names.iter().map(String::as_str), str::to_string);
        let answered = (0..3_000)
            .filter(|index| {
                tree.closest(&format!("{index}-service-numbr-{index}x"), str::to_string)
                    .is_some()
            })
            .count();
        // The first questions are answered, and the rest without comparing.
        assert!((50..3_000).contains(&answered), "{answered}");
        // A name far longer than one a person types is not compared.
        let long = "a".repeat(10_000);
        assert_eq!(closest(&long, [long.as_str()], str::to_string), None);
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
