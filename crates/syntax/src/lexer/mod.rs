//! The tokenizer: source text to the token stream, following CPython 3.11's tokenizer.
//!
//! It keeps CPython's rules for indentation (an indent stack, tabs to the next multiple of
//! 8, and a second "tabs count as one" column to detect inconsistent tabs and spaces),
//! implicit line joining inside brackets, backslash continuation, comments and blank lines.
//! Numbers are lexed by [`number`] and strings by [`string`].
//!
//! Invariants: the lexer never recurses and makes one pass over the input; it stops at the
//! first error, which it returns beside the tokens read so far (ending with
//! [`TokenKind::Error`]) so that the parser can decide, as CPython does, whether a syntax
//! error it finds earlier or this tokenizer error is the one to report.

mod number;
mod string;

use crate::ast::Span;
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::token::{Keyword, Punct, Token, TokenKind};
use crate::MAX_NESTING;

/// CPython's limit on indentation levels (`MAXINDENT` in its tokenizer).
const MAX_INDENT: usize = 100;

/// The tokens of a file and, if lexing stopped early, why.
#[derive(Debug)]
pub struct Lexed {
    pub tokens: Vec<Token>,
    pub error: Option<LexError>,
}

/// A tokenizer error and how it ranks against a parser error found before it.
#[derive(Debug)]
pub struct LexError {
    pub error: SyntaxError,
    pub rank: LexErrorRank,
}

/// How CPython orders a tokenizer error against a syntax error found earlier in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexErrorRank {
    /// The tokenizer raised it itself (bad literal, bad character, bracket mismatch), so
    /// CPython's final re-scan of the file reports it instead of an earlier parser error.
    Overrides,
    /// Reported only when the parser reaches it (indentation errors, a bad backslash).
    WhenReached,
    /// An unclosed bracket at the end of the file: it wins over a parser error found after
    /// the token with this index (the bracket itself).
    Unclosed { bracket_token: usize },
}

/// Tokenizes a whole file.
pub fn tokenize(source: &str) -> Lexed {
    let mut lexer = Lexer::new(source);
    let error = lexer.run().err();
    if let Some(lex_error) = &error {
        let span = Span {
            line: lex_error.error.line,
            col: lex_error.error.col,
            end_line: lex_error.error.line,
            end_col: lex_error.error.col,
        };
        lexer.tokens.push(Token {
            kind: TokenKind::Error,
            span,
        });
    }
    Lexed {
        tokens: lexer.tokens,
        error,
    }
}

/// An open bracket: its character, position and the index of its token.
struct OpenBracket {
    bracket: char,
    line: u32,
    col: u32,
    token_index: usize,
}

/// One level of the indentation stack: the column with tabs to multiples of 8, and the
/// column with tabs counted as one, which must order the same way.
#[derive(Clone, Copy)]
struct IndentLevel {
    col: u32,
    alt_col: u32,
}

struct Lexer {
    /// The source with line endings normalised to `\n`.
    chars: Vec<char>,
    pos: usize,
    /// The 1-based line of `pos`.
    line: u32,
    /// The index in `chars` where the current line starts.
    line_start: usize,
    tokens: Vec<Token>,
    indents: Vec<IndentLevel>,
    brackets: Vec<OpenBracket>,
    /// Whether the current logical line has produced a token (so it needs a NEWLINE).
    line_has_tokens: bool,
}

type LexResult<T> = Result<T, LexError>;

impl Lexer {
    fn new(source: &str) -> Lexer {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let mut chars = Vec::with_capacity(source.len());
        let mut iter = source.chars().peekable();
        while let Some(ch) = iter.next() {
            if ch == '\r' {
                if iter.peek() == Some(&'\n') {
                    iter.next();
                }
                chars.push('\n');
            } else {
                chars.push(ch);
            }
        }
        Lexer {
            chars,
            pos: 0,
            line: 1,
            line_start: 0,
            tokens: Vec::new(),
            indents: vec![IndentLevel { col: 0, alt_col: 0 }],
            brackets: Vec::new(),
            line_has_tokens: false,
        }
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn peek(&self) -> Option<char> {
        self.peek_at(0)
    }

    /// The column (in characters) of `pos` on the current line.
    fn col(&self) -> u32 {
        to_u32(self.pos - self.line_start)
    }

    fn col_of(&self, index: usize) -> u32 {
        to_u32(index - self.line_start)
    }

    /// Moves past a `\n` at `pos`, starting a new line.
    fn advance_line(&mut self) {
        self.pos += 1;
        self.line += 1;
        self.line_start = self.pos;
    }

    fn error(&self, message: impl Into<String>, col: u32, rank: LexErrorRank) -> LexError {
        LexError {
            error: SyntaxError::new(message, self.line, col),
            rank,
        }
    }

    /// An error the tokenizer raises itself, placed as CPython places them: one column
    /// before the character at `pos`.
    fn error_here(&self, message: impl Into<String>) -> LexError {
        self.error(
            message,
            self.col().saturating_sub(1),
            LexErrorRank::Overrides,
        )
    }

    fn push(&mut self, kind: TokenKind, start: usize) {
        let start_line = self.line;
        self.push_span(kind, start_line, self.col_of(start));
    }

    fn push_span(&mut self, kind: TokenKind, start_line: u32, start_col: u32) {
        let span = Span {
            line: start_line,
            col: start_col,
            end_line: self.line,
            end_col: self.col(),
        };
        self.tokens.push(Token { kind, span });
        self.line_has_tokens = true;
    }

    fn run(&mut self) -> LexResult<()> {
        if let Some(index) = self.chars.iter().position(|&ch| ch == '\0') {
            let line = 1 + self.chars[..index].iter().filter(|&&ch| ch == '\n').count();
            return Err(LexError {
                error: SyntaxError::new("source code cannot contain null bytes", to_u32(line), 0),
                rank: LexErrorRank::Overrides,
            });
        }
        let mut at_line_start = true;
        loop {
            if at_line_start && self.brackets.is_empty() {
                self.indentation()?;
            }
            at_line_start = false;
            while matches!(self.peek(), Some(' ' | '\t' | '\x0c')) {
                self.pos += 1;
            }
            let Some(ch) = self.peek() else {
                return self.finish();
            };
            match ch {
                '#' => {
                    while !matches!(self.peek(), None | Some('\n')) {
                        self.pos += 1;
                    }
                }
                '\n' => {
                    if self.brackets.is_empty() && self.line_has_tokens {
                        self.push_newline();
                    }
                    self.advance_line();
                    at_line_start = true;
                }
                '\\' => self.continuation()?,
                '0'..='9' => self.number()?,
                '.' if matches!(self.peek_at(1), Some('0'..='9')) => self.number()?,
                '"' | '\'' => self.string(None)?,
                _ if ch == '_' || ch.is_ascii_alphabetic() || !ch.is_ascii() => self.word()?,
                _ => self.punctuation(ch)?,
            }
        }
    }

    fn push_newline(&mut self) {
        let col = self.col();
        self.tokens.push(Token {
            kind: TokenKind::Newline,
            span: Span {
                line: self.line,
                col,
                end_line: self.line,
                end_col: col + 1,
            },
        });
        self.line_has_tokens = false;
    }

    /// The end of input: the last NEWLINE, the closing DEDENTs and the end marker.
    fn finish(&mut self) -> LexResult<()> {
        if let Some(open) = self.brackets.last() {
            return Err(LexError {
                error: SyntaxError::new(
                    format!("'{}' was never closed", open.bracket),
                    open.line,
                    open.col,
                ),
                rank: LexErrorRank::Unclosed {
                    bracket_token: open.token_index,
                },
            });
        }
        if self.line_has_tokens {
            self.push_newline();
        }
        let col = self.col();
        let marker = Span {
            line: self.line,
            col,
            end_line: self.line,
            end_col: col,
        };
        for _ in 1..self.indents.len() {
            self.tokens.push(Token {
                kind: TokenKind::Dedent,
                span: marker,
            });
        }
        self.tokens.push(Token {
            kind: TokenKind::EndMarker,
            span: marker,
        });
        Ok(())
    }

    /// Measures the indentation of a new line and emits INDENT or DEDENT tokens. Blank
    /// lines and comment-only lines do not count.
    fn indentation(&mut self) -> LexResult<()> {
        let mut col = 0u32;
        let mut alt_col = 0u32;
        let mut index = self.pos;
        while let Some(&ch) = self.chars.get(index) {
            match ch {
                ' ' => {
                    col = col.saturating_add(1);
                    alt_col = alt_col.saturating_add(1);
                }
                '\t' => {
                    col = (col / 8).saturating_add(1).saturating_mul(8);
                    alt_col = alt_col.saturating_add(1);
                }
                '\x0c' => {
                    col = 0;
                    alt_col = 0;
                }
                _ => break,
            }
            index += 1;
        }
        if matches!(self.chars.get(index), None | Some('#' | '\n')) {
            return Ok(());
        }
        let content_col = self.col_of(index);
        let top = *self
            .indents
            .last()
            .unwrap_or(&IndentLevel { col: 0, alt_col: 0 });
        let tab_error = |lexer: &Lexer| LexError {
            error: SyntaxError::new(
                "inconsistent use of tabs and spaces in indentation",
                lexer.line,
                0,
            )
            .with_kind(SyntaxErrorKind::TabError),
            rank: LexErrorRank::WhenReached,
        };
        let span = Span {
            line: self.line,
            col: content_col,
            end_line: self.line,
            end_col: content_col,
        };
        if col == top.col {
            if alt_col != top.alt_col {
                return Err(tab_error(self));
            }
        } else if col > top.col {
            if self.indents.len() >= MAX_INDENT {
                return Err(LexError {
                    error: SyntaxError::new(
                        "too many levels of indentation",
                        self.line,
                        content_col,
                    )
                    .with_kind(SyntaxErrorKind::IndentationError),
                    rank: LexErrorRank::WhenReached,
                });
            }
            if alt_col <= top.alt_col {
                return Err(tab_error(self));
            }
            self.indents.push(IndentLevel { col, alt_col });
            self.tokens.push(Token {
                kind: TokenKind::Indent,
                span,
            });
        } else {
            let mut keep = self.indents.len();
            while keep > 1 && col < self.indents[keep - 1].col {
                keep -= 1;
            }
            let level = self.indents[keep - 1];
            if col != level.col {
                let line_len = self.chars[self.line_start..]
                    .iter()
                    .take_while(|&&ch| ch != '\n')
                    .count();
                return Err(LexError {
                    error: SyntaxError::new(
                        "unindent does not match any outer indentation level",
                        self.line,
                        to_u32(line_len),
                    )
                    .with_kind(SyntaxErrorKind::IndentationError),
                    rank: LexErrorRank::WhenReached,
                });
            }
            if alt_col != level.alt_col {
                return Err(tab_error(self));
            }
            for _ in keep..self.indents.len() {
                self.tokens.push(Token {
                    kind: TokenKind::Dedent,
                    span,
                });
            }
            self.indents.truncate(keep);
        }
        Ok(())
    }

    /// A backslash: it must end the physical line, which then joins the next one.
    fn continuation(&mut self) -> LexResult<()> {
        let backslash_col = self.col();
        match self.peek_at(1) {
            Some('\n') => {
                self.pos += 1;
                self.advance_line();
                if self.peek().is_none() {
                    return Err(LexError {
                        error: SyntaxError::new(
                            "unexpected EOF while parsing",
                            self.line - 1,
                            backslash_col + 1,
                        ),
                        rank: LexErrorRank::WhenReached,
                    });
                }
                Ok(())
            }
            None => Err(self.error(
                "unexpected EOF while parsing",
                backslash_col + 1,
                LexErrorRank::WhenReached,
            )),
            Some(_) => Err(self.error(
                "unexpected character after line continuation character",
                backslash_col + 1,
                LexErrorRank::WhenReached,
            )),
        }
    }

    /// An identifier, a keyword, or the prefix of a string literal.
    fn word(&mut self) -> LexResult<()> {
        let start = self.pos;
        while let Some(ch) = self.peek() {
            if ch == '_' || ch.is_ascii_alphanumeric() || !ch.is_ascii() {
                self.pos += 1;
            } else {
                break;
            }
        }
        let word: String = self.chars[start..self.pos].iter().collect();
        if matches!(self.peek(), Some('"' | '\'')) {
            if let Some(prefix) = string::Prefix::parse(&word) {
                self.pos = start;
                return self.string(Some(prefix));
            }
        }
        if !word.is_ascii() {
            self.verify_identifier(start)?;
        }
        let kind = match Keyword::from_word(&word) {
            Some(keyword) => TokenKind::Keyword(keyword),
            None => TokenKind::Name(word),
        };
        self.push(kind, start);
        Ok(())
    }

    /// Checks a non-ASCII identifier, reporting its first invalid character as CPython
    /// does. Python's rule is XID_Start / XID_Continue; this uses Rust's alphabetic and
    /// alphanumeric classes, which agree on ordinary letters.
    fn verify_identifier(&mut self, start: usize) -> LexResult<()> {
        for index in start..self.pos {
            let ch = self.chars[index];
            let valid = ch == '_'
                || if index == start {
                    ch.is_alphabetic()
                } else {
                    ch.is_alphanumeric() || is_combining_mark(ch)
                };
            if !valid {
                self.pos = index + 1;
                return Err(self.invalid_character(ch));
            }
        }
        Ok(())
    }

    /// CPython's error for a character that cannot start a token, placed at `pos - 1`.
    fn invalid_character(&self, ch: char) -> LexError {
        let code = ch as u32;
        let message = if is_printable(ch) {
            format!("invalid character '{ch}' (U+{code:04X})")
        } else {
            format!("invalid non-printable character U+{code:04X}")
        };
        self.error_here(message)
    }

    fn punctuation(&mut self, ch: char) -> LexResult<()> {
        let start = self.pos;
        match ch {
            '(' | '[' | '{' => {
                self.pos += 1;
                if self.brackets.len() >= MAX_NESTING {
                    return Err(self.error_here("too many nested parentheses"));
                }
                let punct = match ch {
                    '(' => Punct::LParen,
                    '[' => Punct::LBracket,
                    _ => Punct::LBrace,
                };
                self.brackets.push(OpenBracket {
                    bracket: ch,
                    line: self.line,
                    col: self.col_of(start),
                    token_index: self.tokens.len(),
                });
                self.push(TokenKind::Punct(punct), start);
                return Ok(());
            }
            ')' | ']' | '}' => {
                self.pos += 1;
                let Some(open) = self.brackets.pop() else {
                    return Err(self.error_here(format!("unmatched '{ch}'")));
                };
                let expected = match open.bracket {
                    '(' => ')',
                    '[' => ']',
                    _ => '}',
                };
                if ch != expected {
                    let mut message = format!(
                        "closing parenthesis '{ch}' does not match opening parenthesis '{}'",
                        open.bracket
                    );
                    if open.line != self.line {
                        message.push_str(&format!(" on line {}", open.line));
                    }
                    return Err(self.error_here(message));
                }
                let punct = match ch {
                    ')' => Punct::RParen,
                    ']' => Punct::RBracket,
                    _ => Punct::RBrace,
                };
                self.push(TokenKind::Punct(punct), start);
                return Ok(());
            }
            _ => {}
        }
        for (punct, spelling) in Punct::TABLE {
            if spelling
                .chars()
                .enumerate()
                .all(|(offset, expected)| self.peek_at(offset) == Some(expected))
            {
                self.pos += spelling.chars().count();
                self.push(TokenKind::Punct(punct), start);
                return Ok(());
            }
        }
        self.pos += 1;
        if ch.is_ascii_graphic() {
            self.push(TokenKind::Punct(Punct::Stray), start);
            Ok(())
        } else {
            Err(self.invalid_character(ch))
        }
    }
}

/// Converts a count that fits in a line or column number (inputs are far below 4 GiB of
/// characters per line in practice; larger ones saturate).
pub(crate) fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// An approximation of Python's `str.isprintable` for one character: control and format
/// characters and separators other than the space are not printable.
fn is_printable(ch: char) -> bool {
    if ch == ' ' {
        return true;
    }
    if ch.is_control() || ch.is_whitespace() {
        return false;
    }
    !matches!(
        ch,
        '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e000}'..='\u{f8ff}'
    )
}

/// Combining marks that may continue an identifier (a rough stand-in for the Mn and Mc
/// parts of XID_Continue).
fn is_combining_mark(ch: char) -> bool {
    matches!(
        ch,
        '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}'
    )
}

#[cfg(test)]
mod tests;
