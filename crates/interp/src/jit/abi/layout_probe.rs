//! Measures, once, where compiled code finds the fields of a list and of a range
//! iterator ([`NativeLayout`]), on real objects rather than by assumption.
//!
//! Rust does not promise the layout of `Rc`, `RefCell` or `Vec`. Instead of relying
//! on it, [`probe`] builds a list with distinctive contents and finds each field by
//! value (a list has no padding, so every word it reads is initialised); if any field
//! is not found exactly once, there is no layout and compiled code calls the helpers
//! instead. A range iterator's fields are located by taking references to them. Within one build the layout is
//! fixed, so a probe that succeeds holds for every object of the run.

use std::rc::Rc;
use std::sync::OnceLock;

use tracelift_trace::abi::NativeLayout;

use crate::bytecode::Code;
use crate::value::{FunctionObj, IterObj, ListObj, Value};

/// The measured layout, or `None` where it could not be established.
pub fn layout() -> Option<NativeLayout> {
    static LAYOUT: OnceLock<Option<NativeLayout>> = OnceLock::new();
    *LAYOUT.get_or_init(probe)
}

/// The payload word of an object slot: the `Rc`'s pointer.
fn payload(value: &Value) -> usize {
    // SAFETY: a `Value` is 16 bytes with the payload word at offset 8 (the layout
    // contract in `value/mod.rs`); reading it copies the pointer bits only.
    unsafe { *((value as *const Value as *const u8).add(8) as *const usize) }
}

/// The offset of the one aligned word in `object` (of `size` bytes) equal to
/// `wanted`, relative to `base`; `None` unless exactly one word matches.
fn find_word(object: *const u8, size: usize, base: usize, wanted: usize) -> Option<i32> {
    let mut found = None;
    for offset in (0..size).step_by(8) {
        // SAFETY: `object` points at `size` readable bytes of a live object, and
        // offsets are 8-aligned inside it (objects holding pointers are 8-aligned).
        let word = unsafe { (object.add(offset) as *const usize).read() };
        if word == wanted {
            if found.is_some() {
                return None;
            }
            found = Some(offset);
        }
    }
    let field = object as usize + found?;
    i32::try_from(field.checked_sub(base)?).ok()
}

fn probe() -> Option<NativeLayout> {
    let mut items = Vec::with_capacity(7);
    items.extend([Value::Int(1), Value::Int(2), Value::Int(3)]);
    let list = Value::List(Rc::new(ListObj::new(items)));
    let Value::List(list_rc) = &list else {
        return None;
    };
    let base = payload(&list);
    let object = Rc::as_ptr(list_rc) as *const u8;
    let size = std::mem::size_of::<ListObj>();
    let items_ptr = list_rc.try_items()?.as_ptr() as usize;
    let list_items = find_word(object, size, base, items_ptr)?;
    let list_len = find_word(object, size, base, 3)?;
    find_word(object, size, base, 7)?;
    let list_borrow = {
        let _held = list_rc.try_items()?;
        find_word(object, size, base, 1)?
    };
    if find_word(object, size, base, 0) != Some(list_borrow) {
        return None;
    }

    let iter = IterObj::Range {
        next: std::cell::Cell::new(0),
        remaining: std::cell::Cell::new(0),
        step: 0,
    }
    .value();
    let Value::Iter(iter_rc) = &iter else {
        return None;
    };
    let base = payload(&iter);
    let object = Rc::as_ptr(iter_rc) as *const u8;
    // The iterator has padding, so its fields are found by reference, not by value.
    let IterObj::Range {
        next,
        remaining,
        step,
    } = &**iter_rc
    else {
        return None;
    };
    let offset = |field: usize| i32::try_from(field.checked_sub(base)?).ok();
    // SAFETY: `IterObj` is `repr(C, u8)`: its first byte is the kind's tag.
    let range_kind = unsafe { *object };
    let strong_count = strong_count_offset(&list, list_rc)?;
    let (function_code, code_identity) = function_code_field()?;
    if strong_count_offset(&iter, iter_rc)? != strong_count {
        return None;
    }
    Some(NativeLayout {
        list_borrow,
        list_items,
        list_len,
        iter_kind: offset(object as usize)?,
        range_kind,
        range_next: offset(next.as_ptr() as usize)?,
        range_remaining: offset(remaining.as_ptr() as usize)?,
        range_step: offset(step as *const i64 as usize)?,
        strong_count,
        function_code,
        code_identity,
    })
}

/// Where a function object keeps its code (the `Rc`'s pointer, an offset from the
/// function's payload), and what to add to that pointer to get the code's identity
/// (`Rc::as_ptr`, what `guard_code` compares with).
fn function_code_field() -> Option<(i32, i64)> {
    const _: () = assert!(std::mem::size_of::<Rc<Code>>() == std::mem::size_of::<usize>());
    let code = Rc::new(Code::call_stub(0));
    // SAFETY: an `Rc` of a sized type is one pointer (asserted above); copying its
    // bits takes no reference and is never used as an `Rc`.
    let pointer = unsafe { std::mem::transmute_copy::<Rc<Code>, usize>(&code) };
    let function = FunctionObj::value(code.clone(), Vec::new());
    let Value::Function(function_rc) = &function else {
        return None;
    };
    let object = Rc::as_ptr(function_rc) as *const u8;
    let size = std::mem::size_of::<FunctionObj>();
    let offset = find_word(object, size, payload(&function), pointer)?;
    let identity = (Rc::as_ptr(&code) as usize).wrapping_sub(pointer) as i64;
    Some((offset, identity))
}

/// The offset from `value`'s payload of its object's strong count: the one word of
/// the reference-count header in front of the object that follows the count as
/// references are taken and dropped.
fn strong_count_offset<T>(value: &Value, object_rc: &Rc<T>) -> Option<i32> {
    let base = payload(value);
    let object = Rc::as_ptr(object_rc) as usize;
    let header = base.min(object.checked_sub(16)?);
    let size = object - header;
    let count_at = |wanted: usize| find_word(header as *const u8, size, base, wanted);
    // Counts above one, so the weak count (one) cannot be taken for the strong one.
    let mut extra = vec![value.clone(), value.clone()];
    let first = count_at(Rc::strong_count(object_rc))?;
    extra.push(value.clone());
    let found = count_at(Rc::strong_count(object_rc)) == Some(first);
    drop(extra);
    found.then_some(first)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_layout_of_lists_and_range_iterators_is_found() {
        let layout = super::layout().expect("probe succeeds on this build");
        assert_ne!(layout.list_items, layout.list_len);
        assert_ne!(layout.range_next, layout.range_remaining);
    }
}
