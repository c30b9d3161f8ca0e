//! Bad input through the embedding API: whatever the bytes, `run_bytes` returns (an
//! error, usually) and never panics, overflows the stack or hangs. Runs on a thread with
//! a small stack, as a host's worker thread might be.

use tracelift::{ErrorKind, Vm};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Bytes(u64);

impl Bytes {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const FRAGMENTS: &[&str] = &[
    "def ",
    "f(",
    ")",
    ":",
    "\n",
    "    ",
    "\t",
    "x",
    " = ",
    "1",
    "2.5e3",
    "'s'",
    "\"\"\"",
    "[",
    "]",
    "(",
    ",",
    "while ",
    "for ",
    " in ",
    "range(10)",
    "if ",
    "else",
    "return ",
    "+",
    "**",
    "//",
    "%",
    "<<",
    " and ",
    " not ",
    "lst.append(",
    "print(",
    "global x",
    "break",
    "[1][5]",
    "1/0",
    "0x",
    "_",
    "\\",
    "#",
    "lambda",
    "{",
    "}",
    "@",
    "\u{e9}",
    "\0",
    "99999999999999999999",
];

fn run_isolated(task: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(task)
        .expect("spawn")
        .join()
        .expect("no panic on bad input");
}

#[test]
fn random_bytes_and_token_soup_never_panic() {
    run_isolated(|| {
        let mut rng = Bytes(0x9e37_79b9_7f4a_7c15);
        for case in 0..3000 {
            let source: Vec<u8> = if case % 2 == 0 {
                (0..rng.next() % 200).map(|_| rng.next() as u8).collect()
            } else {
                (0..rng.next() % 60)
                    .flat_map(|_| FRAGMENTS[(rng.next() % FRAGMENTS.len() as u64) as usize].bytes())
                    .collect()
            };
            let mut vm = Vm::new();
            let _output = vm.capture_output();
            vm.set_fuel(Some(10_000));
            let _ = vm.run_bytes(&source, "fuzz.py");
        }
    });
}

#[test]
fn pathological_sources_give_clean_errors() {
    run_isolated(|| {
        let cases: Vec<(String, &str)> = vec![
            ("(".repeat(10_000) + &")".repeat(10_000), "SyntaxError"),
            (
                "x = ".to_string() + &"-".repeat(100_000) + "1\n",
                "SyntaxError",
            ),
            (
                "x = ".to_string() + &"not ".repeat(100_000) + "1\n",
                "SyntaxError",
            ),
            (
                "x = [".to_string() + &"[".repeat(5000) + &"]".repeat(5001) + "\n",
                "SyntaxError",
            ),
            ("s = '''never closed\n".to_string(), "SyntaxError"),
            ("if 1:\n\tx = 1\n        y = 2\n".to_string(), "TabError"),
            (
                "x = 1".to_string() + &"0".repeat(5000) + "\n",
                "SyntaxError",
            ),
        ];
        for (source, kind) in cases {
            let mut vm = Vm::new();
            let error = vm.run(&source).expect_err("must be rejected");
            assert_eq!(error.type_name(), kind, "{}", error.report());
        }
    });
}

#[test]
fn runaway_data_structures_stop_with_errors() {
    run_isolated(|| {
        let mut vm = Vm::new();
        let output = vm.capture_output();
        // A list nested 100,000 deep: printing it hits the recursion limit, freeing it
        // must not overflow the stack.
        let error = vm
            .run("a = []\nfor i in range(100000):\n    a = [a]\nprint(a)\n")
            .expect_err("repr recursion");
        assert_eq!(
            error.report().lines().last(),
            Some("RecursionError: maximum recursion depth exceeded while getting the repr of an object")
        );
        vm.run("a = 0\n").expect("frees the nested list");
        // A list that contains itself prints like CPython's.
        vm.run("b = [1]\nb.append(b)\nprint(b)\n").unwrap();
        assert_eq!(output.text(), "[1, [...]]\n");
        // Absurd sizes raise instead of exhausting the host's memory.
        let error = vm.run("x = 'ab' * (2 ** 40)\n").expect_err("too big");
        assert_eq!(
            error.kind(),
            ErrorKind::Exception(tracelift::ExcKind::MemoryError)
        );
    });
}
