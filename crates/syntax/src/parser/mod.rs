//! The recursive-descent parser: tokens to the AST, with CPython 3.11's messages for the
//! common syntax errors and "not supported" errors for constructs outside the subset.
//!
//! Statements are in [`stmt`], expressions in [`expr`] (binary operators are parsed
//! without recursion by an operator-precedence loop), assignment targets in [`target`].
//!
//! Invariants:
//! - The parser recurses only into brackets and blocks, and counts both in `depth`, which
//!   never exceeds [`MAX_PARSE_DEPTH`].
//! - Every expression tree it builds is at most [`MAX_EXPR_HEIGHT`] nodes tall (the height
//!   travels with each expression as it is built), so recursive walks over the AST and
//!   its recursive drop stay shallow, even for `1+1+...+1` or 100,000 `not`s.
//! - Error precedence follows CPython: a tokenizer error later in the file replaces a
//!   parser error (see [`crate::lexer::LexErrorRank`]); errors CPython finds only when
//!   compiling (a duplicate parameter, a repeated keyword) are reported only if the whole
//!   file parses.

mod expr;
mod primary;
mod stmt;
mod target;

use crate::ast::{Expr, Module, Span};
use crate::error::SyntaxError;
use crate::lexer::{self, LexErrorRank, Lexed};
use crate::token::{Keyword, Punct, Token, TokenKind};
use crate::MAX_PARSE_DEPTH;

/// The tallest expression tree the parser builds.
pub const MAX_EXPR_HEIGHT: u32 = 200;

/// Errors are boxed to keep the values passed up the recursive descent small.
type PResult<T> = Result<T, Box<SyntaxError>>;

/// An expression with the height of its tree (a leaf has height 1).
/// The expression is boxed so that results passed up the recursion stay small.
struct Tall {
    expr: Box<Expr>,
    height: u32,
}

impl Tall {
    /// The expression itself, for a node that holds it unboxed.
    fn expr_value(self) -> Expr {
        *self.expr
    }
}

/// Parses a whole file.
pub fn parse_module(source: &str) -> Result<Module, SyntaxError> {
    let Lexed { tokens, error } = lexer::tokenize(source);
    let mut parser = Parser {
        tokens,
        pos: 0,
        furthest: 0,
        depth: 0,
        function_depth: 0,
        deferred: None,
    };
    match parser.module() {
        Ok(module) => match parser.deferred.take() {
            Some(deferred) => Err(*deferred),
            None => Ok(module),
        },
        Err(parse_error) => {
            let Some(lex_error) = error else {
                return Err(*parse_error);
            };
            let reached = parser.furthest + 1 >= parser.tokens.len();
            let lex_wins = reached
                || match lex_error.rank {
                    LexErrorRank::Overrides => true,
                    LexErrorRank::WhenReached => false,
                    LexErrorRank::Unclosed { bracket_token } => bracket_token < parser.furthest,
                };
            Err(if lex_wins {
                lex_error.error
            } else {
                *parse_error
            })
        }
    }
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// The furthest token index the parser has looked at, for error precedence.
    furthest: usize,
    /// Brackets and blocks currently open.
    depth: usize,
    /// How many `def`s enclose the current statement.
    function_depth: usize,
    /// The first error CPython would raise only after parsing succeeds.
    deferred: Option<Box<SyntaxError>>,
}

impl Parser {
    fn token_at(&mut self, index: usize) -> &Token {
        let index = index.min(self.tokens.len() - 1);
        self.furthest = self.furthest.max(index);
        &self.tokens[index]
    }

    fn token(&mut self) -> &Token {
        self.token_at(self.pos)
    }

    fn kind(&mut self) -> &TokenKind {
        &self.token().kind
    }

    fn nth_kind(&mut self, offset: usize) -> &TokenKind {
        &self.token_at(self.pos + offset).kind
    }

    fn span(&mut self) -> Span {
        self.token().span
    }

    fn at_punct(&mut self, punct: Punct) -> bool {
        *self.kind() == TokenKind::Punct(punct)
    }

    fn at_keyword(&mut self, keyword: Keyword) -> bool {
        *self.kind() == TokenKind::Keyword(keyword)
    }

    /// Moves past the current token (never past the last one).
    fn bump(&mut self) {
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
    }

    fn eat_punct(&mut self, punct: Punct) -> bool {
        let found = self.at_punct(punct);
        if found {
            self.bump();
        }
        found
    }

    /// The end of the last token consumed (ignoring layout tokens).
    fn prev_end(&self) -> (u32, u32) {
        let mut index = self.pos;
        while index > 0 {
            index -= 1;
            let token = &self.tokens[index];
            if !matches!(
                token.kind,
                TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent
            ) {
                return (token.span.end_line, token.span.end_col);
            }
        }
        (1, 0)
    }

    /// A span from `start` to the end of the last token consumed.
    fn span_from(&self, start: Span) -> Span {
        let (end_line, end_col) = self.prev_end();
        Span {
            line: start.line,
            col: start.col,
            end_line,
            end_col,
        }
    }

    /// CPython's generic `invalid syntax`, placed at the furthest token looked at.
    fn invalid_syntax<T>(&mut self) -> PResult<T> {
        let span = self.token_at(self.furthest.max(self.pos)).span;
        Err(Box::new(SyntaxError::new(
            "invalid syntax",
            span.line,
            span.col,
        )))
    }

    fn error_at<T>(&self, message: impl Into<String>, span: Span) -> PResult<T> {
        Err(Box::new(SyntaxError::new(message, span.line, span.col)))
    }

    fn unsupported<T>(&self, construct: &str, span: Span) -> PResult<T> {
        Err(Box::new(SyntaxError::unsupported(
            construct, span.line, span.col,
        )))
    }

    fn defer(&mut self, error: SyntaxError) {
        if self.deferred.is_none() {
            self.deferred = Some(Box::new(error));
        }
    }

    /// Enters a bracket, failing if nesting is too deep.
    fn enter(&mut self, span: Span) -> PResult<()> {
        if self.depth >= MAX_PARSE_DEPTH {
            return self.error_at("too many nested expressions", span);
        }
        self.depth += 1;
        Ok(())
    }

    /// Enters an indented block, failing if nesting is too deep.
    fn enter_block(&mut self, span: Span) -> PResult<()> {
        if self.depth >= MAX_PARSE_DEPTH {
            return Err(Box::new(
                SyntaxError::new("too many levels of indentation", span.line, span.col)
                    .with_kind(crate::error::SyntaxErrorKind::IndentationError),
            ));
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn module(&mut self) -> PResult<Module> {
        let mut body = Vec::new();
        loop {
            match self.kind() {
                TokenKind::EndMarker => break,
                TokenKind::Newline => self.bump(),
                _ => self.statement(&mut body)?,
            }
        }
        Ok(Module { body })
    }

    /// The height of a node whose children have the given heights, checked against the
    /// bound.
    fn height_of(&self, children: &[u32], span: Span) -> PResult<u32> {
        let height = children.iter().copied().max().unwrap_or(0) + 1;
        if height > MAX_EXPR_HEIGHT {
            return self.error_at("too many nested expressions", span);
        }
        Ok(height)
    }
}

/// A span covering `first` through `last`.
fn join(first: Span, last: Span) -> Span {
    Span {
        line: first.line,
        col: first.col,
        end_line: last.end_line,
        end_col: last.end_col,
    }
}
