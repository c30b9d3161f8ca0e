//! Between the interpreter's operators (the AST's, as bytecode carries them) and the
//! trace IR's (`tracelift_trace::operators`): the recorder translates one way, the
//! evaluator and the helpers the other, so both tiers call the same generic functions
//! with the operator the program wrote.

use tracelift_syntax::ast::{BinOp, CmpOp, UnaryOp};
use tracelift_trace::{Arith, BinaryOperator, Comparison, UnaryOperator};

use crate::bytecode::ArithOp;

/// Pairs each AST operator with its trace IR twin, one line each, and derives both
/// directions from the list.
macro_rules! twins {
    ($to_trace:ident, $from_trace:ident, $ast:ident, $trace:ident { $($a:ident <=> $t:ident),* $(,)? }) => {
        pub fn $to_trace(op: $ast) -> $trace {
            match op {
                $($ast::$a => $trace::$t,)*
            }
        }

        pub fn $from_trace(op: $trace) -> $ast {
            match op {
                $($trace::$t => $ast::$a,)*
            }
        }
    };
}

twins!(binary_to_trace, binary_from_trace, BinOp, BinaryOperator {
    Add <=> Add,
    Sub <=> Sub,
    Mul <=> Mul,
    Div <=> Div,
    FloorDiv <=> FloorDiv,
    Mod <=> Mod,
    Pow <=> Pow,
    LShift <=> LShift,
    RShift <=> RShift,
    BitAnd <=> BitAnd,
    BitOr <=> BitOr,
    BitXor <=> BitXor,
});

twins!(unary_to_trace, unary_from_trace, UnaryOp, UnaryOperator {
    Neg <=> Neg,
    Pos <=> Pos,
    Not <=> Not,
    Invert <=> Invert,
});

twins!(comparison_to_trace, comparison_from_trace, CmpOp, Comparison {
    Eq <=> Eq,
    NotEq <=> Ne,
    Lt <=> Lt,
    LtE <=> Le,
    Gt <=> Gt,
    GtE <=> Ge,
    Is <=> Is,
    IsNot <=> IsNot,
    In <=> In,
    NotIn <=> NotIn,
});

pub fn arith_to_trace(op: ArithOp) -> Arith {
    Arith {
        op: binary_to_trace(op.op),
        inplace: op.inplace,
    }
}

pub fn arith_from_trace(op: Arith) -> ArithOp {
    ArithOp {
        op: binary_from_trace(op.op),
        inplace: op.inplace,
    }
}
