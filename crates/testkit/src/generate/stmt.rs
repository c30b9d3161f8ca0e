//! Statements: assignments (including the type flips and overflowing updates), prints,
//! `if`, the three loop shapes, list mutation, calls, early exits, function rebinding and
//! redefinition, and the rare statements that raise mid-loop.
//!
//! Invariants: a loop's trip count is fixed when it is written (a `for` over a range, a
//! `while` whose counter is incremented first thing in its body, or a `for` over a list
//! whose growth is capped at `LIST_CAP`) and is spent from the budget before its body is
//! generated; `break`, `continue` and `return` appear only where they are legal; a print
//! inside a loop that runs often is gated by a counter so output stays small; a function
//! name is rebound only to a function of the same signature, the same recursion shape
//! and no much higher cost.

use super::{Counter, Generator, Kind, Scope, Var, LIST_CAP, MAX_BLOCK_DEPTH, MIN_TRACEABLE_LIST};

/// Trip counts a loop may have (filtered by what the budget still allows).
const TRIPS: &[u64] = &[3, 10, 30, 100, 300, 500, 1000, 2000, 3000];

/// Builtins a function name may be rebound to, by signature: (parameters, return).
const BUILTIN_PARTNERS: &[(&[Kind], Kind, &str)] = &[
    (&[Kind::Num], Kind::Num, "abs"),
    (&[Kind::Num], Kind::Num, "float"),
    (&[Kind::Num], Kind::Int, "round"),
    (&[Kind::Num], Kind::Int, "int"),
    (&[Kind::Int], Kind::Int, "abs"),
    (&[Kind::List], Kind::Int, "len"),
    (&[Kind::List], Kind::Num, "sum"),
];

/// The kinds of statement, in the order of the weights `statement` gives them.
#[derive(Clone, Copy)]
enum Shape {
    Assign,
    AugAssign,
    Print,
    If,
    ForRange,
    While,
    ForList,
    MutateList,
    CallStmt,
    LoopExit,
    Return,
    Rebind,
    Redefine,
    Swap,
    TypeFlip,
    Risky,
}

impl Generator<'_, '_> {
    /// One statement (possibly a compound one) at the current indentation.
    pub(super) fn statement(&mut self, scope: &Scope) {
        let nested = scope.depth < MAX_BLOCK_DEPTH;
        let in_loop = scope.loops > 0;
        let at_module = scope.function.is_none();
        let weights = [
            (Shape::Assign, 10),
            (Shape::AugAssign, 5),
            (Shape::Print, if at_module { 3 } else { 1 }),
            (Shape::If, if nested { 4 } else { 0 }),
            (Shape::ForRange, if nested { 5 } else { 0 }),
            (Shape::While, if nested { 2 } else { 0 }),
            (Shape::ForList, if nested { 2 } else { 0 }),
            (Shape::MutateList, 4),
            (Shape::CallStmt, 2),
            (Shape::LoopExit, if in_loop { 3 } else { 0 }),
            (Shape::Return, if in_loop && !at_module { 2 } else { 0 }),
            (Shape::Rebind, 2),
            (Shape::Redefine, if in_loop && at_module { 1 } else { 0 }),
            (Shape::Swap, 2),
            (Shape::TypeFlip, 3),
            (Shape::Risky, 1),
        ];
        let shape = weights[self.weighted(&weights.map(|(_, weight)| weight))].0;
        let done = match shape {
            Shape::Assign => false,
            Shape::AugAssign => self.aug_assign(scope),
            Shape::Print => self.print(scope),
            Shape::If => self.if_statement(scope),
            Shape::ForRange => self.for_range(scope),
            Shape::While => self.while_loop(scope),
            Shape::ForList => self.for_list(scope),
            Shape::MutateList => self.mutate_list(scope),
            Shape::CallStmt => self.call_statement(scope),
            Shape::LoopExit => self.loop_exit(scope),
            Shape::Return => self.early_return(scope),
            Shape::Rebind => self.rebind(scope),
            Shape::Redefine => self.redefine(scope),
            Shape::Swap => self.swap(scope),
            Shape::TypeFlip => self.type_flip(scope),
            Shape::Risky => self.risky(scope),
        };
        if !done {
            self.assign(scope);
        }
    }

    /// A statement of the module's main part: usually a hot loop (the point of these
    /// programs), else any statement.
    pub(super) fn top_statement(&mut self, scope: &Scope) {
        let done = match self.weighted(&[3, 6, 2, 1]) {
            1 => self.for_range(scope),
            2 => self.while_loop(scope),
            3 => self.for_list(scope),
            _ => false,
        };
        if !done {
            self.statement(scope);
        }
    }

    /// A block of 1 to 3 statements one level deeper.
    fn block(&mut self, scope: &Scope) {
        let mut inner = scope.clone();
        inner.depth += 1;
        self.indent += 1;
        let count = 1 + self.below(3);
        for _ in 0..count {
            self.statement(&inner);
        }
        self.indent -= 1;
    }

    /// `x = value` for an assignable variable (every scope has one: the globals at
    /// module level, the parameters and locals in a function).
    fn assign(&mut self, scope: &Scope) {
        let kinds: &[Kind] = if self.plain(scope) {
            &[Kind::Int, Kind::Num, Kind::Num]
        } else {
            &[Kind::Int, Kind::Num, Kind::Num, Kind::List, Kind::Str]
        };
        let kinds: Vec<Kind> = kinds
            .iter()
            .copied()
            .filter(|&kind| !Self::assignable(scope, kind).is_empty())
            .collect();
        if kinds.is_empty() {
            self.line("pass");
            return;
        }
        let kind = self.pick(&kinds);
        let target = self.pick(&Self::assignable(scope, kind));
        let value = match kind {
            Kind::Int | Kind::Num => self.bounded(scope, kind),
            _ => self.expr(scope, kind, 2),
        };
        self.line(&format!("{target} = {value}"));
    }

    /// A numeric expression for an assignment, reduced modulo a constant when it may
    /// grow without bound and may run many times.
    pub(super) fn bounded(&mut self, scope: &Scope, kind: Kind) -> String {
        self.grows = false;
        let depth = 1 + self.below(3) as u32;
        let value = self.expr(scope, kind, depth);
        let repeated = scope.mult > 1 || scope.function.is_some();
        if repeated && (self.grows || self.chance(40)) {
            let modulus = self.modulus();
            return format!("({value}) % {modulus}");
        }
        value
    }

    /// `x += value` and friends; a multiplying update becomes `x = (x * k) % M`.
    fn aug_assign(&mut self, scope: &Scope) -> bool {
        let kind = match self.plain(scope) {
            true => self.pick(&[Kind::Int, Kind::Num]),
            false => self.pick(&[Kind::Int, Kind::Num, Kind::Str]),
        };
        let targets = Self::assignable(scope, kind);
        if targets.is_empty() {
            return false;
        }
        let target = self.pick(&targets);
        match kind {
            Kind::Str => {
                let value = self.expr(scope, Kind::Str, 1);
                self.line(&format!("{target} = ({target} + {value})[-30:]"));
            }
            _ => {
                let ops: &[&str] = if kind == Kind::Int {
                    &["+=", "-=", "*=", "//=", "%=", "|=", "^=", "<<=", "&="]
                } else {
                    &["+=", "-=", "*=", "/=", "//=", "%="]
                };
                let op = self.pick(ops);
                match op {
                    "*=" | "<<=" => {
                        let operand = match op {
                            "*=" => self.expr(scope, kind, 1),
                            _ => self.pick(&["1", "5", "33"]).to_string(),
                        };
                        let modulus = self.modulus();
                        let binary = &op[..op.len() - 1];
                        self.line(&format!(
                            "{target} = ({target} {binary} {operand}) % {modulus}"
                        ));
                    }
                    "/=" | "//=" | "%=" => {
                        // An int's `/=` would make it a float, and in plain code an
                        // int divided by an int is not traceable: those divide by floats.
                        let divisors: &[&str] = match (kind, op) {
                            (Kind::Int, _) => &["3", "7", "5", "1000003", "-4"],
                            (_, "/=") if self.plain(scope) => &["2.5", "-0.5", "4.0"],
                            _ => &["3", "7", "2.5", "1000003", "-4"],
                        };
                        let divisor = self.pick(divisors);
                        self.line(&format!("{target} {op} {divisor}"));
                    }
                    _ => {
                        self.grows = false;
                        let value = self.expr(scope, kind, 1);
                        if self.grows {
                            // `x -= x * x` squares `x` each time: reduce it.
                            let modulus = self.modulus();
                            let binary = &op[..op.len() - 1];
                            self.line(&format!(
                                "{target} = ({target} {binary} {value}) % {modulus}"
                            ));
                        } else {
                            self.line(&format!("{target} {op} {value}"));
                        }
                    }
                }
            }
        }
        true
    }

    /// `print(...)` of one to three values, gated by a counter inside a hot loop.
    fn print(&mut self, scope: &Scope) -> bool {
        // In a function, which may be called from a hot loop, prints are always gated.
        let gated =
            scope.mult > 20 || scope.function.is_some() || (self.plain(scope) && scope.loops > 0);
        if gated && scope.counters.is_empty() {
            return false;
        }
        if gated {
            let counter = self.pick(&scope.counters);
            let period = self.pick(&[50, 97, 100, 250, 500]);
            self.line(&format!("if {} % {period} == 0:", counter.name));
            self.indent += 1;
        }
        let count = 1 + self.below(3);
        let mut args = Vec::new();
        for _ in 0..count {
            let kind = self.pick(&[Kind::Num, Kind::Int, Kind::Str, Kind::List]);
            let value = match kind {
                Kind::List => match Self::readable(scope, Kind::List).is_empty() {
                    true => self.expr(scope, Kind::Num, 1),
                    false => {
                        let list = self.pick(&Self::readable(scope, Kind::List));
                        format!("{list}[:6]")
                    }
                },
                kind => self.expr(scope, kind, 1),
            };
            args.push(value);
        }
        match self.weighted(&[6, 1, 1]) {
            1 => args.push("sep='|'".to_string()),
            2 => args.push("end=' ;\\n'".to_string()),
            _ => {}
        }
        self.line(&format!("print({})", args.join(", ")));
        if gated {
            self.indent -= 1;
        }
        true
    }

    fn if_statement(&mut self, scope: &Scope) -> bool {
        let condition = self.cond(scope, 2);
        self.line(&format!("if {condition}:"));
        self.block(scope);
        if self.chance(25) {
            let condition = self.cond(scope, 1);
            self.line(&format!("elif {condition}:"));
            self.block(scope);
        }
        if self.chance(40) {
            self.line("else:");
            self.block(scope);
        }
        true
    }

    /// A trip count the budget still allows, spent now; `None` when no loop fits.
    fn trips(&mut self, scope: &Scope) -> Option<u64> {
        let fitting: Vec<u64> = TRIPS
            .iter()
            .copied()
            .filter(|trips| trips.saturating_mul(scope.mult) <= self.budget / 2)
            .collect();
        if fitting.is_empty() {
            return None;
        }
        // Favour the larger counts: hot loops are the point.
        let low = fitting.len() / 3;
        let trips = fitting[low + self.below(fitting.len() - low)];
        self.spend(trips * scope.mult);
        Some(trips)
    }

    /// The scope of a loop body, with its counter (if it has one) readable.
    fn loop_scope(scope: &Scope, trips: u64, counter: Option<&str>) -> Scope {
        let mut inner = scope.clone();
        inner.loops += 1;
        inner.mult = inner.mult.saturating_mul(trips);
        if let Some(name) = counter {
            inner.counters.push(Counter {
                name: name.to_string(),
                trips,
            });
            inner.vars.push(Var {
                name: name.to_string(),
                kind: Kind::Int,
                writable: false,
            });
        }
        inner
    }

    /// The body of a loop and, sometimes, its `else` clause.
    fn loop_body(&mut self, scope: &Scope, inner: &Scope) {
        self.block(inner);
        if self.chance(10) {
            self.line("else:");
            self.block(scope);
        }
    }

    fn for_range(&mut self, scope: &Scope) -> bool {
        let Some(trips) = self.trips(scope) else {
            return false;
        };
        let name = Self::loop_name(scope, 'i', 'j');
        let range = match self.weighted(&[6, 1, 1, 1]) {
            1 => format!("range({}, {})", -(trips as i64) / 2, trips - trips / 2),
            2 => format!("range({trips}, 0, -1)"),
            3 => format!("range(0, {}, 3)", trips * 3),
            _ => format!("range({trips})"),
        };
        self.line(&format!("for {name} in {range}:"));
        let inner = Self::loop_scope(scope, trips, Some(&name));
        self.loop_body(scope, &inner);
        true
    }

    fn while_loop(&mut self, scope: &Scope) -> bool {
        let Some(trips) = self.trips(scope) else {
            return false;
        };
        let name = Self::loop_name(scope, 'w', 'k');
        self.line(&format!("{name} = 0"));
        let extra = if self.chance(30) {
            format!(" and ({})", self.cond(scope, 0))
        } else {
            String::new()
        };
        self.line(&format!("while {name} < {trips}{extra}:"));
        self.indent += 1;
        self.line(&format!("{name} += 1"));
        self.indent -= 1;
        let inner = Self::loop_scope(scope, trips, Some(&name));
        self.loop_body(scope, &inner);
        true
    }

    fn for_list(&mut self, scope: &Scope) -> bool {
        let lists = Self::readable(scope, Kind::List);
        let trips = 100;
        if lists.is_empty() || trips * scope.mult > self.budget / 2 {
            return false;
        }
        self.spend(trips * scope.mult);
        let list = self.pick(&lists);
        let name = Self::loop_name(scope, 'x', 'y');
        // Plain code mostly iterates over a copy (taken before the loop, so the loop
        // stays traceable), which its unguarded appends cannot extend.
        let iterables: &[&str] = match self.plain(scope) {
            true => &["[:]", "[:]", "[:]", ""],
            false => &["", "", "", "[:]", "[::-1]"],
        };
        let iterable = self.pick(iterables);
        self.line(&format!("for {name} in {list}{iterable}:"));
        let mut inner = Self::loop_scope(scope, trips, None);
        if iterable.is_empty() {
            inner.iterating.push(list.clone());
        }
        inner.vars.push(Var {
            name,
            kind: Kind::Num,
            writable: false,
        });
        // Mutating the very list being iterated is the interesting case.
        inner.vars.push(Var {
            name: list,
            kind: Kind::List,
            writable: false,
        });
        self.loop_body(scope, &inner);
        true
    }

    /// One guarded list mutation (append, pop, store, insert, extend, reverse).
    fn mutate_list(&mut self, scope: &Scope) -> bool {
        let lists = Self::readable(scope, Kind::List);
        if lists.is_empty() {
            return false;
        }
        let list = self.pick(&lists);
        let plain = self.plain(scope);
        // A traceable program's lists never shrink; plain code avoids `len` and methods.
        let shrink = u32::from(!self.traceable);
        let rich = u32::from(!plain);
        let choice = self.weighted(&[5, 3 * shrink, 3, 2 * rich, rich, rich, shrink]);
        if plain && matches!(choice, 0 | 2) {
            return self.plain_list_mutation(scope, &list, choice == 0);
        }
        let (guard, action) = match choice {
            1 => {
                let position = self.pick(&["", "", "0", "-2"]);
                let guard = if position == "-2" {
                    format!("len({list}) > 1")
                } else {
                    list.clone()
                };
                (guard, format!("{list}.pop({position})"))
            }
            2 => {
                let index = self.expr(scope, Kind::Int, 1);
                let op = self.pick(&["=", "+=", "-="]);
                let value = self.bounded(scope, Kind::Num);
                (
                    list.clone(),
                    format!("{list}[{index} % len({list})] {op} {value}"),
                )
            }
            3 => {
                let index = self.expr(scope, Kind::Int, 0);
                let value = self.bounded(scope, Kind::Num);
                (
                    format!("len({list}) < {LIST_CAP}"),
                    format!("{list}.insert({index}, {value})"),
                )
            }
            4 => (
                format!("len({list}) < {LIST_CAP}"),
                format!("{list}.extend({list}[:3])"),
            ),
            5 => (String::new(), format!("{list}.reverse()")),
            6 => {
                let value = self.expr(scope, Kind::Num, 0);
                (
                    format!("{value} in {list}"),
                    format!("{list}.pop({list}.index({value}))"),
                )
            }
            _ => {
                let value = self.bounded(scope, Kind::Num);
                (
                    format!("len({list}) < {LIST_CAP}"),
                    format!("{list}.append({value})"),
                )
            }
        };
        if guard.is_empty() {
            self.line(&action);
        } else {
            self.line(&format!("if {guard}:"));
            self.line(&format!("    {action}"));
        }
        true
    }

    /// An append or a store at an index modulo `MIN_TRACEABLE_LIST`. In a module-level
    /// loop an append is gated by its counter (`if c % P == 0`, with `P` chosen so that
    /// it runs about `LIST_CAP` times in all), which keeps the loop traceable; in a
    /// function (which may run inside a loop over the same list) or a loop over this
    /// very list it is guarded by the list's length, like the rich form.
    fn plain_list_mutation(&mut self, scope: &Scope, list: &str, append: bool) -> bool {
        let value = self.bounded(scope, Kind::Num);
        if append {
            let counted = scope.function.is_none() && !scope.iterating.iter().any(|l| l == list);
            let guard = match scope.counters.last() {
                Some(counter) if counted => {
                    let period = scope.mult.div_ceil(LIST_CAP as u64);
                    (period > 1).then(|| format!("{} % {period} == 0", counter.name))
                }
                _ => Some(format!("len({list}) < {LIST_CAP}")),
            };
            if let Some(guard) = &guard {
                self.line(&format!("if {guard}:"));
                self.indent += 1;
            }
            self.line(&format!("{list}.append({value})"));
            if guard.is_some() {
                self.indent -= 1;
            }
        } else {
            let index = self.int_expr(scope, 1);
            let op = self.pick(&["=", "+=", "-="]);
            self.line(&format!(
                "{list}[({index}) % {MIN_TRACEABLE_LIST}] {op} {value}"
            ));
        }
        true
    }

    fn call_statement(&mut self, scope: &Scope) -> bool {
        let candidates: Vec<usize> = (0..self.funcs.len())
            .filter(|&index| self.callable(scope, index))
            .collect();
        if candidates.is_empty() {
            return false;
        }
        let index = self.pick(&candidates);
        let call = self.call_of(scope, index, None);
        self.line(&call);
        true
    }

    /// `if cond: break` or `if cond: continue`.
    fn loop_exit(&mut self, scope: &Scope) -> bool {
        let condition = self.cond(scope, 1);
        let exit = self.pick(&["break", "continue", "break"]);
        self.line(&format!("if {condition}:"));
        self.line(&format!("    {exit}"));
        true
    }

    /// `if cond: return value` inside a function's loop.
    fn early_return(&mut self, scope: &Scope) -> bool {
        if scope.function.is_none() {
            return false;
        }
        let ret = scope.returns;
        let condition = self.cond(scope, 1);
        let value = self.bounded(scope, ret);
        self.line(&format!("if {condition}:"));
        self.line(&format!("    return {value}"));
        true
    }

    /// `fA = fB` (or a builtin of the same signature), maybe under a condition.
    fn rebind(&mut self, scope: &Scope) -> bool {
        let mut pairs = Vec::new();
        for (target_index, target) in self.funcs.iter().enumerate() {
            let rebindable = scope.function.is_none() || scope.declared.contains(&target.name);
            if !rebindable {
                continue;
            }
            for (source_index, source) in self.funcs.iter().enumerate() {
                let compatible = source_index != target_index
                    && source.params == target.params
                    && source.defaults.len() == target.defaults.len()
                    && source.ret == target.ret
                    && source.recursion.is_some() == target.recursion.is_some()
                    && source.cost <= (target.cost * 4).max(50);
                if compatible {
                    pairs.push((target.name.clone(), source.name.clone()));
                }
            }
            for &(params, ret, builtin) in BUILTIN_PARTNERS {
                if target.params == params && target.defaults.is_empty() && target.ret == ret {
                    pairs.push((target.name.clone(), builtin.to_string()));
                }
            }
        }
        if pairs.is_empty() {
            return false;
        }
        let (target, source) = self.pick(&pairs);
        if scope.loops > 0 && self.chance(80) {
            let condition = self.cond(scope, 0);
            self.line(&format!("if {condition}:"));
            self.line(&format!("    {target} = {source}"));
        } else {
            self.line(&format!("{target} = {source}"));
        }
        true
    }

    /// A `def` of an existing function name inside a module-level loop (the function
    /// is redefined, maybe at one iteration only), with a one-line body.
    fn redefine(&mut self, scope: &Scope) -> bool {
        let candidates: Vec<usize> = (0..self.funcs.len())
            .filter(|&index| self.funcs[index].recursion.is_none())
            .collect();
        if candidates.is_empty() {
            return false;
        }
        let chosen = self.pick(&candidates);
        let mut func = self.funcs[chosen].clone();
        // An int default may be the loop counter, captured when the def runs.
        if let (Some(last), Some(counter)) = (func.defaults.last_mut(), scope.counters.last()) {
            if func.params.last() == Some(&Kind::Int) && self.chance(50) {
                *last = counter.name.clone();
            }
        }
        let conditional = self.chance(70);
        if conditional {
            let condition = self.cond(scope, 0);
            self.line(&format!("if {condition}:"));
            self.indent += 1;
        }
        let mut body_scope = scope.clone();
        body_scope.vars = self.globals.clone();
        for (position, &kind) in func.params.iter().enumerate() {
            body_scope.vars.push(Var {
                name: format!("p{position}"),
                kind,
                writable: true,
            });
        }
        // The new body calls only functions defined before this one, never itself.
        body_scope.function = Some(chosen);
        body_scope.returns = func.ret;
        body_scope.counters.clear();
        body_scope.mult = 1;
        self.line(&Self::def_line(&func));
        let value = self.bounded(&body_scope, func.ret);
        self.line(&format!("    return {value}"));
        if conditional {
            self.indent -= 1;
        }
        true
    }

    /// `a, b = b, a` or `a, b = b, (a + b) % M`: a tuple assignment of two variables.
    fn swap(&mut self, scope: &Scope) -> bool {
        let kind = self.pick(&[Kind::Num, Kind::Int, Kind::List]);
        let targets = Self::assignable(scope, kind);
        if targets.len() < 2 {
            return false;
        }
        let first = self.pick(&targets);
        let second = self.pick(&targets);
        if first == second {
            return false;
        }
        if kind == Kind::List || self.chance(40) {
            self.line(&format!("{first}, {second} = {second}, {first}"));
        } else {
            let modulus = self.modulus();
            self.line(&format!(
                "{first}, {second} = {second}, ({first} + {second}) % {modulus}"
            ));
        }
        true
    }

    /// A number variable that turns float in one branch and int in the other.
    fn type_flip(&mut self, scope: &Scope) -> bool {
        let targets = Self::assignable(scope, Kind::Num);
        if targets.is_empty() {
            return false;
        }
        let target = self.pick(&targets);
        // Plain code converts without builtins: a float from arithmetic with a float,
        // an int from other int variables.
        let (to_float, to_int) = if self.plain(scope) {
            let to_float = self.pick(&[
                format!("{target} * 0.5"),
                format!("{target} + 0.25"),
                format!("{target} - 1.5"),
            ]);
            (to_float, self.bounded(scope, Kind::Int))
        } else {
            let to_float = self.pick(&[
                format!("{target} / 2"),
                format!("{target} * 0.5"),
                format!("{target} + 0.25"),
                format!("float({target})"),
            ]);
            let to_int = self.pick(&[
                format!("int({target}) + 1"),
                format!("round({target})"),
                format!("int({target} // 1)"),
                format!("len(str({target}))"),
            ]);
            (to_float, to_int)
        };
        let condition = self.cond(scope, 1);
        if self.chance(50) {
            self.line(&format!(
                "{target} = ({to_float} if {condition} else {to_int})"
            ));
        } else {
            self.line(&format!("if {condition}:"));
            self.line(&format!("    {target} = {to_float}"));
            self.line("else:");
            self.line(&format!("    {target} = {to_int}"));
        }
        true
    }

    /// A statement that raises partway through a loop (or at once): an index past the
    /// end, a pop from a list that empties, a failed assertion, a deep recursion.
    fn risky(&mut self, scope: &Scope) -> bool {
        let lists = Self::readable(scope, Kind::List);
        let targets = Self::assignable(scope, Kind::Num);
        let counters = scope.counters.clone();
        match self.below(4) {
            0 if !lists.is_empty() && !targets.is_empty() && !counters.is_empty() => {
                let list = self.pick(&lists);
                let target = self.pick(&targets);
                let counter = self.pick(&counters);
                self.line(&format!("{target} = {list}[{}]", counter.name));
            }
            1 if !lists.is_empty() => {
                let list = self.pick(&lists);
                self.line(&format!("{list}.pop()"));
            }
            2 if !counters.is_empty() => {
                let counter = self.pick(&counters);
                let at = self.below(counter.trips as usize);
                self.line(&format!(
                    "assert {} != {at}, {}",
                    counter.name, counter.name
                ));
            }
            3 if scope.mult == 1 => {
                // A chain (not a tree: that would be exponential) deeper than planned,
                // near or past the recursion limit.
                let chains: Vec<usize> = (0..self.funcs.len())
                    .filter(|&index| self.funcs[index].recursion.is_some_and(|r| !r.tree))
                    .filter(|&index| self.callable(scope, index))
                    .collect();
                if chains.is_empty() {
                    return false;
                }
                let index = self.pick(&chains);
                let depth = self.pick(&["995", "1100"]).to_string();
                self.spend(1100);
                let call = self.call_of(scope, index, Some(depth));
                self.line(&format!("print({call})"));
            }
            _ => return false,
        }
        true
    }
}
