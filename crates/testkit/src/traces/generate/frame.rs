//! The values a case's frame and globals start with: mostly of the kind the trace
//! checks for, sometimes not (so entry checks fail too), with the edge values of
//! ints and floats (overflow bounds, -0.0, infinities, NaN) often, and functions
//! running the trace's inlined callees (mostly the one a slot is meant for, sometimes
//! another, or one running a code object of its own).

use super::{EntryValue, Generator, Kind};

impl Generator<'_, '_> {
    /// What `entry` checks a slot to be; `None` leaves the slot unread.
    pub(super) fn slot_kind(&mut self) -> Option<Kind> {
        const KINDS: [Option<Kind>; 13] = [
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
            None,
        ];
        match KINDS[self.pick(KINDS.len())] {
            Some(Kind::Callee(_)) => Some(self.callee_kind()),
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
            Kind::Obj => self.any_entry_value(slot),
        }
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
        match self.pick(10) {
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
