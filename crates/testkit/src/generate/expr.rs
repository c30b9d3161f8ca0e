//! Expressions and conditions, generated per kind (`Kind`) so they are well typed.
//!
//! Invariants: every compound expression is written inside parentheses, so the text
//! never depends on operator precedence; divisors are constants or `abs(...) + 1` unless
//! a `risky_*` form is chosen on purpose; `**` has a small non-negative int constant as
//! its exponent (a float or negative exponent could make a complex number, which the
//! subset does not have); list indexing is guarded by `if L else` and reduced modulo the
//! length. Expressions that can grow without bound set `Generator::grows`.

use super::{Generator, Kind, Scope, MIN_TRACEABLE_LIST};

/// Int constants: small ones, and ones at the edges of the machine-word fast paths.
const SMALL_INTS: &[&str] = &["0", "1", "2", "3", "5", "7", "-1", "-4", "10", "13", "100"];
/// The first `MACHINE_EDGE_INTS` of these fit in 64 bits (a trace can hold them as
/// constants); the rest are big ints or computed at run time.
const EDGE_INTS: &[&str] = &[
    "2147483647",
    "4611686018427387904",
    "9223372036854775807",
    "(-9223372036854775807 - 1)",
    "-9223372036854775807",
    "1000003",
    "65535",
    "9223372036854775808",
    "-9223372036854775808",
    "18446744073709551616",
    "(2 ** 63 - 1)",
    "(2 ** 62)",
    "(-2 ** 63)",
];
const MACHINE_EDGE_INTS: usize = 7;
const FLOATS: &[&str] = &[
    "0.5", "1.5", "-2.25", "0.1", "3.0", "1e16", "1e300", "-0.0", "2.5e-08", "7.75", "100.0",
];
const STRS: &[&str] = &[
    "''", "'a'", "'x1'", "'hello'", "'a b c'", "'123'", "' pad '",
];

/// Moduli that keep growing values bounded. Products of values below the larger ones
/// overflow 64 bits, so values cross into big ints and come back; the first
/// `MACHINE_MODULI` fit in 64 bits themselves.
const MODULI: &[&str] = &[
    "1000003",
    "97",
    "2147483647",
    "2305843009213693951",
    "9223372036854775807",
    "18446744073709551629",
    "100000000000000000039",
    "1267650600228229401496703205653",
];
const MACHINE_MODULI: usize = 5;

/// Positive divisors that can never be zero.
const SAFE_INT_DIVISORS: &[&str] = &["2", "3", "7", "10", "1000003", "4294967296", "-3"];
const SAFE_FLOAT_DIVISORS: &[&str] = &["2.5", "0.5", "3.0", "-1.5", "1e-3"];

impl Generator<'_, '_> {
    /// A small or edge int constant (one that fits in 64 bits in a traceable
    /// program, whose traces cannot hold big int constants).
    pub(super) fn int_constant(&mut self) -> String {
        if !self.chance(25) {
            return self.pick(SMALL_INTS).to_string();
        }
        let edges = if self.traceable {
            &EDGE_INTS[..MACHINE_EDGE_INTS]
        } else {
            EDGE_INTS
        };
        self.pick(edges).to_string()
    }

    /// A float constant.
    pub(super) fn float_constant(&mut self) -> String {
        self.pick(FLOATS).to_string()
    }

    /// A string constant.
    pub(super) fn str_constant(&mut self) -> String {
        self.pick(STRS).to_string()
    }

    /// A modulus to reduce a growing value with.
    pub(super) fn modulus(&mut self) -> String {
        let moduli = if self.traceable {
            &MODULI[..MACHINE_MODULI]
        } else {
            MODULI
        };
        self.pick(moduli).to_string()
    }

    /// Whether code at this point should stay inside what the recorder can trace (no
    /// builtin calls, slices, list literals, string operations or big constants), so
    /// that loops get traces: in a traceable program, inside loops and functions.
    pub(super) fn plain(&self, scope: &Scope) -> bool {
        self.traceable && (scope.mult > 1 || scope.function.is_some())
    }

    /// An expression of `kind`; `depth` bounds its nesting.
    pub(super) fn expr(&mut self, scope: &Scope, kind: Kind, depth: u32) -> String {
        match kind {
            Kind::Int => self.int_expr(scope, depth),
            Kind::Num => self.num_expr(scope, depth),
            Kind::List => self.list_expr(scope, depth),
            Kind::Str => self.str_expr(scope, depth),
        }
    }

    /// An int variable (or loop counter), else a constant.
    fn int_leaf(&mut self, scope: &Scope) -> String {
        let vars = Self::readable(scope, Kind::Int);
        if !vars.is_empty() && !self.chance(30) {
            return self.pick(&vars);
        }
        self.int_constant()
    }

    pub(super) fn int_expr(&mut self, scope: &Scope, depth: u32) -> String {
        if depth == 0 {
            return self.int_leaf(scope);
        }
        let lists = Self::readable(scope, Kind::List);
        let strs = Self::readable(scope, Kind::Str);
        let next = depth - 1;
        let rich = u32::from(!self.plain(scope));
        let choice = self.weighted(&[
            8,
            6,
            3,
            3,
            2,
            2,
            2 * rich,
            2 * rich,
            2,
            2 * rich,
            2,
            rich,
            rich,
        ]);
        match choice {
            0 => self.int_leaf(scope),
            1 => {
                let op = self.pick(&["+", "-", "+", "-", "*"]);
                if op == "*" {
                    self.grows = true;
                }
                let left = self.int_expr(scope, next);
                let right = self.int_expr(scope, next);
                format!("({left} {op} {right})")
            }
            2 => {
                let op = self.pick(&["//", "%"]);
                let left = self.int_expr(scope, next);
                let divisor = self.int_divisor(scope);
                format!("({left} {op} {divisor})")
            }
            3 => {
                let op = self.pick(&["&", "|", "^"]);
                let left = self.int_expr(scope, next);
                let right = self.int_expr(scope, next);
                format!("({left} {op} {right})")
            }
            4 => {
                let op = self.pick(&["<<", ">>"]);
                if op == "<<" {
                    self.grows = true;
                }
                let amount = self.pick(&["1", "3", "17", "40", "64", "70"]);
                let left = self.int_expr(scope, next);
                format!("({left} {op} {amount})")
            }
            5 => {
                let ops: &[&str] = if rich == 1 {
                    &["-", "~", "abs"]
                } else {
                    &["-", "~"]
                };
                let op = self.pick(ops);
                let operand = self.int_expr(scope, next);
                match op {
                    "abs" => format!("abs({operand})"),
                    _ => format!("({op}{operand})"),
                }
            }
            6 if !lists.is_empty() => format!("len({})", self.pick(&lists)),
            7 => {
                let function = self.pick(&["int", "round", "int"]);
                let operand = self.num_expr(scope, next);
                format!("{function}({operand})")
            }
            8 => match self.call(scope, Kind::Int) {
                Some(call) => call,
                None => self.int_leaf(scope),
            },
            9 => {
                let function = self.pick(&["min", "max"]);
                let left = self.int_expr(scope, next);
                let right = self.int_expr(scope, next);
                format!("{function}({left}, {right})")
            }
            10 => {
                let condition = self.cond(scope, next);
                let then = self.int_expr(scope, next);
                let otherwise = self.int_expr(scope, next);
                format!("({then} if {condition} else {otherwise})")
            }
            11 if !strs.is_empty() => format!("len({})", self.pick(&strs)),
            12 => {
                self.grows = true;
                let base = self.int_leaf(scope);
                let exponent = self.pick(&["2", "3", "0", "1"]);
                format!("({base} ** {exponent})")
            }
            _ => self.int_leaf(scope),
        }
    }

    /// A number variable, an int leaf or a float constant.
    fn num_leaf(&mut self, scope: &Scope) -> String {
        let vars = Self::readable(scope, Kind::Num);
        match self.weighted(&[5, 2, 2]) {
            0 if !vars.is_empty() => self.pick(&vars),
            1 => self.float_constant(),
            _ => self.int_leaf(scope),
        }
    }

    fn num_expr(&mut self, scope: &Scope, depth: u32) -> String {
        if depth == 0 {
            return self.num_leaf(scope);
        }
        let lists = Self::readable(scope, Kind::List);
        let next = depth - 1;
        let rich = u32::from(!self.plain(scope));
        let choice = self.weighted(&[
            8,
            6,
            3,
            2,
            2 * rich,
            2,
            3,
            2,
            2 * rich,
            2,
            2 * rich,
            rich,
            rich,
            2,
        ]);
        match choice {
            0 => self.num_leaf(scope),
            1 => {
                let op = self.pick(&["+", "-", "+", "*"]);
                if op == "*" {
                    self.grows = true;
                }
                let left = self.num_expr(scope, next);
                let right = self.num_expr(scope, next);
                format!("({left} {op} {right})")
            }
            2 => {
                let left = self.num_expr(scope, next);
                let divisor = self.num_divisor(scope);
                format!("({left} / {divisor})")
            }
            3 => {
                let op = self.pick(&["//", "%"]);
                let left = self.num_expr(scope, next);
                let divisor = self.num_divisor(scope);
                format!("({left} {op} {divisor})")
            }
            4 => format!("float({})", self.int_expr(scope, next)),
            5 => {
                let ops: &[&str] = if rich == 1 { &["-", "abs"] } else { &["-"] };
                let op = self.pick(ops);
                let operand = self.num_expr(scope, next);
                match op {
                    "abs" => format!("abs({operand})"),
                    _ => format!("(-{operand})"),
                }
            }
            6 if !lists.is_empty() => {
                let list = self.pick(&lists);
                self.list_item(scope, &list)
            }
            7 => match self.call(scope, Kind::Num) {
                Some(call) => call,
                None => self.num_leaf(scope),
            },
            8 if !lists.is_empty() => {
                let function = self.pick(&["sum", "len"]);
                format!("{function}({})", self.pick(&lists))
            }
            9 => {
                let condition = self.cond(scope, next);
                let then = self.num_expr(scope, next);
                let otherwise = self.num_expr(scope, next);
                format!("({then} if {condition} else {otherwise})")
            }
            10 => {
                let function = self.pick(&["min", "max"]);
                let left = self.num_expr(scope, next);
                let right = self.num_expr(scope, next);
                format!("{function}({left}, {right})")
            }
            11 => {
                self.grows = true;
                let base = self.num_leaf(scope);
                format!("({base} ** 2)")
            }
            12 => format!("round({}, 2)", self.num_expr(scope, next)),
            13 => self.int_expr(scope, depth),
            _ => self.num_leaf(scope),
        }
    }

    fn str_expr(&mut self, scope: &Scope, depth: u32) -> String {
        let vars = Self::readable(scope, Kind::Str);
        if depth == 0 {
            if !vars.is_empty() && self.chance(60) {
                return self.pick(&vars);
            }
            return self.str_constant();
        }
        let next = depth - 1;
        match self.weighted(&[4, 3, 3, 2, 2, 1, 1]) {
            0 if !vars.is_empty() => self.pick(&vars),
            1 => format!("str({})", self.num_expr(scope, next)),
            2 => {
                let left = self.str_expr(scope, next);
                let right = self.str_expr(scope, next);
                format!("({left} + {right})[-24:]")
            }
            3 => {
                let method = self.pick(&["upper()", "lower()", "strip()", "replace('1', 'z')"]);
                format!("{}.{method}", self.str_expr(scope, next))
            }
            4 => {
                let start = self.pick(&["", "1", "-3"]);
                let stop = self.pick(&["", "4", "-1"]);
                format!("{}[{start}:{stop}]", self.str_expr(scope, next))
            }
            5 => {
                let lists = Self::readable(scope, Kind::List);
                match lists.is_empty() {
                    true => self.str_constant(),
                    false => format!("str({}[:3])", self.pick(&lists)),
                }
            }
            6 => format!(
                "'-'.join([{}, {}])[-24:]",
                self.str_expr(scope, next),
                self.str_constant()
            ),
            _ => self.str_constant(),
        }
    }

    /// A list; in a traceable program one of at least `MIN_TRACEABLE_LIST` items.
    fn list_expr(&mut self, scope: &Scope, depth: u32) -> String {
        let vars = Self::readable(scope, Kind::List);
        let choice = if depth == 0 {
            0
        } else {
            self.weighted(&[3, 3, 2, 2, 1])
        };
        let next = depth.saturating_sub(1);
        let shortest = if self.traceable {
            MIN_TRACEABLE_LIST
        } else {
            0
        };
        match choice {
            0 if !vars.is_empty() => self.pick(&vars),
            2 if !vars.is_empty() => {
                let slices: &[&str] = if self.traceable {
                    &["[::-1]", "[:]"]
                } else {
                    &["[1:]", "[:-1]", "[::-1]", "[:]", "[::2]", "[2:50]"]
                };
                let slice = self.pick(slices);
                format!("{}{slice}", self.pick(&vars))
            }
            3 => format!(
                "list(range({}))",
                self.pick(&["5", "20", "100", "3, 60, 7"])
            ),
            4 if !vars.is_empty() => format!("({0} + {0})[:50]", self.pick(&vars)),
            _ => {
                let length = shortest + self.below(4);
                let items: Vec<String> = (0..length)
                    .map(|_| self.list_literal_item(scope, next))
                    .collect();
                format!("[{}]", items.join(", "))
            }
        }
    }

    /// A number for a list literal, reduced modulo a constant if it may grow and the
    /// literal may run many times (`L = [x, x * x]; x = L[1]` squares `x` each time).
    fn list_literal_item(&mut self, scope: &Scope, depth: u32) -> String {
        let grew = std::mem::replace(&mut self.grows, false);
        let item = self.num_expr(scope, depth);
        let repeated = scope.mult > 1 || scope.function.is_some();
        let item = if self.grows && repeated {
            format!("({item}) % {}", self.modulus())
        } else {
            item
        };
        self.grows = grew;
        item
    }

    /// `L[i]` for a list of numbers, never out of range: `(L[I % len(L)] if L else 0)`,
    /// or in plain code `L[I % 4]` (a traceable program's lists never shrink below
    /// `MIN_TRACEABLE_LIST` items).
    pub(super) fn list_item(&mut self, scope: &Scope, list: &str) -> String {
        if self.plain(scope) {
            let index = self.int_expr(scope, 1);
            return match self.chance(30) {
                true => format!("{list}[-1 - ({index}) % {MIN_TRACEABLE_LIST}]"),
                false => format!("{list}[({index}) % {MIN_TRACEABLE_LIST}]"),
            };
        }
        if self.chance(15) {
            return format!("({list}[-1] if {list} else 0)");
        }
        let index = self.int_expr(scope, 1);
        format!("({list}[{index} % len({list})] if {list} else 0)")
    }

    /// A divisor for ints that is never zero (rarely one that becomes zero mid-loop).
    fn int_divisor(&mut self, scope: &Scope) -> String {
        if let Some(risky) = self.risky_divisor(scope) {
            return risky;
        }
        if !self.plain(scope) && self.chance(40) {
            return format!("(abs({}) + 1)", self.int_expr(scope, 1));
        }
        self.pick(SAFE_INT_DIVISORS).to_string()
    }

    /// A divisor for numbers that is never zero (rarely one that becomes zero).
    fn num_divisor(&mut self, scope: &Scope) -> String {
        if let Some(risky) = self.risky_divisor(scope) {
            return risky;
        }
        let rich = u32::from(!self.plain(scope));
        match self.weighted(&[3, 2 * rich, 2]) {
            0 => self.pick(SAFE_FLOAT_DIVISORS).to_string(),
            1 => format!("(abs({}) + 1)", self.num_expr(scope, 1)),
            _ => self.pick(SAFE_INT_DIVISORS).to_string(),
        }
    }

    /// Rarely, `(c - K)` for a loop counter `c` that reaches `K` partway through its loop:
    /// a `ZeroDivisionError` raised mid-loop, after the loop is hot.
    fn risky_divisor(&mut self, scope: &Scope) -> Option<String> {
        if scope.counters.is_empty() || !self.chance(2) {
            return None;
        }
        let counter = self.pick(&scope.counters);
        let at = self.below(counter.trips.max(1) as usize);
        Some(format!("({} - {at})", counter.name))
    }

    /// A call to a generated function returning `kind` (an int-returning one also
    /// serves a number), if one is callable here within the budget; spends its cost.
    pub(super) fn call(&mut self, scope: &Scope, kind: Kind) -> Option<String> {
        let candidates: Vec<usize> = (0..self.funcs.len())
            .filter(|&index| {
                let ret = self.funcs[index].ret;
                (ret == kind || (kind == Kind::Num && ret == Kind::Int))
                    && self.callable(scope, index)
            })
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let index = self.pick(&candidates);
        Some(self.call_of(scope, index, None))
    }

    /// The text of a call to function `index` with well-typed arguments (the first one
    /// is `first` when given).
    pub(super) fn call_of(&mut self, scope: &Scope, index: usize, first: Option<String>) -> String {
        let func = self.funcs[index].clone();
        self.spend(func.cost.saturating_mul(scope.mult));
        let required = func.params.len() - func.defaults.len();
        let passed = if func.defaults.is_empty() || self.chance(50) {
            func.params.len()
        } else {
            required + self.below(func.defaults.len())
        };
        let mut args = Vec::new();
        for (position, &kind) in func.params.iter().take(passed).enumerate() {
            let arg = match (position, func.recursion, &first) {
                (0, _, Some(first)) => first.clone(),
                (0, Some(recursion), None) => {
                    let value = self.int_expr(scope, 1);
                    format!("{value} % {}", recursion.bound + 1)
                }
                _ => {
                    // A growing argument is reduced: through a rebinding or a
                    // redefinition a function may end up calling itself, squaring an
                    // argument per level (`f(p * p)`). `grows` stays set, since the
                    // callee may return the argument (`x = f(x * x)`).
                    let grew = std::mem::replace(&mut self.grows, false);
                    let arg = self.expr(scope, kind, 1);
                    let arg = if self.grows && matches!(kind, Kind::Int | Kind::Num) {
                        format!("({arg}) % {}", self.modulus())
                    } else {
                        arg
                    };
                    self.grows |= grew;
                    arg
                }
            };
            args.push(arg);
        }
        format!("{}({})", func.name, args.join(", "))
    }

    /// A condition; `depth` bounds its nesting.
    pub(super) fn cond(&mut self, scope: &Scope, depth: u32) -> String {
        let lists = Self::readable(scope, Kind::List);
        let strs = Self::readable(scope, Kind::Str);
        let counters = scope.counters.clone();
        let next = depth.saturating_sub(1);
        let rich = u32::from(!self.plain(scope));
        let choice = self.weighted(&[5, 4, 4, 2 * rich, rich, 2, 1, 1, rich, rich]);
        match choice {
            1 if !counters.is_empty() => {
                let counter = self.pick(&counters);
                let period = self.pick(&[2, 3, 7, 50, 100]);
                let phase = self.below(period);
                format!("{} % {period} == {phase}", counter.name)
            }
            2 if !counters.is_empty() => {
                let counter = self.pick(&counters);
                let at = self.below(counter.trips.max(1) as usize);
                let op = self.pick(&["<", ">=", "==", ">"]);
                format!("{} {op} {at}", counter.name)
            }
            3 if !lists.is_empty() => {
                let bound = self.pick(&["3", "10", "50", "150"]);
                format!("len({}) < {bound}", self.pick(&lists))
            }
            4 if !lists.is_empty() => {
                let item = self.num_expr(scope, 0);
                let op = self.pick(&["in", "not in"]);
                format!("{item} {op} {}", self.pick(&lists))
            }
            5 if depth > 0 => {
                let op = self.pick(&["and", "or"]);
                let left = self.cond(scope, next);
                let right = self.cond(scope, next);
                format!("({left}) {op} ({right})")
            }
            6 if depth > 0 => format!("not ({})", self.cond(scope, next)),
            7 => {
                let low = self.num_expr(scope, 0);
                let middle = self.num_expr(scope, 1);
                let high = self.num_expr(scope, 0);
                format!("{low} <= {middle} < {high}")
            }
            8 if !strs.is_empty() => {
                let test = self.pick(&["{}.startswith('1')", "{}.endswith('a')", "'1' in {}"]);
                test.replace("{}", &self.pick(&strs))
            }
            9 => {
                let vars = Self::readable(scope, Kind::Num);
                match vars.is_empty() {
                    true => self.int_leaf(scope),
                    false => self.pick(&vars),
                }
            }
            _ => {
                let op = self.pick(&["<", "<=", ">", ">=", "==", "!="]);
                let left = self.num_expr(scope, 1);
                let right = self.num_expr(scope, 1);
                format!("{left} {op} {right}")
            }
        }
    }
}
