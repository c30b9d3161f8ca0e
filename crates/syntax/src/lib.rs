//! The front end of tracelift: source text to an AST with spans.
//!
//! `parse_module` is the entry point: the `lexer` module turns the text into tokens (with
//! CPython's indentation, number and string rules) and the `parser` module builds the
//! [`ast`]. [`ast_dump`] prints a tree as deterministic text for tests and debugging dumps.
//!
//! It never panics and never recurses without a bound: brackets and indented blocks nest
//! at most [`MAX_PARSE_DEPTH`] deep together, and every expression tree is at most
//! [`MAX_EXPR_HEIGHT`] nodes tall, so arbitrary input (binary junk, 10,000 nested
//! parentheses, 100,000 `not`s) gives an error, not a crash, and every recursive walk over
//! the AST (compiler, drop) stays shallow.
//!
//! Architecture invariant: this crate knows nothing of values, bytecode or the JIT.

#![forbid(unsafe_code)]

pub mod ast;
pub mod ast_dump;
mod error;
mod lexer;
mod parser;
mod token;

pub use error::{SyntaxError, SyntaxErrorKind};
pub use parser::MAX_EXPR_HEIGHT;

/// The deepest nesting of brackets the lexer accepts: as in CPython's tokenizer, the
/// 201st open bracket is an error, `too many nested parentheses`.
pub const MAX_NESTING: usize = 200;

/// The deepest nesting of brackets and indented blocks, counted together, that the parser
/// accepts. Past it, a bracket is `too many nested expressions` and a block `too many
/// levels of indentation`. CPython allows more (199 brackets, 99 blocks); this bound is
/// what keeps the recursive descent well inside a 256 KiB stack in a debug build (each
/// level costs at most about 2.2 KiB there).
pub const MAX_PARSE_DEPTH: usize = 64;

/// Parses a whole file into a module.
pub fn parse_module(source: &str) -> Result<ast::Module, SyntaxError> {
    parser::parse_module(source)
}
