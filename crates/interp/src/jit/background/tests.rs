//! The background install path on a stand-in compiler that finishes each compile
//! when asked: pending loops wait, finished roots and side traces are installed and
//! linked, a side trace whose tree was freed while it compiled is freed unlinked,
//! and a failed compile backs its loop off as in the foreground. Also, on the same
//! stand-in, the compiler a VM makes only when its first trace is compiled.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::super::abi::{
    CompileError, CompileRequest, CompiledCode, NativeContext, ParentExit, RawSlot, TraceCompiler,
    Trampoline,
};
use super::super::install::Placement;
use super::super::{Background, JitMode, JitParams, JitState, LoopKey, PassSet, Recorded};
use crate::bytecode::CodeId;

const ROOT: &str = "trace at t.py:3 in f (pc 4)
entry:
  %0:obj = load_slot 0
  %1:int = unbox_int %0 [snap2]
  jump loop(%1)
loop(%2:int):
  %3:int = const_int 100
  %4:bool = int_cmp < %2, %3
  guard_true %4 [snap0]
  %5:int = const_int 1
  %6:int = int_add %2, %5 [snap0]
  burn_fuel [snap1]
  jump loop(%6)
snap0: pc 9, stack 0: 0=%2
snap1: pc 12, stack 0: 0=%6
snap2: pc 4, stack 0:
";

const SIDE: &str = "trace at t.py:3 in f (pc 4)
side trace of trace0 snap0, closing at snap2
entry:
  %0:obj = load_exit 0
  %1:int = unbox_int %0 [snap0]
  jump loop()
loop():
  %2:int = const_int 0
  burn_fuel [snap1]
  jump root
snap0: pc 9, stack 0: 0=%0
snap1: pc 9, stack 0: 0=%1
snap2: pc 4, stack 0: 0=%2
";

/// What the stand-in compiler was asked, shared with the test.
#[derive(Default)]
struct Log {
    started: VecDeque<u64>,
    /// Whether compiles fail.
    fail: Cell<bool>,
    freed: Cell<u32>,
}

struct StandIn(Rc<RefCell<Log>>);

/// The stand-in's trampoline, never called.
unsafe extern "C" fn no_trampoline(_: *const u8, _: *mut RawSlot, _: *mut NativeContext) -> u64 {
    0
}

/// Code that is never run: a non-null entry and no memory.
fn code() -> CompiledCode {
    CompiledCode {
        entry: std::ptr::NonNull::<u8>::dangling().as_ptr(),
        loop_entry: std::ptr::null(),
        code_bytes: 16,
        compile_time: Duration::from_micros(1),
        dumps: Vec::new(),
        memory: Box::new(()),
    }
}

impl TraceCompiler for StandIn {
    fn trampoline(&self) -> Trampoline {
        no_trampoline
    }

    fn compile(&mut self, _: &CompileRequest<'_>) -> Result<CompiledCode, CompileError> {
        Ok(code())
    }

    fn free(&mut self, _: CompiledCode) {
        let log = self.0.borrow();
        log.freed.set(log.freed.get() + 1);
    }

    fn start(&mut self, ticket: u64, _: &CompileRequest<'_>) -> bool {
        self.0.borrow_mut().started.push_back(ticket);
        true
    }

    fn finished(&mut self, _wait: bool) -> Option<(u64, Result<CompiledCode, CompileError>)> {
        let mut log = self.0.borrow_mut();
        let ticket = log.started.pop_front()?;
        let result = match log.fail.get() {
            true => Err(CompileError {
                reason: "codegen",
                detail: "refused".into(),
            }),
            false => Ok(code()),
        };
        Some((ticket, result))
    }
}

fn jit() -> (JitState, Rc<RefCell<Log>>, LoopKey) {
    let log = Rc::new(RefCell::new(Log::default()));
    let mut jit = JitState::default();
    jit.mode = JitMode::On;
    jit.params = JitParams {
        opt: PassSet::NONE,
        compile_in_background: Background::On,
        ..JitParams::default()
    };
    jit.set_compiler(Box::new(StandIn(log.clone())));
    let key = LoopKey {
        code: CodeId::fresh(),
        pc: 4,
    };
    (jit, log, key)
}

fn recorded(text: &str) -> Recorded {
    Recorded {
        trace: tracelift_trace::parse::parse(text).expect("the trace parses"),
        codes: Vec::new(),
        consts: Vec::new(),
        function: None,
    }
}

/// Installs the root at `key` and collects its compile.
fn install_root(jit: &mut JitState, key: LoopKey) -> Rc<super::InstalledTrace> {
    let root = Placement::Root {
        at: Some(key),
        header_depth: 0,
    };
    let root = jit.install(recorded(ROOT), root).expect("started");
    assert!(jit.loops.entry(key).compiling);
    assert!(jit.loops.entry(key).trace.is_none());
    assert!(
        !jit.loops.entry(key).arrive(&jit.params),
        "a compiling loop is not recorded"
    );
    jit.collect_compiles(false);
    assert!(!jit.loops.entry(key).compiling);
    root
}

/// Starts the side trace from the root's snap0.
fn start_side(jit: &mut JitState, root: &super::InstalledTrace) -> Rc<super::InstalledTrace> {
    let parent = ParentExit {
        trace: root.number,
        snapshot: 0,
        root: root.number,
    };
    let side = Placement::Side {
        parent,
        from: root,
        root,
        target: None,
        quick: false,
    };
    let side = jit.install(recorded(SIDE), side).expect("started");
    assert!(jit.compiling_from(root.number, 0));
    assert_eq!(root.exit_slots[0].load(Ordering::Acquire), 0);
    side
}

#[test]
fn a_finished_root_becomes_its_loops_trace_and_a_side_trace_is_linked() {
    let (mut jit, _log, key) = jit();
    let root = install_root(&mut jit, key);
    let installed = jit.loops.entry(key).trace.clone().expect("installed");
    assert_eq!(installed.number, root.number);
    let side = start_side(&mut jit, &root);
    jit.collect_compiles(false);
    assert!(!jit.compiling_from(root.number, 0));
    let entry = side.native_entry().expect("compiled") as usize;
    assert_eq!(root.exit_slots[0].load(Ordering::Acquire), entry);
    assert_eq!(
        (jit.stats.traces_compiled, jit.stats.background_compiles),
        (2, 2)
    );
}

#[test]
fn a_side_trace_whose_tree_was_freed_while_it_compiled_is_freed_unlinked() {
    let (mut jit, log, key) = jit();
    let root = install_root(&mut jit, key);
    let side = start_side(&mut jit, &root);
    jit.free_tree(root.number);
    assert_eq!(log.borrow().freed.get(), 1);
    jit.collect_compiles(false);
    assert!(side.native_entry().is_none());
    assert_eq!(root.exit_slots[0].load(Ordering::Acquire), 0);
    assert_eq!(log.borrow().freed.get(), 2);
    assert_eq!(jit.stats.compiles_discarded, 1);
}

#[test]
fn a_failed_compile_backs_the_loop_off_as_in_the_foreground() {
    let (mut jit, log, key) = jit();
    log.borrow().fail.set(true);
    let root = Placement::Root {
        at: Some(key),
        header_depth: 0,
    };
    jit.install(recorded(ROOT), root).expect("started");
    jit.collect_compiles(false);
    let state = jit.loops.entry(key);
    assert!(!state.compiling && state.trace.is_none());
    assert_eq!(state.aborts, 1);
    let aborts: Vec<_> = jit.stats.aborts.iter().collect();
    assert_eq!(format!("{aborts:?}"), r#"[("compile:codegen", 1)]"#);
}

#[test]
fn the_compiler_is_made_once_when_the_first_trace_compiles() {
    let (mut jit, log, key) = jit();
    jit.compiler = Default::default();
    let made = Rc::new(Cell::new(0));
    let counted = made.clone();
    jit.set_compiler_factory(Box::new(move || {
        counted.set(counted.get() + 1);
        Ok(Box::new(StandIn(log)) as Box<dyn TraceCompiler>)
    }));
    assert!(jit.compiles(), "a compiler still to be made counts");
    assert_eq!(made.get(), 0, "made before a trace needs it");
    let root = install_root(&mut jit, key);
    assert_eq!(made.get(), 1);
    assert!(root.native_entry().is_some());
    start_side(&mut jit, &root);
    jit.collect_compiles(false);
    assert_eq!((made.get(), jit.stats.traces_compiled), (1, 2));
}

#[test]
fn a_compiler_that_cannot_be_made_leaves_traces_to_the_evaluator() {
    let (mut jit, _log, key) = jit();
    jit.compiler = Default::default();
    jit.set_compiler_factory(Box::new(|| Err("no code generator for this host".into())));
    let root = Placement::Root {
        at: Some(key),
        header_depth: 0,
    };
    let root = jit.install(recorded(ROOT), root).expect("installed");
    assert_eq!(
        jit.compiler.error(),
        Some("no code generator for this host")
    );
    assert!(!jit.compiles());
    assert!(root.native_entry().is_none(), "evaluated, not compiled");
    let installed = jit
        .loops
        .entry(key)
        .trace
        .clone()
        .expect("the loop's trace");
    assert_eq!(installed.number, root.number);
}
