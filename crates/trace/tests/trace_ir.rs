//! The trace IR's text form and verifier: traces round-trip through `parse` and
//! `print` unchanged, and each broken trace is rejected with the exact invariant it
//! breaks. Bless with `UPDATE_EXPECT=1 cargo test -p tracelift-trace --test trace_ir`.

use expect_test::{expect, Expect};
use tracelift_trace::parse::parse;
use tracelift_trace::print::print;
use tracelift_trace::verify::verify;

/// `def f(n): i = 0; s = 0; while i < n: s += i; i += 1` as the recorder will record
/// it: the entry unboxes the three locals, the loop keeps `i` and `s` in parameters.
const COUNTING_LOOP: &str = "\
trace at t.py:4 in f (pc 4)
entry:
  %0:obj = load_slot 0
  %1:int = unbox_int %0 [snap0]            ; line 4
  %2:obj = load_slot 1
  %3:int = unbox_int %2 [snap0]            ; line 4
  %4:obj = load_slot 2
  %5:int = unbox_int %4 [snap0]            ; line 4
  jump loop(%3, %5)
loop(%6:int, %7:int):
  %8:bool = int_cmp < %6, %1               ; line 4
  guard_true %8 [snap1]                    ; line 4
  %9:int = int_add %7, %6 [snap2]          ; line 5
  %10:int = const_int 1
  %11:int = int_add %6, %10 [snap3]        ; line 6
  jump loop(%11, %9)
snap0: pc 4, stack 0:
snap1: pc 12, stack 0: 1=%6 2=%7
snap2: pc 6, stack 2: 1=%6 2=%7 3=%7 4=%6
snap3: pc 9, stack 2: 1=%6 2=%9 3=%6 4=%10
";

#[test]
fn a_trace_round_trips_through_text_and_verifies() {
    let trace = parse(COUNTING_LOOP).expect("parses");
    assert_eq!(print(&trace), COUNTING_LOOP);
    verify(&trace).expect("verifies");
}

#[test]
fn immediates_of_every_kind_round_trip() {
    let text = "\
trace at loops/x y.py:12 in <module> (pc 0)
entry:
  jump loop()
loop():
  %0:float = const_float -0.0
  %1:float = const_float NaN
  %2:float = const_float 1e300
  %3:bool = const_bool true
  %4:int = const_int -9223372036854775808
  %5:bool = float_cmp != %0, %1
  %6:obj = load_global 3 [snap0]
  store_global 4 %6
  jump loop()
snap0: pc 7, stack 1: 0=unbound
";
    let trace = parse(text).expect("parses");
    assert_eq!(print(&trace), text);
    verify(&trace).expect("verifies");
}

#[test]
fn snapshots_with_inlined_frames_round_trip() {
    let text = "\
trace at t.py:9 in run (pc 6)
entry:
  %0:obj = load_slot 3
  jump loop(%0)
loop(%1:obj):
  %2:int = range_iter_next %1 [snap0]      ; line 9
  %3:obj = load_global 1 [snap1]           ; line 10
  guard_code 0 %3 [snap2]                  ; line 10
  burn_fuel [snap2]                        ; line 10
  %4:int = int_mul %2, %2 [snap3]          ; line 2
  jump loop(%1)
code0: square at t.py:1
snap0: pc 6, stack 1: 3=%1
snap1: pc 8, stack 1: 2=%2 3=%1
snap2: pc 10, stack 3: 2=%2 3=%1 4=%3 5=%2
snap3: pc 11, stack 2: 2=%2 3=%1 4=%3 | code0 pc 1, stack 2: 0=%2 1=%2 2=%2 3=unbound
";
    let trace = parse(text).expect("parses");
    assert_eq!(print(&trace), text);
    verify(&trace).expect("verifies");
    let broken = text.replace("| code0 pc 1", "| code4 pc 1");
    expect!["loop inst 4 (int_mul): snap3 inlines code4, which does not exist"]
        .assert_eq(&verify(&parse(&broken).unwrap()).unwrap_err().to_string());
}

/// Replaces `from` by `to` in the counting loop and reports what the parser or the
/// verifier says.
fn check_broken(from: &str, to: &str, expected: Expect) {
    assert!(COUNTING_LOOP.contains(from), "{from}");
    let text = COUNTING_LOOP.replacen(from, to, 1);
    let outcome = match parse(&text) {
        Err(error) => format!("parse error: {error}"),
        Ok(trace) => match verify(&trace) {
            Err(error) => format!("verify error: {error}"),
            Ok(()) => "verified".to_string(),
        },
    };
    expected.assert_eq(&outcome);
}

#[test]
fn the_verifier_names_each_broken_invariant() {
    check_broken(
        "%9:int = int_add %7, %6 [snap2]",
        "%9:int = int_add %7, %12 [snap2]",
        expect!["verify error: loop inst 2 (int_add): %12 is used before it is defined"],
    );
    check_broken(
        "%10:int = const_int 1",
        "%9:int = const_int 1",
        expect!["verify error: loop inst 3 (const_int): %9 is defined twice"],
    );
    check_broken(
        "%8:bool = int_cmp < %6, %1",
        "%8:bool = int_cmp < %6, %0",
        expect!["verify error: loop inst 0 (int_cmp): argument 2 (%0) is obj, expected int"],
    );
    check_broken(
        "guard_true %8 [snap1]",
        "guard_true %8",
        expect!["verify error: loop inst 1 (guard_true): may exit but names no snapshot"],
    );
    check_broken(
        "%10:int = const_int 1",
        "%10:int = const_int 1 [snap1]",
        expect!["verify error: loop inst 3 (const_int): never exits but names a snapshot"],
    );
    check_broken(
        "guard_true %8 [snap1]",
        "guard_true %8 [snap9]",
        expect!["verify error: loop inst 1 (guard_true): snap9 does not exist"],
    );
    check_broken(
        "snap1: pc 12, stack 0: 1=%6 2=%7",
        "snap1: pc 12, stack 0: 1=%6 2=%11",
        expect!["verify error: loop inst 1 (guard_true): snap1 refers to %11, not defined here"],
    );
    check_broken(
        "snap3: pc 9, stack 2: 1=%6 2=%9",
        "snap3: pc 9, stack 2: 2=%6 1=%9",
        expect!["verify error: snap3: slots must be listed in increasing order, each once"],
    );
    check_broken(
        "snap1: pc 12, stack 0: 1=%6 2=%7",
        "snap1: pc 12, stack 0: 1=%6",
        expect!["verify error: loop inst 1 (guard_true): snap1 does not list slot 2, which holds a loop parameter"],
    );
    check_broken(
        "  jump loop(%11, %9)",
        "  jump loop(%11)",
        expect!["verify error: loop jump: loop takes 2 arguments, given 1"],
    );
    check_broken(
        "  jump loop(%3, %5)",
        "  jump loop(%3, %0)",
        expect!["verify error: entry jump: %0 is obj, but %7 is int"],
    );
    check_broken(
        "  %10:int = const_int 1",
        "  %10:obj = load_slot 1",
        expect![
            "verify error: loop inst 3 (load_slot): frame and exit reads are only allowed in entry"
        ],
    );
    check_broken(
        "%10:int = const_int 1",
        "%10:float = const_int 1",
        expect!["parse error: line 14: const_int yields int, not float"],
    );
    check_broken(
        "  jump loop(%11, %9)\n",
        "",
        expect!["parse error: line 16: a block must end with `jump loop(...)` or `jump body(...)`"],
    );
    check_broken(
        "int_cmp <",
        "int_cmp <>",
        expect!["parse error: line 11: unknown op or bad immediates: `int_cmp <> %6, %1`"],
    );
}

/// A counting loop peeled: `loop` is the first iteration, with both parameters
/// (`n`, invariant, and `i`); `body` carries only `i` and names `loop`'s `n` and
/// constant, never `entry`'s values.
const PEELED_LOOP: &str = "\
trace at t.py:4 in f (pc 4)
entry:
  %0:obj = load_slot 0
  %1:int = unbox_int %0 [snap0]            ; line 4
  %2:obj = load_slot 1
  %3:int = unbox_int %2 [snap0]            ; line 4
  jump loop(%1, %3)
loop(%4:int, %5:int):
  %6:bool = int_cmp < %5, %4               ; line 4
  guard_true %6 [snap1]                    ; line 4
  %7:int = const_int 1
  %8:int = int_add %5, %7 [snap2]          ; line 6
  jump body(%8)
body(%9:int):
  %10:bool = int_cmp < %9, %4              ; line 4
  guard_true %10 [snap3]                   ; line 4
  %11:int = int_add %9, %7 [snap4]         ; line 6
  jump body(%11)
snap0: pc 4, stack 0:
snap1: pc 12, stack 0: 0=%4 1=%5
snap2: pc 9, stack 2: 0=%4 1=%5 2=%5 3=%7
snap3: pc 12, stack 0: 0=%4 1=%9
snap4: pc 9, stack 2: 0=%4 1=%9 2=%9 3=%7
";

/// `PEELED_LOOP` with `from` replaced by `to`, through the parser and the verifier.
fn check_peeled(from: &str, to: &str, expected: Expect) {
    assert!(PEELED_LOOP.contains(from), "{from}");
    let text = PEELED_LOOP.replacen(from, to, 1);
    let outcome = match parse(&text) {
        Err(error) => format!("parse error: {error}"),
        Ok(trace) => match verify(&trace) {
            Err(error) => format!("verify error: {error}"),
            Ok(()) => "verified".to_string(),
        },
    };
    expected.assert_eq(&outcome);
}

#[test]
fn a_peeled_trace_round_trips_and_keeps_its_rules() {
    let trace = parse(PEELED_LOOP).expect("parses");
    assert_eq!(print(&trace), PEELED_LOOP);
    verify(&trace).expect("verifies");
    check_peeled(
        "  jump body(%8)",
        "  jump loop(%4, %8)",
        expect!["parse error: line 23: expected the blocks `entry` (jumping to `loop`) and `loop`, or `entry`, `loop` and `body` (both jumping to `body`)"],
    );
    check_peeled(
        "  jump body(%8)",
        "  jump body(%8, %4)",
        expect!["verify error: loop jump: body takes 1 arguments, given 2"],
    );
    check_peeled("  jump body(%11)", "  jump body(%7)", expect!["verified"]);
    check_peeled(
        "  jump body(%11)",
        "  jump body(%12)",
        expect!["verify error: body jump: %12 is used before it is defined"],
    );
    check_peeled(
        "  %11:int = int_add %9, %7 [snap4]",
        "  %11:int = int_add %9, %12 [snap4]",
        expect!["verify error: body inst 2 (int_add): %12 is used before it is defined"],
    );
    check_peeled(
        "snap3: pc 12, stack 0: 0=%4 1=%9",
        "snap3: pc 12, stack 0: 0=%4",
        expect!["verify error: body inst 1 (guard_true): snap3 does not list slot 1, which holds a loop parameter"],
    );
    check_peeled(
        "  %10:bool = int_cmp < %9, %4",
        "  %12:obj = load_slot 1\n  %10:bool = int_cmp < %9, %4",
        expect![
            "verify error: body inst 0 (load_slot): frame and exit reads are only allowed in entry"
        ],
    );
    check_peeled(
        "  jump body(%11)",
        "  leave [snap4]\n  jump body(%11)",
        expect![
            "verify error: leave: leave ends a trace: only the last instruction of loop may be one"
        ],
    );
}

/// `def build(n): out = ""; for i in range(n): out += "ab"; out = out + str(i)` as
/// recorded (`tests/traces/string_building.py`): two `str_append`s of slot 1.
const STRING_LOOP: &str = "\
trace at t.py:7 in build (pc 6)
entry:
  %0:obj = load_slot 1
  %1:obj = load_slot 2
  %2:int = unbox_int %1 [snap6]            ; line 7
  %3:obj = load_slot 3
  jump loop(%0, %2, %3)
loop(%4:obj, %5:int, %6:obj):
  %7:int = range_iter_next %6 [snap0]      ; line 7
  %8:obj = const_obj 0                     ; line 8
  %9:obj = str_append 1 %4, %8 [snap1]     ; line 8
  %10:obj = load_global 1 [snap2]          ; line 9
  %11:obj = box_int %7                     ; line 9
  %12:obj = call_native %10, %11 [snap3]   ; line 9
  %13:obj = str_append 1 %9, %12 [snap4]   ; line 9
  burn_fuel [snap5]                        ; line 7
  jump loop(%13, %7, %6)
const0: 'ab'
snap0: pc 6, stack 1: 1=%4 2=%5 3=%6
snap1: pc 9, stack 3: 1=%4 2=%7 3=%6 4=%4 5=%8
snap2: pc 11, stack 2: 1=%9 2=%7 3=%6 4=%9
snap3: pc 13, stack 4: 1=%9 2=%7 3=%6 4=%9 5=%10 6=%7
snap4: pc 14, stack 3: 1=%9 2=%7 3=%6 4=%9 5=%12
snap5: pc 16, stack 1: 1=%13 2=%7 3=%6
snap6: pc 6, stack 1:
";

/// `STRING_LOOP` with `from` replaced by `to`, through the verifier.
fn check_string_loop(from: &str, to: &str, expected: Expect) {
    assert!(STRING_LOOP.contains(from), "{from}");
    let trace = parse(&STRING_LOOP.replacen(from, to, 1)).expect("parses");
    let outcome = match verify(&trace) {
        Err(error) => format!("verify error: {error}"),
        Ok(()) => "verified".to_string(),
    };
    expected.assert_eq(&outcome);
}

#[test]
fn the_verifier_keeps_grown_strings_to_their_variable() {
    let trace = parse(STRING_LOOP).expect("parses");
    assert_eq!(print(&trace), STRING_LOOP);
    verify(&trace).expect("verifies");
    check_string_loop(
        "str_append 1 %9, %12",
        "str_append 1 %9, %4",
        expect!["verify error: loop inst 6 (str_append): %4, a string str_append may grow, is used elsewhere"],
    );
    check_string_loop(
        "%9:obj = str_append 1 %4, %8",
        "%9:obj = str_append 1 %8, %8",
        expect!["verify error: loop inst 2 (str_append): %8 is not the string of slot 1"],
    );
    check_string_loop(
        "%9:obj = str_append 1 %4, %8",
        "%9:obj = str_append 2 %4, %8",
        expect!["verify error: loop inst 2 (str_append): slot 2 is not a loop parameter that entry only reads (load_slot)"],
    );
    check_string_loop(
        "%13:obj = str_append 1 %9, %12",
        "%13:obj = str_append 3 %9, %12",
        expect!["verify error: loop inst 0 (range_iter_next): %6, a string str_append may grow, is used elsewhere"],
    );
    check_string_loop(
        "  jump loop(%13, %7, %6)",
        "  jump loop(%8, %7, %6)",
        expect![
            "verify error: loop jump: the parameter of a grown slot receives %8, not its string"
        ],
    );
    check_string_loop(
        "  jump loop(%13, %7, %6)",
        "  jump loop(%13, %7, %13)",
        expect!["verify error: loop jump: %13, a string str_append may grow, also goes to %6"],
    );
    check_string_loop(
        "snap2: pc 11, stack 2: 1=%9 2=%7 3=%6 4=%9",
        "snap2: pc 11, stack 2: 1=%9 2=%7 3=%6 4=%4",
        expect!["verify error: loop inst 3 (load_global): its snapshot lists %4, which a str_append before it may have grown"],
    );
    check_string_loop(
        "  %2:int = unbox_int %1 [snap6]",
        "  %2:int = unbox_int %0 [snap6]",
        expect!["verify error: loop inst 2 (str_append): slot 1 is not a loop parameter that entry only reads (load_slot)"],
    );
}
