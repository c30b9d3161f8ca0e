//! The backend on traces given as text: what it compiles, and the named reason it
//! gives when it cannot (the VM then leaves the loop to the interpreter).

use std::sync::atomic::AtomicUsize;

use tracelift_backend::Backend;
use tracelift_trace::abi::{CompileRequest, DumpRequest, ExitSlots, HelperTable, TraceCompiler};
use tracelift_trace::parse::parse;

/// Helper addresses for traces that are compiled and never run.
fn no_helpers() -> HelperTable {
    HelperTable::new(|_| std::ptr::null())
}

fn compile(text: &str) -> Result<usize, (String, String)> {
    compile_tier(text, false)
}

fn compile_tier(text: &str, quick: bool) -> Result<usize, (String, String)> {
    let trace = parse(text).expect("the trace text parses");
    let slots: Vec<AtomicUsize> = trace
        .snapshots
        .iter()
        .map(|_| AtomicUsize::new(0))
        .collect();
    let mut backend = Backend::new(no_helpers()).expect("this host has a code generator");
    let request = CompileRequest {
        trace: &trace,
        number: 0,
        exit_slots: ExitSlots::of(&slots),
        side: None,
        code_identities: &[],
        const_values: &[],
        layout: None,
        function: None,
        dump: DumpRequest::default(),
        quick,
        symbol: "test".into(),
    };
    match backend.compile(&request) {
        Ok(code) => {
            let bytes = code.code_bytes;
            backend.free(code);
            Ok(bytes)
        }
        Err(error) => Err((error.reason.to_string(), error.detail)),
    }
}

const COUNTER: &str = "\
trace at t.py:3 in f (pc 4)
entry:
  %0:obj = load_slot 0
  %1:int = unbox_int %0 [snap2]            ; line 3
  jump loop(%1)
loop(%2:int):
  %3:int = const_int 1
  %4:int = int_add %2, %3 [snap0]          ; line 4
  burn_fuel [snap1]                        ; line 3
  jump loop(%4)
snap0: pc 9, stack 0: 0=%2
snap1: pc 12, stack 0: 0=%4
snap2: pc 4, stack 0:
";

#[test]
fn a_well_formed_trace_compiles_to_some_code() {
    let bytes = compile(COUNTER).expect("compiles");
    assert!(bytes > 0);
}

#[test]
fn the_quick_tier_compiles_the_same_trace() {
    let bytes = compile_tier(COUNTER, true).expect("compiles quickly");
    assert!(bytes > 0);
}

#[test]
fn a_callee_guard_without_its_code_object_is_refused_by_name() {
    // A request without the identity of a code object the trace names gives
    // `guard_code` nothing to compare with: the compile fails with a reason, it does
    // not panic.
    let text = COUNTER.replace(
        "  %3:int = const_int 1\n",
        "  %3:int = const_int 1\n  guard_code 0 %0 [snap0]\n",
    );
    let text = text.replace("snap0: pc 9", "code0: g at t.py:1\nsnap0: pc 9");
    let (reason, detail) = compile(&text).expect_err("refused");
    assert_eq!(reason, "unsupported");
    assert_eq!(detail, "guard_code names a code object the trace lacks");
}
