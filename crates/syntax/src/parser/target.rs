//! Assignment targets: which expressions may be assigned to, and CPython's messages for
//! those that may not (`cannot assign to literal`, `'tuple' is an illegal expression for
//! augmented assignment`, ...).
//!
//! In the subset a target is a name, a subscript, or a tuple or list of targets; assigning
//! to an attribute is valid Python but outside the subset.

use super::{PResult, Parser};
use crate::ast::{Expr, ExprKind, UnaryOp};
use crate::error::SyntaxError;

/// CPython's name for an expression in these messages (`_PyPegen_get_expr_name`).
pub(super) fn expr_name(expr: &Expr) -> &'static str {
    match &expr.kind {
        ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Str(_) => "literal",
        ExprKind::Bool(true) => "True",
        ExprKind::Bool(false) => "False",
        ExprKind::None => "None",
        ExprKind::Name(_) => "name",
        ExprKind::UnaryOp { .. } | ExprKind::BinOp { .. } | ExprKind::BoolOp { .. } => "expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Call { .. } => "function call",
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Slice { .. } => "slice",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
    }
}

/// Whether CPython's grammar would parse `expr` as a `bitwise_or` (the level at which it
/// suggests `==` for a mistaken `=`).
fn is_bitwise_or_level(expr: &Expr) -> bool {
    !matches!(
        expr.kind,
        ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::IfExp { .. }
            | ExprKind::UnaryOp {
                op: UnaryOp::Not,
                ..
            }
    )
}

impl Parser {
    /// Checks an assignment or `for` target. `sole_assignment` is set for the target of a
    /// plain `target = value`, where CPython suggests `==` if the target as a whole cannot
    /// be assigned to.
    pub(super) fn check_target(&self, target: &Expr, sole_assignment: bool) -> PResult<()> {
        let Some(bad) = first_invalid_target(target) else {
            return Ok(());
        };
        if let ExprKind::Attribute { .. } = bad.kind {
            return self.unsupported("assignment to an attribute", bad.span);
        }
        let name = expr_name(bad);
        // CPython suggests `==` when the bad target is directly followed by `=`: the whole
        // target, or the last element of a tuple written without parentheses.
        let whole = std::ptr::eq(bad, target)
            || match &target.kind {
                ExprKind::Tuple(elements) => {
                    let bare = elements.first().is_some_and(|first| {
                        (first.span.line, first.span.col) == (target.span.line, target.span.col)
                    });
                    bare && elements.last().is_some_and(|last| std::ptr::eq(bad, last))
                }
                _ => false,
            };
        let suggest = sole_assignment
            && whole
            && is_bitwise_or_level(bad)
            && !matches!(
                bad.kind,
                ExprKind::Bool(_) | ExprKind::None | ExprKind::Tuple(_) | ExprKind::List(_)
            );
        let message = if suggest {
            format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?")
        } else {
            format!("cannot assign to {name}")
        };
        Err(Box::new(SyntaxError::new(
            message,
            bad.span.line,
            bad.span.col,
        )))
    }

    /// Checks the target of an augmented assignment: a name or a subscript.
    pub(super) fn check_aug_target(&self, target: &Expr) -> PResult<()> {
        match target.kind {
            ExprKind::Name(_) | ExprKind::Subscript { .. } => Ok(()),
            ExprKind::Attribute { .. } => {
                self.unsupported("assignment to an attribute", target.span)
            }
            _ => self.error_at(
                format!(
                    "'{}' is an illegal expression for augmented assignment",
                    expr_name(target)
                ),
                target.span,
            ),
        }
    }
}

/// The first (leftmost, outermost) part of `target` that cannot be assigned to, found
/// without recursion.
fn first_invalid_target(target: &Expr) -> Option<&Expr> {
    let mut pending = vec![target];
    while let Some(expr) = pending.pop() {
        match &expr.kind {
            ExprKind::Name(_) | ExprKind::Subscript { .. } => {}
            ExprKind::Tuple(elements) | ExprKind::List(elements) => {
                pending.extend(elements.iter().rev());
            }
            _ => return Some(expr),
        }
    }
    None
}
