//! The oracle: runs one program in every tier of [`TIERS`] under a fuel limit and
//! compares what each observably did — stdout, how it ended (success, or the error's
//! kind, message and whole traceback report), the final globals (the `repr` of each) and
//! the fuel left — with the first tier's (the interpreter's). A difference is a
//! [`Divergence`], whose `Display` ends with a ready-to-paste regression test.
//!
//! Invariants:
//! - Every tier starts from a fresh [`Vm`] with the same fuel and recursion limit and
//!   differs from the others only by what its row's `configure` sets.
//! - A tier this build lacks (its JIT mode does not parse) is skipped, so rows for
//!   tiers still being written can sit in the table; [`available_tiers`] says which run.
//! - A panic in any tier is caught and reported as a divergence (never swallowed).
//! - Function values print without their address (`<function f1>`), the only part of
//!   a `repr` that may differ between two runs of the same program.

use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use tracelift::{Background, ErrorKind, JitMode, JitParams, JitStats, PassSet, Value, Vm};

/// The steps each tier may take: about ten times what a generated program plans
/// (`crate::generate::STEP_BUDGET`), so only a badly mis-estimated program runs out, and
/// then every tier must run out at the same point.
pub const FUEL: u64 = 300_000;

/// One way to run a program: a name for reports and how to set up a [`Vm`] for it.
pub struct Tier {
    /// Shown in divergence reports.
    pub name: &'static str,
    /// Sets the VM up; `Err(reason)` when this build does not have the tier.
    pub configure: fn(&mut Vm) -> Result<(), String>,
}

/// Every tier the oracle compares, the reference first. Adding a tier is adding a row.
pub static TIERS: &[Tier] = &[
    Tier {
        name: "interpreter",
        configure: |vm| jit(vm, "off", JitParams::default().hot_threshold, PassSet::NONE),
    },
    Tier {
        name: "eval, threshold 1, optimizer off",
        configure: |vm| jit(vm, "eval", 1, PassSet::NONE),
    },
    Tier {
        name: "eval, threshold 1, optimizer on",
        configure: |vm| jit(vm, "eval", 1, PassSet::ALL),
    },
    Tier {
        name: "eval, threshold 2, optimizer on",
        configure: |vm| jit(vm, "eval", 2, PassSet::ALL),
    },
    // Native code (the JIT mode named "on"; skipped by a build without it).
    Tier {
        name: "native (on), threshold 1, optimizer off",
        configure: |vm| jit(vm, "on", 1, PassSet::NONE),
    },
    Tier {
        name: "native (on), threshold 1, optimizer on",
        configure: |vm| jit(vm, "on", 1, PassSet::ALL),
    },
    // Side traces recorded at an exit's first use, so trace trees form in every
    // program that has a branch or a loop nest; they start from the optimized
    // parent's exits.
    Tier {
        name: "native (on), threshold 2, optimizer on, side traces at the first exit",
        configure: |vm| {
            jit(vm, "on", 2, PassSet::ALL)?;
            vm.set_jit_params(JitParams {
                hot_exit_threshold: 1,
                ..vm.jit_params()
            });
            Ok(())
        },
    },
    // Compiled on the compile thread: the interpreter runs each loop until its trace
    // is ready, then enters it at a loop header, wherever the program is by then.
    Tier {
        name: "native (on), threshold 1, compiled in the background, side traces at the first exit",
        configure: |vm| {
            jit(vm, "on", 1, PassSet::ALL)?;
            vm.set_jit_params(JitParams {
                hot_exit_threshold: 1,
                compile_in_background: Background::On,
                ..vm.jit_params()
            });
            Ok(())
        },
    },
    // The cost models on (every other tier compiles whatever is hot), with a
    // `min_compile_work` a fifth of the default so that in short generated programs
    // they decide both ways: loops and side traces left interpreted, others
    // compiled, as the run goes on (over 240 s, 1,935 side traces not compiled).
    Tier {
        name: "native (on), threshold 2, cost models on (min work 20000), side traces at 2 exits",
        configure: |vm| {
            jit(vm, "on", 2, PassSet::ALL)?;
            vm.set_jit_params(JitParams {
                min_compile_work: 20000,
                hot_exit_threshold: 2,
                ..vm.jit_params()
            });
            Ok(())
        },
    },
    // Hot functions not traced from their entry (every other tier traces them, the
    // default): each recursive call goes through a nested run.
    Tier {
        name: "eval, threshold 1, functions not traced",
        configure: |vm| {
            jit(vm, "eval", 1, PassSet::ALL)?;
            vm.set_jit_params(JitParams {
                trace_functions: false,
                ..vm.jit_params()
            });
            Ok(())
        },
    },
    Tier {
        name: "native (on), threshold 1, functions not traced, side traces at the first exit",
        configure: |vm| {
            jit(vm, "on", 1, PassSet::ALL)?;
            vm.set_jit_params(JitParams {
                trace_functions: false,
                hot_exit_threshold: 1,
                ..vm.jit_params()
            });
            Ok(())
        },
    },
];

/// Sets a JIT mode by name, a hot threshold and the optimizer's passes.
fn jit(vm: &mut Vm, mode: &str, hot_threshold: u32, opt: PassSet) -> Result<(), String> {
    let mode: JitMode = mode.parse()?;
    vm.set_jit_mode(mode);
    vm.set_jit_params(JitParams {
        hot_threshold,
        min_compile_work: 0,
        peel_min_run: 0,
        opt,
        ..JitParams::default()
    });
    Ok(())
}

/// The tiers of [`TIERS`] this build has.
pub fn available_tiers() -> Vec<&'static Tier> {
    TIERS
        .iter()
        .filter(|tier| (tier.configure)(&mut Vm::with_output(std::io::sink())).is_ok())
        .collect()
}

/// What one run of a program did, as far as a user could see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Everything printed.
    pub stdout: String,
    /// How the run ended: `None` for success, else the error (see [`Ending`]).
    pub ending: Option<Ending>,
    /// Every bound global as `(name, repr)`, in the order they were first named.
    pub globals: Vec<(String, String)>,
    /// The fuel left at the end.
    pub fuel_left: Option<u64>,
    /// The message of a panic inside the VM, if one happened (the other fields then
    /// hold what was seen before it).
    pub panic: Option<String>,
    /// What the tracing tier did (not compared: it differs between tiers by design).
    pub jit: JitStats,
}

/// How a failed run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ending {
    /// The exception's class name (`ZeroDivisionError`, `SyntaxError`, `FuelExhausted`).
    pub type_name: String,
    /// The message alone.
    pub message: String,
    /// The whole report, traceback included, as it would appear on stderr.
    pub report: String,
    /// Whether the program was rejected before it ran (a syntax error or a construct
    /// outside the subset).
    pub rejected: bool,
}

impl Outcome {
    /// Whether the run ended by running out of fuel.
    pub fn ran_out_of_fuel(&self) -> bool {
        self.ending
            .as_ref()
            .is_some_and(|ending| ending.type_name == "FuelExhausted")
    }

    /// Whether the program was rejected before it ran (a syntax error or a construct
    /// outside the subset).
    pub fn rejected(&self) -> bool {
        self.ending.as_ref().is_some_and(|ending| ending.rejected)
    }
}

/// Runs `source` in one tier with `fuel` steps; `Err` when this build lacks the tier.
pub fn run_tier(tier: &Tier, source: &str, fuel: u64) -> Result<Outcome, String> {
    let mut vm = Vm::with_output(std::io::sink());
    (tier.configure)(&mut vm)?;
    vm.set_fuel(Some(fuel));
    let output = vm.capture_output();
    let result = catch_unwind(AssertUnwindSafe(|| vm.run(source)));
    let (ending, panic) = match result {
        Ok(Ok(())) => (None, None),
        Ok(Err(error)) => (
            Some(Ending {
                type_name: error.type_name().to_string(),
                message: error.message().to_string(),
                report: error.report().to_string(),
                rejected: matches!(error.kind(), ErrorKind::Syntax(_)),
            }),
            None,
        ),
        Err(payload) => (None, Some(panic_message(payload.as_ref()))),
    };
    let globals = if panic.is_some() {
        Vec::new()
    } else {
        vm.globals()
            .into_iter()
            .map(|(name, value)| (name, normalized_repr(&value)))
            .collect()
    };
    Ok(Outcome {
        stdout: output.text(),
        ending,
        globals,
        fuel_left: vm.fuel(),
        panic,
        jit: vm.jit_stats().clone(),
    })
}

/// The text of a panic's payload.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}

/// `repr(value)` with every ` at 0x...` address removed (functions, methods, iterators).
fn normalized_repr(value: &Value) -> String {
    let text = match tracelift_interp::value::repr::repr(value) {
        Ok(text) => text,
        Err(error) => return format!("<repr failed: {:?}: {}>", error.kind, error.message),
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(" at 0x") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + " at 0x".len()..];
        let hex_end = tail
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(tail.len());
        rest = &tail[hex_end..];
    }
    out.push_str(rest);
    out
}

/// Runs `source` in every available tier and compares each with the first.
pub fn run_case(source: &str) -> Result<(), Divergence> {
    compare(source, FUEL).map(drop)
}

/// Panics with the divergence's report (including the regression test) if `source`
/// behaves differently in any two tiers. The regression tests call this.
pub fn check(source: &str) {
    if let Err(divergence) = run_case(source) {
        panic!("{divergence}");
    }
}

/// Runs `source` in every available tier with `fuel` steps each; when all agree, every
/// tier's name and outcome, the reference first.
pub fn compare(source: &str, fuel: u64) -> Result<Vec<(&'static str, Outcome)>, Divergence> {
    let mut outcomes: Vec<(&'static str, Outcome)> = Vec::new();
    for tier in TIERS {
        let Ok(outcome) = run_tier(tier, source, fuel) else {
            continue;
        };
        match outcomes.first() {
            None => {
                if let Some(panic) = &outcome.panic {
                    return Err(Divergence::new(
                        source, tier.name, tier.name, "panic", "", panic,
                    ));
                }
            }
            Some((reference, expected)) => {
                if let Some(divergence) = differ(source, reference, expected, tier.name, &outcome) {
                    return Err(divergence);
                }
            }
        }
        outcomes.push((tier.name, outcome));
    }
    Ok(outcomes)
}

/// The first observable difference between two outcomes, if any.
fn differ(
    source: &str,
    reference: &'static str,
    expected: &Outcome,
    tier: &'static str,
    actual: &Outcome,
) -> Option<Divergence> {
    let new = |field, want: String, got: String| {
        Some(Divergence::new(source, reference, tier, field, &want, &got))
    };
    if let Some(panic) = &actual.panic {
        return new("panic", String::new(), panic.clone());
    }
    if expected.stdout != actual.stdout {
        let (want, got) = first_difference(&expected.stdout, &actual.stdout);
        return new("stdout", want, got);
    }
    if expected.ending != actual.ending {
        return new(
            "ending",
            describe(&expected.ending),
            describe(&actual.ending),
        );
    }
    if expected.globals != actual.globals {
        let (want, got) = globals_difference(&expected.globals, &actual.globals);
        return new("globals", want, got);
    }
    if expected.fuel_left != actual.fuel_left {
        return new(
            "fuel left",
            format!("{:?}", expected.fuel_left),
            format!("{:?}", actual.fuel_left),
        );
    }
    None
}

/// How a run ended, for a report.
fn describe(ending: &Option<Ending>) -> String {
    match ending {
        None => "success".to_string(),
        Some(ending) => format!(
            "{}: {}\n{}",
            ending.type_name, ending.message, ending.report
        ),
    }
}

/// The first line where two outputs differ, numbered, as (expected, actual).
fn first_difference(expected: &str, actual: &str) -> (String, String) {
    let mut want_lines = expected.split_inclusive('\n');
    let mut got_lines = actual.split_inclusive('\n');
    let mut number = 1;
    loop {
        match (want_lines.next(), got_lines.next()) {
            (Some(want), Some(got)) if want == got => number += 1,
            (want, got) => {
                let show = |line: Option<&str>, total: &str| match line {
                    Some(line) => format!(
                        "line {number}: {:?} ({} lines in all)",
                        clip(line),
                        total.lines().count()
                    ),
                    None => format!("(output ends after {} lines)", number - 1),
                };
                return (show(want, expected), show(got, actual));
            }
        }
    }
}

/// The first global whose value (or presence) differs, as (expected, actual).
fn globals_difference(
    expected: &[(String, String)],
    actual: &[(String, String)],
) -> (String, String) {
    let find = |globals: &[(String, String)], name: &str| {
        globals
            .iter()
            .find(|(other, _)| other == name)
            .map_or("(unbound)".to_string(), |(_, value)| clip(value))
    };
    for (name, _) in expected.iter().chain(actual) {
        let (want, got) = (find(expected, name), find(actual, name));
        if want != got {
            return (format!("{name} = {want}"), format!("{name} = {got}"));
        }
    }
    (
        "(same values)".to_string(),
        "(in another order)".to_string(),
    )
}

/// At most 300 characters of `text`.
fn clip(text: &str) -> String {
    match text.char_indices().nth(300) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text.to_string(),
    }
}

/// Two tiers ran one program with different observable results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Divergence {
    /// The program.
    pub source: String,
    /// The tier compared against (the interpreter).
    pub reference: &'static str,
    /// The tier that differed.
    pub tier: &'static str,
    /// What differed: `stdout`, `ending`, `globals`, `fuel left` or `panic`.
    pub field: &'static str,
    /// The reference tier's side of the first difference.
    pub expected: String,
    /// The other tier's side.
    pub actual: String,
}

impl Divergence {
    fn new(
        source: &str,
        reference: &'static str,
        tier: &'static str,
        field: &'static str,
        expected: &str,
        actual: &str,
    ) -> Divergence {
        Divergence {
            source: source.to_string(),
            reference,
            tier,
            field,
            expected: expected.to_string(),
            actual: actual.to_string(),
        }
    }

    /// A `#[test]` that reproduces this divergence through the oracle.
    pub fn regression_test(&self) -> String {
        let hashes = raw_string_hashes(&self.source);
        format!(
            "#[test]\nfn divergence_{:016x}() {{\n    tracelift_testkit::check(\n        r{hashes}\"{}\"{hashes},\n    );\n}}\n",
            fnv1a(&self.source),
            self.source
        )
    }
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field == "panic" {
            writeln!(f, "tier `{}` panicked: {}", self.tier, self.actual)?;
        } else {
            writeln!(
                f,
                "tier `{}` differs from `{}` in {}:",
                self.tier, self.reference, self.field
            )?;
            writeln!(f, "  {}: {}", self.reference, self.expected)?;
            writeln!(f, "  {}: {}", self.tier, self.actual)?;
        }
        writeln!(
            f,
            "\nregression test (paste into crates/testkit/tests/oracle.rs):\n"
        )?;
        write!(f, "{}", self.regression_test())
    }
}

impl std::error::Error for Divergence {}

/// Enough `#` marks that `source` cannot close a raw string early.
fn raw_string_hashes(source: &str) -> String {
    let mut hashes = "#".to_string();
    while source.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    hashes
}

/// FNV-1a of the source: a stable name for its regression test.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
