//! Robustness: hostile inputs must give an `Err` (or a parse), never a panic, a stack
//! overflow or a hang. Everything here runs on a thread with a 256 KiB stack, in the
//! debug build, to show that the nesting bounds keep the recursive descent (and the
//! recursive drop of the tree) well inside a small stack.

mod common;

use expect_test::expect;
use tracelift_syntax::{parse_module, MAX_PARSE_DEPTH};

/// Parses each source on a fresh 256 KiB thread and returns one line per source:
/// `ok` or the error, cut to keep snapshots short.
fn outcomes(sources: Vec<(&'static str, String)>) -> String {
    let mut out = String::new();
    for (name, source) in sources {
        let outcome = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || match parse_module(&source) {
                Ok(_) => "ok".to_string(),
                Err(error) => format!(
                    "{}: {} @ {}:{}",
                    error.kind.name(),
                    error.message,
                    error.line,
                    error.col
                ),
            })
            .expect("spawning a test thread")
            .join()
            .unwrap_or_else(|_| "PANICKED".to_string());
        out.push_str(&format!("{name}: {outcome}\n"));
    }
    out
}

fn nested(open: &str, middle: &str, close: &str, count: usize) -> String {
    format!(
        "x = {}{}{}\n",
        open.repeat(count),
        middle,
        close.repeat(count)
    )
}

fn blocks(depth: usize, innermost: &str) -> String {
    let mut source = String::new();
    for level in 0..depth {
        source.push_str(&" ".repeat(level));
        source.push_str("if x:\n");
    }
    source.push_str(&" ".repeat(depth));
    source.push_str(innermost);
    source.push('\n');
    source
}

#[test]
fn deep_nesting() {
    let depth = MAX_PARSE_DEPTH;
    let actual = outcomes(vec![
        ("parens at the bound", nested("(", "1", ")", depth)),
        ("parens past the bound", nested("(", "1", ")", depth + 1)),
        ("200 parens", nested("(", "1", ")", 200)),
        ("201 parens", nested("(", "1", ")", 201)),
        ("10,000 parens", nested("(", "1", ")", 10_000)),
        ("10,000 open parens", "(".repeat(10_000)),
        ("lists at the bound", nested("[", "", "]", depth)),
        ("calls at the bound", nested("f(", "", ")", depth)),
        (
            "keyword calls at the bound",
            nested("f(a=-", "1", ")", depth),
        ),
        ("subscripts at the bound", nested("a[", "1", "]", depth)),
        ("slices at the bound", nested("a[1:", "1", "]", depth)),
        (
            "mixed brackets",
            nested("(-[f(a[not ", "1", "]) ])", depth / 4),
        ),
        ("blocks at the bound", blocks(depth - 1, "pass")),
        ("blocks past the bound", blocks(depth + 1, "pass")),
        (
            "blocks and brackets",
            blocks(depth / 2, &nested("a[1:", "1", "]", depth / 2 - 1)),
        ),
        ("120 blocks", blocks(120, "pass")),
    ]);
    expect![[r#"
        parens at the bound: ok
        parens past the bound: SyntaxError: too many nested expressions @ 1:68
        200 parens: SyntaxError: too many nested expressions @ 1:68
        201 parens: SyntaxError: too many nested parentheses @ 1:204
        10,000 parens: SyntaxError: too many nested parentheses @ 1:204
        10,000 open parens: SyntaxError: too many nested parentheses @ 1:200
        lists at the bound: ok
        calls at the bound: ok
        keyword calls at the bound: ok
        subscripts at the bound: ok
        slices at the bound: ok
        mixed brackets: ok
        blocks at the bound: ok
        blocks past the bound: IndentationError: too many levels of indentation @ 66:65
        blocks and brackets: ok
        120 blocks: IndentationError: too many levels of indentation @ 66:65
    "#]]
    .assert_eq(&actual);
}

#[test]
fn long_chains() {
    let actual = outcomes(vec![
        (
            "10,000 minus signs",
            format!("x = {}1\n", "-".repeat(10_000)),
        ),
        ("100,000 nots", format!("x = {}1\n", "not ".repeat(100_000))),
        ("199 minus signs", format!("x = {}1\n", "-".repeat(199))),
        (
            "100,000 term sum",
            format!("x = {}\n", vec!["1"; 100_000].join("+")),
        ),
        (
            "199 term sum",
            format!("x = {}\n", vec!["1"; 199].join("+")),
        ),
        (
            "10,000 powers",
            format!("x = {}\n", vec!["2"; 10_000].join("**")),
        ),
        (
            "1,000 conditionals",
            format!("x = {}3\n", "1 if 2 else ".repeat(1_000)),
        ),
        (
            "100,000 comparisons",
            format!("x = {}\n", vec!["1"; 100_000].join(" < ")),
        ),
        (
            "100,000 ands",
            format!("x = {}\n", vec!["1"; 100_000].join(" and ")),
        ),
        ("1,000 attributes", format!("x = a{}\n", ".b".repeat(1_000))),
        ("1,000 calls", format!("x = f{}\n", "()".repeat(1_000))),
        (
            "200,000 element tuple",
            format!("x = {}\n", vec!["1"; 200_000].join(", ")),
        ),
        ("100,000 lines", "x = 1\n".repeat(100_000)),
        (
            "100,000 semicolons",
            format!("{}\n", "x = 1; ".repeat(100_000)),
        ),
    ]);
    expect![[r#"
        10,000 minus signs: SyntaxError: too many nested expressions @ 1:9804
        100,000 nots: SyntaxError: too many nested expressions @ 1:399204
        199 minus signs: ok
        100,000 term sum: SyntaxError: too many nested expressions @ 1:403
        199 term sum: ok
        10,000 powers: SyntaxError: too many nested expressions @ 1:29402
        1,000 conditionals: SyntaxError: too many nested expressions @ 1:9604
        100,000 comparisons: ok
        100,000 ands: ok
        1,000 attributes: SyntaxError: too many nested expressions @ 1:4
        1,000 calls: SyntaxError: too many nested expressions @ 1:4
        200,000 element tuple: ok
        100,000 lines: ok
        100,000 semicolons: ok
    "#]]
    .assert_eq(&actual);
}

#[test]
fn junk() {
    let mut bytes_as_text = String::new();
    let mut state: u32 = 12345;
    for _ in 0..20_000 {
        // A fixed linear congruential sequence of printable and control characters.
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let code = (state >> 16) % 0x250;
        if let Some(ch) = char::from_u32(code) {
            bytes_as_text.push(ch);
        }
    }
    let actual = outcomes(vec![
        ("random characters", bytes_as_text),
        ("tabs", format!("{}x\n", "\t".repeat(1_000))),
        ("mixed tabs and spaces", "if x:\n \t a\n\t  b\n".to_string()),
        ("huge decimal", format!("x = 1{}\n", "0".repeat(4_299))),
        ("too huge decimal", format!("x = 1{}\n", "0".repeat(5_000))),
        ("huge hex", format!("x = 0x{}\n", "f".repeat(100_000))),
        ("huge float", format!("x = 1{}.5\n", "0".repeat(1_000))),
        ("long string", format!("x = '{}'\n", "a".repeat(1_000_000))),
        ("only operators", "+-*/%&|^~<>=!@$?`.,:;".repeat(100)),
        ("only brackets", ")]}([{".repeat(100)),
        ("empty", String::new()),
        ("only newlines", "\n\n\n".to_string()),
        ("only a comment", "# c".to_string()),
        ("byte order mark", "\u{feff}x = 1\n".to_string()),
    ]);
    expect![[r#"
        random characters: SyntaxError: source code cannot contain null bytes @ 6:0
        tabs: IndentationError: unexpected indent @ 1:999
        mixed tabs and spaces: TabError: inconsistent use of tabs and spaces in indentation @ 3:0
        huge decimal: ok
        too huge decimal: SyntaxError: Exceeds the limit (4300 digits) for integer string conversion: value has 5001 digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits. @ 1:4
        huge hex: ok
        huge float: ok
        long string: ok
        only operators: SyntaxError: a starred expression ('*') is not supported (line 1) @ 1:2
        only brackets: SyntaxError: unmatched ')' @ 1:0
        empty: ok
        only newlines: ok
        only a comment: ok
        byte order mark: ok
    "#]]
    .assert_eq(&actual);
}

#[test]
fn every_prefix_of_a_program() {
    // Cutting a valid program anywhere must give a parse or an error, never a panic.
    let program = "def f(a, b=[1, (2, 3)]):\n    if a < b <= -c ** 2:\n        return a[1:2:3], 'x\\n'\n    elif not a:\n        x += f(a, sep='')\n    else:\n        while 0x1f: break\n\nfor i, j in range(10):\n    print(i); continue\n";
    let mut panics = 0;
    for (index, _) in program.char_indices() {
        let prefix = program[..index].to_string();
        let result = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let _ = parse_module(&prefix);
            })
            .expect("spawning a test thread")
            .join();
        if result.is_err() {
            panics += 1;
        }
    }
    assert_eq!(panics, 0);
}
