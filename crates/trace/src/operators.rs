//! The Python operators generic trace ops apply to any two values (or one): the trace
//! IR's own names for them, so the trace crate needs nothing of the syntax crate. Each
//! prints as one word of trace text (`+`, `+=`, `not`, `is_not`).

use std::fmt;

use crate::Immediate;

macro_rules! operator_enum {
    ($(#[doc = $doc:literal])* $name:ident { $($variant:ident => $symbol:literal),* $(,)? }) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The operator as trace text writes it.
            pub fn symbol(self) -> &'static str {
                match self {
                    $($name::$variant => $symbol,)*
                }
            }

            pub fn from_symbol(symbol: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|op| op.symbol() == symbol)
            }

            /// The operator's number where compiled code passes it to a helper (its
            /// position in `ALL`).
            pub fn code(self) -> u32 {
                self as u32
            }

            pub fn from_code(code: u32) -> Option<$name> {
                $name::ALL.get(code as usize).copied()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.symbol())
            }
        }

        impl Immediate for $name {
            fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.symbol())
            }

            fn parse(text: &str) -> Option<Self> {
                $name::from_symbol(text)
            }
        }
    };
}

operator_enum! {
    /// A binary arithmetic or bitwise operator.
    BinaryOperator {
        Add => "+",
        Sub => "-",
        Mul => "*",
        Div => "/",
        FloorDiv => "//",
        Mod => "%",
        Pow => "**",
        LShift => "<<",
        RShift => ">>",
        BitAnd => "&",
        BitOr => "|",
        BitXor => "^",
    }
}

operator_enum! {
    /// A unary operator.
    UnaryOperator {
        Neg => "-",
        Pos => "+",
        Not => "not",
        Invert => "~",
    }
}

operator_enum! {
    /// Any comparison, including identity and membership.
    Comparison {
        Eq => "==",
        Ne => "!=",
        Lt => "<",
        Le => "<=",
        Gt => ">",
        Ge => ">=",
        Is => "is",
        IsNot => "is_not",
        In => "in",
        NotIn => "not_in",
    }
}

/// A binary operator as a statement uses it: plain (`a + b`) or augmented (`a += b`,
/// which extends a list in place where `+` builds a new one). Prints as `+` or `+=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Arith {
    pub op: BinaryOperator,
    pub inplace: bool,
}

impl Arith {
    /// The number compiled code passes to a helper: the operator's code, doubled,
    /// plus one when in place.
    pub fn code(self) -> u32 {
        self.op.code() * 2 + u32::from(self.inplace)
    }

    pub fn from_code(code: u32) -> Option<Arith> {
        Some(Arith {
            op: BinaryOperator::from_code(code / 2)?,
            inplace: code % 2 == 1,
        })
    }
}

impl fmt::Display for Arith {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.op.symbol())?;
        if self.inplace {
            f.write_str("=")?;
        }
        Ok(())
    }
}

impl Immediate for Arith {
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }

    fn parse(text: &str) -> Option<Self> {
        if let Some(op) = BinaryOperator::from_symbol(text) {
            return Some(Arith { op, inplace: false });
        }
        let op = BinaryOperator::from_symbol(text.strip_suffix('=')?)?;
        Some(Arith { op, inplace: true })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operator_reads_back_from_its_text() {
        for op in BinaryOperator::ALL {
            for inplace in [false, true] {
                let arith = Arith { op: *op, inplace };
                assert_eq!(Arith::parse(&arith.to_string()), Some(arith));
            }
        }
        for code in 0..24 {
            let arith = Arith::from_code(code).expect("a binary operator");
            assert_eq!(arith.code(), code);
        }
        assert_eq!(Arith::from_code(24), None);
        for op in UnaryOperator::ALL {
            assert_eq!(UnaryOperator::parse(op.symbol()), Some(*op));
        }
        for op in Comparison::ALL {
            assert_eq!(Comparison::parse(op.symbol()), Some(*op));
        }
        let texts: Vec<String> = Comparison::ALL.iter().map(|op| op.to_string()).collect();
        assert_eq!(texts.join(" "), "== != < <= > >= is is_not in not_in");
    }
}
