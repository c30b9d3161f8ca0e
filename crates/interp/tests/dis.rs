//! Snapshot tests of the compiler through `dis`: the bytecode of each construct, its
//! source lines, the superinstructions the peephole pass makes, and each instruction's
//! uop expansion. Bless with `UPDATE_EXPECT=1 cargo test -p tracelift-interp --test dis`.

use expect_test::{expect, Expect};
use tracelift_interp::dis::disassemble;
use tracelift_interp::Runtime;

fn check(source: &str, expected: Expect) {
    let mut runtime = Runtime::new(Box::new(std::io::sink()));
    let code = runtime.compile(source, "t.py").expect("compiles");
    expected.assert_eq(&disassemble(&code, &runtime.globals, source));
}

/// The listing after running the program once, so generic instructions show the
/// specialised forms they quickened into.
fn check_after_run(source: &str, expected: Expect) {
    let mut runtime = Runtime::new(Box::new(std::io::sink()));
    let code = runtime.compile(source, "t.py").expect("compiles");
    runtime.run_code(code.clone()).expect("runs");
    expected.assert_eq(&disassemble(&code, &runtime.globals, source));
}

#[test]
fn while_loop_with_fused_compare_and_branch() {
    check(
        "def count(n):\n    i = 0\n    while i < n:\n        i += 1\n    return i\n",
        expect![[r#"
            code <module> (line 1, 0 params, locals: [])
                 1 | def count(n):
                      0 MakeFunction                 count (0 defaults)   ; make_function code=0 defaults=0
                      1 StoreGlobal                  0 (count)            ; store_global global=0
                 5 | return i
                      2 LoadConst                    0 (None)             ; load_const index=0
                      3 ReturnValue                                       ; return_value

            code count (line 1, 1 params, locals: [n, i])
                 2 | i = 0
                      0 LoadConst                    0 (0)                ; load_const index=0
                      1 StoreFast                    1 (i)                ; store_fast slot=1
                 3 | while i < n:
                      2 LoadFastLoadFast             1 (i), 0 (n)         ; load_fast slot=1, load_fast slot=0
                      3 CompareJumpIfFalse           < -> 8               ; compare_generic op=<, pop_jump_if_false target=8
                 4 | i += 1
                      4 LoadFastLoadConst            1 (i), 1 (1)         ; load_fast slot=1, load_const index=1
                      5 Binary                       +=                   ; binary_generic op=+=
                      6 StoreFast                    1 (i)                ; store_fast slot=1
                 3 | while i < n:
                      7 JumpBackward                 -> 2                 ; jump_backward target=2
                 5 | return i
                      8 LoadFast                     1 (i)                ; load_fast slot=1
                      9 ReturnValue                                       ; return_value
                     10 LoadConst                    2 (None)             ; load_const index=2
                     11 ReturnValue                                       ; return_value

        "#]],
    );
}

#[test]
fn for_loop_break_continue_and_parallel_assignment() {
    check(
        "a, b = 0, 1\nfor x in [1, 2, 3]:\n    if x == 2:\n        continue\n    if x > 2 and b:\n        break\n    a, b = b, a + b\n",
        expect![[r#"
            code <module> (line 1, 0 params, locals: [])
                 1 | a, b = 0, 1
                      0 LoadConst                    0 (0)                ; load_const index=0
                      1 LoadConst                    1 (1)                ; load_const index=1
                      2 Swap                         1                    ; swap depth=1
                      3 StoreGlobal                  0 (a)                ; store_global global=0
                      4 StoreGlobal                  1 (b)                ; store_global global=1
                 2 | for x in [1, 2, 3]:
                      5 LoadConst                    1 (1)                ; load_const index=1
                      6 LoadConst                    2 (2)                ; load_const index=2
                      7 LoadConst                    3 (3)                ; load_const index=3
                      8 BuildList                    3                    ; build_list count=3
                      9 GetIter                                           ; get_iter
                     10 ForIter                      -> 31                ; for_iter target=31
                     11 StoreGlobal                  2 (x)                ; store_global global=2
                 3 | if x == 2:
                     12 LoadGlobal                   2 (x)                ; load_global global=2
                     13 LoadConst                    2 (2)                ; load_const index=2
                     14 CompareJumpIfFalse           == -> 16             ; compare_generic op===, pop_jump_if_false target=16
                 4 | continue
                     15 JumpBackward                 -> 10                ; jump_backward target=10
                 5 | if x > 2 and b:
                     16 LoadGlobal                   2 (x)                ; load_global global=2
                     17 LoadConst                    2 (2)                ; load_const index=2
                     18 CompareJumpIfFalse           > -> 23              ; compare_generic op=>, pop_jump_if_false target=23
                     19 LoadGlobal                   1 (b)                ; load_global global=1
                     20 PopJumpIfFalse               -> 23                ; pop_jump_if_false target=23
                 6 | break
                     21 PopTop                                            ; pop_top
                     22 Jump                         -> 31                ; jump target=31
                 7 | a, b = b, a + b
                     23 LoadGlobal                   1 (b)                ; load_global global=1
                     24 LoadGlobal                   0 (a)                ; load_global global=0
                     25 LoadGlobal                   1 (b)                ; load_global global=1
                     26 Binary                       +                    ; binary_generic op=+
                     27 Swap                         1                    ; swap depth=1
                     28 StoreGlobal                  0 (a)                ; store_global global=0
                     29 StoreGlobal                  1 (b)                ; store_global global=1
                 2 | for x in [1, 2, 3]:
                     30 JumpBackward                 -> 10                ; jump_backward target=10
                 7 | a, b = b, a + b
                     31 LoadConst                    4 (None)             ; load_const index=4
                     32 ReturnValue                                       ; return_value

        "#]],
    );
}

#[test]
fn quickening_specialises_by_observed_types() {
    check_after_run(
        "def f(xs, y):\n    t = 0\n    for x in xs:\n        t = t + x * y\n    return t\nf([1, 2], 3)\nf([1.5], 2.0)\n",
        expect![[r#"
            code <module> (line 1, 0 params, locals: [])
                 1 | def f(xs, y):
                      0 MakeFunction                 f (0 defaults)       ; make_function code=0 defaults=0
                      1 StoreGlobal                  0 (f)                ; store_global global=0
                 6 | f([1, 2], 3)
                      2 LoadGlobal                   0 (f)                ; load_global global=0
                      3 LoadConst                    0 (1)                ; load_const index=0
                      4 LoadConst                    1 (2)                ; load_const index=1
                      5 BuildList                    2                    ; build_list count=2
                      6 LoadConst                    2 (3)                ; load_const index=2
                      7 CallPyExact                  2                    ; guard_py_function argc=2, push_frame argc=2
                      8 PopTop                                            ; pop_top
                 7 | f([1.5], 2.0)
                      9 LoadGlobal                   0 (f)                ; load_global global=0
                     10 LoadConst                    3 (1.5)              ; load_const index=3
                     11 BuildList                    1                    ; build_list count=1
                     12 LoadConst                    4 (2.0)              ; load_const index=4
                     13 CallPyExact                  2                    ; guard_py_function argc=2, push_frame argc=2
                     14 PopTop                                            ; pop_top
                     15 LoadConst                    5 (None)             ; load_const index=5
                     16 ReturnValue                                       ; return_value

            code f (line 1, 2 params, locals: [xs, y, t, x])
                 2 | t = 0
                      0 LoadConst                    0 (0)                ; load_const index=0
                      1 StoreFastLoadFast            2 (t), 0 (xs)        ; store_fast slot=2, load_fast slot=0
                 3 | for x in xs:
                      2 GetIter                                           ; get_iter
                      3 ForIterList                  -> 10                ; guard_list_iter depth=0, list_iter_next target=10
                      4 StoreFastLoadFast            3 (x), 2 (t)         ; store_fast slot=3, load_fast slot=2
                 4 | t = t + x * y
                      5 LoadFastLoadFast             3 (x), 1 (y)         ; load_fast slot=3, load_fast slot=1
                      6 BinaryMulFloat               *                    ; guard_float depth=1, guard_float depth=0, float_mul
                      7 BinaryIntFloat               +                    ; guard_int depth=1, guard_float depth=0, int_to_float depth=1, float_arith op=+
                      8 StoreFast                    2 (t)                ; store_fast slot=2
                 3 | for x in xs:
                      9 JumpBackward                 -> 3                 ; jump_backward target=3
                 5 | return t
                     10 LoadFast                     2 (t)                ; load_fast slot=2
                     11 ReturnValue                                       ; return_value
                     12 LoadConst                    1 (None)             ; load_const index=1
                     13 ReturnValue                                       ; return_value

        "#]],
    );
}

#[test]
fn calls_methods_keywords_and_asserts() {
    check(
        "def g(a, b=2):\n    return a, b\nlst = []\nlst.append(g(1))\nprint(lst, sep='', end='!')\nassert lst, 'empty'\nprint(lst[0][1:])\n",
        expect![[r#"
            code <module> (line 1, 0 params, locals: [])
                 1 | def g(a, b=2):
                      0 LoadConst                    0 (2)                ; load_const index=0
                      1 MakeFunction                 g (1 defaults)       ; make_function code=0 defaults=1
                      2 StoreGlobal                  0 (g)                ; store_global global=0
                 3 | lst = []
                      3 BuildList                    0                    ; build_list count=0
                      4 StoreGlobal                  1 (lst)              ; store_global global=1
                 4 | lst.append(g(1))
                      5 LoadGlobal                   1 (lst)              ; load_global global=1
                      6 LoadGlobal                   0 (g)                ; load_global global=0
                      7 LoadConst                    1 (1)                ; load_const index=1
                      8 Call                         1                    ; call argc=1
                      9 CallMethod                   append/1             ; call_method site=append/1
                     10 PopTop                                            ; pop_top
                 5 | print(lst, sep='', end='!')
                     11 LoadGlobal                   2 (print)            ; load_global global=2
                     12 LoadGlobal                   1 (lst)              ; load_global global=1
                     13 LoadConst                    2 ('')               ; load_const index=2
                     14 LoadConst                    3 ('!')              ; load_const index=3
                     15 CallKw                       3 ('sep', 'end')     ; call_kw argc=3 kwnames=4
                     16 PopTop                                            ; pop_top
                 6 | assert lst, 'empty'
                     17 LoadGlobal                   1 (lst)              ; load_global global=1
                     18 PopJumpIfTrue                -> 21                ; pop_jump_if_true target=21
                     19 LoadConst                    5 ('empty')          ; load_const index=5
                     20 RaiseAssertion               true                 ; raise_assertion has_message=true
                 7 | print(lst[0][1:])
                     21 LoadGlobal                   2 (print)            ; load_global global=2
                     22 LoadGlobal                   1 (lst)              ; load_global global=1
                     23 LoadConst                    6 (0)                ; load_const index=6
                     24 Subscript                                         ; subscript_generic
                     25 LoadConst                    1 (1)                ; load_const index=1
                     26 LoadConst                    7 (None)             ; load_const index=7
                     27 Slice                        false                ; slice has_step=false
                     28 Call                         1                    ; call argc=1
                     29 PopTop                                            ; pop_top
                     30 LoadConst                    7 (None)             ; load_const index=7
                     31 ReturnValue                                       ; return_value

            code g (line 1, 2 params, locals: [a, b])
                 2 | return a, b
                      0 LoadFastLoadFast             0 (a), 1 (b)         ; load_fast slot=0, load_fast slot=1
                      1 BuildTuple                   2                    ; build_tuple count=2
                      2 ReturnValue                                       ; return_value
                      3 LoadConst                    0 (None)             ; load_const index=0
                      4 ReturnValue                                       ; return_value

        "#]],
    );
}
