//! The ops of a generated trace's body: arithmetic, comparisons and the guards on
//! them, list, iterator, global and range ops, boxing and unboxing, checks of a call's
//! callee (`guard_code`, `guard_range_builtin`, `guard_builtin`), extra fuel checks, and the generic
//! ops of [`generic`](super::generic). Each picks its operands from the values
//! defined so far by what is known of them (`Kind`), so the trace is well typed and
//! list ops see guarded lists.

use tracelift_trace::{Cmp, Op, ValueId};

use super::{inst, Body, Generator, Kind};

impl Generator<'_, '_> {
    /// One random op (or a short idiom) appended to `loop`.
    pub(super) fn op(&mut self, body: &mut Body, slots: usize, globals: usize) {
        match self.pick(23) {
            0..=2 => self.int_arith(body, slots),
            3 => {
                self.float_arith(body, slots);
            }
            4 | 5 => self.branch(body, slots),
            6 => self.counted_exit(body, slots),
            7 | 8 => self.list_op(body, slots),
            9 => self.iterator_op(body, slots),
            10 => self.conversion(body, slots),
            11 => self.global_op(body, slots, globals),
            12 => self.range_op(body, slots),
            13 => {
                let snapshot = self.snapshot(body, slots);
                body.insts
                    .push(inst(None, Op::BurnFuel {}, vec![], Some(snapshot)));
            }
            14 => {
                // A slot changes: later snapshots get a fresh chance to list it.
                body.current = None;
            }
            15 => self.callee_guard(body, slots),
            16 if !body.grown.is_empty() => self.str_append(body, slots),
            17..=22 => self.generic_op(body, slots),
            _ => {
                let flag = self.scalar(body, Kind::Bool);
                self.emit(body, Op::BoolNot {}, vec![flag], Kind::Bool);
            }
        }
    }

    fn int_arith(&mut self, body: &mut Body, slots: usize) {
        let a = self.scalar(body, Kind::Int);
        let b = self.scalar(body, Kind::Int);
        let (op, exits) = match self.pick(14) {
            0 => (Op::IntAdd {}, true),
            1 => (Op::IntSub {}, true),
            2 => (Op::IntMul {}, true),
            3 => (Op::IntFloorDiv {}, true),
            4 => (Op::IntMod {}, true),
            5 => (Op::IntAnd {}, false),
            6 => (Op::IntOr {}, false),
            7 => (Op::IntXor {}, false),
            8 => (Op::IntShl {}, true),
            9 => (Op::IntShr {}, true),
            // Unchecked: wraps where the optimizer's proof would not hold.
            12 => (Op::IntAddFits {}, false),
            13 => (Op::IntSubFits {}, false),
            10 => {
                let op = match self.chance(1, 2) {
                    true => Op::IntNeg {},
                    false => Op::IntAbs {},
                };
                self.emit_any(body, slots, op, vec![a], Kind::Int);
                return;
            }
            _ => {
                let op = self.cmp_op();
                self.emit(body, Op::IntCmp { op }, vec![a, b], Kind::Bool);
                return;
            }
        };
        if exits {
            self.emit_any(body, slots, op, vec![a, b], Kind::Int);
        } else {
            self.emit(body, op, vec![a, b], Kind::Int);
        }
    }

    /// A float op; its result if it may exit (the others join the pool only).
    fn float_arith(&mut self, body: &mut Body, slots: usize) -> Option<ValueId> {
        let a = self.scalar(body, Kind::Float);
        let b = self.scalar(body, Kind::Float);
        let _ = match self.pick(12) {
            0 => self.emit(body, Op::FloatAdd {}, vec![a, b], Kind::Float),
            10 => self.emit(body, Op::FloatAbs {}, vec![a], Kind::Float),
            11 => return self.emit_any(body, slots, Op::FloatToInt {}, vec![a], Kind::Int),
            1 => self.emit(body, Op::FloatSub {}, vec![a, b], Kind::Float),
            2 => self.emit(body, Op::FloatMul {}, vec![a, b], Kind::Float),
            3 => self.emit(body, Op::FloatNeg {}, vec![a], Kind::Float),
            4 => {
                let op = self.cmp_op();
                self.emit(body, Op::FloatCmp { op }, vec![a, b], Kind::Bool)
            }
            5 => {
                let int = self.scalar(body, Kind::Int);
                self.emit(body, Op::IntToFloat {}, vec![int], Kind::Float)
            }
            choice => {
                let op = match choice {
                    6 => Op::FloatDiv {},
                    7 => Op::FloatFloorDiv {},
                    8 => Op::FloatMod {},
                    _ => Op::FloatPow {},
                };
                return self.emit_any(body, slots, op, vec![a, b], Kind::Float);
            }
        };
        None
    }

    pub(super) fn cmp_op(&mut self) -> Cmp {
        Cmp::ALL[self.pick(Cmp::ALL.len())]
    }

    /// A guard on a condition: a branch that went the recorded way.
    fn branch(&mut self, body: &mut Body, slots: usize) {
        let flag = self.scalar(body, Kind::Bool);
        let op = if self.chance(1, 2) {
            Op::GuardTrue {}
        } else {
            Op::GuardFalse {}
        };
        self.emit_any(body, slots, op, vec![flag], Kind::Obj);
    }

    /// The idiom of a counted loop: `i + step`, compared with a bound, guarded; the
    /// guard fails after a number of iterations.
    fn counted_exit(&mut self, body: &mut Body, slots: usize) {
        let counter = self.scalar(body, Kind::Int);
        let value = [1, 1, 2, -1, 3, 1 << 40][self.pick(6)];
        let step = self.emit(body, Op::ConstInt { value }, vec![], Kind::Int);
        let Some(next) = self.emit_any(body, slots, Op::IntAdd {}, vec![counter, step], Kind::Int)
        else {
            return;
        };
        let value = self.range(0, 3000) as i64 - 500;
        let bound = self.emit(body, Op::ConstInt { value }, vec![], Kind::Int);
        let op = self.cmp_op();
        let flag = self.emit(body, Op::IntCmp { op }, vec![next, bound], Kind::Bool);
        let guard = if self.chance(1, 2) {
            Op::GuardTrue {}
        } else {
            Op::GuardFalse {}
        };
        self.emit_any(body, slots, guard, vec![flag], Kind::Obj);
    }

    fn list_op(&mut self, body: &mut Body, slots: usize) {
        let list = match self.operand(body, Kind::List) {
            Some(list) if !self.chance(1, 5) => list,
            _ => {
                // Check some object is a list; from here on it is one.
                let object = self.any_obj(body);
                self.emit_any(body, slots, Op::GuardList {}, vec![object], Kind::Obj);
                body.pool.push((object, Kind::List));
                object
            }
        };
        match self.pick(5) {
            0 => {
                self.emit_any(body, slots, Op::ListLen {}, vec![list], Kind::Int);
            }
            1 | 2 => {
                let index = self.scalar(body, Kind::Int);
                let op = if self.chance(1, 3) {
                    Op::ListGetNonneg {}
                } else {
                    Op::ListGet {}
                };
                self.emit_any(body, slots, op, vec![list, index], Kind::Obj);
            }
            3 => {
                let index = self.scalar(body, Kind::Int);
                let item = self.boxed_operand(body);
                body.allocations += 1;
                let op = if self.chance(1, 3) {
                    Op::ListSetNonneg {}
                } else {
                    Op::ListSet {}
                };
                self.emit_any(body, slots, op, vec![list, index, item], Kind::Obj);
            }
            _ => {
                let item = self.boxed_operand(body);
                self.emit_any(body, slots, Op::ListAppend {}, vec![list, item], Kind::Obj);
            }
        }
    }

    /// An object to store: a boxed scalar or an object from the pool.
    fn boxed_operand(&mut self, body: &mut Body) -> ValueId {
        match self.pick(4) {
            0 => {
                let int = self.scalar(body, Kind::Int);
                self.emit(body, Op::BoxInt {}, vec![int], Kind::Obj)
            }
            1 => {
                let float = self.scalar(body, Kind::Float);
                self.emit(body, Op::BoxFloat {}, vec![float], Kind::Obj)
            }
            2 => {
                let flag = self.scalar(body, Kind::Bool);
                self.emit(body, Op::BoxBool {}, vec![flag], Kind::Obj)
            }
            _ => self.any_obj(body),
        }
    }

    fn iterator_op(&mut self, body: &mut Body, slots: usize) {
        let (kind, next, done) = if self.chance(1, 2) {
            (Kind::RangeIter, Op::RangeIterNext {}, Op::RangeIterDone {})
        } else {
            (Kind::ListIter, Op::ListIterNext {}, Op::ListIterDone {})
        };
        let iter = match self.operand(body, kind) {
            Some(iter) if !self.chance(1, 8) => iter,
            _ => self.any_obj(body),
        };
        let result = if kind == Kind::RangeIter {
            Kind::Int
        } else {
            Kind::Obj
        };
        if self.chance(1, 6) {
            self.emit_any(body, slots, done, vec![iter], Kind::Obj);
        } else if kind == Kind::RangeIter && self.chance(1, 3) {
            self.indexed_by_counter(body, slots, iter);
        } else {
            if kind == Kind::RangeIter && self.chance(1, 2) {
                // The recorder's guard (wide bounds, which entry iterators pass) or
                // narrower ones, which some fail.
                let (lo, hi) = [
                    (0, (1 << 62) - 1),
                    (-(1 << 62), (1 << 62) - 1),
                    (0, 100),
                    (-3, 50),
                ][self.pick(4)];
                let guard = Op::GuardRangeIterWithin { lo, hi };
                self.emit_any(body, slots, guard, vec![iter], Kind::Obj);
            }
            self.emit_any(body, slots, next, vec![iter], result);
        }
    }

    /// The shape `ranges.rs` makes of a loop indexing a list by its counter: the guard
    /// that the items to come, plus offsets in `lo..=hi`, index the list, the next
    /// item, and an access at it plus one of the offsets with no bounds check (valid
    /// whenever the guard passed: nothing between changes the list's length).
    fn indexed_by_counter(&mut self, body: &mut Body, slots: usize, iter: ValueId) {
        let Some(list) = self.operand(body, Kind::List) else {
            self.emit_any(body, slots, Op::RangeIterNext {}, vec![iter], Kind::Int);
            return;
        };
        let (lo, hi) = [(0, 0), (-1, 1), (1, 2), (-2, 0), (0, 3)][self.pick(5)];
        let guard = Op::GuardRangeIterIndexes { lo, hi };
        self.emit_any(body, slots, guard, vec![iter, list], Kind::Obj);
        let Some(item) = self.emit_any(body, slots, Op::RangeIterNext {}, vec![iter], Kind::Int)
        else {
            return;
        };
        let offset = lo + self.range(0, (hi - lo) as u64) as i64;
        let index = if offset == 0 {
            item
        } else {
            let offset = self.emit(body, Op::ConstInt { value: offset }, vec![], Kind::Int);
            self.emit(body, Op::IntAddFits {}, vec![item, offset], Kind::Int)
        };
        if self.chance(1, 2) {
            let op = Op::ListGetInRange {};
            self.emit_any(body, slots, op, vec![list, index], Kind::Obj);
        } else {
            let value = self.boxed_operand(body);
            body.allocations += 1;
            let op = Op::ListSetInRange {};
            self.emit_any(body, slots, op, vec![list, index, value], Kind::Obj);
        }
    }

    fn conversion(&mut self, body: &mut Body, slots: usize) {
        match self.pick(6) {
            0..=2 => {
                self.boxed_operand(body);
            }
            choice => {
                let object = self.any_obj(body);
                let (op, kind) = match choice {
                    3 => (Op::UnboxInt {}, Kind::Int),
                    4 => (Op::UnboxFloat {}, Kind::Float),
                    _ => (Op::UnboxBool {}, Kind::Bool),
                };
                self.emit_any(body, slots, op, vec![object], kind);
            }
        }
    }

    fn global_op(&mut self, body: &mut Body, slots: usize, globals: usize) {
        // A global the case did not set is unbound: loading it exits.
        let global = self.pick(globals + 1) as u32;
        if self.chance(1, 2) {
            // What it held at entry, if no `store_global` has replaced it since.
            let kind = self
                .global_kinds
                .get(global as usize)
                .copied()
                .unwrap_or(Kind::Obj);
            self.emit_any(body, slots, Op::LoadGlobal { global }, vec![], kind);
        } else {
            let value = self.boxed_operand(body);
            body.insts
                .push(inst(None, Op::StoreGlobal { global }, vec![value], None));
        }
    }

    /// The check the recorder makes of a call's callee before inlining it:
    /// `guard_code` on an object meant to be a function of one of the trace's callees
    /// (mostly naming that callee's code, so the check passes while the object is
    /// that function), or on any object. A trace without callees checks for the builtin
    /// `range` instead.
    /// `s += t` on a `Kind::Text` slot (verifier rule 10): mostly a small str, sometimes
    /// something else (the op exits). The string it replaces is listed by no later
    /// snapshot, so the next exit gets a new one.
    fn str_append(&mut self, body: &mut Body, slots: usize) {
        let (slot, text) = body.grown[self.pick(body.grown.len())];
        let right = if self.chance(4, 5) {
            self.small_str(body)
        } else {
            self.stranger(body, slots)
        };
        // Its own snapshot lists the string as it was (it exits before any change).
        body.current = None;
        let snapshot = self.snapshot(body, slots);
        let grown = self.value();
        body.insts.push(inst(
            Some(grown),
            Op::StrAppend { slot },
            vec![text, right],
            Some(snapshot),
        ));
        body.allocations += 1;
        body.current = None;
        for (listed, value) in body.grown.iter_mut().chain(body.inherited.iter_mut()) {
            if *listed == slot {
                *value = grown;
            }
        }
    }

    fn callee_guard(&mut self, body: &mut Body, slots: usize) {
        if self.chance(1, 3) {
            self.builtin_guard(body, slots);
            return;
        }
        let codes = self.callee_locals.len();
        if codes == 0 {
            let callee = self.any_obj(body);
            self.emit_any(
                body,
                slots,
                Op::GuardRangeBuiltin {},
                vec![callee],
                Kind::Obj,
            );
            return;
        }
        let functions: Vec<(ValueId, u32)> = body
            .pool
            .iter()
            .filter_map(|&(value, kind)| match kind {
                Kind::Callee(code) => Some((value, code)),
                _ => None,
            })
            .collect();
        let (callee, code) = match functions.len() {
            0 => (self.any_obj(body), self.pick(codes) as u32),
            count if !self.chance(1, 5) => {
                let (callee, code) = functions[self.pick(count)];
                let code = if self.chance(1, 8) {
                    self.pick(codes) as u32
                } else {
                    code
                };
                (callee, code)
            }
            _ => (self.any_obj(body), self.pick(codes) as u32),
        };
        self.emit_any(body, slots, Op::GuardCode { code }, vec![callee], Kind::Obj);
    }

    /// `guard_builtin` of a builtin function the case holds, mostly by its own
    /// number, sometimes by another's; or of any object.
    fn builtin_guard(&mut self, body: &mut Body, slots: usize) {
        let natives = super::generic::NATIVES;
        let number = |name: &str| {
            tracelift_interp::value::BuiltinId::from_name(name).map_or(u32::MAX, |id| id.index())
        };
        let native = body.pool.iter().find_map(|&(value, kind)| match kind {
            Kind::Native(index) => Some((value, index)),
            _ => None,
        });
        let (callee, builtin) = match native {
            Some((value, index)) if !self.chance(1, 4) => (value, number(natives[index as usize])),
            _ => (
                self.any_obj(body),
                number(natives[self.pick(natives.len())]),
            ),
        };
        self.emit_any(
            body,
            slots,
            Op::GuardBuiltin { builtin },
            vec![callee],
            Kind::Obj,
        );
    }

    /// Three ints for `range(start, stop, step)`.
    fn range_bounds(&mut self, body: &mut Body) -> Vec<ValueId> {
        let start = self.scalar(body, Kind::Int);
        let stop = self.scalar(body, Kind::Int);
        let step = self.scalar(body, Kind::Int);
        vec![start, stop, step]
    }

    /// `range(...)` and `iter(...)`: a guarded builtin, a new range (by chance iterated
    /// at once, as `for` over `range(...)` records it), new iterators.
    fn range_op(&mut self, body: &mut Body, slots: usize) {
        match self.pick(5) {
            0 => {
                let callee = self.any_obj(body);
                self.emit_any(
                    body,
                    slots,
                    Op::GuardRangeBuiltin {},
                    vec![callee],
                    Kind::Obj,
                );
            }
            1 => {
                let bounds = self.range_bounds(body);
                body.allocations += 1;
                let range = self.emit_any(body, slots, Op::RangeNew {}, bounds, Kind::Range);
                if let Some(range) = range.filter(|_| self.chance(1, 2)) {
                    body.allocations += 1;
                    self.emit_any(
                        body,
                        slots,
                        Op::RangeGetIter {},
                        vec![range],
                        Kind::RangeIter,
                    );
                }
            }
            3 => {
                let bounds = self.range_bounds(body);
                body.allocations += 1;
                self.emit_any(body, slots, Op::RangeIterNew {}, bounds, Kind::RangeIter);
            }
            2 => {
                let range = match self.operand(body, Kind::Range) {
                    Some(range) if !self.chance(1, 6) => range,
                    _ => self.any_obj(body),
                };
                body.allocations += 1;
                self.emit_any(
                    body,
                    slots,
                    Op::RangeGetIter {},
                    vec![range],
                    Kind::RangeIter,
                );
            }
            _ => {
                let list = match self.operand(body, Kind::List) {
                    Some(list) if !self.chance(1, 6) => list,
                    _ => self.any_obj(body),
                };
                body.allocations += 1;
                self.emit_any(body, slots, Op::ListGetIter {}, vec![list], Kind::ListIter);
            }
        }
    }
}
