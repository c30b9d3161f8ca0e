//! String literals: prefixes, quoting (single, double, triple), CPython's messages for
//! unterminated literals, and escape processing with the `unicodeescape` codec's messages.
//!
//! f-strings and bytes literals are lexed to their closing quote (as CPython 3.11 lexes
//! them, as plain strings) and become [`TokenKind::Unsupported`] tokens.

use super::{LexError, LexErrorRank, LexResult, Lexer};
use crate::error::SyntaxError;
use crate::token::TokenKind;

/// What a string prefix (`r`, `u`, `b`, `f` and their combinations) asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Prefix {
    raw: bool,
    kind: StringKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StringKind {
    Plain,
    Bytes,
    Format,
}

impl Prefix {
    /// The prefix spelled `word`, if it is a valid Python 3 string prefix.
    pub(super) fn parse(word: &str) -> Option<Prefix> {
        let lower = word.to_ascii_lowercase();
        let (raw, kind) = match lower.as_str() {
            "r" => (true, StringKind::Plain),
            "u" => (false, StringKind::Plain),
            "b" => (false, StringKind::Bytes),
            "br" | "rb" => (true, StringKind::Bytes),
            "f" => (false, StringKind::Format),
            "fr" | "rf" => (true, StringKind::Format),
            _ => return None,
        };
        Some(Prefix { raw, kind })
    }
}

impl Lexer {
    /// Lexes a string literal at `pos` (its prefix, if any, included).
    pub(super) fn string(&mut self, prefix: Option<Prefix>) -> LexResult<()> {
        let start_line = self.line;
        let start_col = self.col();
        while !matches!(self.peek(), Some('"' | '\'') | None) {
            self.pos += 1;
        }
        let quote = self.peek().unwrap_or('"');
        let triple = self.peek_at(1) == Some(quote) && self.peek_at(2) == Some(quote);
        let quote_len = if triple { 3 } else { 1 };
        self.pos += quote_len;
        let body_start = self.pos;
        let body_end;
        loop {
            match self.peek() {
                None => return Err(self.unterminated(triple, start_line, start_col)),
                Some('\n') if !triple => {
                    return Err(self.unterminated(triple, start_line, start_col));
                }
                Some('\n') => self.advance_line(),
                Some('\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some('\n') => self.advance_line(),
                        Some(_) => self.pos += 1,
                        None => {}
                    }
                }
                Some(ch) if ch == quote => {
                    if !triple {
                        body_end = self.pos;
                        self.pos += 1;
                        break;
                    }
                    if self.peek_at(1) == Some(quote) && self.peek_at(2) == Some(quote) {
                        body_end = self.pos;
                        self.pos += 3;
                        break;
                    }
                    self.pos += 1;
                }
                Some(_) => self.pos += 1,
            }
        }
        let prefix = prefix.unwrap_or(Prefix {
            raw: false,
            kind: StringKind::Plain,
        });
        let kind = match prefix.kind {
            StringKind::Bytes => TokenKind::Unsupported("a bytes literal"),
            StringKind::Format => TokenKind::Unsupported("an f-string"),
            StringKind::Plain => {
                let body = &self.chars[body_start..body_end];
                let value = if prefix.raw {
                    body.iter().collect()
                } else {
                    match unescape(body) {
                        Ok(value) => value,
                        Err(problem) => return Err(self.escape_error(problem)),
                    }
                };
                TokenKind::Str(value)
            }
        };
        self.push_span(kind, start_line, start_col);
        Ok(())
    }

    fn unterminated(&self, triple: bool, start_line: u32, start_col: u32) -> LexError {
        // At the end of a file that ends with a newline, CPython counts the last line.
        let ends_after_newline =
            self.pos >= self.chars.len() && self.pos > 0 && self.chars[self.pos - 1] == '\n';
        let line = if ends_after_newline {
            self.line - 1
        } else {
            self.line
        };
        let what = if triple {
            "unterminated triple-quoted string literal"
        } else {
            "unterminated string literal"
        };
        LexError {
            error: SyntaxError::new(
                format!("{what} (detected at line {line})"),
                start_line,
                start_col,
            ),
            rank: LexErrorRank::Overrides,
        }
    }

    /// The error for a bad escape, placed (as CPython places it) just after the literal.
    fn escape_error(&self, problem: EscapeProblem) -> LexError {
        let col = self.col();
        let error = match problem {
            EscapeProblem::Codec {
                first,
                last,
                reason,
            } => SyntaxError::new(
                format!(
                    "(unicode error) 'unicodeescape' codec can't decode bytes in position \
                     {first}-{last}: {reason}"
                ),
                self.line,
                col,
            ),
            EscapeProblem::Unsupported(construct) => {
                SyntaxError::unsupported(construct, self.line, col)
            }
        };
        LexError {
            error,
            rank: LexErrorRank::WhenReached,
        }
    }
}

/// Why a string body could not be decoded.
enum EscapeProblem {
    /// The codec's own error, with byte positions in the body (`last` inclusive).
    Codec {
        first: usize,
        last: usize,
        reason: &'static str,
    },
    /// A valid escape the subset cannot represent.
    Unsupported(&'static str),
}

/// Decodes the escapes of a non-raw string body.
fn unescape(body: &[char]) -> Result<String, EscapeProblem> {
    let mut out = String::with_capacity(body.len());
    let mut index = 0;
    // The byte offset of `body[index]` in the UTF-8 body, for the codec's messages.
    let mut byte_offset = 0;
    while index < body.len() {
        let ch = body[index];
        if ch != '\\' {
            out.push(ch);
            index += 1;
            byte_offset += ch.len_utf8();
            continue;
        }
        let escape_start = byte_offset;
        let Some(&code) = body.get(index + 1) else {
            // A lone backslash cannot end a body: the lexer would have skipped the quote.
            out.push('\\');
            break;
        };
        index += 2;
        byte_offset += 1 + code.len_utf8();
        let simple = match code {
            '\n' => Some(None),
            '\\' => Some(Some('\\')),
            '\'' => Some(Some('\'')),
            '"' => Some(Some('"')),
            'a' => Some(Some('\x07')),
            'b' => Some(Some('\x08')),
            'f' => Some(Some('\x0c')),
            'n' => Some(Some('\n')),
            'r' => Some(Some('\r')),
            't' => Some(Some('\t')),
            'v' => Some(Some('\x0b')),
            _ => None,
        };
        if let Some(produced) = simple {
            out.extend(produced);
            continue;
        }
        match code {
            '0'..='7' => {
                let mut value = code.to_digit(8).unwrap_or(0);
                let mut count = 1;
                while count < 3 {
                    match body.get(index).and_then(|digit| digit.to_digit(8)) {
                        Some(digit) => {
                            value = value * 8 + digit;
                            index += 1;
                            byte_offset += 1;
                            count += 1;
                        }
                        None => break,
                    }
                }
                out.extend(char::from_u32(value));
            }
            'x' | 'u' | 'U' => {
                let (width, reason) = match code {
                    'x' => (2, "truncated \\xXX escape"),
                    'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut value: u32 = 0;
                for _ in 0..width {
                    match body.get(index).and_then(|digit| digit.to_digit(16)) {
                        Some(digit) => {
                            value = value * 16 + digit;
                            index += 1;
                            byte_offset += 1;
                        }
                        None => {
                            return Err(EscapeProblem::Codec {
                                first: escape_start,
                                last: byte_offset - 1,
                                reason,
                            });
                        }
                    }
                }
                if value > 0x10ffff {
                    return Err(EscapeProblem::Codec {
                        first: escape_start,
                        last: byte_offset - 1,
                        reason: "illegal Unicode character",
                    });
                }
                match char::from_u32(value) {
                    Some(decoded) => out.push(decoded),
                    None => return Err(EscapeProblem::Unsupported("a lone surrogate escape")),
                }
            }
            'N' => return Err(EscapeProblem::Unsupported("'\\N{...}' escape")),
            other => {
                // An unknown escape keeps its backslash (CPython only warns).
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}
