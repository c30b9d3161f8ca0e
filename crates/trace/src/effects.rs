//! What a uop or a trace op may do besides computing its results: the facts an
//! optimizer needs to move, merge or drop an op, and the recorder needs to decide where
//! snapshots go. The interpreter's uop table and the trace op table share these flags.

use std::fmt;

/// A set of effect flags.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Effects(u16);

impl Effects {
    /// No effect at all: the result depends only on the operands.
    pub const PURE: Effects = Effects(0);
    /// Reads a local variable slot of the current frame.
    pub const READS_LOCAL: Effects = Effects(1 << 0);
    /// Writes a local variable slot of the current frame.
    pub const WRITES_LOCAL: Effects = Effects(1 << 1);
    /// Reads a global slot.
    pub const READS_GLOBAL: Effects = Effects(1 << 2);
    /// Writes a global slot.
    pub const WRITES_GLOBAL: Effects = Effects(1 << 3);
    /// Reads mutable heap state (list items, iterator positions).
    pub const READS_HEAP: Effects = Effects(1 << 4);
    /// Writes mutable heap state or allocates.
    pub const WRITES_HEAP: Effects = Effects(1 << 5);
    /// May leave the fast path: a guard, or an operation whose fast form does not apply
    /// (int overflow). In the interpreter the instruction falls back to its generic
    /// form; in a trace it is a side exit with a snapshot.
    pub const MAY_EXIT: Effects = Effects(1 << 6);
    /// May raise a Python exception.
    pub const MAY_RAISE: Effects = Effects(1 << 7);
    /// May change the program counter.
    pub const BRANCH: Effects = Effects(1 << 8);
    /// Enters or leaves a Python frame, or calls into builtins or the host.
    pub const CALL: Effects = Effects(1 << 9);
    /// Performs output (`print`).
    pub const IO: Effects = Effects(1 << 10);

    const NAMES: [(Effects, &'static str); 11] = [
        (Effects::READS_LOCAL, "reads_local"),
        (Effects::WRITES_LOCAL, "writes_local"),
        (Effects::READS_GLOBAL, "reads_global"),
        (Effects::WRITES_GLOBAL, "writes_global"),
        (Effects::READS_HEAP, "reads_heap"),
        (Effects::WRITES_HEAP, "writes_heap"),
        (Effects::MAY_EXIT, "may_exit"),
        (Effects::MAY_RAISE, "may_raise"),
        (Effects::BRANCH, "branch"),
        (Effects::CALL, "call"),
        (Effects::IO, "io"),
    ];

    pub const fn union(self, other: Effects) -> Effects {
        Effects(self.0 | other.0)
    }

    pub const fn contains(self, other: Effects) -> bool {
        self.0 & other.0 == other.0
    }

    pub const fn is_pure(self) -> bool {
        self.0 == 0
    }
}

impl std::ops::BitOr for Effects {
    type Output = Effects;

    fn bitor(self, other: Effects) -> Effects {
        self.union(other)
    }
}

impl fmt::Debug for Effects {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_pure() {
            return f.write_str("pure");
        }
        let names: Vec<&str> = Effects::NAMES
            .iter()
            .filter(|(flag, _)| self.contains(*flag))
            .map(|(_, name)| *name)
            .collect();
        f.write_str(&names.join("|"))
    }
}

impl fmt::Display for Effects {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}
