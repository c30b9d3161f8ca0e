//! Numeric literals, following the structure (and so the error messages and positions) of
//! CPython 3.11's tokenizer: decimal, `0x` / `0o` / `0b` integers with single underscores
//! between digits, floats with fraction and exponent, and imaginary literals (recognised
//! only to reject them).
//!
//! As in CPython, a decimal literal of more than 4300 digits is an error, which also keeps
//! the (quadratic) decimal conversion cheap; power-of-two radixes convert in linear time.

use num_bigint::BigInt;

use super::{LexErrorRank, LexResult, Lexer};
use crate::token::TokenKind;

/// CPython's default `sys.get_int_max_str_digits()`.
const MAX_DECIMAL_DIGITS: usize = 4300;

impl Lexer {
    fn current(&self) -> char {
        self.peek().unwrap_or('\n')
    }

    /// Lexes a number starting at `pos` (a digit, or a `.` followed by a digit).
    pub(super) fn number(&mut self) -> LexResult<()> {
        let start = self.pos;
        if self.current() == '0'
            && matches!(self.peek_at(1), Some('x' | 'X' | 'o' | 'O' | 'b' | 'B'))
        {
            return self.radix_integer(start);
        }
        let mut is_float = false;
        if self.current() == '.' {
            is_float = true;
            self.pos += 1;
            self.decimal_tail()?;
        } else if self.current() == '0' {
            // Zeros, then possibly other digits: only valid as a float or a plain zero.
            loop {
                if self.current() == '_' {
                    self.pos += 1;
                    if !self.current().is_ascii_digit() {
                        return Err(self.error_here("invalid decimal literal"));
                    }
                }
                if self.current() != '0' {
                    break;
                }
                self.pos += 1;
            }
            let nonzero = self.current().is_ascii_digit();
            if nonzero {
                self.decimal_tail()?;
            }
            if nonzero && !matches!(self.current(), '.' | 'e' | 'E' | 'j' | 'J') {
                return Err(self.error(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    self.col_of(start),
                    LexErrorRank::Overrides,
                ));
            }
        } else {
            self.decimal_tail()?;
        }
        if !is_float && self.current() == '.' {
            is_float = true;
            self.pos += 1;
            if self.current().is_ascii_digit() {
                self.decimal_tail()?;
            }
        }
        if matches!(self.current(), 'e' | 'E') {
            let exponent_start = self.pos;
            self.pos += 1;
            if matches!(self.current(), '+' | '-') {
                self.pos += 1;
                if !self.current().is_ascii_digit() {
                    return Err(self.error_here("invalid decimal literal"));
                }
            } else if !self.current().is_ascii_digit() {
                // `1e` followed by a name: the number ends before the `e`.
                self.pos = exponent_start;
                self.verify_end("decimal")?;
                return self.finish_decimal(start, is_float);
            }
            is_float = true;
            self.decimal_tail()?;
        }
        if matches!(self.current(), 'j' | 'J') {
            self.pos += 1;
            self.verify_end("imaginary")?;
            self.push(TokenKind::Unsupported("an imaginary literal"), start);
            return Ok(());
        }
        self.verify_end("decimal")?;
        self.finish_decimal(start, is_float)
    }

    /// Pushes the decimal integer or float token spanning `start..pos`.
    fn finish_decimal(&mut self, start: usize, is_float: bool) -> LexResult<()> {
        let text: String = self.chars[start..self.pos]
            .iter()
            .filter(|&&ch| ch != '_')
            .collect();
        let kind = if is_float {
            TokenKind::Float(text.parse::<f64>().unwrap_or(f64::INFINITY))
        } else {
            if text.len() > MAX_DECIMAL_DIGITS {
                return Err(self.error(
                    format!(
                        "Exceeds the limit ({MAX_DECIMAL_DIGITS} digits) for integer string conversion: \
                         value has {} digits; use sys.set_int_max_str_digits() to increase the limit \
                         - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.",
                        text.len()
                    ),
                    self.col_of(start),
                    LexErrorRank::Overrides,
                ));
            }
            TokenKind::Int(BigInt::parse_bytes(text.as_bytes(), 10).unwrap_or_default())
        };
        self.push(kind, start);
        Ok(())
    }

    /// Digits with single underscores between them; `pos` is at the first digit (or just
    /// before a run that may be empty, as CPython's `tok_decimal_tail` allows).
    fn decimal_tail(&mut self) -> LexResult<()> {
        loop {
            while self.current().is_ascii_digit() {
                self.pos += 1;
            }
            if self.current() != '_' {
                return Ok(());
            }
            self.pos += 1;
            if !self.current().is_ascii_digit() {
                return Err(self.error_here("invalid decimal literal"));
            }
        }
    }

    /// A `0x`, `0o` or `0b` integer.
    fn radix_integer(&mut self, start: usize) -> LexResult<()> {
        self.pos += 1;
        let (radix, kind) = match self.current() {
            'x' | 'X' => (16, "hexadecimal"),
            'o' | 'O' => (8, "octal"),
            _ => (2, "binary"),
        };
        self.pos += 1;
        let digits_start = self.pos;
        loop {
            if self.current() == '_' {
                self.pos += 1;
            }
            if !self.current().is_digit(radix) {
                if radix != 16 && self.current().is_ascii_digit() {
                    self.pos += 1;
                    return Err(self.error_here(format!(
                        "invalid digit '{}' in {kind} literal",
                        self.chars[self.pos - 1]
                    )));
                }
                return Err(self.error_here(format!("invalid {kind} literal")));
            }
            while self.current().is_digit(radix) {
                self.pos += 1;
            }
            if self.current() != '_' {
                break;
            }
        }
        if radix != 16 && self.current().is_ascii_digit() {
            self.pos += 1;
            return Err(self.error_here(format!(
                "invalid digit '{}' in {kind} literal",
                self.chars[self.pos - 1]
            )));
        }
        self.verify_end(kind)?;
        let text: String = self.chars[digits_start..self.pos]
            .iter()
            .filter(|&&ch| ch != '_')
            .collect();
        let value = BigInt::parse_bytes(text.as_bytes(), radix).unwrap_or_default();
        self.push(TokenKind::Int(value), start);
        Ok(())
    }

    /// CPython's `verify_end_of_number`: a literal may be followed directly by one of the
    /// keywords `and else for if in is not or` (CPython only warns), but not by any other
    /// identifier character.
    fn verify_end(&mut self, kind: &str) -> LexResult<()> {
        let follows = |lexer: &Lexer, word: &str| {
            word.chars()
                .enumerate()
                .all(|(offset, ch)| lexer.peek_at(offset) == Some(ch))
        };
        let keyword_follows = match self.current() {
            'a' => follows(self, "and"),
            'e' => follows(self, "else"),
            'f' => follows(self, "for"),
            'i' => matches!(self.peek_at(1), Some('f' | 'n' | 's')),
            'o' => follows(self, "or"),
            'n' => follows(self, "not"),
            _ => false,
        };
        let ch = self.current();
        if !keyword_follows && (ch == '_' || ch.is_ascii_alphanumeric() || !ch.is_ascii()) {
            return Err(self.error_here(format!("invalid {kind} literal")));
        }
        Ok(())
    }
}
