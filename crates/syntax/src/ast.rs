//! The abstract syntax tree of the Python subset.
//!
//! Every statement and expression carries a [`Span`], so that later stages (the bytecode
//! compiler, tracebacks, trace dumps) can name the source line of anything they report.
//! The tree only holds constructs inside the subset: the parser rejects everything else
//! with a [`crate::SyntaxError`] that names the construct, so no consumer needs an
//! "unsupported" arm.

use num_bigint::BigInt;

/// A source region. Lines are 1-based; columns are 0-based offsets in characters, as in
/// CPython's `col_offset` (which counts UTF-8 bytes; we count characters so that carets
/// line up under non-ASCII text).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

/// A whole source file.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `def name(params): body`. Parameters with defaults follow those without.
    FunctionDef {
        name: String,
        params: Vec<Param>,
        body: Vec<Stmt>,
    },
    /// `return` or `return value` (`return a, b` holds a [`ExprKind::Tuple`]).
    Return(Option<Expr>),
    /// `if test: body` with `elif` chains desugared into a nested `If` as the only
    /// statement of `orelse`.
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `while test: body [else: orelse]`.
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `for target in iter: body [else: orelse]`. The target is a name, subscript or a
    /// (possibly nested) tuple/list of targets.
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    Break,
    Continue,
    Pass,
    /// `t1 = t2 = value`: one or more targets, assigned left to right.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    /// `target op= value`; the target is a name or a subscript.
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `global a, b`.
    Global(Vec<String>),
    /// `assert test[, msg]`.
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    /// An expression evaluated for its effect (including docstrings).
    Expr(Expr),
}

/// A function parameter: `name` or `name=default`.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: String,
    pub default: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// An integer literal of any size (`0x_ff`, `10**30` is not a literal, but
    /// `100000000000000000000` is).
    Int(BigInt),
    Float(f64),
    /// A string literal after escape processing; adjacent literals are already joined.
    Str(String),
    Bool(bool),
    None,
    Name(String),
    UnaryOp {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    BinOp {
        left: Box<Expr>,
        op: BinOp,
        right: Box<Expr>,
    },
    /// `a and b and c` / `a or b`: two or more operands, all with the same operator.
    BoolOp {
        op: BoolOp,
        values: Vec<Expr>,
    },
    /// `a < b <= c`: one or more (operator, right operand) pairs.
    Compare {
        left: Box<Expr>,
        ops: Vec<(CmpOp, Expr)>,
    },
    /// `body if test else orelse`.
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    /// `func(args, name=value)`. Keyword arguments come after positional ones.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    /// `value.attr`: in the subset only method access (`lst.append`, `s.split`).
    Attribute {
        value: Box<Expr>,
        attr: String,
    },
    /// `value[index]`; `index` may be an [`ExprKind::Slice`].
    Subscript {
        value: Box<Expr>,
        index: Box<Expr>,
    },
    /// `lower:upper:step`, only ever the index of a subscript.
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
}

/// `name=value` in a call.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    pub name: String,
    pub value: Expr,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Neg,
    Pos,
    Not,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitAnd,
    BitOr,
    BitXor,
}

impl BinOp {
    /// The operator as written in Python source (`+`, `//`, ...), used in error messages
    /// such as `unsupported operand type(s) for +: 'int' and 'str'`.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

impl CmpOp {
    /// The six ordering comparisons (the operators that compare two numbers).
    pub const ORDERINGS: [CmpOp; 6] = [
        CmpOp::Eq,
        CmpOp::NotEq,
        CmpOp::Lt,
        CmpOp::LtE,
        CmpOp::Gt,
        CmpOp::GtE,
    ];

    /// The operator as written in Python source, used in error messages such as
    /// `'<' not supported between instances of 'int' and 'str'`.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}
