//! Complexity traps: each everyday string and sequence operation runs on inputs of
//! size n and 4n, and the work it does (the debug-build counters of
//! `tracelift_interp::value::work`: bytes copied by string building, characters
//! walked by indexing, strings allocated, references taken) must grow as the
//! operation's cost should, linearly (about 4x) or not at all. A return to quadratic
//! behaviour (16x) or to copying a whole sequence per operation fails here, without
//! measuring time. Every case also checks the program's whole output.
//!
//! The counters exist only in debug builds, so the file is compiled only there.
#![cfg(debug_assertions)]

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use tracelift_interp::value::work::{counts, WorkCounts};
use tracelift_interp::Runtime;

/// An output sink the test can read after the run.
#[derive(Clone, Default)]
struct Captured(Rc<RefCell<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `setup` then `work` (with `N` replaced by `n`) in one runtime; returns the
/// work `work` did and everything the two printed.
fn measure(setup: &str, work: &str, n: usize) -> (WorkCounts, String) {
    let output = Captured::default();
    let mut runtime = Runtime::new(Box::new(output.clone()));
    let setup = setup.replace('N', &n.to_string());
    let work = work.replace('N', &n.to_string());
    let code = runtime.compile(&setup, "setup.py").expect("setup compiles");
    runtime.run_code(code).expect("setup runs");
    let code = runtime.compile(&work, "work.py").expect("work compiles");
    let before = counts();
    runtime.run_code(code).expect("work runs");
    let done = counts().since(before);
    drop(runtime);
    let text = String::from_utf8(output.0.borrow().clone()).expect("utf-8 output");
    (done, text)
}

/// How a counter must grow from n to 4n.
#[derive(Clone, Copy, Debug)]
enum Growth {
    /// Linear: nonzero at n, at most 5x at 4n (quadratic would be 16x).
    Linear,
    /// Independent of n: exactly equal at n and 4n.
    Constant,
    /// At most this much at either size.
    AtMost(u64),
}

/// The counter a case checks.
type Counter = fn(&WorkCounts) -> u64;

fn bytes_copied(counts: &WorkCounts) -> u64 {
    counts.bytes_copied
}

fn char_steps(counts: &WorkCounts) -> u64 {
    counts.char_steps
}

fn str_allocs(counts: &WorkCounts) -> u64 {
    counts.str_allocs
}

fn str_boxes(counts: &WorkCounts) -> u64 {
    counts.str_boxes
}

fn retains(counts: &WorkCounts) -> u64 {
    counts.retains
}

const N: usize = 1000;

/// Runs a case at n and 4n, checks both outputs and each counter's growth.
fn check(setup: &str, work: &str, expected: [&str; 2], rules: &[(&str, Counter, Growth)]) {
    let (small, small_out) = measure(setup, work, N);
    let (large, large_out) = measure(setup, work, 4 * N);
    assert_eq!([small_out.as_str(), large_out.as_str()], expected);
    for &(name, counter, growth) in rules {
        let (at_n, at_4n) = (counter(&small), counter(&large));
        let holds = match growth {
            Growth::Linear => at_n > 0 && at_4n <= 5 * at_n,
            Growth::Constant => at_n == at_4n,
            Growth::AtMost(limit) => at_n <= limit && at_4n <= limit,
        };
        assert!(
            holds,
            "{name}: {at_n} at n = {N}, {at_4n} at 4n; expected {growth:?}\n{small:?}\n{large:?}"
        );
    }
}

#[test]
fn building_a_local_string_with_plus_equals_is_linear() {
    check(
        "def build(n, unit):\n    s = ''\n    for i in range(n):\n        s += unit\n    return s\n",
        "s = build(N, 'abcdefghij')\nprint(len(s), s[-12:])\n",
        ["10000 ijabcdefghij\n", "40000 ijabcdefghij\n"],
        &[("bytes copied", bytes_copied, Growth::Linear)],
    );
}

#[test]
fn building_a_non_ascii_string_with_plus_equals_is_linear() {
    check(
        "def build(n, unit):\n    s = 'é'\n    for i in range(n):\n        s += unit\n    return s\n",
        "s = build(N, 'ab€😀')\nprint(len(s), s[-5:], s[N])\n",
        ["4001 😀ab€😀 😀\n", "16001 😀ab€😀 😀\n"],
        &[
            ("bytes copied", bytes_copied, Growth::Linear),
            ("char steps", char_steps, Growth::AtMost(200)),
        ],
    );
}

#[test]
fn building_a_global_string_with_plus_equals_is_linear() {
    check(
        "g = ''\n",
        "for i in range(N):\n    g += 'xyz'\nprint(len(g), g[-4:])\n",
        ["3000 zxyz\n", "12000 zxyz\n"],
        &[("bytes copied", bytes_copied, Growth::Linear)],
    );
}

#[test]
fn indexing_every_character_of_non_ascii_text_is_linear_and_allocates_nothing() {
    check(
        "s = 'é' * 3 + 'a' * N + '€'\n",
        "def total(s):\n    t = 0\n    for i in range(len(s)):\n        t += ord(s[i])\n    \
         return t\nprint(total(s), s[-1], s[-N])\n",
        ["106063 € a\n", "397063 € a\n"],
        &[
            ("char steps", char_steps, Growth::Linear),
            ("str allocations", str_allocs, Growth::Constant),
        ],
    );
}

#[test]
fn iterating_latin1_text_allocates_no_strings() {
    check(
        "s = 'aé' * N\n",
        "k = 0\nfor c in s:\n    if c == 'é':\n        k += 1\nprint(k)\n",
        ["1000\n", "4000\n"],
        &[("str allocations", str_allocs, Growth::Constant)],
    );
}

#[test]
fn slicing_long_non_ascii_text_walks_a_bounded_number_of_characters() {
    // 100 slices plus two, each two lookups of fewer than 32 steps.
    check(
        "s = '€' + 'é' * N\n",
        "m = N // 2\nfor i in range(100):\n    t = s[m + i:m + i + 10]\nprint(t, s[-3:], s[m:m + 20:7])\n",
        ["éééééééééé ééé ééé\n", "éééééééééé ééé ééé\n"],
        &[("char steps", char_steps, Growth::AtMost(103 * 2 * 32))],
    );
}

#[test]
fn find_reports_character_positions_without_walking_from_the_start() {
    // Each find turns a start index into a byte offset and a match back into an index.
    check(
        "s = '€' + 'é' * N + 'z'\n",
        "for i in range(100):\n    at = s.find('z', N - 5)\nprint(at, s.find('é', N // 2))\n",
        ["1001 500\n", "4001 2000\n"],
        &[("char steps", char_steps, Growth::AtMost(101 * 2 * 2 * 32))],
    );
}

#[test]
fn list_slices_copy_only_the_selected_references() {
    check(
        "xs = ['a', 'b'] * N\n",
        "for i in range(100):\n    ys = xs[10:90]\nprint(len(ys), ys[0], ys[-1])\n",
        ["80 a b\n", "80 a b\n"],
        &[("references taken", retains, Growth::Constant)],
    );
}

#[test]
fn list_membership_does_not_copy_the_list() {
    check(
        "xs = ['a'] * N + [5]\n",
        "hits = 0\nfor i in range(100):\n    if 5 in xs:\n        hits += 1\nprint(hits)\n",
        ["100\n", "100\n"],
        &[("references taken", retains, Growth::Constant)],
    );
}

#[test]
fn list_plus_equals_grows_in_place() {
    check(
        "def grow(n):\n    lst = []\n    for i in range(n):\n        lst += [i, 'x']\n    return lst\n",
        "print(len(grow(N)))\n",
        ["2000\n", "8000\n"],
        &[("references taken", retains, Growth::Linear)],
    );
}

#[test]
fn join_reads_the_list_in_place() {
    check(
        "parts = ['ab'] * N\n",
        "for i in range(10):\n    j = ','.join(parts)\nprint(len(j))\n",
        ["2999\n", "11999\n"],
        &[("references taken", retains, Growth::Constant)],
    );
}

#[test]
fn building_a_string_with_s_equals_s_plus_t_is_linear() {
    check(
        "def build(n):\n    s = ''\n    for i in range(n):\n        s = s + 'ab'\n    return s\n",
        "s = build(N)\nprint(len(s), s[-3:])\n",
        ["2000 bab\n", "8000 bab\n"],
        &[("bytes copied", bytes_copied, Growth::Linear)],
    );
}

#[test]
fn splitting_in_a_loop_reuses_the_boxes_of_freed_pieces() {
    // Each split makes 100 pieces while the previous list is still alive; after that
    // the pieces of the freed list are reused, so at most about two lists' worth of
    // new boxes, however many splits.
    check(
        "words = ''\nfor i in range(100):\n    words += ' w' + str(i)\nwords = words.strip()\n",
        "for i in range(N):\n    pieces = words.split(' ')\nprint(len(pieces), pieces[-1])\n",
        ["100 w99\n", "100 w99\n"],
        &[
            ("str allocations", str_allocs, Growth::Linear),
            ("new str boxes", str_boxes, Growth::AtMost(3 * 100)),
        ],
    );
}
