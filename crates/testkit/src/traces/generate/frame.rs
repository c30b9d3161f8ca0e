//! The values a case's frame and globals start with: mostly of the kind the trace
//! checks for, sometimes not (so entry checks fail too), with the edge values of
//! ints and floats (overflow bounds, -0.0, infinities, NaN) often, and functions
//! running the trace's inlined callees (mostly the one a slot is meant for, sometimes
//! another, or one running a code object of its own). Generic ops get small strs and
//! tuples, boxed numbers (big ints too), builtin functions and bound methods (of a
//! list slot, mostly, so calling them changes the frame).

use super::{EntryValue, Generator, Kind};

impl Generator<'_, '_> {
    /// What `entry` checks a slot to be; `None` leaves the slot unread.
    pub(super) fn slot_kind(&mut self) -> Option<Kind> {
        const KINDS: [Option<Kind>; 19] = [
            Some(Kind::Int),
            Some(Kind::Int),
            Some(Kind::Int),
            Some(Kind::Float),
            Some(Kind::Float),
            Some(Kind::Bool),
            Some(Kind::List),
            Some(Kind::List),
            Some(Kind::RangeIter),
            Some(Kind::ListIter),
            Some(Kind::Obj),
            Some(Kind::Callee(0)),
            Some(Kind::Str),
            Some(Kind::Tuple(None)),
            Some(Kind::Number),
            Some(Kind::Native(0)),
            Some(Kind::Native(0)),
            Some(Kind::Bound(0)),
            None,
        ];
        match KINDS[self.pick(KINDS.len())] {
            Some(Kind::Callee(_)) => Some(self.callee_kind()),
            Some(Kind::Native(_)) => Some(self.native_kind()),
            Some(Kind::Bound(_)) => Some(Kind::Bound(self.pick(super::generic::BOUND.len()) as u8)),
            Some(Kind::Str) if self.chance(1, 2) => Some(Kind::Text),
            kind => kind,
        }
    }

    /// A function of a random inlined callee; an object of unknown type if the trace
    /// has no callee.
    pub(super) fn callee_kind(&mut self) -> Kind {
        match self.callee_locals.len() {
            0 => Kind::Obj,
            callees => Kind::Callee(self.pick(callees) as u32),
        }
    }

    /// A builtin function of `generic::NATIVES`.
    pub(super) fn native_kind(&mut self) -> Kind {
        Kind::Native(self.pick(super::generic::NATIVES.len()) as u8)
    }

    pub(super) fn int_constant(&mut self) -> i64 {
        const INTERESTING: [i64; 14] = [
            0,
            1,
            -1,
            2,
            3,
            7,
            63,
            64,
            100,
            i64::MAX,
            i64::MIN,
            1 << 32,
            -(1 << 62),
            i64::MAX - 1,
        ];
        if self.chance(1, 2) {
            INTERESTING[self.pick(INTERESTING.len())]
        } else {
            self.range(0, 2000) as i64 - 1000
        }
    }

    pub(super) fn float_constant(&mut self) -> f64 {
        const INTERESTING: [f64; 12] = [
            0.0,
            -0.0,
            1.0,
            0.5,
            -2.5,
            3.0,
            1e308,
            -1e-310,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            0.1,
        ];
        if self.chance(1, 2) {
            INTERESTING[self.pick(INTERESTING.len())]
        } else {
            (self.range(0, 4000) as f64 - 2000.0) / 8.0
        }
    }

    /// A value of `kind` for frame slot `slot` (or a global, with `slot` the slot count).
    pub(super) fn entry_value(&mut self, kind: Kind, slot: usize) -> EntryValue {
        match kind {
            Kind::Int => EntryValue::Int(self.int_constant()),
            Kind::Float => EntryValue::Float(self.float_constant()),
            Kind::Bool => EntryValue::Bool(self.chance(1, 2)),
            Kind::List => {
                if slot > 0 && self.chance(1, 4) {
                    return EntryValue::SameAs(self.pick(slot));
                }
                EntryValue::List(self.list_items())
            }
            Kind::RangeIter => {
                let start = self.range(0, 20) as i64 - 10;
                let len = self.range(0, 5000) as i64;
                let step = [1, 1, 2, -1, 3][self.pick(5)];
                EntryValue::RangeIter(start, start + step * len, step)
            }
            Kind::ListIter => {
                let items = self.list_items();
                let index = self.pick(items.len() + 1);
                EntryValue::ListIter(Box::new(EntryValue::List(items)), index)
            }
            Kind::Range => {
                let stop = self.range(0, 100) as i64;
                EntryValue::Range(0, stop, 1)
            }
            // Sometimes the next callee's function, or a stranger's: same type, wrong
            // code.
            Kind::Callee(code) if self.chance(1, 8) => EntryValue::Function(code + 1),
            Kind::Callee(code) => EntryValue::Function(code),
            Kind::Obj | Kind::Grown | Kind::Iter => self.any_entry_value(slot),
            Kind::Str => EntryValue::Str(self.text().into()),
            // Sometimes another slot's value, so the string has two references.
            Kind::Text if slot > 0 && self.chance(1, 5) => EntryValue::SameAs(self.pick(slot)),
            Kind::Text => EntryValue::Str(self.text().into()),
            Kind::Tuple(_) | Kind::NewList(_) => {
                let items = self.list_items().into_iter().take(4);
                let mut items: Vec<EntryValue> = items.collect();
                if self.chance(1, 4) {
                    items.push(EntryValue::Str(self.text().into()));
                }
                EntryValue::Tuple(items)
            }
            Kind::Number => match self.pick(5) {
                0 => EntryValue::BigInt(-(i128::from(i64::MAX)) - 2 - self.range(0, 9) as i128),
                1 => EntryValue::BigInt(i128::from(u64::MAX) + self.range(0, 9) as i128),
                2 => EntryValue::Float(self.float_constant()),
                3 => EntryValue::Bool(self.chance(1, 2)),
                _ => EntryValue::Int(self.int_constant()),
            },
            Kind::Native(index) => {
                EntryValue::Builtin(super::generic::NATIVES[index as usize].into())
            }
            Kind::Bound(index) => {
                let (name, on_list) = super::generic::BOUND[index as usize];
                let receiver = if !on_list {
                    EntryValue::Str(self.text().into())
                } else if slot > 0 && self.chance(2, 3) {
                    EntryValue::SameAs(self.pick(slot))
                } else {
                    EntryValue::List(self.list_items())
                };
                EntryValue::Method(Box::new(receiver), name.into())
            }
        }
    }

    /// A short text (the strs of entry values and constants).
    pub(super) fn text(&mut self) -> &'static str {
        const TEXTS: [&str; 14] = [
            "",
            "a",
            "abc",
            "a,b,c",
            " hi ",
            "Hello",
            "12",
            "-3",
            "1.5",
            "inf",
            "nan",
            "x y z",
            "h\u{e9}llo",
            ",",
        ];
        TEXTS[self.pick(TEXTS.len())]
    }

    fn list_items(&mut self) -> Vec<EntryValue> {
        let len = self.range(0, 8) as usize;
        (0..len)
            .map(|_| match self.pick(6) {
                0 => EntryValue::Float(self.float_constant()),
                1 => EntryValue::Bool(self.chance(1, 2)),
                2 => EntryValue::PyNone,
                _ => EntryValue::Int(self.int_constant()),
            })
            .collect()
    }

    /// A value of any type, for a slot whose check should fail (or an `obj` slot).
    pub(super) fn any_entry_value(&mut self, slot: usize) -> EntryValue {
        match self.pick(13) {
            10 => self.entry_value(Kind::Str, slot),
            11 => self.entry_value(Kind::Tuple(None), slot),
            12 => {
                let kind = self.native_kind();
                self.entry_value(kind, slot)
            }
            0 => EntryValue::Unbound,
            1 => EntryValue::PyNone,
            2 => EntryValue::BigInt(i128::from(i64::MAX) + 1 + self.range(0, 100) as i128),
            3 => EntryValue::Range(0, self.range(0, 10) as i64, 1),
            4 => EntryValue::RangeBuiltin,
            5 => self.entry_value(Kind::List, slot),
            6 => self.entry_value(Kind::Float, slot),
            7 => self.entry_value(Kind::Bool, slot),
            8 => EntryValue::Function(self.pick(self.callee_locals.len() + 1) as u32),
            _ => self.entry_value(Kind::Int, slot),
        }
    }
}
