//! The generic ops of a generated trace's body, in the shapes the recorder gives them:
//! object constants (`const_obj`: strs, big ints, tuples), `binary_generic`,
//! `unary_generic` and `compare_generic` (then mostly `truthy` and a guard, as an
//! `if` does), subscripts, stores and slices, `get_iter` / `iter_next` / `iter_done`,
//! list and tuple displays and their unpacking (`guard_sequence_len` then every
//! `sequence_item`), and calls of builtins and bound methods (`call_native`,
//! `call_native_kw`, `call_method` with real method names).
//!
//! Most operands have the types the operation takes (`"ab" + "c"`, `len(xs)`,
//! `s.split(",")`, `xs.pop()`), so most ops succeed; the rest are wrong on purpose
//! (a type error, an index out of range, `int("abc")`, a keyword a builtin does not
//! take, a Python function as callee), so the exit and raise paths run too.
//!
//! Invariants:
//! - No value grows without bound: ops that make bigger values (`+`, `*`, `+=`,
//!   `join`, `replace`, `extend`, …) take only small operands (`Kind::Str`, `Tuple`,
//!   `NewList`, `Number`, or one guarded list grown by a bounded amount), and their
//!   results are `Grown`, which no such op takes again; counts and exponents are
//!   small constants. A loop-carried list thus grows linearly, never geometrically.
//! - `str()` and methods whose errors print an argument's `repr` (`index`) take only
//!   numbers and strs: a list built from itself can have an exponentially long repr.
//! - No `print` (the harness does not compare output) and no host functions.
//! - Every op that may make an object counts one allocation (for the fuel cap).

use tracelift_trace::{Arith, BinaryOperator, Comparison, Op, Symbol, UnaryOperator, ValueId};

use super::{Body, Generator, Kind};

/// The builtin functions cases hold (`Kind::Native(N)` is `NATIVES[N]`).
pub(super) const NATIVES: [&str; 16] = [
    "len", "abs", "min", "max", "sum", "int", "float", "str", "bool", "list", "tuple", "round",
    "divmod", "chr", "ord", "range",
];

/// The bound methods cases hold: name, and whether the receiver is a list (else a
/// str). `Kind::Bound(N)` is `BOUND[N]`.
pub(super) const BOUND: [(&str, bool); 8] = [
    ("append", true),
    ("pop", true),
    ("index", true),
    ("reverse", true),
    ("upper", false),
    ("split", false),
    ("find", false),
    ("strip", false),
];

/// Method calls: name, and the receiver it is a method of.
const METHODS: [(&str, Receiver); 19] = [
    ("upper", Receiver::Str),
    ("lower", Receiver::Str),
    ("strip", Receiver::Str),
    ("split", Receiver::Str),
    ("join", Receiver::Str),
    ("startswith", Receiver::Str),
    ("endswith", Receiver::Str),
    ("find", Receiver::Str),
    ("replace", Receiver::Str),
    ("index", Receiver::Str),
    ("append", Receiver::List),
    ("append", Receiver::List),
    ("pop", Receiver::List),
    ("pop", Receiver::List),
    ("extend", Receiver::List),
    ("insert", Receiver::List),
    ("reverse", Receiver::List),
    ("index", Receiver::List),
    ("index", Receiver::Tuple),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Receiver {
    Str,
    List,
    Tuple,
}

/// Tuple constants: `repr` text and length.
const TUPLES: [(&str, u8); 7] = [
    ("()", 0),
    ("(1,)", 1),
    ("(1, 2, 3)", 3),
    ("('a', 'b')", 2),
    ("(None, 2.5, 'x')", 3),
    ("((1, 2), 'y')", 2),
    ("(True, -7)", 2),
];

/// Big int constants (`repr` text).
const BIG_INTS: [&str; 4] = [
    "9223372036854775808",
    "-9223372036854775809",
    "123456789012345678901234567890",
    "-18446744073709551616",
];

/// Keyword names of `call_native_kw` (a tuple constant): none (a plain call), names
/// no builtin but `print` takes, and a tuple that is not of strs (the call is not
/// made).
const KEYWORDS: [(&str, usize); 5] = [
    ("()", 0),
    ("()", 0),
    ("('key',)", 1),
    ("('sep', 'end')", 2),
    ("(1,)", 1),
];

impl Generator<'_, '_> {
    /// One generic op (or a short idiom of them) appended to `loop`.
    pub(super) fn generic_op(&mut self, body: &mut Body, slots: usize) {
        match self.pick(13) {
            0 | 1 => self.binary_generic(body, slots),
            2 => self.unary_generic(body, slots),
            3 => self.compare_generic(body, slots),
            4 => self.subscript(body, slots),
            5 => self.slice(body, slots),
            6 => self.iterate(body, slots),
            7 => self.build(body, slots),
            8 => self.unpack(body, slots),
            9 | 10 => self.call_native(body, slots),
            _ => self.call_method(body, slots),
        }
    }

    /// A value of a kind `wanted` accepts, preferring recent ones.
    pub(super) fn operand_where(
        &mut self,
        body: &Body,
        wanted: impl Fn(Kind) -> bool,
    ) -> Option<ValueId> {
        let candidates: Vec<ValueId> = body
            .pool
            .iter()
            .filter(|(_, kind)| wanted(*kind))
            .map(|(value, _)| *value)
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let recent = candidates.len().min(4);
        let index = if self.chance(2, 3) {
            candidates.len() - 1 - self.pick(recent)
        } else {
            self.pick(candidates.len())
        };
        Some(candidates[index])
    }

    /// `const_obj` of the constant with this `repr` text (added to the table once).
    fn const_obj(&mut self, body: &mut Body, repr: &str, kind: Kind) -> ValueId {
        let index = match self.consts.iter().position(|known| known == repr) {
            Some(index) => index,
            None => {
                self.consts.push(repr.to_string());
                self.consts.len() - 1
            }
        };
        let op = Op::ConstObj {
            index: index as u32,
        };
        self.emit(body, op, vec![], kind)
    }

    /// A small str: from the pool, or a constant.
    pub(super) fn small_str(&mut self, body: &mut Body) -> ValueId {
        if !self.chance(1, 3) {
            if let Some(text) = self.operand(body, Kind::Str) {
                return text;
            }
        }
        let repr = format!("'{}'", self.text());
        self.const_obj(body, &repr, Kind::Str)
    }

    /// A boxed number: a boxed scalar, a number of the pool, or a big int constant.
    fn number(&mut self, body: &mut Body) -> ValueId {
        match self.pick(7) {
            0..=2 => {
                let int = self.scalar(body, Kind::Int);
                self.emit(body, Op::BoxInt {}, vec![int], Kind::Number)
            }
            3 => {
                let float = self.scalar(body, Kind::Float);
                self.emit(body, Op::BoxFloat {}, vec![float], Kind::Number)
            }
            4 => {
                let flag = self.scalar(body, Kind::Bool);
                self.emit(body, Op::BoxBool {}, vec![flag], Kind::Number)
            }
            5 => match self.operand(body, Kind::Number) {
                Some(number) => number,
                None => self.small_int(body, -3, 9),
            },
            _ => {
                let repr = BIG_INTS[self.pick(BIG_INTS.len())];
                self.const_obj(body, repr, Kind::Number)
            }
        }
    }

    /// A new boxed int constant in `low..=high` (counts, exponents, indices).
    fn small_int(&mut self, body: &mut Body, low: i64, high: i64) -> ValueId {
        let value = low + self.range(0, (high - low) as u64) as i64;
        let int = self.emit(body, Op::ConstInt { value }, vec![], Kind::Int);
        self.emit(body, Op::BoxInt {}, vec![int], Kind::Number)
    }

    /// A repeat count: mostly small, sometimes negative or too big to repeat by.
    fn count(&mut self, body: &mut Body) -> ValueId {
        match self.pick(8) {
            0 => {
                let repr = BIG_INTS[self.pick(2)];
                self.const_obj(body, repr, Kind::Number)
            }
            1 => {
                let int = self.emit(body, Op::ConstInt { value: i64::MAX }, vec![], Kind::Int);
                self.emit(body, Op::BoxInt {}, vec![int], Kind::Number)
            }
            _ => self.small_int(body, -1, 3),
        }
    }

    /// A small tuple: from the pool, or a constant.
    fn small_tuple(&mut self, body: &mut Body) -> ValueId {
        if !self.chance(1, 3) {
            if let Some(tuple) = self.operand_where(body, |kind| matches!(kind, Kind::Tuple(_))) {
                return tuple;
            }
        }
        let (repr, len) = TUPLES[self.pick(TUPLES.len())];
        self.const_obj(body, repr, Kind::Tuple(Some(len)))
    }

    /// A new small list: from the pool, or a `build_list`.
    fn new_list(&mut self, body: &mut Body, slots: usize) -> ValueId {
        if !self.chance(1, 3) {
            if let Some(list) = self.operand_where(body, |kind| matches!(kind, Kind::NewList(_))) {
                return list;
            }
        }
        self.build_sequence(body, slots, false)
    }

    /// A list of any size: mostly one `guard_list` checked (a loop-carried one), else
    /// a new small one.
    fn some_list(&mut self, body: &mut Body, slots: usize) -> ValueId {
        match self.operand(body, Kind::List) {
            Some(list) if self.chance(2, 3) => list,
            _ => self.new_list(body, slots),
        }
    }

    /// A small sequence: a str, a tuple or a new list.
    fn small_sequence(&mut self, body: &mut Body, slots: usize) -> ValueId {
        match self.pick(3) {
            0 => self.small_str(body),
            1 => self.small_tuple(body),
            _ => self.new_list(body, slots),
        }
    }

    /// A sequence of any size.
    fn sequence(&mut self, body: &mut Body, slots: usize) -> ValueId {
        match self.pick(4) {
            0 => self.some_list(body, slots),
            _ => self.small_sequence(body, slots),
        }
    }

    /// A small value of some type, for operations it mostly does not fit.
    pub(super) fn stranger(&mut self, body: &mut Body, slots: usize) -> ValueId {
        match self.pick(6) {
            0 => self.small_str(body),
            1 => self.number(body),
            2 => self.small_tuple(body),
            3 => self.new_list(body, slots),
            4 => match self.operand_where(body, |kind| matches!(kind, Kind::Native(_))) {
                Some(native) => native,
                None => self.emit(body, Op::ConstNone {}, vec![], Kind::Obj),
            },
            _ => self.emit(body, Op::ConstNone {}, vec![], Kind::Obj),
        }
    }

    /// Any value to store or pass: a boxed scalar, a small value, or any object.
    fn item(&mut self, body: &mut Body) -> ValueId {
        match self.pick(4) {
            0 => self.small_str(body),
            1 => self.number(body),
            _ => self.any_obj(body),
        }
    }

    /// Appends a generic op that may make an object (one allocation).
    fn emit_made(
        &mut self,
        body: &mut Body,
        slots: usize,
        op: Op,
        args: Vec<ValueId>,
        kind: Kind,
    ) -> Option<ValueId> {
        body.allocations += 1;
        self.emit_any(body, slots, op, args, kind)
    }

    fn binary_generic(&mut self, body: &mut Body, slots: usize) {
        use BinaryOperator::*;
        let mut inplace = self.chance(1, 4);
        let (a, b, op) = match self.pick(9) {
            0..=2 => {
                let a = self.number(body);
                let op = BinaryOperator::ALL[self.pick(BinaryOperator::ALL.len())];
                let b = match op {
                    Pow | LShift => self.small_int(body, -2, 12),
                    _ => self.number(body),
                };
                (a, b, op)
            }
            3 => {
                let a = self.small_str(body);
                match self.chance(1, 2) {
                    true => (a, self.small_str(body), Add),
                    false => (a, self.count(body), Mul),
                }
            }
            4 => {
                let a = self.small_tuple(body);
                match self.chance(1, 2) {
                    true => (a, self.small_tuple(body), Add),
                    false => (a, self.count(body), Mul),
                }
            }
            5 => match self.pick(4) {
                0 => {
                    let a = self.some_list(body, slots);
                    (a, self.new_list(body, slots), Add)
                }
                1 => {
                    // `xs += small`: extends in place by a bounded amount.
                    inplace = true;
                    let a = self.some_list(body, slots);
                    (a, self.small_sequence(body, slots), Add)
                }
                2 => {
                    // A new list, not `*=`: repeated in place it would stay `NewList`.
                    inplace = false;
                    let a = self.new_list(body, slots);
                    (a, self.count(body), Mul)
                }
                _ => {
                    // `xs *= n` on any list, with a count that cannot grow it.
                    let a = self.some_list(body, slots);
                    (a, self.small_int(body, -1, 1), Mul)
                }
            },
            6 => {
                // `n * xs`, or `n *= xs` (a new sequence: `xs` stays as it is).
                let count = self.count(body);
                (count, self.small_sequence(body, slots), Mul)
            }
            _ => {
                // Mostly mismatched types: a type error (or a number op that works).
                let a = self.stranger(body, slots);
                let b = self.stranger(body, slots);
                let ops = [Add, Sub, Div, FloorDiv, Mod, RShift, BitAnd, BitOr, BitXor];
                (a, b, ops[self.pick(ops.len())])
            }
        };
        let op = Op::BinaryGeneric {
            op: Arith { op, inplace },
        };
        self.emit_made(body, slots, op, vec![a, b], Kind::Grown);
    }

    fn unary_generic(&mut self, body: &mut Body, slots: usize) {
        let operand = if self.chance(3, 4) {
            self.number(body)
        } else {
            self.stranger(body, slots)
        };
        let op = UnaryOperator::ALL[self.pick(UnaryOperator::ALL.len())];
        self.emit_made(
            body,
            slots,
            Op::UnaryGeneric { op },
            vec![operand],
            Kind::Grown,
        );
    }

    /// A comparison, then mostly its truth and a guard on it (an `if`), or just the
    /// truth of some object.
    fn compare_generic(&mut self, body: &mut Body, slots: usize) {
        use Comparison::*;
        let any_op = Comparison::ALL[self.pick(Comparison::ALL.len())];
        let (a, b, op) = match self.pick(7) {
            0 | 1 => (self.number(body), self.number(body), any_op),
            2 => (self.small_str(body), self.small_str(body), any_op),
            3 => (self.small_tuple(body), self.small_tuple(body), any_op),
            4 => {
                let op = if self.chance(1, 2) { In } else { NotIn };
                let needle = self.item(body);
                (needle, self.sequence(body, slots), op)
            }
            5 => (
                self.stranger(body, slots),
                self.stranger(body, slots),
                any_op,
            ),
            _ => {
                // Only the truth of an object (`if xs:`).
                let object = self.any_obj(body);
                self.truth_guard(body, slots, object);
                return;
            }
        };
        let Some(result) = self.emit_any(
            body,
            slots,
            Op::CompareGeneric { op },
            vec![a, b],
            Kind::Obj,
        ) else {
            return;
        };
        if self.chance(2, 3) {
            self.truth_guard(body, slots, result);
        }
    }

    /// `truthy` of `object`, mostly guarded.
    fn truth_guard(&mut self, body: &mut Body, slots: usize, object: ValueId) {
        let truth = self.emit(body, Op::Truthy {}, vec![object], Kind::Bool);
        if self.chance(2, 3) {
            let guard = if self.chance(1, 2) {
                Op::GuardTrue {}
            } else {
                Op::GuardFalse {}
            };
            self.emit_any(body, slots, guard, vec![truth], Kind::Obj);
        }
    }

    /// `container[index]` or `container[index] = value`.
    fn subscript(&mut self, body: &mut Body, slots: usize) {
        let index = match self.pick(8) {
            0 => self.number(body),
            1 => self.small_str(body),
            _ => self.small_int(body, -5, 6),
        };
        if self.chance(1, 3) {
            // Mostly an index lists have (most are short).
            let index = match self.chance(2, 3) {
                true => self.small_int(body, -2, 1),
                false => index,
            };
            let container = match self.pick(6) {
                0..=2 => self.some_list(body, slots),
                3 => self.new_list(body, slots),
                4 => self.small_str(body),
                _ => self.stranger(body, slots),
            };
            let item = self.item(body);
            let args = vec![container, index, item];
            self.emit_made(body, slots, Op::StoreSubscript {}, args, Kind::Obj);
            return;
        }
        let (container, kind) = match self.pick(6) {
            0 => (self.small_str(body), Kind::Str),
            1 => (self.small_tuple(body), Kind::Obj),
            2 | 3 => (self.some_list(body, slots), Kind::Obj),
            4 => (self.new_list(body, slots), Kind::Obj),
            _ => (self.stranger(body, slots), Kind::Grown),
        };
        self.emit_made(body, slots, Op::Subscript {}, vec![container, index], kind);
    }

    /// `container[lower:upper:step]`, absent parts `None`.
    fn slice(&mut self, body: &mut Body, slots: usize) {
        let (container, kind) = match self.pick(6) {
            0 | 1 => (self.small_str(body), Kind::Str),
            2 => (self.small_tuple(body), Kind::Tuple(None)),
            3 => (self.some_list(body, slots), Kind::Grown),
            4 => (self.new_list(body, slots), Kind::Grown),
            _ => (self.stranger(body, slots), Kind::Grown),
        };
        let bound = |generator: &mut Self, body: &mut Body| match generator.pick(5) {
            0 | 1 => generator.emit(body, Op::ConstNone {}, vec![], Kind::Obj),
            2 => generator.number(body),
            _ => generator.small_int(body, -6, 8),
        };
        let lower = bound(self, body);
        let upper = bound(self, body);
        let step = if self.chance(2, 3) {
            self.emit(body, Op::ConstNone {}, vec![], Kind::Obj)
        } else {
            self.small_int(body, -2, 3)
        };
        let args = vec![container, lower, upper, step];
        self.emit_made(body, slots, Op::Slice {}, args, kind);
    }

    /// `iter(x)`, then maybe a step; or a step (`iter_next`) or end check
    /// (`iter_done`) of an iterator the case holds.
    fn iterate(&mut self, body: &mut Body, slots: usize) {
        if self.chance(1, 6) {
            // A loop over an empty sequence: its iterator is done at once.
            let empty = match self.pick(3) {
                0 => self.const_obj(body, "''", Kind::Str),
                1 => self.const_obj(body, "()", Kind::Tuple(Some(0))),
                _ => self.build_sequence_of(body, slots, false, 0),
            };
            let Some(iter) = self.emit_made(body, slots, Op::GetIter {}, vec![empty], Kind::Iter)
            else {
                return;
            };
            if self.chance(3, 4) {
                self.emit_any(body, slots, Op::IterDone {}, vec![iter], Kind::Obj);
            } else {
                self.emit_made(body, slots, Op::IterNext {}, vec![iter], Kind::Obj);
            }
            return;
        }
        if self.chance(1, 3) {
            let iterable = match self.pick(6) {
                0 => self.small_str(body),
                1 => self.small_tuple(body),
                2 => self.some_list(body, slots),
                3 => self.new_list(body, slots),
                4 => {
                    match self.operand_where(body, |kind| matches!(kind, Kind::Range | Kind::Iter))
                    {
                        Some(iterable) => iterable,
                        None => self.any_obj(body),
                    }
                }
                _ => self.stranger(body, slots),
            };
            let Some(iter) =
                self.emit_made(body, slots, Op::GetIter {}, vec![iterable], Kind::Iter)
            else {
                return;
            };
            if self.chance(1, 2) {
                self.emit_made(body, slots, Op::IterNext {}, vec![iter], Kind::Obj);
            }
            return;
        }
        let iterators = |kind: Kind| matches!(kind, Kind::Iter | Kind::RangeIter | Kind::ListIter);
        let iter = match self.operand_where(body, iterators) {
            Some(iter) if !self.chance(1, 8) => iter,
            _ => self.any_obj(body),
        };
        if self.chance(1, 5) {
            self.emit_any(body, slots, Op::IterDone {}, vec![iter], Kind::Obj);
        } else {
            self.emit_made(body, slots, Op::IterNext {}, vec![iter], Kind::Obj);
        }
    }

    /// A list or tuple display, sometimes unpacked at once (`a, b = b, a`).
    fn build(&mut self, body: &mut Body, slots: usize) {
        let tuple = self.chance(1, 2);
        let sequence = self.build_sequence(body, slots, tuple);
        if self.chance(1, 3) {
            let count = match body.pool.iter().rev().find(|(value, _)| *value == sequence) {
                Some((_, Kind::Tuple(Some(len)) | Kind::NewList(len))) => u32::from(*len),
                _ => 0,
            };
            self.unpack_value(body, slots, sequence, count);
        }
    }

    /// `build_list` or `build_tuple` of up to four items.
    fn build_sequence(&mut self, body: &mut Body, slots: usize, tuple: bool) -> ValueId {
        let len = self.range(0, 4) as u8;
        self.build_sequence_of(body, slots, tuple, len)
    }

    /// `build_list` or `build_tuple` of `len` items.
    fn build_sequence_of(
        &mut self,
        body: &mut Body,
        slots: usize,
        tuple: bool,
        len: u8,
    ) -> ValueId {
        let items = (0..len).map(|_| self.item(body)).collect();
        let (op, kind) = if tuple {
            (Op::BuildTuple {}, Kind::Tuple(Some(len)))
        } else {
            (Op::BuildList {}, Kind::NewList(len))
        };
        match self.emit_made(body, slots, op, items, kind) {
            Some(sequence) => sequence,
            None => self.emit(body, Op::ConstNone {}, vec![], Kind::Obj),
        }
    }

    /// Unpacking of some value: mostly a sequence of known length, by that count.
    fn unpack(&mut self, body: &mut Body, slots: usize) {
        let known = |kind: Kind| matches!(kind, Kind::Tuple(Some(_)) | Kind::NewList(_));
        let (sequence, count) = match self.operand_where(body, known) {
            Some(sequence) if self.chance(3, 4) => {
                let kind = body.pool.iter().rev().find(|(value, _)| *value == sequence);
                match kind {
                    Some((_, Kind::Tuple(Some(len)) | Kind::NewList(len))) => {
                        (sequence, u32::from(*len))
                    }
                    _ => (sequence, 0),
                }
            }
            _ => {
                let sequence = match self.pick(3) {
                    0 => self.sequence(body, slots),
                    1 => self.any_obj(body),
                    _ => self.stranger(body, slots),
                };
                (sequence, self.range(0, 4) as u32)
            }
        };
        self.unpack_value(body, slots, sequence, count);
    }

    /// `guard_sequence_len count` of `sequence`, then its items last to first, as the
    /// recorder has them (rarely, one item too many, which always exits).
    fn unpack_value(&mut self, body: &mut Body, slots: usize, sequence: ValueId, count: u32) {
        let guard = Op::GuardSequenceLen { count };
        self.emit_any(body, slots, guard, vec![sequence], Kind::Obj);
        let items = if self.chance(1, 12) { count + 1 } else { count };
        for index in (0..items).rev() {
            let op = Op::SequenceItem { index };
            self.emit_any(body, slots, op, vec![sequence], Kind::Obj);
        }
    }

    /// A call of a builtin or bound method the case holds (`call_native`, or
    /// `call_native_kw` with keyword names); sometimes of a Python function (not
    /// made from the trace) or of something not callable. Sometimes the same call
    /// as `call_py`, which runs a Python function in a nested run (the case's
    /// stand-in functions have no code, so such a call raises) and anything else as
    /// `call_native` does.
    fn call_native(&mut self, body: &mut Body, slots: usize) {
        let natives = |kind: Kind| matches!(kind, Kind::Native(_) | Kind::Bound(_));
        let callee = match self.operand_where(body, natives) {
            Some(callee) if !self.chance(1, 10) => callee,
            _ => match self.operand_where(body, |kind| matches!(kind, Kind::Callee(_))) {
                Some(function) if self.chance(1, 2) => function,
                _ => self.stranger(body, slots),
            },
        };
        let known = body.pool.iter().rev().find(|(value, _)| *value == callee);
        let (mut args, kind) = match known.map(|(_, kind)| *kind) {
            Some(Kind::Native(index)) => self.native_args(body, slots, NATIVES[index as usize]),
            Some(Kind::Bound(index)) => {
                let (name, on_list) = BOUND[index as usize];
                let receiver = if on_list {
                    Receiver::List
                } else {
                    Receiver::Str
                };
                self.method_args(body, slots, name, receiver)
            }
            _ => (vec![self.item(body)], Kind::Grown),
        };
        if self.chance(1, 5) {
            let (names, count) = KEYWORDS[self.pick(KEYWORDS.len())];
            let names = self.const_obj(body, names, Kind::Obj);
            for _ in 0..count {
                let value = self.item(body);
                args.push(value);
            }
            args.splice(0..0, [callee, names]);
            self.emit_made(body, slots, Op::CallNativeKw {}, args, kind);
            return;
        }
        args.insert(0, callee);
        let op = match self.chance(1, 4) {
            true => Op::CallPy {
                depth: self.pick(3) as u32,
            },
            false => Op::CallNative {},
        };
        self.emit_made(body, slots, op, args, kind);
    }

    /// Arguments for builtin `name`, mostly ones it takes; the result's kind.
    fn native_args(&mut self, body: &mut Body, slots: usize, name: &str) -> (Vec<ValueId>, Kind) {
        // Never `str` of a stranger: a new list may hold lists whose repr is huge.
        let wrong = self.chance(1, 8) && name != "str";
        if wrong {
            let count = self.range(0, 2) as usize;
            let args = (0..count).map(|_| self.stranger(body, slots)).collect();
            return (args, Kind::Grown);
        }
        match name {
            "len" => (vec![self.sequence(body, slots)], Kind::Number),
            "abs" => (vec![self.number(body)], Kind::Number),
            "min" | "max" => match self.pick(3) {
                0 => (vec![self.number(body), self.number(body)], Kind::Number),
                1 => (vec![self.small_str(body), self.small_str(body)], Kind::Str),
                _ => (vec![self.sequence(body, slots)], Kind::Grown),
            },
            "sum" => {
                let mut args = vec![self.sequence(body, slots)];
                if self.chance(1, 4) {
                    args.push(self.number(body));
                }
                (args, Kind::Grown)
            }
            "int" | "float" | "round" => {
                let mut args = vec![if self.chance(1, 2) {
                    self.small_str(body)
                } else {
                    self.number(body)
                }];
                if name == "round" && self.chance(1, 2) {
                    args.push(self.small_int(body, -2, 3));
                }
                (args, Kind::Number)
            }
            "str" => match self.pick(3) {
                0 => (vec![], Kind::Str),
                1 => (vec![self.small_str(body)], Kind::Str),
                _ => (vec![self.number(body)], Kind::Str),
            },
            "bool" => (vec![self.any_obj(body)], Kind::Obj),
            "list" | "tuple" => {
                let args = match self.pick(4) {
                    0 => vec![],
                    _ => vec![self.sequence(body, slots)],
                };
                (args, Kind::Grown)
            }
            "divmod" => (
                vec![self.number(body), self.number(body)],
                Kind::Tuple(Some(2)),
            ),
            "chr" => {
                let code = if self.chance(3, 4) {
                    self.small_int(body, -1, 300)
                } else {
                    self.number(body)
                };
                (vec![code], Kind::Str)
            }
            "ord" => (vec![self.small_str(body)], Kind::Number),
            _ => {
                let count = self.range(1, 3) as usize;
                let args = (0..count).map(|_| self.number(body)).collect();
                (args, Kind::Grown)
            }
        }
    }

    /// Arguments for method `name` of a `receiver`, mostly ones it takes; the
    /// result's kind.
    fn method_args(
        &mut self,
        body: &mut Body,
        slots: usize,
        name: &str,
        receiver: Receiver,
    ) -> (Vec<ValueId>, Kind) {
        match (name, receiver) {
            ("upper" | "lower", _) => (vec![], Kind::Str),
            ("strip" | "split", _) => {
                let args = match self.chance(1, 2) {
                    true => vec![],
                    false => vec![self.small_str(body)],
                };
                let kind = if name == "strip" {
                    Kind::Str
                } else {
                    Kind::Grown
                };
                (args, kind)
            }
            ("join", _) => (vec![self.sequence(body, slots)], Kind::Grown),
            ("startswith" | "endswith", _) => (vec![self.small_str(body)], Kind::Obj),
            ("find", _) => (vec![self.small_str(body)], Kind::Number),
            ("replace", _) => (
                vec![self.small_str(body), self.small_str(body)],
                Kind::Grown,
            ),
            ("index", Receiver::Str) => (vec![self.small_str(body)], Kind::Number),
            ("index", _) => {
                let needle = if self.chance(1, 2) {
                    self.number(body)
                } else {
                    self.small_str(body)
                };
                (vec![needle], Kind::Number)
            }
            ("append", _) => (vec![self.item(body)], Kind::Obj),
            ("pop", _) => {
                let args = match self.chance(2, 3) {
                    true => vec![],
                    false => vec![self.small_int(body, -3, 3)],
                };
                (args, Kind::Obj)
            }
            ("extend", _) => (vec![self.small_sequence(body, slots)], Kind::Obj),
            ("insert", _) => {
                let at = self.small_int(body, -3, 5);
                (vec![at, self.item(body)], Kind::Obj)
            }
            _ => (vec![], Kind::Obj),
        }
    }

    /// `receiver.name(args)` on a str, list or tuple; sometimes on the wrong type, or
    /// a name no type has.
    fn call_method(&mut self, body: &mut Body, slots: usize) {
        let (name, receiver) = METHODS[self.pick(METHODS.len())];
        let object = match (self.pick(10), receiver) {
            (0, _) => self.stranger(body, slots),
            (_, Receiver::Str) => self.small_str(body),
            (_, Receiver::List) => self.some_list(body, slots),
            (_, Receiver::Tuple) => self.small_tuple(body),
        };
        let (mut args, kind) = self.method_args(body, slots, name, receiver);
        let name = if self.chance(1, 25) { "nosuch" } else { name };
        let Some(name) = Symbol::new(name) else {
            return;
        };
        args.insert(0, object);
        self.emit_made(body, slots, Op::CallMethod { name }, args, kind);
    }
}
