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
        let symbol = Symbol::new("startswith").expect("a short name");
        assert_eq!(Symbol::from_words(symbol.words()), Some(symbol));
        assert_eq!(Symbol::new("a name"), None);
        let texts: Vec<String> = Comparison::ALL.iter().map(|op| op.to_string()).collect();
        assert_eq!(texts.join(" "), "== != < <= > >= is is_not in not_in");
    }
}

/// A short name carried inline by an op (a method's name for `call_method`): up to
/// [`Symbol::CAPACITY`] bytes, `Copy` like every immediate, printed as the name.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Symbol {
    bytes: [u8; Symbol::CAPACITY],
    len: u8,
}

impl Symbol {
    pub const CAPACITY: usize = 23;

    /// The symbol for `name`, if it is short enough and has no spaces.
    pub fn new(name: &str) -> Option<Symbol> {
        if name.len() > Symbol::CAPACITY || name.is_empty() || name.contains(char::is_whitespace) {
            return None;
        }
        let mut bytes = [0; Symbol::CAPACITY];
        bytes[..name.len()].copy_from_slice(name.as_bytes());
        Some(Symbol {
            bytes,
            len: name.len() as u8,
        })
    }

    /// The symbol as three words, as compiled code passes it to a helper.
    pub fn words(&self) -> [u64; 3] {
        let mut bytes = [0u8; 24];
        bytes[..Symbol::CAPACITY].copy_from_slice(&self.bytes);
        bytes[Symbol::CAPACITY] = self.len;
        let word = |at: usize| {
            let mut chunk = [0u8; 8];
            chunk.copy_from_slice(&bytes[at..at + 8]);
            u64::from_le_bytes(chunk)
        };
        [word(0), word(8), word(16)]
    }

    /// The symbol `words` wrote, if the words hold one.
    pub fn from_words(words: [u64; 3]) -> Option<Symbol> {
        let mut bytes = [0u8; 24];
        for (index, word) in words.iter().enumerate() {
            bytes[index * 8..index * 8 + 8].copy_from_slice(&word.to_le_bytes());
        }
        let len = bytes[Symbol::CAPACITY] as usize;
        let name = std::str::from_utf8(bytes.get(..len)?).ok()?;
        Symbol::new(name)
    }

    pub fn as_str(&self) -> &str {
        // `new` copies a whole `str`, so the prefix is valid UTF-8.
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("?")
    }
}

impl fmt::Debug for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Symbol({:?})", self.as_str())
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Immediate for Symbol {
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }

    fn parse(text: &str) -> Option<Self> {
        Symbol::new(text)
    }
}
