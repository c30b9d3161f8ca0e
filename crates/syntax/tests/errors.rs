//! Snapshot tests of error messages: CPython 3.11's text and position for the common
//! syntax errors (checked against `python3`), and the "not supported" errors for
//! constructs outside the subset.

mod common;

use common::errors_of;
use expect_test::expect;

#[test]
fn tokenizer_errors() {
    let actual = errors_of(&[
        "x = $",
        "x = ?",
        "a ! b",
        "x = `",
        "x = €",
        "x = \u{1}",
        "x = a\u{7f}",
        "x = \u{a0}1",
        "x = 1 \\ 2",
        "x = 1 \\",
        "x = 1\\\n",
        "x = \0",
        "x = 1\ny = 2\0\n",
        "x = 'abc\n",
        "x = \"abc\\\n",
        "x = '''abc\n\n",
        "x = \"\"\"a\nb",
        "x = (1,\ny = 2\n",
        "x = )",
        "x = ]",
        "x = (]",
        "(1,\n2]",
        "x = [1, 2\n",
        "f(x y\n",
        "x y\nz = 'abc\n",
        "1 = x\nz = 012\n",
        "x = (1 2)\n(\n",
    ]);
    expect![[r#"
        "x = $"
            SyntaxError: invalid syntax @ 1:4
        "x = ?"
            SyntaxError: invalid syntax @ 1:4
        "a ! b"
            SyntaxError: invalid syntax @ 1:2
        "x = `"
            SyntaxError: invalid syntax @ 1:4
        "x = €"
            SyntaxError: invalid character '€' (U+20AC) @ 1:4
        "x = \u{1}"
            SyntaxError: invalid non-printable character U+0001 @ 1:4
        "x = a\u{7f}"
            SyntaxError: invalid non-printable character U+007F @ 1:5
        "x = \u{a0}1"
            SyntaxError: invalid non-printable character U+00A0 @ 1:4
        "x = 1 \\ 2"
            SyntaxError: unexpected character after line continuation character @ 1:7
        "x = 1 \\"
            SyntaxError: unexpected EOF while parsing @ 1:7
        "x = 1\\\n"
            SyntaxError: unexpected EOF while parsing @ 1:6
        "x = \0"
            SyntaxError: source code cannot contain null bytes @ 1:0
        "x = 1\ny = 2\0\n"
            SyntaxError: source code cannot contain null bytes @ 2:0
        "x = 'abc\n"
            SyntaxError: unterminated string literal (detected at line 1) @ 1:4
        "x = \"abc\\\n"
            SyntaxError: unterminated string literal (detected at line 1) @ 1:4
        "x = '''abc\n\n"
            SyntaxError: unterminated triple-quoted string literal (detected at line 2) @ 1:4
        "x = \"\"\"a\nb"
            SyntaxError: unterminated triple-quoted string literal (detected at line 2) @ 1:4
        "x = (1,\ny = 2\n"
            SyntaxError: '(' was never closed @ 1:4
        "x = )"
            SyntaxError: unmatched ')' @ 1:4
        "x = ]"
            SyntaxError: unmatched ']' @ 1:4
        "x = (]"
            SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' @ 1:5
        "(1,\n2]"
            SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' on line 1 @ 2:1
        "x = [1, 2\n"
            SyntaxError: '[' was never closed @ 1:4
        "f(x y\n"
            SyntaxError: '(' was never closed @ 1:1
        "x y\nz = 'abc\n"
            SyntaxError: unterminated string literal (detected at line 2) @ 2:4
        "1 = x\nz = 012\n"
            SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers @ 2:4
        "x = (1 2)\n(\n"
            SyntaxError: invalid syntax. Perhaps you forgot a comma? @ 1:5
    "#]]
    .assert_eq(&actual);
}

#[test]
fn number_errors() {
    let actual = errors_of(&[
        "x = 012\n",
        "x = 08\n",
        "x = 0_\n",
        "x = 1__0\n",
        "x = 1_\n",
        "x = 1_000_\n",
        "x = 0x\n",
        "x = 0xg\n",
        "x = 0x1_\n",
        "x = 0b\n",
        "x = 0b2\n",
        "x = 0b1_\n",
        "x = 0o\n",
        "x = 0o8\n",
        "x = 1e\n",
        "x = 1.5e+\n",
        "x = 1abc\n",
        "x = 1_e5\n",
        "x = 1._5\n",
        "x = 1.5_\n",
        "x = 1.__add__\n",
        "x = 123L\n",
        "x = 1if 1 else 2\n",
        "x = 1j\n",
        "x = 5.J\n",
    ]);
    expect![[r#"
        "x = 012\n"
            SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers @ 1:4
        "x = 08\n"
            SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers @ 1:4
        "x = 0_\n"
            SyntaxError: invalid decimal literal @ 1:5
        "x = 1__0\n"
            SyntaxError: invalid decimal literal @ 1:5
        "x = 1_\n"
            SyntaxError: invalid decimal literal @ 1:5
        "x = 1_000_\n"
            SyntaxError: invalid decimal literal @ 1:9
        "x = 0x\n"
            SyntaxError: invalid hexadecimal literal @ 1:5
        "x = 0xg\n"
            SyntaxError: invalid hexadecimal literal @ 1:5
        "x = 0x1_\n"
            SyntaxError: invalid hexadecimal literal @ 1:7
        "x = 0b\n"
            SyntaxError: invalid binary literal @ 1:5
        "x = 0b2\n"
            SyntaxError: invalid digit '2' in binary literal @ 1:6
        "x = 0b1_\n"
            SyntaxError: invalid binary literal @ 1:7
        "x = 0o\n"
            SyntaxError: invalid octal literal @ 1:5
        "x = 0o8\n"
            SyntaxError: invalid digit '8' in octal literal @ 1:6
        "x = 1e\n"
            SyntaxError: invalid decimal literal @ 1:4
        "x = 1.5e+\n"
            SyntaxError: invalid decimal literal @ 1:8
        "x = 1abc\n"
            SyntaxError: invalid decimal literal @ 1:4
        "x = 1_e5\n"
            SyntaxError: invalid decimal literal @ 1:5
        "x = 1._5\n"
            SyntaxError: invalid decimal literal @ 1:5
        "x = 1.5_\n"
            SyntaxError: invalid decimal literal @ 1:7
        "x = 1.__add__\n"
            SyntaxError: invalid decimal literal @ 1:5
        "x = 123L\n"
            SyntaxError: invalid decimal literal @ 1:6
        "x = 1if 1 else 2\n"
            ok
        "x = 1j\n"
            SyntaxError: an imaginary literal is not supported (line 1) @ 1:4
        "x = 5.J\n"
            SyntaxError: an imaginary literal is not supported (line 1) @ 1:4
    "#]]
    .assert_eq(&actual);
}

#[test]
fn string_escape_errors() {
    let actual = errors_of(&[
        "x = '\\xZ'\n",
        "x = 1\ny = 'ab\\u12'\n",
        "x = '\\U00110000'\n",
        "x = '\\N{DASH}'\n",
        "x = '\\ud800'\n",
        "x = b'a'\n",
        "x = f'a'\n",
        "x = Rb'a'\n",
        "x = 'a' f'b'\n",
    ]);
    expect![[r#"
        "x = '\\xZ'\n"
            SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated \xXX escape @ 1:9
        "x = 1\ny = 'ab\\u12'\n"
            SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 2-5: truncated \uXXXX escape @ 2:12
        "x = '\\U00110000'\n"
            SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character @ 1:16
        "x = '\\N{DASH}'\n"
            SyntaxError: '\N{...}' escape is not supported (line 1) @ 1:14
        "x = '\\ud800'\n"
            SyntaxError: a lone surrogate escape is not supported (line 1) @ 1:12
        "x = b'a'\n"
            SyntaxError: a bytes literal is not supported (line 1) @ 1:4
        "x = f'a'\n"
            SyntaxError: an f-string is not supported (line 1) @ 1:4
        "x = Rb'a'\n"
            SyntaxError: a bytes literal is not supported (line 1) @ 1:4
        "x = 'a' f'b'\n"
            SyntaxError: an f-string is not supported (line 1) @ 1:8
    "#]]
    .assert_eq(&actual);
}

#[test]
fn indentation_errors() {
    let actual = errors_of(&[
        "  x = 1\n",
        "\tx\n",
        "x = 1\n  y = 2\n",
        "if x:\npass\n",
        "if x:\n",
        "if x:",
        "if x:\n\n# c\n",
        "while x:\npass\n",
        "for x in y:\npass\n",
        "def f():\npass\n",
        "def f():\n  if x:\n  pass\n",
        "if x:\n  pass\nelse:\npass\n",
        "if x:\n  pass\nelif y:\npass\n",
        "if x:\n    a\n  b\n",
        "x = 1\nif x:\n    y\n  z\n",
        "if x:\n\ta\n        b\n",
        "if x:\n        a\n\tb\n",
        "if 1:\n  \tx\n\ty\n",
        "if x:\n  a\n b\n(c d\n",
    ]);
    expect![[r#"
        "  x = 1\n"
            IndentationError: unexpected indent @ 1:1
        "\tx\n"
            IndentationError: unexpected indent @ 1:0
        "x = 1\n  y = 2\n"
            IndentationError: unexpected indent @ 2:1
        "if x:\npass\n"
            IndentationError: expected an indented block after 'if' statement on line 1 @ 2:0
        "if x:\n"
            IndentationError: expected an indented block after 'if' statement on line 1 @ 1:5
        "if x:"
            IndentationError: expected an indented block after 'if' statement on line 1 @ 1:5
        "if x:\n\n# c\n"
            IndentationError: expected an indented block after 'if' statement on line 1 @ 1:5
        "while x:\npass\n"
            IndentationError: expected an indented block after 'while' statement on line 1 @ 2:0
        "for x in y:\npass\n"
            IndentationError: expected an indented block after 'for' statement on line 1 @ 2:0
        "def f():\npass\n"
            IndentationError: expected an indented block after function definition on line 1 @ 2:0
        "def f():\n  if x:\n  pass\n"
            IndentationError: expected an indented block after 'if' statement on line 2 @ 3:2
        "if x:\n  pass\nelse:\npass\n"
            IndentationError: expected an indented block after 'else' statement on line 3 @ 4:0
        "if x:\n  pass\nelif y:\npass\n"
            IndentationError: expected an indented block after 'elif' statement on line 3 @ 4:0
        "if x:\n    a\n  b\n"
            IndentationError: unindent does not match any outer indentation level @ 3:3
        "x = 1\nif x:\n    y\n  z\n"
            IndentationError: unindent does not match any outer indentation level @ 4:3
        "if x:\n\ta\n        b\n"
            TabError: inconsistent use of tabs and spaces in indentation @ 3:0
        "if x:\n        a\n\tb\n"
            TabError: inconsistent use of tabs and spaces in indentation @ 3:0
        "if 1:\n  \tx\n\ty\n"
            TabError: inconsistent use of tabs and spaces in indentation @ 3:0
        "if x:\n  a\n b\n(c d\n"
            IndentationError: unindent does not match any outer indentation level @ 3:2
    "#]]
    .assert_eq(&actual);
}

#[test]
fn parser_errors() {
    let actual = errors_of(&[
        "if x\n  pass\n",
        "if x pass\n",
        "def f(x) pass\n",
        "def f: pass\n",
        "if x: pass\nelse\n",
        "x = 1 if 2\n",
        "x = 1 +\n",
        "x = not\n",
        "x = a not b\n",
        "x = a < not b\n",
        "x = -not a\n",
        "1 < 2 not 3\n",
        "x = 1 2\n",
        "x y\n",
        "f(x y)\n",
        "x = [1 2]\n",
        "x[1 2]\n",
        "f(a=1 b)\n",
        "x = 1;;\n",
        ";\n",
        "if x: if y: pass\n",
        "else: pass\n",
        "break 1\n",
        "return 1 2\n",
        "x = a.1\n",
        "def f(1): pass\n",
        "global x y\n",
        "assert x,\n",
        "a[]\n",
        "a[1:2:3:4]\n",
        "f(,)\n",
        "(,)\n",
        "print \"hello\"\n",
        "exec x\n",
        "if x = 1: pass\n",
        "x = (a = 1)\n",
        "f(1=2)\n",
        "f(a=1, 2)\n",
        "x = y += 1\n",
        "def f(a=1, b): pass\n",
    ]);
    expect![[r#"
        "if x\n  pass\n"
            SyntaxError: expected ':' @ 1:4
        "if x pass\n"
            SyntaxError: invalid syntax @ 1:5
        "def f(x) pass\n"
            SyntaxError: expected ':' @ 1:9
        "def f: pass\n"
            SyntaxError: expected '(' @ 1:5
        "if x: pass\nelse\n"
            SyntaxError: expected ':' @ 2:4
        "x = 1 if 2\n"
            SyntaxError: expected 'else' after 'if' expression @ 1:4
        "x = 1 +\n"
            SyntaxError: invalid syntax @ 1:7
        "x = not\n"
            SyntaxError: invalid syntax @ 1:7
        "x = a not b\n"
            SyntaxError: invalid syntax @ 1:10
        "x = a < not b\n"
            SyntaxError: invalid syntax @ 1:8
        "x = -not a\n"
            SyntaxError: invalid syntax @ 1:5
        "1 < 2 not 3\n"
            SyntaxError: invalid syntax @ 1:10
        "x = 1 2\n"
            SyntaxError: invalid syntax @ 1:6
        "x y\n"
            SyntaxError: invalid syntax @ 1:2
        "f(x y)\n"
            SyntaxError: invalid syntax. Perhaps you forgot a comma? @ 1:2
        "x = [1 2]\n"
            SyntaxError: invalid syntax. Perhaps you forgot a comma? @ 1:5
        "x[1 2]\n"
            SyntaxError: invalid syntax. Perhaps you forgot a comma? @ 1:2
        "f(a=1 b)\n"
            SyntaxError: invalid syntax. Perhaps you forgot a comma? @ 1:4
        "x = 1;;\n"
            SyntaxError: invalid syntax @ 1:6
        ";\n"
            SyntaxError: invalid syntax @ 1:0
        "if x: if y: pass\n"
            SyntaxError: invalid syntax @ 1:6
        "else: pass\n"
            SyntaxError: invalid syntax @ 1:0
        "break 1\n"
            SyntaxError: invalid syntax @ 1:6
        "return 1 2\n"
            SyntaxError: invalid syntax @ 1:9
        "x = a.1\n"
            SyntaxError: invalid syntax @ 1:5
        "def f(1): pass\n"
            SyntaxError: invalid syntax @ 1:6
        "global x y\n"
            SyntaxError: invalid syntax @ 1:9
        "assert x,\n"
            SyntaxError: invalid syntax @ 1:9
        "a[]\n"
            SyntaxError: invalid syntax @ 1:2
        "a[1:2:3:4]\n"
            SyntaxError: invalid syntax @ 1:7
        "f(,)\n"
            SyntaxError: invalid syntax @ 1:2
        "(,)\n"
            SyntaxError: invalid syntax @ 1:1
        "print \"hello\"\n"
            SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)? @ 1:0
        "exec x\n"
            SyntaxError: Missing parentheses in call to 'exec'. Did you mean exec(...)? @ 1:0
        "if x = 1: pass\n"
            SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @ 1:3
        "x = (a = 1)\n"
            SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @ 1:5
        "f(1=2)\n"
            SyntaxError: expression cannot contain assignment, perhaps you meant "=="? @ 1:2
        "f(a=1, 2)\n"
            SyntaxError: positional argument follows keyword argument @ 1:7
        "x = y += 1\n"
            SyntaxError: invalid syntax @ 1:6
        "def f(a=1, b): pass\n"
            SyntaxError: non-default argument follows default argument @ 1:11
    "#]]
    .assert_eq(&actual);
}

#[test]
fn target_errors() {
    let actual = errors_of(&[
        "1 = x\n",
        "f() = 1\n",
        "a + b = 1\n",
        "True = 1\n",
        "None = 1\n",
        "(a, 1) = x\n",
        "a, f() = 1\n",
        "a = 1 = 2\n",
        "for 1 in x: pass\n",
        "(a, b) += 1\n",
        "a, b += 1\n",
        "f(x) += 1\n",
        "'a' += 1\n",
        "x.y = 1\n",
        "x.y += 1\n",
    ]);
    expect![[r#"
        "1 = x\n"
            SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='? @ 1:0
        "f() = 1\n"
            SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @ 1:0
        "a + b = 1\n"
            SyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='? @ 1:0
        "True = 1\n"
            SyntaxError: cannot assign to True @ 1:0
        "None = 1\n"
            SyntaxError: cannot assign to None @ 1:0
        "(a, 1) = x\n"
            SyntaxError: cannot assign to literal @ 1:4
        "a, f() = 1\n"
            SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @ 1:3
        "a = 1 = 2\n"
            SyntaxError: cannot assign to literal @ 1:4
        "for 1 in x: pass\n"
            SyntaxError: cannot assign to literal @ 1:4
        "(a, b) += 1\n"
            SyntaxError: 'tuple' is an illegal expression for augmented assignment @ 1:0
        "a, b += 1\n"
            SyntaxError: 'tuple' is an illegal expression for augmented assignment @ 1:0
        "f(x) += 1\n"
            SyntaxError: 'function call' is an illegal expression for augmented assignment @ 1:0
        "'a' += 1\n"
            SyntaxError: 'literal' is an illegal expression for augmented assignment @ 1:0
        "x.y = 1\n"
            SyntaxError: assignment to an attribute is not supported (line 1) @ 1:0
        "x.y += 1\n"
            SyntaxError: assignment to an attribute is not supported (line 1) @ 1:0
    "#]]
    .assert_eq(&actual);
}

#[test]
fn deferred_errors() {
    // CPython finds these only when compiling, so an earlier syntax error wins.
    let actual = errors_of(&[
        "def f(a, a): pass\n",
        "f(x=1, x=2)\n",
        "def f(a, a): pass\nx = = 1\n",
    ]);
    expect![[r#"
        "def f(a, a): pass\n"
            SyntaxError: duplicate argument 'a' in function definition @ 1:9
        "f(x=1, x=2)\n"
            SyntaxError: keyword argument repeated: x @ 1:7
        "def f(a, a): pass\nx = = 1\n"
            SyntaxError: invalid syntax @ 2:4
    "#]]
    .assert_eq(&actual);
}

#[test]
fn unsupported_constructs() {
    let actual = errors_of(&[
        "x = 1\n\nclass A: pass\n",
        "try:\n  pass\nexcept: pass\n",
        "raise ValueError\n",
        "import os\n",
        "from os import path\n",
        "f = lambda: 1\n",
        "with f: pass\n",
        "def g():\n  yield 1\n",
        "del x\n",
        "def g():\n  nonlocal x\n",
        "async def f(): pass\n",
        "await x\n",
        "@d\ndef f(): pass\n",
        "x = {}\n",
        "x = {1, 2}\n",
        "x = [a for a in b]\n",
        "x = (a for a in b)\n",
        "f(a for a in b)\n",
        "f(*args)\n",
        "f(**kwargs)\n",
        "def f(*args): pass\n",
        "def f(**kwargs): pass\n",
        "def f(a, /): pass\n",
        "def f(a: int): pass\n",
        "def f() -> int: pass\n",
        "x: int = 1\n",
        "a, *b = c\n",
        "(x := 1)\n",
        "x = ...\n",
        "x = a @ b\n",
        "x @= b\n",
        "match x:\n    case 1: pass\n",
        "def f():\n    def g(): pass\n",
        "x[1:2, 3]\n",
    ]);
    expect![[r#"
        "x = 1\n\nclass A: pass\n"
            SyntaxError: 'class' is not supported (line 3) @ 3:0
        "try:\n  pass\nexcept: pass\n"
            SyntaxError: 'try' is not supported (line 1) @ 1:0
        "raise ValueError\n"
            SyntaxError: 'raise' is not supported (line 1) @ 1:0
        "import os\n"
            SyntaxError: 'import' is not supported (line 1) @ 1:0
        "from os import path\n"
            SyntaxError: 'from' is not supported (line 1) @ 1:0
        "f = lambda: 1\n"
            SyntaxError: 'lambda' is not supported (line 1) @ 1:4
        "with f: pass\n"
            SyntaxError: 'with' is not supported (line 1) @ 1:0
        "def g():\n  yield 1\n"
            SyntaxError: 'yield' is not supported (line 2) @ 2:2
        "del x\n"
            SyntaxError: 'del' is not supported (line 1) @ 1:0
        "def g():\n  nonlocal x\n"
            SyntaxError: 'nonlocal' is not supported (line 2) @ 2:2
        "async def f(): pass\n"
            SyntaxError: 'async' is not supported (line 1) @ 1:0
        "await x\n"
            SyntaxError: 'await' is not supported (line 1) @ 1:0
        "@d\ndef f(): pass\n"
            SyntaxError: a decorator ('@') is not supported (line 1) @ 1:0
        "x = {}\n"
            SyntaxError: a dict or set display ('{') is not supported (line 1) @ 1:4
        "x = {1, 2}\n"
            SyntaxError: a dict or set display ('{') is not supported (line 1) @ 1:4
        "x = [a for a in b]\n"
            SyntaxError: a comprehension is not supported (line 1) @ 1:7
        "x = (a for a in b)\n"
            SyntaxError: a comprehension is not supported (line 1) @ 1:7
        "f(a for a in b)\n"
            SyntaxError: a generator expression is not supported (line 1) @ 1:4
        "f(*args)\n"
            SyntaxError: '*' argument unpacking is not supported (line 1) @ 1:2
        "f(**kwargs)\n"
            SyntaxError: '**' argument unpacking is not supported (line 1) @ 1:2
        "def f(*args): pass\n"
            SyntaxError: a '*' parameter is not supported (line 1) @ 1:6
        "def f(**kwargs): pass\n"
            SyntaxError: a '**' parameter is not supported (line 1) @ 1:6
        "def f(a, /): pass\n"
            SyntaxError: a positional-only marker ('/') is not supported (line 1) @ 1:9
        "def f(a: int): pass\n"
            SyntaxError: a parameter annotation is not supported (line 1) @ 1:7
        "def f() -> int: pass\n"
            SyntaxError: a return annotation ('->') is not supported (line 1) @ 1:8
        "x: int = 1\n"
            SyntaxError: a variable annotation is not supported (line 1) @ 1:1
        "a, *b = c\n"
            SyntaxError: a starred expression ('*') is not supported (line 1) @ 1:3
        "(x := 1)\n"
            SyntaxError: the walrus operator ':=' is not supported (line 1) @ 1:3
        "x = ...\n"
            SyntaxError: '...' (Ellipsis) is not supported (line 1) @ 1:4
        "x = a @ b\n"
            SyntaxError: the '@' operator is not supported (line 1) @ 1:6
        "x @= b\n"
            SyntaxError: the '@' operator is not supported (line 1) @ 1:2
        "match x:\n    case 1: pass\n"
            SyntaxError: 'match' is not supported (line 1) @ 1:0
        "def f():\n    def g(): pass\n"
            SyntaxError: a nested function definition is not supported (line 2) @ 2:4
        "x[1:2, 3]\n"
            SyntaxError: a tuple of slices is not supported (line 1) @ 1:2
    "#]]
    .assert_eq(&actual);
}
