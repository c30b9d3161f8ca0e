//! Helpers shared by the integration tests: render a parse as text for snapshots.

// Each test binary uses only some of these helpers.
#![allow(dead_code)]

use tracelift_syntax::{ast_dump, parse_module};

/// The AST dump of `source`, or its error as `Kind: message @ line:col`.
pub fn parse_to_text(source: &str, spans: bool) -> String {
    match parse_module(source) {
        Ok(module) if spans => ast_dump::dump_with_spans(&module),
        Ok(module) => ast_dump::dump(&module),
        Err(error) => format!(
            "{}: {} @ {}:{}\n",
            error.kind.name(),
            error.message,
            error.line,
            error.col
        ),
    }
}

/// One line per source: the source (escaped) and its error, or `ok`.
pub fn errors_of(sources: &[&str]) -> String {
    let mut out = String::new();
    for source in sources {
        let result = match parse_module(source) {
            Ok(_) => "ok".to_string(),
            Err(error) => format!(
                "{}: {} @ {}:{}",
                error.kind.name(),
                error.message,
                error.line,
                error.col
            ),
        };
        out.push_str(&format!("{source:?}\n    {result}\n"));
    }
    out
}
