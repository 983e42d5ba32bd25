//! The crate's one sort, on `(usize, usize)` pairs (a position and an index, or two ids). A
//! heapsort: a few hundred bytes of wasm where the standard library's sort costs about 8 KB,
//! and O(n log n) whatever the input, which is all the analyser's few sorts need.

/// Sorts `pairs` in ascending order.
pub(crate) fn sort_pairs(pairs: &mut [(usize, usize)]) {
    // Most lists arrive in text order already.
    if pairs.windows(2).all(|w| w[0] <= w[1]) {
        return;
    }
    let n = pairs.len();
    for root in (0..n / 2).rev() {
        sift_down(pairs, root, n);
    }
    for end in (1..n).rev() {
        pairs.swap(0, end);
        sift_down(pairs, 0, end);
    }
}

/// Restores the max-heap order below `root`, within `pairs[..end]`.
fn sift_down(pairs: &mut [(usize, usize)], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && pairs[child] < pairs[child + 1] {
            child += 1;
        }
        if pairs[root] >= pairs[child] {
            return;
        }
        pairs.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::sort_pairs;

    #[test]
    fn sorts_like_the_standard_library() {
        // A small linear congruential generator: varied lengths, duplicates and runs.
        let mut seed = 0x2545_f491_u64;
        let mut next = |bound: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            ((seed >> 33) % bound) as usize
        };
        for len in (0..40).chain([100, 257, 1000]) {
            let mut pairs: Vec<(usize, usize)> = (0..len).map(|_| (next(20), next(5))).collect();
            let mut expected = pairs.clone();
            expected.sort_unstable();
            sort_pairs(&mut pairs);
            assert_eq!(pairs, expected, "length {len}");
        }
        let mut sorted: Vec<(usize, usize)> = (0..50).map(|i| (i, 0)).collect();
        let mut reversed: Vec<(usize, usize)> = sorted.iter().rev().copied().collect();
        sort_pairs(&mut reversed);
        sort_pairs(&mut sorted);
        assert_eq!(reversed, sorted);
    }
}
