//! The bodies of the helpers compiled traces call for the operations they do not
//! inline. Their symbols and signatures are `tracelift_trace::abi`'s helper table;
//! [`helper_table`] hands the backend their addresses, each cast to the signature the
//! table gives (so a body that drifts from the table does not compile).
//!
//! Every helper is `extern "C"`, never panics (a panic cannot unwind through machine
//! code: it would abort the host) and never runs Python code. Those that can fail
//! return a status, [`OK`] or [`EXIT`]; on `EXIT` the trace leaves through the calling
//! instruction's snapshot and the interpreter performs the operation itself, raising
//! the error or taking the slow path exactly as it would have without the trace.
//!
//! Pointers to values point at 16-byte slots holding a valid [`Value`] that the helper
//! only borrows; results are written to `out` as borrowed bits (see the module docs of
//! `native`).
//!
//! # Safety (for every helper)
//! Compiled code passes pointers that are valid for the call: `ctx` is the context of
//! the running trace, value pointers point at initialised slots, `out` at writable
//! ones. That is the whole contract, so the helpers are safe to call from generated
//! code and from nowhere else.

use std::rc::Rc;

use tracelift_trace::abi::helpers::{EXIT, OK};
use tracelift_trace::abi::{Helper, HelperTable};

use super::compiled_call::*;
use super::generic_helpers::*;
use super::str_append::tl_str_append;
use super::{NativeContext, RawSlot};
use crate::ops::sequence::normalize_index;
use crate::value::{IterObj, Value};
use crate::vm::Interp;

/// The interpreter a trace runs in.
///
/// # Safety
/// `ctx` must be the context of a running trace: its `interp` field points at the
/// interpreter that entered it, which is not otherwise borrowed while compiled code
/// runs (the VM is inside the trampoline call).
pub(super) unsafe fn interp<'a>(ctx: *mut NativeContext) -> &'a mut Interp<'static> {
    // SAFETY: see the function's contract.
    unsafe { &mut *((*ctx).interp as *mut Interp<'static>) }
}

/// Borrows the value in a slot.
///
/// # Safety
/// `slot` points at an initialised value slot that outlives `'a`.
pub(super) unsafe fn value<'a>(slot: *const RawSlot) -> &'a Value {
    // SAFETY: see the function's contract; `RawSlot` has `Value`'s size and alignment.
    unsafe { &*(slot as *const Value) }
}

/// Writes a borrowed copy of `value` to `out` (no reference is taken: the owner of
/// `value` keeps it alive while the trace runs).
///
/// # Safety
/// `out` points at a writable slot.
pub(super) unsafe fn write_borrowed(out: *mut RawSlot, value: &Value) {
    // SAFETY: both are 16-byte slots; a bitwise copy of a valid value is valid bits.
    unsafe { std::ptr::copy_nonoverlapping(value as *const Value as *const RawSlot, out, 1) }
}

/// Gives up an owned value while a trace runs. If it holds the last reference to an
/// object, a borrowed copy in the trace may still point at it, so it is kept in
/// `deferred` until the trace returns to the VM; otherwise it is dropped now. Either
/// way nothing a trace holds is freed under it, and `deferred` never holds an object
/// twice, so it stays bounded by the objects that existed when the trace was entered
/// (traces move objects, they never create heap ones).
pub(crate) fn release(interp: &mut Interp<'_>, old: Value) {
    if old.is_last_reference() {
        interp.rt.jit.deferred.push(old);
    } else {
        drop(old);
    }
}

/// `load_global`: the global (or its builtin fallback); `EXIT` when unbound.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_load_global(
    ctx: *mut NativeContext,
    global: u32,
    out: *mut RawSlot,
) -> u32 {
    // SAFETY: called by compiled code with its context and an out slot.
    let interp = unsafe { interp(ctx) };
    match interp.rt.globals.load(global) {
        // SAFETY: `out` is writable; globals (and builtins) own the value.
        Some(found) => unsafe {
            write_borrowed(out, found);
            OK
        },
        None => EXIT,
    }
}

/// `store_global`: stores a new reference to the value.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_store_global(
    ctx: *mut NativeContext,
    global: u32,
    new: *const RawSlot,
) {
    // SAFETY: called by compiled code with its context and a value slot.
    let (interp, new) = unsafe { (interp(ctx), value(new).clone()) };
    if let Some(old) = interp.rt.globals.replace(global, new) {
        release(interp, old);
    }
}

/// `guard_code`: whether the value is a Python function whose code is `code`.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_function_has_code(function: *const RawSlot, code: *const u8) -> u32 {
    // SAFETY: called by compiled code with a value slot.
    match unsafe { value(function) } {
        Value::Function(function) => {
            u32::from(std::ptr::eq(Rc::as_ptr(&function.code) as *const u8, code))
        }
        _ => 0,
    }
}

/// `list_len`: the length, or -1 (the trace exits) for anything but a list nobody is
/// mutating.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_list_len(list: *const RawSlot) -> i64 {
    // SAFETY: called by compiled code with a value slot.
    match unsafe { value(list) } {
        Value::List(list) => list.try_items().map_or(-1, |items| items.len() as i64),
        _ => -1,
    }
}

/// `list_get`: the item at a (possibly negative) index; `EXIT` when out of range.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_list_get(list: *const RawSlot, index: i64, out: *mut RawSlot) -> u32 {
    // SAFETY: called by compiled code with a value slot.
    let Value::List(list) = (unsafe { value(list) }) else {
        return EXIT;
    };
    let Some(items) = list.try_items() else {
        return EXIT;
    };
    match normalize_index(index, items.len()) {
        // SAFETY: `out` is writable; the list owns the item.
        Some(at) => unsafe {
            write_borrowed(out, &items[at]);
            OK
        },
        None => EXIT,
    }
}

/// `list_set`: replaces the item at an index; `EXIT` (changing nothing) when out of
/// range.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_list_set(
    ctx: *mut NativeContext,
    list: *const RawSlot,
    index: i64,
    new: *const RawSlot,
) -> u32 {
    // SAFETY: called by compiled code with its context and value slots.
    let (interp, list, new) = unsafe { (interp(ctx), value(list), value(new)) };
    let Value::List(list) = list else {
        return EXIT;
    };
    let Some(mut items) = list.try_items_mut() else {
        return EXIT;
    };
    let Some(at) = normalize_index(index, items.len()) else {
        return EXIT;
    };
    let old = std::mem::replace(&mut items[at], new.clone());
    drop(items);
    release(interp, old);
    OK
}

/// `list_append`: appends a new reference to the value; `EXIT` (the list unchanged)
/// when the list's growth does not fit the memory limit or is refused.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_list_append(list: *const RawSlot, new: *const RawSlot) -> u32 {
    // SAFETY: called by compiled code with value slots.
    let (list, new) = unsafe { (value(list), value(new)) };
    let Value::List(list) = list else {
        return EXIT;
    };
    match list.push(new.clone()) {
        Ok(()) => OK,
        Err(_) => EXIT,
    }
}

/// `range_iter_next`: the next int of a range iterator; `EXIT` when exhausted.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_range_iter_next(iter: *const RawSlot, out: *mut i64) -> u32 {
    // SAFETY: called by compiled code with a value slot.
    let Value::Iter(iter) = (unsafe { value(iter) }) else {
        return EXIT;
    };
    let IterObj::Range {
        next,
        remaining,
        step,
    } = &**iter
    else {
        return EXIT;
    };
    let left = remaining.get();
    if left == 0 {
        return EXIT;
    }
    remaining.set(left - 1);
    let current = next.get();
    next.set(current.wrapping_add(*step));
    // SAFETY: `out` is writable.
    unsafe { *out = current };
    OK
}

/// `guard_range_iter_within`: `OK` if the value is a range iterator whose items still
/// to come all lie in `lo..=hi`, else `EXIT`.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_range_iter_within(iter: *const RawSlot, lo: i64, hi: i64) -> u32 {
    // SAFETY: called by compiled code with a value slot.
    match unsafe { value(iter) } {
        Value::Iter(iter) if iter.range_items_within(lo, hi) => OK,
        _ => EXIT,
    }
}

/// `list_iter_next`: the next item of a list iterator; `EXIT` when exhausted.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_list_iter_next(iter: *const RawSlot, out: *mut RawSlot) -> u32 {
    // SAFETY: called by compiled code with a value slot.
    let Value::Iter(iter) = (unsafe { value(iter) }) else {
        return EXIT;
    };
    let IterObj::List { list, index } = &**iter else {
        return EXIT;
    };
    let Some(items) = list.try_items() else {
        return EXIT;
    };
    let Some(item) = items.get(index.get()) else {
        return EXIT;
    };
    index.set(index.get() + 1);
    // SAFETY: `out` is writable; the list owns the item.
    unsafe { write_borrowed(out, item) };
    OK
}

/// The most objects one trace run may create before it exits (and the VM frees what
/// the trace let go of); a side trace's close frees them too.
pub(super) const MAX_TRACE_ALLOCATIONS: usize = 4096;

/// Keeps an object a trace created alive (the trace holds only borrowed copies) and
/// writes a borrowed copy to `out`; `EXIT` past the allocation cap.
///
/// # Safety
/// `out` points at a writable slot.
pub(super) unsafe fn keep_created(
    interp: &mut Interp<'_>,
    created: Value,
    out: *mut RawSlot,
) -> u32 {
    let deferred = &mut interp.rt.jit.deferred;
    if deferred.len() >= MAX_TRACE_ALLOCATIONS {
        return EXIT;
    }
    // SAFETY: `out` is writable; `deferred` owns the object until the trace returns.
    unsafe { write_borrowed(out, &created) };
    deferred.push(created);
    OK
}

/// `guard_range_builtin`: whether the value is the builtin `range` (1) or not (0).
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_is_range_builtin(callee: *const RawSlot) -> u32 {
    // SAFETY: called by compiled code with a value slot.
    u32::from(matches!(
        unsafe { value(callee) },
        Value::Builtin(crate::value::BuiltinId::Range)
    ))
}

/// `guard_builtin`: whether the value is the builtin numbered `builtin` (its place
/// in `BuiltinId::ALL`): 1 or 0.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_is_builtin(callee: *const RawSlot, builtin: u32) -> u32 {
    // SAFETY: called by compiled code with a value slot.
    let callee = unsafe { value(callee) };
    u32::from(matches!(callee, Value::Builtin(id) if id.index() == builtin))
}

/// `range_new`: a new range; `EXIT` for a zero step or past the allocation cap.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_range_new(
    ctx: *mut NativeContext,
    start: i64,
    stop: i64,
    step: i64,
    out: *mut RawSlot,
) -> u32 {
    // SAFETY: called by compiled code with its context.
    let interp = unsafe { interp(ctx) };
    let Some(range) = interp.rt.jit.spare_boxes.range(start, stop, step) else {
        return EXIT;
    };
    // SAFETY: `out` is an out slot (called by compiled code).
    unsafe { keep_created(interp, range, out) }
}

/// Boxes a new iterator (in a spare box if there is one) and keeps it for the trace.
///
/// # Safety
/// `ctx` is the running trace's context and `out` a writable slot.
unsafe fn keep_iterator(ctx: *mut NativeContext, made: IterObj, out: *mut RawSlot) -> u32 {
    // SAFETY: as the caller promises.
    let interp = unsafe { interp(ctx) };
    let iterator = interp.rt.jit.spare_boxes.iter(made);
    // SAFETY: as the caller promises.
    unsafe { keep_created(interp, iterator, out) }
}

/// `range_iter_new`: an iterator over `range(start, stop, step)`, with no range
/// object; `EXIT` for a zero step or past the allocation cap.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_range_iter_new(
    ctx: *mut NativeContext,
    start: i64,
    stop: i64,
    step: i64,
    out: *mut RawSlot,
) -> u32 {
    let Some(made) = crate::ops::sequence::new_range_iter(start, stop, step) else {
        return EXIT;
    };
    // SAFETY: called by compiled code with its context and an out slot.
    unsafe { keep_iterator(ctx, made, out) }
}

/// `range_get_iter` (`list` zero) and `list_get_iter`: a new iterator over a range
/// or a list; `EXIT` for anything else.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_get_iter(
    ctx: *mut NativeContext,
    iterable: *const RawSlot,
    list: u32,
    out: *mut RawSlot,
) -> u32 {
    // SAFETY: called by compiled code with a value slot.
    let iterable = unsafe { value(iterable) };
    let expected = match iterable {
        Value::Range(_) => list == 0,
        Value::List(_) => list != 0,
        _ => false,
    };
    if !expected {
        return EXIT;
    }
    let Some(made) = crate::ops::sequence::new_iter(iterable) else {
        return EXIT;
    };
    // SAFETY: called by compiled code with its context and an out slot.
    unsafe { keep_iterator(ctx, made, out) }
}

/// `range_iter_done` (`range` non-zero) and `list_iter_done`: whether the value is
/// an exhausted iterator of that kind (`OK`), else `EXIT`.
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_iter_done(iter: *const RawSlot, range: u32) -> u32 {
    // SAFETY: called by compiled code with a value slot.
    match unsafe { value(iter) } {
        Value::Iter(iter) if iter.is_exhausted(range != 0) => OK,
        _ => EXIT,
    }
}

macro_rules! float_helper {
    ($(#[doc = $doc:literal])* $name:ident => $function:path) => {
        $(#[doc = $doc])*
        ///
        /// # Safety
        /// Only for compiled code: see the module docs.
        pub unsafe extern "C" fn $name(a: f64, b: f64, out: *mut f64) -> u32 {
            match $function(a, b) {
                // SAFETY: `out` is writable (called by compiled code).
                Ok(result) => unsafe {
                    *out = result;
                    OK
                },
                Err(_) => EXIT,
            }
        }
    };
}

/// C's `pow`, for `float_pow`'s fast path in compiled code (see the helper table).
pub extern "C" fn tl_pow(a: f64, b: f64) -> f64 {
    a.powf(b)
}

float_helper!(
    /// `float_floordiv`; `EXIT` where the interpreter raises.
    tl_float_floordiv => crate::numeric::float_floordiv
);
float_helper!(
    /// `float_mod`; `EXIT` where the interpreter raises.
    tl_float_mod => crate::numeric::float_mod
);
float_helper!(
    /// `float_pow`; `EXIT` where the interpreter raises.
    tl_float_pow => crate::numeric::float_pow
);

/// Stores a new reference to `new` into frame slot `place`, giving up the old value
/// (a side trace closing its loop writes the frame slots whose old or new value is a
/// heap object this way; the others it stores inline). Old values that were the last
/// reference are deferred, so slots can be written in any order, even when values
/// move between them.
///
/// # Safety
/// Only for compiled code: see the module docs; `place` is a slot of the frame.
pub unsafe extern "C" fn tl_store_slot(
    ctx: *mut NativeContext,
    place: *mut RawSlot,
    new: *const RawSlot,
) {
    // SAFETY: called by compiled code with its context, a frame slot and a value slot.
    let (interp, place, new) =
        unsafe { (interp(ctx), &mut *(place as *mut Value), value(new).clone()) };
    let old = std::mem::replace(place, new);
    release(interp, old);
}

/// Frees what the trace tree let go of or made (a side trace closing its loop: the
/// root trace starts afresh from the frame, so no borrowed value survives the close).
///
/// # Safety
/// Only for compiled code: see the module docs.
pub unsafe extern "C" fn tl_drain(ctx: *mut NativeContext) {
    // SAFETY: called by compiled code with its context.
    let interp = unsafe { interp(ctx) };
    interp.rt.jit.free_kept_objects();
}

/// Frees what the running trace made or let go of, except the values a loop still
/// holds at its backward jump: each gets a reference of its own in the new kept list
/// (taken before anything is freed, since a kept value may be owned by an object
/// about to go, such as an item of a list the loop dropped).
///
/// # Safety
/// Only for compiled code: see the module docs; `keep` points at `count` value slots.
pub unsafe extern "C" fn tl_recycle(ctx: *mut NativeContext, keep: *const RawSlot, count: u32) {
    // SAFETY: called by compiled code with its context and `count` value slots.
    let interp = unsafe { interp(ctx) };
    let kept: Vec<Value> = (0..count as usize)
        // SAFETY: each of the `count` slots at `keep` holds a valid value.
        .map(|index| unsafe { value(keep.add(index)) }.clone())
        .collect();
    interp.rt.jit.free_kept_objects();
    for value in kept {
        interp.rt.jit.deferred.push(value);
    }
}

/// Generates [`helper_address`] from the rows of `for_each_helper!`: each body, cast
/// to the function type its row declares.
macro_rules! helper_addresses {
    ($(
        $(#[doc = $doc:literal])*
        $symbol:ident $variant:ident ($($param:ident : $ty:ty),*) -> $result:ty;
    )*) => {
        /// The address of a helper's body.
        fn helper_address(helper: Helper) -> *const u8 {
            match helper {
                $(Helper::$variant => {
                    let body: unsafe extern "C" fn($($ty),*) -> $result = $symbol;
                    body as *const u8
                })*
            }
        }
    };
}

tracelift_trace::for_each_helper!(helper_addresses);

/// The address of every helper, for the backend to link compiled code against.
pub fn helper_table() -> HelperTable {
    HelperTable::new(helper_address)
}
