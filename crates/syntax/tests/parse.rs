//! Snapshot tests of successful parses: every construct of the subset, precedence, and
//! spans. Bless with `UPDATE_EXPECT=1 cargo test -p tracelift-syntax`.

mod common;

use common::parse_to_text;
use expect_test::{expect, Expect};

fn check(source: &str, expected: Expect) {
    expected.assert_eq(&parse_to_text(source, false));
}

fn check_spans(source: &str, expected: Expect) {
    expected.assert_eq(&parse_to_text(source, true));
}

#[test]
fn literals() {
    check(
        "1\n0x_ff\n0o17\n0b1010\n1_000_000\n100000000000000000000000\n1.5\n1e10\n.5\n5.\n1_0.5e-3\n1e400\nTrue\nFalse\nNone\n00\n0e0\n",
        expect![[r#"
            expr 1
            expr 255
            expr 15
            expr 10
            expr 1000000
            expr 100000000000000000000000
            expr 1.5
            expr 10000000000.0
            expr 0.5
            expr 5.0
            expr 0.0105
            expr inf
            expr True
            expr False
            expr None
            expr 0
            expr 0.0
        "#]],
    );
}

#[test]
fn strings() {
    check(
        r#"'a'
"b"
'''tri
ple'''
"""x"y"""
'a' "b" 'c'
'\n\t\\\'\"\r\0\a\b\f\v'
'\x41\101\u00e9\U0001F600'
'line\
joined'
r'raw\n\d'
u'unicode'
'\q'
''
"#,
        expect![[r#"
            expr "a"
            expr "b"
            expr "tri\nple"
            expr "x\"y"
            expr "abc"
            expr "\n\t\\'\"\r\0\u{7}\u{8}\u{c}\u{b}"
            expr "AAé😀"
            expr "linejoined"
            expr "raw\\n\\d"
            expr "unicode"
            expr "\\q"
            expr ""
        "#]],
    );
}

#[test]
fn precedence() {
    check(
        "-2**2\n2**-1\n2**3**2\na or b and not c\nnot a == b\na < b <= c != d\na not in b is not c\na | b ^ c & d << e + f * g\na - b - c\na // b % c / d\n~a ** -b\nx if c else y if d else z\n(a or b) and c\na and b and c or d or e\nnot not a\n- - a\n1 if a else 2 or 3\n",
        expect![[r#"
            expr (neg (** 2 2))
            expr (** 2 (neg 1))
            expr (** 2 (** 3 2))
            expr (or a (and b (not c)))
            expr (not (compare a == b))
            expr (compare a < b <= c != d)
            expr (compare a not in b is not c)
            expr (| a (^ b (& c (<< d (+ e (* f g))))))
            expr (- (- a b) c)
            expr (/ (% (// a b) c) d)
            expr (invert (** a (neg b)))
            expr (if c x (if d y z))
            expr (and (or a b) c)
            expr (or (and a b c) d e)
            expr (not (not a))
            expr (neg (neg a))
            expr (if a 1 (or 2 3))
        "#]],
    );
}

#[test]
fn primaries() {
    check(
        "f()\nf(a, b,)\nprint(1, 2, sep='', end='\\n')\nx[1]\nx[1:2]\nx[::2]\nx[:]\nx[a:b:c]\nx[1, 2]\nx[1,]\nlst.append(3)\ns.split()[0].upper()\nf(a)(b)[c]\n(1).real\n1 .real\n",
        expect![[r#"
            expr (call f)
            expr (call f a b)
            expr (call print 1 2 :sep "" :end "\n")
            expr ([] x 1)
            expr ([] x (slice 1 2 _))
            expr ([] x (slice _ _ 2))
            expr ([] x (slice _ _ _))
            expr ([] x (slice a b c))
            expr ([] x (tuple 1 2))
            expr ([] x (tuple 1))
            expr (call (. lst append) 3)
            expr (call (. ([] (call (. s split)) 0) upper))
            expr ([] (call (call f a) b) c)
            expr (. 1 real)
            expr (. 1 real)
        "#]],
    );
}

#[test]
fn displays() {
    check(
        "()\n(1,)\n(1, 2)\n(1)\n[]\n[1]\n[1, 2,]\n[[1, 2], (3, [4])]\n1, 2\n1,\n",
        expect![[r#"
            expr (tuple)
            expr (tuple 1)
            expr (tuple 1 2)
            expr 1
            expr (list)
            expr (list 1)
            expr (list 1 2)
            expr (list (list 1 2) (tuple 3 (list 4)))
            expr (tuple 1 2)
            expr (tuple 1)
        "#]],
    );
}

#[test]
fn assignments() {
    check(
        "a = 1\na = b = 1\na, b = b, a + b\n(a, b) = 1, 2\n[a, b] = c\np, q = 'hi'\nlst[i] = v\nx[i][j] = 0\na, (b, c) = d\nx += 1\nx -= 1\nx *= 1\nx /= 1\nx //= 1\nx %= 1\nx **= 1\nx &= 1\nx |= 1\nx ^= 1\nx <<= 1\nx >>= 1\nlst[0] += 1\nx += 1, 2\na = 1; b = 2;\n",
        expect![[r#"
            assign a = 1
            assign a = b = 1
            assign (tuple a b) = (tuple b (+ a b))
            assign (tuple a b) = (tuple 1 2)
            assign (list a b) = c
            assign (tuple p q) = "hi"
            assign ([] lst i) = v
            assign ([] ([] x i) j) = 0
            assign (tuple a (tuple b c)) = d
            augassign x += 1
            augassign x -= 1
            augassign x *= 1
            augassign x /= 1
            augassign x //= 1
            augassign x %= 1
            augassign x **= 1
            augassign x &= 1
            augassign x |= 1
            augassign x ^= 1
            augassign x <<= 1
            augassign x >>= 1
            augassign ([] lst 0) += 1
            augassign x += (tuple 1 2)
            assign a = 1
            assign b = 2
        "#]],
    );
}

#[test]
fn simple_statements() {
    check(
        "pass\nbreak\ncontinue\nreturn\nreturn 1\nreturn a, b\nglobal a\nglobal a, b\nassert x\nassert x, 'msg'\n\"docstring\"\nf(x)\nmatch = 1\nmatch(x)\n",
        expect![[r#"
            pass
            break
            continue
            return
            return 1
            return (tuple a b)
            global a
            global a b
            assert x
            assert x "msg"
            expr "docstring"
            expr (call f x)
            assign match = 1
            expr (call match x)
        "#]],
    );
}

#[test]
fn compound_statements() {
    check(
        r#"def f(a, b=1, c=None):
    """Doc."""
    global g
    if a:
        return b
    elif b:
        pass
    elif c:
        return
    else:
        return a, b
    while a < b:
        a += 1
        if a: break
        continue
    else:
        pass
    for x in range(10):
        pass
    for a, b in pairs:
        pass
    for (a, b), c in items:
        pass
    else:
        b = 2
def g(): return 1
if x: a = 1; b = 2
while x: x -= 1
for x in y: pass
"#,
        expect![[r#"
            def f(a, b=1, c=None)
              expr "Doc."
              global g
              if a
                return b
              else
                if b
                  pass
                else
                  if c
                    return
                  else
                    return (tuple a b)
              while (compare a < b)
                augassign a += 1
                if a
                  break
                continue
              else
                pass
              for x in (call range 10)
                pass
              for (tuple a b) in pairs
                pass
              for (tuple (tuple a b) c) in items
                pass
              else
                assign b = 2
            def g()
              return 1
            if x
              assign a = 1
              assign b = 2
            while x
              augassign x -= 1
            for x in y
              pass
        "#]],
    );
}

#[test]
fn layout() {
    check(
        "# comment\n\nif x:  # trailing\n\n    # indented comment\n    a = 1\nc = (1 +\n     2)\nd = [\n  1,\n\n  2,\n]\ne = 1 + \\\n    2\nif y:\n\tpass\nf = 1\r\ng = 2\r\n",
        expect![[r#"
            if x
              assign a = 1
            assign c = (+ 1 2)
            assign d = (list 1 2)
            assign e = (+ 1 2)
            if y
              pass
            assign f = 1
            assign g = 2
        "#]],
    );
}

#[test]
fn spans() {
    check_spans(
        "x = -a ** 2 + f(1, k=2)\nif x:\n    y = [1, (2, 3)][0:1]\nelif z:\n    pass\nelse:\n    s = 'é' + \"\"\"a\nb\"\"\"\ndef f(a, b=1):\n    return a, b\nt = a.b\n",
        expect![[r#"
            assign x@1:0-1:1 = (+ (neg (** a@1:5-1:6 2@1:10-1:11)@1:5-1:11)@1:4-1:11 (call f@1:14-1:15 1@1:16-1:17 :k 2@1:21-1:22)@1:14-1:23)@1:4-1:23 @1:0-1:23
            if x@2:3-2:4 @2:0-8:4
              assign y@3:4-3:5 = ([] (list 1@3:9-3:10 (tuple 2@3:13-3:14 3@3:16-3:17)@3:12-3:18)@3:8-3:19 (slice 0@3:20-3:21 1@3:22-3:23 _)@3:20-3:23)@3:8-3:24 @3:4-3:24
            else
              if z@4:5-4:6 @4:0-8:4
                pass @5:4-5:8
              else
                assign s@7:4-7:5 = (+ "é"@7:8-7:11 "a\nb"@7:14-8:4)@7:8-8:4 @7:4-8:4
            def f(a, b=1@9:11-9:12) @9:0-10:15
              return (tuple a@10:11-10:12 b@10:14-10:15)@10:11-10:15 @10:4-10:15
            assign t@11:0-11:1 = (. a@11:4-11:5 b)@11:4-11:7 @11:0-11:7
        "#]],
    );
}
