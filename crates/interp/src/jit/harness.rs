//! Running one trace on a made-up frame: the entry point of the trace-level oracle.
//!
//! A [`TraceCase`] is a trace plus the state it starts from: the frame's slots, the
//! globals, a step budget, and the live code objects of the callees the trace inlined
//! ([`stand_in_codes`]: traces read from text have none), which exits rebuild frames
//! of and which `guard_code` checks functions against (a [`function`] running one may
//! sit in a slot or global). A [`TraceRunner`] runs it the way the VM would run a
//! loop's trace (the evaluator without a compiler, machine code with one) until the
//! trace leaves, and reports the [`TraceOutcome`]: where the interpreter would resume,
//! every frame slot and global after the exit, and the error raised there, if any.
//! Two tiers agree on a case exactly when their outcomes are equal.
//!
//! A case may carry a side trace hanging off one of the trace's exits (a two-trace
//! tree). Compiled, it is linked to that exit as the VM links one. Evaluated, it runs
//! after the trace leaves through that exit, its `load_exit`s reading what the exit
//! wrote, and when it closes the trace is entered again from the top: the meaning
//! compiled trees must have.
//!
//! The step budget is the whole budget: each `burn_fuel` spends a step, and the one
//! after the last raises `FuelExhausted` at its snapshot, as the interpreter would. A
//! compiled trace leaves through its fuel exit instead; the runner then takes the step
//! the interpreter would take, which raises the same error at the same place.

use std::rc::Rc;

use crate::bytecode::Code;
use crate::exception::PyErr;
use crate::jit::abi::{run_native, CompileError, ParentExit, TraceCompiler};
use crate::jit::{InstalledTrace, JitMode, Placement, Recorded, TraceEnd};
use crate::value::{FunctionObj, IterObj, ListObj, Value};
use crate::vm::{Interp, Runtime};
use tracelift_trace::{Op, SnapEntry, SnapshotId, Trace};

/// A trace and the state it is entered with.
#[derive(Clone, Debug)]
pub struct TraceCase {
    pub trace: Trace,
    /// A side trace of `trace` (its `side.parent_snapshot` names the exit it hangs
    /// off, its `side.parent_trace` is 0), or `None`.
    pub side: Option<Trace>,
    /// The frame's slots (locals; the frame has exactly this many).
    pub frame: Vec<Value>,
    /// Global slots `0..globals.len()` (named `g0`, `g1`, …); `Value::Unbound` for an
    /// unassigned one. Globals the trace names beyond these start unassigned.
    pub globals: Vec<Value>,
    /// Steps the trace may take (`burn_fuel`s that succeed).
    pub fuel: u64,
    /// The live code object of each entry of `trace.codes` (a side trace's `codes` are
    /// its root's, so both use these): what exits rebuild inlined frames running, and
    /// what `guard_code` compares a function's code with. [`stand_in_codes`] makes them.
    pub codes: Vec<Rc<Code>>,
}

/// What running a case left behind, described so that two runs compare as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceOutcome {
    /// The bytecode index the interpreter resumes at, or raises at.
    pub pc: u32,
    /// The frames an exit rebuilt for inlined calls, outermost first: for each, the
    /// code it runs and where its caller resumes (`f3, caller at pc 12`). Empty when
    /// the interpreter resumes in the trace's own frame.
    pub inlined: Vec<String>,
    /// Every frame slot after the exit (locals, then the operand stack), described.
    pub frame: Vec<String>,
    /// Every global slot of the case and of the trace, described.
    pub globals: Vec<String>,
    /// `Kind: message` of the error raised at the exit.
    pub error: Option<String>,
}

impl std::fmt::Display for TraceOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "resumes at pc {}", self.pc)?;
        for frame in &self.inlined {
            writeln!(f, "  in {frame}")?;
        }
        for (slot, value) in self.frame.iter().enumerate() {
            writeln!(f, "  slot {slot} = {value}")?;
        }
        for (global, value) in self.globals.iter().enumerate() {
            writeln!(f, "  g{global} = {value}")?;
        }
        match &self.error {
            Some(error) => writeln!(f, "  raises {error}"),
            None => Ok(()),
        }
    }
}

/// Runs cases in one tier, reusing one runtime (and its compiler) across cases.
pub struct TraceRunner {
    runtime: Runtime,
    /// How many globals (`g0`, `g1`, …) cases have used so far.
    globals: usize,
    /// What the last case did beyond its outcome (evaluated runs only).
    report: RunReport,
}

/// What an evaluated case did beyond its outcome: not compared between tiers, but
/// how tests tell that generated trees are exercised and where a generator hangs a
/// side trace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunReport {
    /// The exit the root first left through, if it left without raising.
    pub first_exit: Option<u32>,
    /// How often the side trace ran, and how often it closed the loop.
    pub side_entered: u64,
    pub side_closed: u64,
}

impl TraceRunner {
    /// A runner for the evaluator (`compiler` is `None`) or for machine code, which
    /// installs traces as given (no optimizer pass; see [`TraceRunner::optimized`]).
    pub fn new(compiler: Option<Box<dyn TraceCompiler>>) -> TraceRunner {
        let mut runtime = Runtime::new(Box::new(std::io::sink()));
        runtime.jit.mode = JitMode::On;
        runtime.jit.params.opt = crate::jit::PassSet::NONE;
        if let Some(compiler) = compiler {
            runtime.jit.set_compiler(compiler);
        }
        TraceRunner {
            runtime,
            globals: 0,
            report: RunReport::default(),
        }
    }

    /// The same runner, installing every trace through the optimizer `passes`
    /// (the VM's own install path, as a program's traces go).
    pub fn optimized(mut self, passes: crate::jit::PassSet) -> TraceRunner {
        self.runtime.jit.params.opt = passes;
        self
    }

    /// Runs `case` until its trace leaves. `Err` when the compiler refuses the trace.
    pub fn run(&mut self, case: &TraceCase) -> Result<TraceOutcome, CompileError> {
        // Nothing of an earlier case survives, even one that was refused or panicked.
        self.forget_cases();
        // Every global the case sets or the trace names exists, so what a global op
        // does never depends on the cases run before.
        let traces = std::iter::once(&case.trace).chain(&case.side);
        let named = traces
            .flat_map(Trace::insts)
            .filter_map(|inst| match inst.op {
                Op::LoadGlobal { global } | Op::StoreGlobal { global } => Some(global as usize + 1),
                _ => None,
            });
        let count = named.max().unwrap_or(0).max(case.globals.len());
        let globals: Vec<u32> = (0..count)
            .map(|index| self.runtime.globals.intern(&format!("g{index}")))
            .collect();
        self.globals = self.globals.max(count);
        let tree = self.install(case)?;
        for (&slot, value) in globals.iter().zip(&case.globals) {
            self.runtime.globals.store(slot, value.clone());
        }
        self.report = RunReport::default();
        let (pc, frame, inlined, error) =
            run_case(&mut self.runtime, case, &tree, &mut self.report);
        let described = globals
            .iter()
            .map(|&slot| describe(self.runtime.globals.load(slot).unwrap_or(&Value::Unbound)))
            .collect();
        // The case's objects go now, not at the next case.
        self.forget_cases();
        Ok(TraceOutcome {
            pc,
            inlined,
            frame,
            globals: described,
            error: error.map(|error| format!("{}: {}", error.kind.name(), error.message)),
        })
    }

    /// Installs (and, with a compiler, compiles and links) the case's trace and its
    /// side trace, through the VM's own install path.
    fn install(&mut self, case: &TraceCase) -> Result<Tree, CompileError> {
        let jit = &mut self.runtime.jit;
        let compiled = jit.compiles();
        let root = Placement::Root {
            at: None,
            header_depth: 0,
        };
        // Both tiers refuse a case that lacks a code object its traces name.
        let named = std::iter::once(&case.trace).chain(&case.side);
        if let Some(trace) = named
            .into_iter()
            .find(|trace| trace.codes.len() > case.codes.len())
        {
            return Err(CompileError {
                reason: "missing_code",
                detail: format!(
                    "the trace names {} code objects, the case has {}",
                    trace.codes.len(),
                    case.codes.len()
                ),
            });
        }
        let recorded = |trace: &Trace| Recorded {
            trace: trace.clone(),
            codes: case.codes[..trace.codes.len()].to_vec(),
            consts: trace
                .consts
                .iter()
                .map(|text| constant_from_repr(text))
                .collect(),
            function: None,
        };
        // A generated side trace names its parent exit by number in the unpeeled
        // root; peeling would move the steady state's exits to copies with new
        // numbers, which it would not hang off. (The VM records a side trace from the
        // exit actually taken, so there the link is always right.) So a root with a
        // side trace is installed unpeeled.
        let passes = jit.params.opt;
        if case.side.is_some() {
            jit.params.opt = passes.without(crate::jit::Pass::Peel);
        }
        let root = jit.install(recorded(&case.trace), root);
        jit.params.opt = passes;
        let root = root?;
        let Some(side_trace) = &case.side else {
            return Ok(Tree {
                root,
                side: None,
                compiled,
            });
        };
        let link = side_trace.side.map_or(0, |side| side.parent_snapshot);
        // Both tiers refuse a side trace of an exit the root does not have.
        let Some(exit) = root.trace.snapshots.get(link as usize) else {
            return Err(CompileError {
                reason: "no_parent_exit",
                detail: format!("the trace has no snap{link}"),
            });
        };
        let parent = ParentExit {
            trace: root.number,
            snapshot: link,
            root: root.number,
        };
        let side = Placement::Side {
            parent,
            from: &root,
            root: &root,
            target: None,
            quick: false,
        };
        let side = jit.install(recorded(side_trace), side)?;
        let side = Some((link, exit.entries.clone(), side));
        Ok(Tree {
            root,
            side,
            compiled,
        })
    }

    /// What the last case did beyond its outcome (all zero unless evaluated).
    pub fn report(&self) -> RunReport {
        self.report
    }

    /// Frees every trace and empties every global a case used.
    fn forget_cases(&mut self) {
        self.runtime.jit.free_all();
        self.runtime.jit.installed.clear();
        let jit = &mut self.runtime.jit;
        jit.deferred.free_all(&mut jit.spare_boxes);
        for slot in 0..self.globals {
            self.runtime.globals.store(slot as u32, Value::Unbound);
        }
    }
}

/// A case's traces as installed.
struct Tree {
    root: Rc<InstalledTrace>,
    /// The exit the side trace hangs off, that exit's entries, and the side trace.
    side: Option<(u32, Vec<SnapEntry>, Rc<InstalledTrace>)>,
    compiled: bool,
}

/// Enters the trace on a fresh frame holding the case's slots; the pc, the frame and
/// the error after it leaves.
fn run_case(
    runtime: &mut Runtime,
    case: &TraceCase,
    tree: &Tree,
    report: &mut RunReport,
) -> (u32, Vec<String>, Vec<String>, Option<PyErr>) {
    let code = Rc::new(frame_code(case.frame.len()));
    let mut interp = Interp::new(runtime, code, case.frame.clone());
    // All of the budget in this slice; the step after it raises.
    interp.slice = case.fuel;
    interp.fuel_after_slice = Some(0);
    let result = if tree.compiled {
        run_compiled(&mut interp, tree)
    } else {
        run_evaluated(&mut interp, tree, report)
    };
    let pc = match result {
        Ok(()) => interp.pc,
        Err(_) => interp.current,
    };
    let frame = interp.stack.iter().map(describe).collect();
    let codes = interp.frames.iter().skip(1).map(|frame| &frame.code);
    let inlined = interp
        .frames
        .iter()
        .zip(codes.chain(std::iter::once(&interp.code)))
        .map(|(caller, code)| format!("{}, caller at pc {}", code.name, caller.pc))
        .collect();
    (pc as u32, frame, inlined, result.err())
}

/// Runs the tree's machine code; linked side traces run without returning here.
/// A side trace that closes the loop may still leave through its `close` snapshot
/// (when a value fails the type check of the root's loop parameter it would be passed
/// as): the frame is then at the root's loop header, and the root is entered again
/// from the top, where its own entry check fails the same way, as evaluated.
fn run_compiled(interp: &mut Interp<'_>, tree: &Tree) -> Result<(), PyErr> {
    // (A side trace that ends by leaving exits there for good.)
    let close = tree.side.as_ref().and_then(|(_, _, side)| {
        let close = side.trace.side?.close;
        (!side.leaves_through(close.0)).then_some((side.number, close.0))
    });
    loop {
        let Some(entry) = tree.root.native_entry() else {
            return Ok(());
        };
        let exit = run_native(interp, &tree.root, entry)?;
        if exit.fuel {
            // The step the interpreter takes at a fuel exit.
            interp.current = interp.pc;
            return interp.burn_fuel();
        }
        if close != Some((exit.trace, exit.snapshot)) {
            return Ok(());
        }
    }
}

/// Evaluates the trace; when it leaves through the exit the side trace hangs off,
/// evaluates the side trace from there, and enters the trace again when it closes.
fn run_evaluated(
    interp: &mut Interp<'_>,
    tree: &Tree,
    report: &mut RunReport,
) -> Result<(), PyErr> {
    loop {
        let end = crate::jit::evaluate(interp, &tree.root, &[])?;
        if let (None, TraceEnd::Exited(exit)) = (report.first_exit, end) {
            report.first_exit = Some(exit.0);
        }
        let Some((link, entries, side)) = &tree.side else {
            return Ok(());
        };
        if end != TraceEnd::Exited(SnapshotId(*link)) {
            return Ok(());
        }
        // What the exit wrote, in its order: what compiled code hands the side trace.
        let written: Vec<Value> = entries
            .iter()
            .map(|entry| {
                let slot = interp.base + entry.slot as usize;
                interp.stack.get(slot).cloned().unwrap_or(Value::Unbound)
            })
            .collect();
        report.side_entered += 1;
        if crate::jit::evaluate(interp, side, &written)? != TraceEnd::Closed {
            return Ok(());
        }
        report.side_closed += 1;
    }
}

/// A stand-in code object for each inlined callee `trace` names (traces read from
/// text have no live ones), shared with its side trace, if any, whose `codes` are
/// `trace`'s: named as the callee, with as many locals as the frames of it that either
/// trace's exits rebuild list, less their operand stack, and no instructions.
pub fn stand_in_codes(trace: &Trace, side: Option<&Trace>) -> Vec<Rc<Code>> {
    let snapshots: Vec<&tracelift_trace::Snapshot> = std::iter::once(trace)
        .chain(side)
        .flat_map(|trace| &trace.snapshots)
        .collect();
    trace
        .codes
        .iter()
        .enumerate()
        .map(|(index, callee)| {
            let locals = snapshots
                .iter()
                .flat_map(|snapshot| &snapshot.inlined)
                .filter(|frame| frame.code as usize == index)
                .map(|frame| {
                    let listed = frame.entries.iter().map(|entry| entry.slot as usize + 1);
                    listed
                        .max()
                        .unwrap_or(0)
                        .saturating_sub(frame.stack_depth as usize)
                })
                .max()
                .unwrap_or(0);
            stand_in_code(&callee.name, locals)
        })
        .collect()
}

/// A code object named `name` with `locals` locals and no instructions.
pub fn stand_in_code(name: &str, locals: usize) -> Rc<Code> {
    let mut code = frame_code(locals);
    code.name = name.into();
    Rc::new(code)
}

/// A Python function (without defaults) running `code`: what `guard_code` checks a
/// callee is.
pub fn function(code: Rc<Code>) -> Value {
    FunctionObj::value(code, Vec::new())
}

/// The constant a `repr` text stands for, as the compiler makes it from the same text
/// written as a literal (a string, an int, or a tuple of such literals and `None`,
/// `True`, `False`, floats); any other text stands for itself, as a string.
fn constant_from_repr(text: &str) -> Value {
    let literal = tracelift_syntax::parse_module(&format!("{text}\n"))
        .ok()
        .and_then(|module| match &module.body[..] {
            [statement] => match &statement.kind {
                tracelift_syntax::ast::StmtKind::Expr(expr) => literal_constant(expr),
                _ => None,
            },
            _ => None,
        });
    literal.unwrap_or_else(|| Value::str(text.to_string()))
}

/// The value of a literal expression: a tuple of literals item by item (the compiler
/// builds tuples at run time), anything else as the compiler's one constant for it.
fn literal_constant(expr: &tracelift_syntax::ast::Expr) -> Option<Value> {
    use tracelift_syntax::ast::{ExprKind, Module, Stmt, StmtKind};
    match &expr.kind {
        ExprKind::Tuple(items) => {
            let items: Option<Vec<Value>> = items.iter().map(literal_constant).collect();
            return Some(Value::tuple(items?));
        }
        ExprKind::None => return Some(Value::None),
        ExprKind::Bool(flag) => return Some(Value::Bool(*flag)),
        _ => {}
    }
    let module = Module {
        body: vec![Stmt {
            kind: StmtKind::Expr(expr.clone()),
            span: expr.span,
        }],
    };
    let mut globals = crate::globals::Globals::default();
    let code = crate::compiler::compile_module(&module, "<constant>", &mut globals).ok()?;
    let mut objects = code
        .consts
        .iter()
        .filter(|value| !matches!(value, Value::None));
    match (objects.next(), objects.next()) {
        (Some(only), None) => Some(only.clone()),
        _ => None,
    }
}

/// A code object with `locals` locals and no instructions: the frame a case runs in.
fn frame_code(locals: usize) -> Code {
    Code {
        name: "<trace case>".into(),
        filename: "<trace case>".into(),
        first_line: 0,
        instrs: Vec::new().into(),
        lines: Vec::new().into(),
        consts: Vec::new(),
        names: Vec::new(),
        functions: Vec::new(),
        param_count: 0,
        local_names: (0..locals).map(|slot| format!("s{slot}").into()).collect(),
        id: crate::bytecode::CodeId::fresh(),
        quiet_calls: std::cell::Cell::new(0),
    }
}

/// The longest description `describe` writes; past it, the rest is cut (lists can
/// share and contain one another, so a full description can be exponentially long).
const MAX_DESCRIPTION: usize = 64 * 1024;

/// A value as text that depends only on its state: `repr` for numbers, strs, lists,
/// tuples and ranges (a list inside itself is `[...]`, as in `repr`), the position of
/// iterators and the code name of functions (whose `repr`s would show an address),
/// also inside lists and tuples.
pub fn describe(value: &Value) -> String {
    let mut out = String::new();
    describe_into(value, &mut Vec::new(), &mut out);
    if out.len() > MAX_DESCRIPTION {
        let mut end = MAX_DESCRIPTION;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
        out.push_str("...(cut)");
    }
    out
}

/// Appends the description of `value`; `open` holds the lists being described.
fn describe_into(value: &Value, open: &mut Vec<*const ListObj>, out: &mut String) {
    if out.len() > MAX_DESCRIPTION {
        return;
    }
    match value {
        Value::Unbound => out.push_str("<unbound>"),
        Value::List(list) => describe_list(list, open, out),
        // Item by item, as lists: a tuple may hold iterators and functions.
        Value::Tuple(items) => {
            out.push('(');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                describe_into(item, open, out);
                if out.len() > MAX_DESCRIPTION {
                    break;
                }
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Value::Iter(iter) => match &**iter {
            IterObj::Range {
                next,
                remaining,
                step,
            } => out.push_str(&format!(
                "range_iterator(next={}, remaining={}, step={step})",
                next.get(),
                remaining.get()
            )),
            IterObj::List { list, index } => {
                out.push_str(&format!("list_iterator(index={}, list=", index.get()));
                describe_list(list, open, out);
                out.push(')');
            }
            other => out.push_str(other.type_name()),
        },
        Value::Function(function) => out.push_str(&format!("<function {}>", function.name())),
        Value::HostFunction(_) | Value::Method(_) => out.push_str(value.type_name()),
        other => match crate::value::repr::repr(other) {
            Ok(text) => out.push_str(&text),
            Err(error) => out.push_str(&error.message),
        },
    }
}

fn describe_list(list: &Rc<ListObj>, open: &mut Vec<*const ListObj>, out: &mut String) {
    let address = Rc::as_ptr(list);
    if open.contains(&address) {
        out.push_str("[...]");
        return;
    }
    open.push(address);
    out.push('[');
    for (index, item) in list.snapshot().iter().enumerate() {
        if index > 0 {
            out.push_str(", ");
        }
        describe_into(item, open, out);
        if out.len() > MAX_DESCRIPTION {
            break;
        }
    }
    out.push(']');
    open.pop();
}
