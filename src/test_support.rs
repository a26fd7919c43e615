//! What the unit tests of several modules share.

/// A fixed sequence of numbers below the bound asked for each (xorshift64), so that a test over
/// generated cases repeats its failures.
pub fn sequence(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |bound| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    }
}
