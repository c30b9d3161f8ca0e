//! Expressions: conditional expressions, the operator-precedence loop for `or` through
//! `**`, and primaries (atoms with calls, subscripts, slices and attributes).
//!
//! Python's precedence, loosest first: `x if c else y` < `or` < `and` < `not` <
//! comparisons (chained) < `|` < `^` < `&` < shifts < `+ -` < `* / // %` < unary `- + ~`
//! < `**` (right associative, and tighter than a unary operator on its left) < primary.
//! The operator loop keeps explicit operand and operator stacks, so long operator chains
//! and long runs of prefix operators cost no native stack; the tree height check in
//! [`Parser::height_of`] bounds what they may build.

use super::{join, PResult, Parser, Tall};
use crate::ast::{BinOp, BoolOp, CmpOp, Expr, ExprKind, Span, UnaryOp};
use crate::error::SyntaxError;
use crate::token::{Keyword, Punct, TokenKind};

/// Binding powers of the operator loop.
pub(super) const PREC_OR: u8 = 1;
const PREC_AND: u8 = 2;
const PREC_NOT: u8 = 3;
const PREC_COMPARE: u8 = 4;
pub(super) const PREC_BIT_OR: u8 = 5;
const PREC_BIT_XOR: u8 = 6;
const PREC_BIT_AND: u8 = 7;
const PREC_SHIFT: u8 = 8;
const PREC_ARITH: u8 = 9;
const PREC_TERM: u8 = 10;
const PREC_UNARY: u8 = 11;
const PREC_POWER: u8 = 12;

/// An operator waiting on the operator stack for its right operand to be complete.
#[derive(Clone, Copy)]
enum Pending {
    Prefix(UnaryOp),
    Bool(BoolOp),
    Compare(CmpOp),
    Binary(BinOp),
}

impl Pending {
    fn precedence(self) -> u8 {
        match self {
            Pending::Prefix(UnaryOp::Not) => PREC_NOT,
            Pending::Prefix(_) => PREC_UNARY,
            Pending::Bool(BoolOp::Or) => PREC_OR,
            Pending::Bool(BoolOp::And) => PREC_AND,
            Pending::Compare(_) => PREC_COMPARE,
            Pending::Binary(op) => match op {
                BinOp::BitOr => PREC_BIT_OR,
                BinOp::BitXor => PREC_BIT_XOR,
                BinOp::BitAnd => PREC_BIT_AND,
                BinOp::LShift | BinOp::RShift => PREC_SHIFT,
                BinOp::Add | BinOp::Sub => PREC_ARITH,
                BinOp::Mul | BinOp::Div | BinOp::FloorDiv | BinOp::Mod => PREC_TERM,
                BinOp::Pow => PREC_POWER,
            },
        }
    }

    /// Whether `self` (incoming) joins the chain of `top` instead of closing it: chained
    /// comparisons, and `and` / `or` with more than two operands.
    fn continues_chain(self, top: Pending) -> bool {
        match (self, top) {
            (Pending::Compare(_), Pending::Compare(_)) => true,
            (Pending::Bool(incoming), Pending::Bool(pending)) => incoming == pending,
            _ => false,
        }
    }
}

/// The operand and operator stacks of one run of the operator loop.
struct OperatorStacks {
    operands: Vec<Tall>,
    ops: Vec<PendingOp>,
}

/// A pending operator and the span of its token(s).
struct PendingOp {
    op: Pending,
    span: Span,
}

impl Parser {
    /// `expression`: a disjunction, optionally `body if test else orelse` (right nested).
    pub(super) fn expr(&mut self) -> PResult<Tall> {
        if self.at_keyword(Keyword::Lambda) {
            return self.lambda_error();
        }
        let first = self.binary(PREC_OR)?;
        if self.at_keyword(Keyword::If) {
            return self.conditional(first);
        }
        Ok(first)
    }

    fn lambda_error<T>(&mut self) -> PResult<T> {
        let span = self.span();
        self.unsupported("'lambda'", span)
    }

    /// The rest of `body if test else orelse` after `body`, with `orelse` chains built
    /// without recursion.
    fn conditional(&mut self, first: Tall) -> PResult<Tall> {
        let mut branches = Vec::new();
        let mut body = first;
        let orelse = loop {
            self.bump();
            let test = self.binary(PREC_OR)?;
            if !self.at_keyword(Keyword::Else) {
                if self.at_punct(Punct::Colon) {
                    return self.invalid_syntax();
                }
                return self.error_at("expected 'else' after 'if' expression", body.expr.span);
            }
            self.bump();
            let next = self.expr_operand()?;
            branches.push((body, test));
            if self.at_keyword(Keyword::If) {
                body = next;
            } else {
                break next;
            }
        };
        let mut result = orelse;
        while let Some((body, test)) = branches.pop() {
            let span = join(body.expr.span, result.expr.span);
            let height = self.height_of(&[body.height, test.height, result.height], span)?;
            let kind = ExprKind::IfExp {
                test: test.expr,
                body: body.expr,
                orelse: result.expr,
            };
            result = Tall {
                expr: Box::new(Expr { kind, span }),
                height,
            };
        }
        Ok(result)
    }

    /// One operand of a conditional expression (`lambda` is rejected here).
    fn expr_operand(&mut self) -> PResult<Tall> {
        if self.at_keyword(Keyword::Lambda) {
            return self.lambda_error();
        }
        self.binary(PREC_OR)
    }

    /// `a, b, c` without brackets (a single expression stays itself), as in expression
    /// statements, assignments and `return`.
    pub(super) fn star_expressions(&mut self) -> PResult<Tall> {
        let first = self.expr()?;
        if !self.at_punct(Punct::Comma) {
            return Ok(first);
        }
        let start = first.expr.span;
        let mut elements = vec![first];
        while self.eat_punct(Punct::Comma) {
            if !self.kind().starts_expression() && !self.at_punct(Punct::Star) {
                break;
            }
            elements.push(self.expr()?);
        }
        let span = self.span_from(start);
        self.sequence(elements, span, ExprKind::Tuple)
    }

    /// Builds a tuple or list node from its elements.
    pub(super) fn sequence(
        &mut self,
        elements: Vec<Tall>,
        span: Span,
        make: fn(Vec<Expr>) -> ExprKind,
    ) -> PResult<Tall> {
        let heights: Vec<u32> = elements.iter().map(|element| element.height).collect();
        let height = self.height_of(&heights, span)?;
        let exprs = elements.into_iter().map(|element| *element.expr).collect();
        Ok(Tall {
            expr: Box::new(Expr {
                kind: make(exprs),
                span,
            }),
            height,
        })
    }

    /// The operator loop: everything from `or` down to `**`, stopping before any operator
    /// that binds looser than `min_precedence` (a `for` target stops before `in`).
    pub(super) fn binary(&mut self, min_precedence: u8) -> PResult<Tall> {
        let mut stacks = OperatorStacks {
            operands: Vec::new(),
            ops: Vec::new(),
        };
        loop {
            self.prefix_operators(&mut stacks.ops, min_precedence)?;
            let operand = self.primary()?;
            stacks.operands.push(operand);
            if !self.infix(&mut stacks, min_precedence)? {
                break;
            }
        }
        self.finish_binary(stacks)
    }

    /// Reduces everything left on the stacks into one expression.
    fn finish_binary(&mut self, mut stacks: OperatorStacks) -> PResult<Tall> {
        while !stacks.ops.is_empty() {
            self.reduce(&mut stacks.operands, &mut stacks.ops)?;
        }
        pop_operand(&mut stacks.operands)
    }

    /// After an operand: takes the next binary operator (reducing what binds tighter), or
    /// returns false at the end of the expression.
    fn infix(&mut self, stacks: &mut OperatorStacks, min_precedence: u8) -> PResult<bool> {
        let OperatorStacks { operands, ops } = stacks;
        {
            let Some((incoming, span, token_count)) = self.infix_operator()? else {
                return Ok(false);
            };
            let precedence = incoming.precedence();
            if precedence < min_precedence {
                return Ok(false);
            }
            while let Some(top) = ops.last() {
                let top_precedence = top.op.precedence();
                let reduce = if incoming.continues_chain(top.op) {
                    false
                } else if precedence == PREC_POWER {
                    top_precedence > precedence
                } else {
                    top_precedence >= precedence
                };
                if !reduce {
                    break;
                }
                self.reduce(operands, ops)?;
            }
            ops.push(PendingOp { op: incoming, span });
            for _ in 0..token_count {
                self.bump();
            }
        }
        Ok(true)
    }

    /// Pushes the prefix operators (`not - + ~`) before an operand.
    fn prefix_operators(&mut self, ops: &mut Vec<PendingOp>, min_precedence: u8) -> PResult<()> {
        loop {
            let op = match self.kind() {
                TokenKind::Keyword(Keyword::Not) => UnaryOp::Not,
                TokenKind::Punct(Punct::Minus) => UnaryOp::Neg,
                TokenKind::Punct(Punct::Plus) => UnaryOp::Pos,
                TokenKind::Punct(Punct::Tilde) => UnaryOp::Invert,
                _ => return Ok(()),
            };
            if op == UnaryOp::Not {
                // `not` is only allowed where an inversion may start: at the beginning,
                // after `and` / `or`, or after another `not`.
                let allowed = min_precedence <= PREC_NOT
                    && match ops.last() {
                        None => true,
                        Some(top) => {
                            matches!(top.op, Pending::Bool(_) | Pending::Prefix(UnaryOp::Not))
                        }
                    };
                if !allowed {
                    return self.invalid_syntax();
                }
            }
            let span = self.span();
            ops.push(PendingOp {
                op: Pending::Prefix(op),
                span,
            });
            self.bump();
        }
    }

    /// The binary operator at the current token, with its span and how many tokens it
    /// takes (`not in` and `is not` take two).
    fn infix_operator(&mut self) -> PResult<Option<(Pending, Span, usize)>> {
        let span = self.span();
        let single = |op| Ok(Some((op, span, 1)));
        let pending = match self.kind() {
            TokenKind::Keyword(Keyword::Or) => Pending::Bool(BoolOp::Or),
            TokenKind::Keyword(Keyword::And) => Pending::Bool(BoolOp::And),
            TokenKind::Keyword(Keyword::In) => Pending::Compare(CmpOp::In),
            TokenKind::Keyword(Keyword::Not) => {
                if *self.nth_kind(1) != TokenKind::Keyword(Keyword::In) {
                    return Ok(None);
                }
                let end = self.token_at(self.pos + 1).span;
                return Ok(Some((Pending::Compare(CmpOp::NotIn), join(span, end), 2)));
            }
            TokenKind::Keyword(Keyword::Is) => {
                if *self.nth_kind(1) != TokenKind::Keyword(Keyword::Not) {
                    return single(Pending::Compare(CmpOp::Is));
                }
                let end = self.token_at(self.pos + 1).span;
                return Ok(Some((Pending::Compare(CmpOp::IsNot), join(span, end), 2)));
            }
            TokenKind::Punct(punct) => match punct {
                Punct::Less => Pending::Compare(CmpOp::Lt),
                Punct::Greater => Pending::Compare(CmpOp::Gt),
                Punct::EqEqual => Pending::Compare(CmpOp::Eq),
                Punct::NotEqual => Pending::Compare(CmpOp::NotEq),
                Punct::LessEqual => Pending::Compare(CmpOp::LtE),
                Punct::GreaterEqual => Pending::Compare(CmpOp::GtE),
                Punct::VBar => Pending::Binary(BinOp::BitOr),
                Punct::Circumflex => Pending::Binary(BinOp::BitXor),
                Punct::Amper => Pending::Binary(BinOp::BitAnd),
                Punct::LeftShift => Pending::Binary(BinOp::LShift),
                Punct::RightShift => Pending::Binary(BinOp::RShift),
                Punct::Plus => Pending::Binary(BinOp::Add),
                Punct::Minus => Pending::Binary(BinOp::Sub),
                Punct::Star => Pending::Binary(BinOp::Mul),
                Punct::Slash => Pending::Binary(BinOp::Div),
                Punct::DoubleSlash => Pending::Binary(BinOp::FloorDiv),
                Punct::Percent => Pending::Binary(BinOp::Mod),
                Punct::DoubleStar => Pending::Binary(BinOp::Pow),
                Punct::At => return self.unsupported("the '@' operator", span),
                Punct::ColonEqual => return self.unsupported("the walrus operator ':='", span),
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        single(pending)
    }

    /// Pops the top operator (a whole chain for comparisons and `and` / `or`) and its
    /// operands, and pushes the node they make.
    fn reduce(&mut self, operands: &mut Vec<Tall>, ops: &mut Vec<PendingOp>) -> PResult<()> {
        let Some(top) = ops.pop() else {
            return Err(internal_error());
        };
        let node = match top.op {
            Pending::Prefix(op) => {
                let operand = pop_operand(operands)?;
                let span = join(top.span, operand.expr.span);
                let height = self.height_of(&[operand.height], top.span)?;
                let kind = ExprKind::UnaryOp {
                    op,
                    operand: operand.expr,
                };
                Tall {
                    expr: Box::new(Expr { kind, span }),
                    height,
                }
            }
            Pending::Binary(op) => {
                let right = pop_operand(operands)?;
                let left = pop_operand(operands)?;
                let span = join(left.expr.span, right.expr.span);
                let height = self.height_of(&[left.height, right.height], top.span)?;
                let kind = ExprKind::BinOp {
                    left: left.expr,
                    op,
                    right: right.expr,
                };
                Tall {
                    expr: Box::new(Expr { kind, span }),
                    height,
                }
            }
            Pending::Compare(op) => {
                let mut chain = vec![op];
                while let Some(PendingOp {
                    op: Pending::Compare(previous),
                    ..
                }) = ops.last()
                {
                    chain.push(*previous);
                    ops.pop();
                }
                chain.reverse();
                let rights = split_operands(operands, chain.len())?;
                let left = pop_operand(operands)?;
                let span = join(left.expr.span, rights[rights.len() - 1].expr.span);
                let mut heights: Vec<u32> = rights.iter().map(|right| right.height).collect();
                heights.push(left.height);
                let height = self.height_of(&heights, top.span)?;
                let kind = ExprKind::Compare {
                    left: left.expr,
                    ops: chain
                        .into_iter()
                        .zip(rights.into_iter().map(|right| *right.expr))
                        .collect(),
                };
                Tall {
                    expr: Box::new(Expr { kind, span }),
                    height,
                }
            }
            Pending::Bool(op) => {
                let mut count = 1;
                while matches!(ops.last(), Some(PendingOp { op: Pending::Bool(previous), .. }) if *previous == op)
                {
                    ops.pop();
                    count += 1;
                }
                let values = split_operands(operands, count + 1)?;
                let span = join(values[0].expr.span, values[values.len() - 1].expr.span);
                let heights: Vec<u32> = values.iter().map(|value| value.height).collect();
                let height = self.height_of(&heights, top.span)?;
                let kind = ExprKind::BoolOp {
                    op,
                    values: values.into_iter().map(|value| *value.expr).collect(),
                };
                Tall {
                    expr: Box::new(Expr { kind, span }),
                    height,
                }
            }
        };
        operands.push(node);
        Ok(())
    }
}

fn pop_operand(operands: &mut Vec<Tall>) -> PResult<Tall> {
    operands.pop().ok_or_else(internal_error)
}

/// Takes the last `count` operands, in order.
fn split_operands(operands: &mut Vec<Tall>, count: usize) -> PResult<Vec<Tall>> {
    if count == 0 || operands.len() < count {
        return Err(internal_error());
    }
    Ok(operands.split_off(operands.len() - count))
}

/// The operator loop's stacks are balanced by construction; this is reported instead of
/// panicking should that ever be wrong.
fn internal_error() -> Box<SyntaxError> {
    Box::new(SyntaxError::new(
        "internal parser error: unbalanced operator stack",
        1,
        0,
    ))
}
