//! The comparisons typed trace ops make between two numbers.
//!
//! The trace IR has its own operator enum rather than the AST's: only the six orderings
//! compare unboxed numbers (`is` and `in` never reach a typed op), so no consumer needs
//! an arm for an operator that cannot occur.

use std::cmp::Ordering;
use std::fmt;

/// An ordering comparison: `== != < <= > >=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    pub const ALL: [Cmp; 6] = [Cmp::Eq, Cmp::Ne, Cmp::Lt, Cmp::Le, Cmp::Gt, Cmp::Ge];

    /// The operator as Python writes it.
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "==",
            Cmp::Ne => "!=",
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
        }
    }

    pub fn from_symbol(symbol: &str) -> Option<Cmp> {
        Cmp::ALL.into_iter().find(|cmp| cmp.symbol() == symbol)
    }

    /// Whether the comparison holds for two values ordered as `ordering`; `None` is
    /// unordered (a NaN operand), where every comparison is false but `!=`.
    pub fn holds(self, ordering: Option<Ordering>) -> bool {
        match (self, ordering) {
            (Cmp::Ne, None) => true,
            (_, None) => false,
            (Cmp::Eq, Some(ordering)) => ordering == Ordering::Equal,
            (Cmp::Ne, Some(ordering)) => ordering != Ordering::Equal,
            (Cmp::Lt, Some(ordering)) => ordering == Ordering::Less,
            (Cmp::Le, Some(ordering)) => ordering != Ordering::Greater,
            (Cmp::Gt, Some(ordering)) => ordering == Ordering::Greater,
            (Cmp::Ge, Some(ordering)) => ordering != Ordering::Less,
        }
    }
}

impl fmt::Display for Cmp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_comparison_on_every_ordering() {
        let orderings = [
            Some(Ordering::Less),
            Some(Ordering::Equal),
            Some(Ordering::Greater),
            None,
        ];
        let table: Vec<String> = Cmp::ALL
            .iter()
            .map(|cmp| {
                let row: Vec<&str> = orderings
                    .iter()
                    .map(|ordering| if cmp.holds(*ordering) { "T" } else { "F" })
                    .collect();
                format!("{:>2} {}", cmp.symbol(), row.join(""))
            })
            .collect();
        // Columns: less, equal, greater, unordered.
        assert_eq!(
            table,
            ["== FTFF", "!= TFTT", " < TFFF", "<= TTFF", " > FFTF", ">= FTTF"]
        );
    }
}
