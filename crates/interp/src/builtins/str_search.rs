//! Substring search on UTF-8 bytes with the `memchr` crate (SIMD `memchr` for one-byte
//! needles, `memmem` otherwise). A match of valid UTF-8 in valid UTF-8 always starts
//! and ends on character boundaries, so byte search gives Python's answers; the
//! character positions Python reports come from `StrObj::char_index`.

use memchr::memmem;

/// The byte offset of the first `needle` in `haystack`.
#[inline]
pub fn find_bytes(haystack: &str, needle: &str) -> Option<usize> {
    match needle.as_bytes() {
        [] => Some(0),
        [byte] => memchr::memchr(*byte, haystack.as_bytes()),
        bytes => memmem::find(haystack.as_bytes(), bytes),
    }
}

/// The byte offsets of the non-overlapping occurrences of a non-empty `needle`, left
/// to right, at most `limit` of them.
pub fn find_all(haystack: &str, needle: &str, limit: usize) -> Vec<usize> {
    let mut found = Vec::new();
    if limit == 0 {
        return found;
    }
    match needle.as_bytes() {
        [] => {}
        [byte] => {
            for at in memchr::memchr_iter(*byte, haystack.as_bytes()) {
                found.push(at);
                if found.len() == limit {
                    break;
                }
            }
        }
        bytes => {
            for at in memmem::find_iter(haystack.as_bytes(), bytes) {
                found.push(at);
                if found.len() == limit {
                    break;
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_do_not_overlap() {
        assert_eq!(find_all("aaaa", "aa", usize::MAX), vec![0, 2]);
        assert_eq!(find_all("a,b,,c", ",", 2), vec![1, 3]);
        assert_eq!(find_all("é€é€", "€", usize::MAX), vec![2, 7]);
        assert_eq!(find_bytes("x€y", "y"), Some(4));
        assert_eq!(find_bytes("abc", ""), Some(0));
        assert_eq!(find_bytes("abc", "d"), None);
    }
}
