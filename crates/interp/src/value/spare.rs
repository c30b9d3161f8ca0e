//! [`SpareBoxes`]: the boxes of ranges and iterators compiled code let go of, kept
//! for the next ones it makes.
//!
//! A loop nest running as a trace tree makes a `range` and its iterator each time it
//! enters the inner loop, and lets go of both when the inner loop ends. Those objects
//! die in bursts (`Deferred` frees what a trace kept a few dozen at a time), which
//! overflow the allocator's per-size caches, so each one went through the slow
//! paths of `malloc` and `free`. Keeping a few dozen boxes here turns that into a
//! `Vec` pop and push.
//!
//! Only objects that own nothing are kept (range iterators over `i64`s, ranges), so
//! a spare box is just a dead object nobody points at: it stays charged to the memory
//! accountant as the object it held was, and taking it writes the new object over the
//! old one without the drop and charge a fresh box would cost.

use std::rc::Rc;

use super::object::box_bytes;
use super::{IterObj, RangeObj, Value};
use crate::memory;

/// How many boxes of each kind are kept.
const KEEP: usize = 32;

/// Spare boxes for range iterators and ranges.
#[derive(Debug, Default)]
pub struct SpareBoxes {
    iters: Vec<Rc<IterObj>>,
    ranges: Vec<Rc<RangeObj>>,
}

impl SpareBoxes {
    /// Drops `value`, keeping its box if it is the last reference to a range
    /// iterator or a range.
    #[inline]
    pub fn free(&mut self, value: Value) {
        match value {
            Value::Iter(mut iter)
                if self.iters.len() < KEEP && matches!(*iter, IterObj::Range { .. }) =>
            {
                if Rc::get_mut(&mut iter).is_some() {
                    self.iters.push(iter);
                }
            }
            Value::Range(mut range) if self.ranges.len() < KEEP => {
                if Rc::get_mut(&mut range).is_some() {
                    self.ranges.push(range);
                }
            }
            other => drop(other),
        }
    }

    /// `iter` as a value, in a spare box if there is one.
    #[inline]
    pub fn iter(&mut self, iter: IterObj) -> Value {
        if let Some(mut spare) = self.iters.pop() {
            if let Some(object) = Rc::get_mut(&mut spare) {
                // The dead range iterator owns nothing, and its box stays charged
                // for the new one: nothing to drop, credit or charge.
                std::mem::forget(std::mem::replace(object, iter));
                return Value::Iter(spare);
            }
        }
        iter.value()
    }

    /// `range(start, stop, step)` (`None` for a zero step), in a spare box if there
    /// is one.
    #[inline]
    pub fn range(&mut self, start: i64, stop: i64, step: i64) -> Option<Value> {
        if step == 0 {
            return None;
        }
        let range = RangeObj {
            start: start.into(),
            stop: stop.into(),
            step: step.into(),
        };
        if let Some(mut spare) = self.ranges.pop() {
            if let Some(object) = Rc::get_mut(&mut spare) {
                // As for iterators: a dead range owns nothing and stays charged.
                std::mem::forget(std::mem::replace(object, range));
                return Some(Value::Range(spare));
            }
        }
        // (A `RangeObj` is credited when dropped: the one made here must be the
        // one boxed, and charged as `RangeObj::value` would.)
        memory::charge(box_bytes::<RangeObj>());
        Some(Value::Range(Rc::new(range)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range_iter(next: i64, remaining: u64, step: i64) -> IterObj {
        IterObj::Range {
            next: next.into(),
            remaining: remaining.into(),
            step,
        }
    }

    /// A box comes back holding the new object, and the accountant's count is what
    /// it would be had every object had a box of its own.
    #[test]
    fn a_freed_box_is_reused_and_charged_like_a_new_one() {
        let mut spare = SpareBoxes::default();
        let before = memory::used();
        let first = spare.iter(range_iter(0, 4, 1));
        let Value::Iter(first_box) = &first else {
            panic!("not an iterator: {first:?}");
        };
        let address = Rc::as_ptr(first_box);
        spare.free(first);
        let again = spare.iter(range_iter(3, 2, 5));
        let Value::Iter(second) = &again else {
            panic!("not an iterator: {again:?}");
        };
        assert_eq!(Rc::as_ptr(second), address);
        assert_eq!(
            (
                second.next_in_range(),
                second.next_in_range(),
                second.next_in_range()
            ),
            (Some(Some(3)), Some(Some(8)), Some(None))
        );
        let range = spare.range(1, 10, 3).unwrap();
        let Value::Range(made) = &range else {
            panic!("not a range");
        };
        let made_at = Rc::as_ptr(made);
        spare.free(range);
        let reused = spare.range(2, 0, -1).unwrap();
        let Value::Range(reused_box) = &reused else {
            panic!("not a range");
        };
        assert_eq!(Rc::as_ptr(reused_box), made_at);
        assert_eq!(
            (
                reused_box.start,
                reused_box.stop,
                reused_box.step,
                reused_box.len()
            ),
            (2, 0, -1, 2)
        );
        assert!(spare.range(0, 1, 0).is_none());
        // In use: an iterator and a range; spare: nothing.
        let in_use = box_bytes::<IterObj>() + box_bytes::<RangeObj>();
        assert_eq!(memory::used() - before, in_use);
        spare.free(again);
        spare.free(reused);
        // Spare boxes stay charged until the spares go.
        assert_eq!(memory::used() - before, in_use);
        drop(spare);
        assert_eq!(memory::used(), before);
    }

    /// An object someone else still holds, or one that owns others (a list
    /// iterator), is not taken.
    #[test]
    fn shared_objects_and_owners_keep_their_boxes() {
        let mut spare = SpareBoxes::default();
        let range = spare.range(0, 5, 1).unwrap();
        let Value::Range(held) = &range else {
            panic!("not a range");
        };
        let held = held.clone();
        spare.free(range);
        assert_eq!((held.start, held.stop, held.step), (0, 5, 1));
        let fresh = spare.range(0, 2, 1).unwrap();
        let Value::Range(fresh) = &fresh else {
            panic!("not a range");
        };
        assert!(!Rc::ptr_eq(fresh, &held));

        let list = Value::list(vec![Value::Int(7)]);
        let list_iter = crate::ops::sequence::get_iter(&list).unwrap();
        spare.free(list_iter);
        let Value::List(items) = &list else {
            panic!("not a list");
        };
        // The iterator was dropped, with its reference to the list.
        assert_eq!(Rc::strong_count(items), 1);
        assert!(spare.iters.is_empty());
    }
}
