//! Unit tests of the lexer: token streams for layout, numbers and strings.

use expect_test::{expect, Expect};

use super::tokenize;
use crate::token::TokenKind;

/// One token per line: `line:col-line:col KIND`, then the error if lexing stopped.
fn check(source: &str, expected: Expect) {
    let lexed = tokenize(source);
    let mut out = String::new();
    for token in &lexed.tokens {
        let span = token.span;
        let kind = match &token.kind {
            TokenKind::Name(name) => format!("Name {name}"),
            TokenKind::Keyword(keyword) => format!("Keyword {}", keyword.as_str()),
            TokenKind::Int(value) => format!("Int {value}"),
            TokenKind::Float(value) => format!("Float {value:?}"),
            TokenKind::Str(value) => format!("Str {value:?}"),
            TokenKind::Unsupported(what) => format!("Unsupported {what}"),
            TokenKind::Punct(punct) => format!("Punct {punct:?}"),
            other => format!("{other:?}"),
        };
        out.push_str(&format!(
            "{}:{}-{}:{} {kind}\n",
            span.line, span.col, span.end_line, span.end_col
        ));
    }
    if let Some(error) = &lexed.error {
        out.push_str(&format!(
            "error {:?}: {} @ {}:{}\n",
            error.rank, error.error.message, error.error.line, error.error.col
        ));
    }
    expected.assert_eq(&out);
}

#[test]
fn layout_tokens() {
    check(
        "if x:\n    y = (1,\n  2)\n\n    # c\n    z\nw \\\n  + 1\n",
        expect![[r#"
            1:0-1:2 Keyword if
            1:3-1:4 Name x
            1:4-1:5 Punct Colon
            1:5-1:6 Newline
            2:4-2:4 Indent
            2:4-2:5 Name y
            2:6-2:7 Punct Equal
            2:8-2:9 Punct LParen
            2:9-2:10 Int 1
            2:10-2:11 Punct Comma
            3:2-3:3 Int 2
            3:3-3:4 Punct RParen
            3:4-3:5 Newline
            6:4-6:5 Name z
            6:5-6:6 Newline
            7:0-7:0 Dedent
            7:0-7:1 Name w
            8:2-8:3 Punct Plus
            8:4-8:5 Int 1
            8:5-8:6 Newline
            9:0-9:0 EndMarker
        "#]],
    );
}

#[test]
fn dedent_to_several_levels_at_once() {
    check(
        "if a:\n  if b:\n    c\nd",
        expect![[r#"
        1:0-1:2 Keyword if
        1:3-1:4 Name a
        1:4-1:5 Punct Colon
        1:5-1:6 Newline
        2:2-2:2 Indent
        2:2-2:4 Keyword if
        2:5-2:6 Name b
        2:6-2:7 Punct Colon
        2:7-2:8 Newline
        3:4-3:4 Indent
        3:4-3:5 Name c
        3:5-3:6 Newline
        4:0-4:0 Dedent
        4:0-4:0 Dedent
        4:0-4:1 Name d
        4:1-4:2 Newline
        4:1-4:1 EndMarker
    "#]],
    );
}

#[test]
fn numbers() {
    check(
        "0 00 0x1F 0o17 0B11 1_000 1.5 .5 5. 1e3 1E-3 1_0.5e+1_0 0e0 09.5 1if 1or 2",
        expect![[r#"
            1:0-1:1 Int 0
            1:2-1:4 Int 0
            1:5-1:9 Int 31
            1:10-1:14 Int 15
            1:15-1:19 Int 3
            1:20-1:25 Int 1000
            1:26-1:29 Float 1.5
            1:30-1:32 Float 0.5
            1:33-1:35 Float 5.0
            1:36-1:39 Float 1000.0
            1:40-1:44 Float 0.001
            1:45-1:55 Float 105000000000.0
            1:56-1:59 Float 0.0
            1:60-1:64 Float 9.5
            1:65-1:66 Int 1
            1:66-1:68 Keyword if
            1:69-1:70 Int 1
            1:70-1:72 Keyword or
            1:73-1:74 Int 2
            1:74-1:75 Newline
            1:74-1:74 EndMarker
        "#]],
    );
}

#[test]
fn strings_and_operators() {
    check(
        "'a' \"b\" r'\\n' U'c' '''x\ny''' a//=b**c<<=d!=e->f:=g...h<>i$",
        expect![[r#"
            1:0-1:3 Str "a"
            1:4-1:7 Str "b"
            1:8-1:13 Str "\\n"
            1:14-1:18 Str "c"
            1:19-2:4 Str "x\ny"
            2:5-2:6 Name a
            2:6-2:9 Punct DoubleSlashEqual
            2:9-2:10 Name b
            2:10-2:12 Punct DoubleStar
            2:12-2:13 Name c
            2:13-2:16 Punct LeftShiftEqual
            2:16-2:17 Name d
            2:17-2:19 Punct NotEqual
            2:19-2:20 Name e
            2:20-2:22 Punct Arrow
            2:22-2:23 Name f
            2:23-2:25 Punct ColonEqual
            2:25-2:26 Name g
            2:26-2:29 Punct Ellipsis
            2:29-2:30 Name h
            2:30-2:32 Punct Stray
            2:32-2:33 Name i
            2:33-2:34 Punct Stray
            2:34-2:35 Newline
            2:34-2:34 EndMarker
        "#]],
    );
}

#[test]
fn unclosed_bracket_records_its_token() {
    check(
        "x = [1,\n(2",
        expect![[r#"
        1:0-1:1 Name x
        1:2-1:3 Punct Equal
        1:4-1:5 Punct LBracket
        1:5-1:6 Int 1
        1:6-1:7 Punct Comma
        2:0-2:1 Punct LParen
        2:1-2:2 Int 2
        2:0-2:0 Error
        error Unclosed { bracket_token: 5 }: '(' was never closed @ 2:0
    "#]],
    );
}
