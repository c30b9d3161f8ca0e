//! The helpers compiled code calls: one table, [`for_each_helper!`](crate::for_each_helper),
//! with each helper's symbol, name and exact Rust signature.
//!
//! Two consumers derive from it, so they cannot disagree:
//! - the VM, which implements every helper and builds its [`HelperTable`] by casting
//!   each function to the signature written here (a mismatch is a compile error);
//! - the backend, which imports each helper with the Cranelift signature
//!   [`Helper::params`] and [`Helper::result`] give.
//!
//! Every helper is `extern "C"`, never panics and never runs Python code. Those that can
//! fail return a status, [`OK`] or [`EXIT`]; on `EXIT` the trace leaves through the
//! calling instruction's snapshot and the interpreter performs the operation itself.
//! A call that raised answers [`RAISED`]: the trace leaves through the snapshot too,
//! but never into a side trace linked to it, since the VM must raise the error there.
//! Value pointers point at 16-byte slots the helper only borrows; results are written
//! to `out` as borrowed bits.

use super::{NativeContext, RawSlot};

/// The helper finished; its result, if any, is in `out`.
pub const OK: u32 = 0;
/// The fast path does not apply: leave the trace.
pub const EXIT: u32 = 1;
/// A call from the trace raised (or a host function panicked): the error is pending.
/// Leave the trace without entering a linked side trace: the VM raises the error at
/// the snapshot, where the interpreter would have.
pub const RAISED: u32 = 2;

/// The context of the running trace.
pub type Ctx = *mut NativeContext;
/// A value slot the helper reads (borrowed).
pub type ValueIn = *const RawSlot;
/// A slot the helper writes a (borrowed) value to.
pub type ValueOut = *mut RawSlot;
/// An opaque identity the VM handed to the compiler (a code object's address).
pub type Identity = *const u8;

/// Expands the macro `$callback` with every row of the helper table: `symbol Variant
/// (parameters) -> result;`, each with its documentation.
#[macro_export]
macro_rules! for_each_helper {
    ($callback:ident) => {
        $callback! {
            /// `load_global`: the global (or its builtin fallback) into `out`; `EXIT`
            /// when unbound.
            tl_load_global LoadGlobal (ctx: $crate::abi::helpers::Ctx, global: u32, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `store_global`: stores a new reference to the value.
            tl_store_global StoreGlobal (ctx: $crate::abi::helpers::Ctx, global: u32, new: $crate::abi::helpers::ValueIn) -> ();
            /// `guard_code`: 1 if the value is a Python function whose code object is
            /// `code`, else 0.
            tl_function_has_code FunctionHasCode (function: $crate::abi::helpers::ValueIn, code: $crate::abi::helpers::Identity) -> u32;
            /// `list_len`: the length, or -1 for anything but a list nobody is mutating.
            tl_list_len ListLen (list: $crate::abi::helpers::ValueIn) -> i64;
            /// `list_get`: the item at a (possibly negative) index; `EXIT` when out of
            /// range.
            tl_list_get ListGet (list: $crate::abi::helpers::ValueIn, index: i64, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `list_set`: replaces the item at an index; `EXIT` (changing nothing) when
            /// out of range.
            tl_list_set ListSet (ctx: $crate::abi::helpers::Ctx, list: $crate::abi::helpers::ValueIn, index: i64, new: $crate::abi::helpers::ValueIn) -> u32;
            /// `list_append`: appends a new reference to the value.
            tl_list_append ListAppend (list: $crate::abi::helpers::ValueIn, new: $crate::abi::helpers::ValueIn) -> u32;
            /// `range_iter_next`: the next int of a range iterator; `EXIT` when exhausted.
            tl_range_iter_next RangeIterNext (iter: $crate::abi::helpers::ValueIn, out: *mut i64) -> u32;
            /// `guard_range_iter_within`: `OK` if the value is a range iterator whose items
            /// still to come all lie in `lo..=hi`, else `EXIT`.
            tl_range_iter_within RangeIterWithin (iter: $crate::abi::helpers::ValueIn, lo: i64, hi: i64) -> u32;
            /// `list_iter_next`: the next item of a list iterator; `EXIT` when exhausted.
            tl_list_iter_next ListIterNext (iter: $crate::abi::helpers::ValueIn, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `range_iter_done` (`range` non-zero) and `list_iter_done`: `OK` if the
            /// value is an exhausted iterator of that kind, else `EXIT`.
            tl_iter_done IterDone (iter: $crate::abi::helpers::ValueIn, range: u32) -> u32;
            /// `guard_range_builtin`: 1 if the value is the builtin `range`, else 0.
            tl_is_range_builtin IsRangeBuiltin (callee: $crate::abi::helpers::ValueIn) -> u32;
            /// `guard_builtin`: 1 if the value is the builtin numbered `builtin`, else 0.
            tl_is_builtin IsBuiltin (callee: $crate::abi::helpers::ValueIn, builtin: u32) -> u32;
            /// `range_new`: a new range; `EXIT` for a zero step or past the allocation cap.
            tl_range_new RangeNew (ctx: $crate::abi::helpers::Ctx, start: i64, stop: i64, step: i64, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `range_iter_new`: a new iterator over `range(start, stop, step)`; `EXIT`
            /// for a zero step or past the allocation cap.
            tl_range_iter_new RangeIterNew (ctx: $crate::abi::helpers::Ctx, start: i64, stop: i64, step: i64, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `range_get_iter` (`list` zero) and `list_get_iter`: a new iterator over a
            /// range or a list; `EXIT` for anything else or past the allocation cap.
            tl_get_iter GetIter (ctx: $crate::abi::helpers::Ctx, iterable: $crate::abi::helpers::ValueIn, list: u32, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `float_floordiv`; `EXIT` where the interpreter raises.
            tl_float_floordiv FloatFloorDiv (a: f64, b: f64, out: *mut f64) -> u32;
            /// `float_mod`; `EXIT` where the interpreter raises.
            tl_float_mod FloatMod (a: f64, b: f64, out: *mut f64) -> u32;
            /// `float_pow`; `EXIT` where the interpreter raises.
            tl_float_pow FloatPow (a: f64, b: f64, out: *mut f64) -> u32;
            /// C's `pow(a, b)`, which is Python's `a ** b` for a finite positive `a`
            /// and a finite `b` whenever the result is finite (`float_pow`'s fast
            /// path; the caller checks all three).
            tl_pow Pow (a: f64, b: f64) -> f64;
            /// Stores a new reference to `new` into frame slot `place`, giving up the
            /// old value (a side trace's close writes heap values this way).
            tl_store_slot StoreSlot (ctx: $crate::abi::helpers::Ctx, place: $crate::abi::helpers::ValueOut, new: $crate::abi::helpers::ValueIn) -> ();
            /// Frees what the trace tree let go of or made (at a side trace's close).
            tl_drain Drain (ctx: $crate::abi::helpers::Ctx) -> ();
            /// Frees what the running trace made or let go of, except the `count`
            /// values at `keep` (a loop's live objects at its backward jump), which it
            /// keeps alive in their place.
            tl_recycle Recycle (ctx: $crate::abi::helpers::Ctx, keep: $crate::abi::helpers::ValueIn, count: u32) -> ();
            /// `binary_generic`: `a OP b` (`op` is `Arith::code`) into `out`; `EXIT`
            /// where the interpreter raises, past the allocation cap, or for an
            /// in-place operator that could free a list's items.
            tl_binary_generic BinaryGeneric (ctx: $crate::abi::helpers::Ctx, op: u32, a: $crate::abi::helpers::ValueIn, b: $crate::abi::helpers::ValueIn, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `str_append`: `a += b` for two strings, in place when `a` has no other
            /// reference (verifier rule 10 makes that safe), else a new string; `EXIT`
            /// unless both are strings, where the interpreter raises, or past the
            /// allocation cap.
            tl_str_append StrAppend (ctx: $crate::abi::helpers::Ctx, a: $crate::abi::helpers::ValueIn, b: $crate::abi::helpers::ValueIn, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `unary_generic`: `OP a` (`op` is `UnaryOperator::code`); `EXIT` where
            /// the interpreter raises.
            tl_unary_generic UnaryGeneric (ctx: $crate::abi::helpers::Ctx, op: u32, a: $crate::abi::helpers::ValueIn, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `compare_generic`: `a OP b` (`op` is `Comparison::code`) as a bool
            /// object; `EXIT` where the interpreter raises.
            tl_compare_generic CompareGeneric (ctx: $crate::abi::helpers::Ctx, op: u32, a: $crate::abi::helpers::ValueIn, b: $crate::abi::helpers::ValueIn, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `truthy`: 1 if the value is true in Python's sense, else 0.
            tl_truthy Truthy (value: $crate::abi::helpers::ValueIn) -> u32;
            /// `subscript`: `container[index]`; `EXIT` where the interpreter raises.
            tl_subscript Subscript (ctx: $crate::abi::helpers::Ctx, container: $crate::abi::helpers::ValueIn, index: $crate::abi::helpers::ValueIn, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `store_subscript`: `container[index] = new`; `EXIT`, changing nothing,
            /// where the interpreter raises.
            tl_store_subscript StoreSubscript (ctx: $crate::abi::helpers::Ctx, container: $crate::abi::helpers::ValueIn, index: $crate::abi::helpers::ValueIn, new: $crate::abi::helpers::ValueIn) -> u32;
            /// `slice`: `container[lower:upper:step]`; `EXIT` where the interpreter
            /// raises.
            tl_slice Slice (ctx: $crate::abi::helpers::Ctx, container: $crate::abi::helpers::ValueIn, lower: $crate::abi::helpers::ValueIn, upper: $crate::abi::helpers::ValueIn, step: $crate::abi::helpers::ValueIn, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `get_iter`: `iter(x)` for any iterable; `EXIT` where the interpreter
            /// raises.
            tl_get_iter_any GetIterAny (ctx: $crate::abi::helpers::Ctx, iterable: $crate::abi::helpers::ValueIn, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `iter_next`: the next item of any iterator; `EXIT` when exhausted.
            tl_iter_next IterNext (ctx: $crate::abi::helpers::Ctx, iter: $crate::abi::helpers::ValueIn, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `iter_done`: `OK` if the value is an exhausted iterator of any kind,
            /// else `EXIT`.
            tl_iter_done_any IterDoneAny (iter: $crate::abi::helpers::ValueIn) -> u32;
            /// `build_list` (`tuple` zero) and `build_tuple`: a new sequence of the
            /// `count` values at `items`; `EXIT` past the allocation cap.
            tl_build_sequence BuildSequence (ctx: $crate::abi::helpers::Ctx, items: $crate::abi::helpers::ValueIn, count: u32, tuple: u32, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `guard_sequence_len`: 1 if the value is a tuple or list of `count`
            /// items, else 0.
            tl_sequence_len_is SequenceLenIs (sequence: $crate::abi::helpers::ValueIn, count: u32) -> u32;
            /// `sequence_item`: item `index` of a tuple or list; `EXIT` if there is none.
            tl_sequence_item SequenceItem (sequence: $crate::abi::helpers::ValueIn, index: u32, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `call_native` (`kind` 0), `call_native_kw` (1) and `call_method` (2, with
            /// `name` pointing at the three words of the method's `Symbol`): calls with
            /// the `count` values at `args`; `EXIT` before a call that cannot be made
            /// here, or after one that raised (its error is pending).
            tl_call Call (ctx: $crate::abi::helpers::Ctx, kind: u32, name: *const u64, args: $crate::abi::helpers::ValueIn, count: u32, out: $crate::abi::helpers::ValueOut) -> u32;
            /// `call_py`: calls the first of the `count` values at `args` with the
            /// others in a nested run of the interpreter; first takes a reference of
            /// its own to each of the `held` values at `keep` (the objects the trace
            /// still uses, which the callee could otherwise free). `EXIT` before a
            /// call that cannot be made here, `RAISED` after one that raised.
            tl_call_py CallPy (ctx: $crate::abi::helpers::Ctx, depth: u32, args: $crate::abi::helpers::ValueIn, count: u32, keep: $crate::abi::helpers::ValueIn, held: u32, out: $crate::abi::helpers::ValueOut) -> u32;
            /// A compiled call (`FunctionTree`) whose callee left with `exit` other
            /// than by returning an immediate: finishes the call as `tl_call_py`
            /// would have made it. The callee's frame is the `count` slots at
            /// `frame` (borrowed); `callee` is `(trace number << 32) | code index`
            /// of the caller's `guard_code`; `kept` is `deferred_len` before the call
            /// (what the callee kept above it is its own). Takes over the references
            /// compiled code took to the `held` values at `keep`. `OK` with the value
            /// returned in `out`, `RAISED` after the callee raised, `EXIT` if it could
            /// not be finished here (the interpreter makes the call again: only before
            /// the callee ran anything, which never happens after a compiled call).
            tl_finish_call FinishCall (ctx: $crate::abi::helpers::Ctx, exit: i64, callee: i64, frame: $crate::abi::helpers::ValueIn, count: u32, keep: $crate::abi::helpers::ValueIn, held: u32, kept: i64, out: $crate::abi::helpers::ValueOut) -> u32;
            /// After a compiled call returned: frees what the callee kept above
            /// `kept` (`deferred_len` before the call).
            tl_free_callee_kept FreeCalleeKept (ctx: $crate::abi::helpers::Ctx, kept: i64) -> ();
            /// Drops the reference compiled code took to the object in `slot` when
            /// it is the last one (kept until the trace exits, as any value a trace
            /// lets go of).
            tl_drop_last_reference DropLastReference (ctx: $crate::abi::helpers::Ctx, slot: $crate::abi::helpers::ValueIn) -> ();
        }
    };
}

/// How a helper's parameter or result travels: the machine type the backend gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbiType {
    /// A pointer-sized integer.
    Ptr,
    I32,
    I64,
    F64,
}

/// The [`AbiType`] of a Rust parameter type of the helper table.
pub trait AbiValue {
    const TYPE: AbiType;
}

impl AbiValue for u32 {
    const TYPE: AbiType = AbiType::I32;
}

impl AbiValue for i64 {
    const TYPE: AbiType = AbiType::I64;
}

impl AbiValue for f64 {
    const TYPE: AbiType = AbiType::F64;
}

impl<T> AbiValue for *const T {
    const TYPE: AbiType = AbiType::Ptr;
}

impl<T> AbiValue for *mut T {
    const TYPE: AbiType = AbiType::Ptr;
}

/// The [`AbiType`] of a Rust result type of the helper table (`()` is none).
pub trait AbiResult {
    const TYPE: Option<AbiType>;
}

impl AbiResult for () {
    const TYPE: Option<AbiType> = None;
}

impl<T: AbiValue> AbiResult for T {
    const TYPE: Option<AbiType> = Some(T::TYPE);
}

macro_rules! define_helpers {
    ($(
        $(#[doc = $doc:literal])*
        $symbol:ident $variant:ident ($($param:ident : $ty:ty),*) -> $result:ty;
    )*) => {
        /// A helper compiled code may call (see the module docs).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Helper {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Helper {
            /// Every helper, in table order.
            pub const ALL: &'static [Helper] = &[$(Helper::$variant),*];

            /// The symbol compiled code imports it by.
            pub fn symbol(self) -> &'static str {
                match self { $(Helper::$variant => stringify!($symbol),)* }
            }

            /// The machine types of its parameters, in order.
            pub fn params(self) -> &'static [AbiType] {
                match self { $(Helper::$variant => &[$(<$ty as AbiValue>::TYPE),*],)* }
            }

            /// The machine type of its result, if it has one.
            pub fn result(self) -> Option<AbiType> {
                match self { $(Helper::$variant => <$result as AbiResult>::TYPE,)* }
            }
        }
    };
}

crate::for_each_helper!(define_helpers);

/// The address of every helper in the VM: what a backend links compiled code against.
/// Kept as plain numbers, so a backend may be moved to a compile thread with it.
#[derive(Clone, Debug)]
pub struct HelperTable {
    addresses: Vec<usize>,
}

impl HelperTable {
    /// A table of each helper's address as `address_of` gives it.
    pub fn new(address_of: impl Fn(Helper) -> *const u8) -> HelperTable {
        HelperTable {
            addresses: Helper::ALL
                .iter()
                .map(|helper| address_of(*helper) as usize)
                .collect(),
        }
    }

    pub fn address(&self, helper: Helper) -> *const u8 {
        // `new` fills one address per helper, in `Helper::ALL` order.
        self.addresses
            .get(helper as usize)
            .map_or(std::ptr::null(), |&address| address as *const u8)
    }

    /// Every helper with its symbol and address.
    pub fn symbols(&self) -> impl Iterator<Item = (&'static str, *const u8)> + '_ {
        Helper::ALL
            .iter()
            .map(|helper| (helper.symbol(), self.address(*helper)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_come_from_the_rust_types() {
        assert_eq!(
            Helper::ListGet.params(),
            [AbiType::Ptr, AbiType::I64, AbiType::Ptr]
        );
        assert_eq!(Helper::ListGet.result(), Some(AbiType::I32));
        assert_eq!(Helper::Drain.result(), None);
        assert_eq!(
            Helper::FloatPow.params(),
            [AbiType::F64, AbiType::F64, AbiType::Ptr]
        );
    }

    #[test]
    fn a_table_holds_each_helpers_address() {
        let table = HelperTable::new(|helper| (helper as usize * 16 + 8) as *const u8);
        let symbols: Vec<(&str, usize)> = table
            .symbols()
            .take(2)
            .map(|(symbol, address)| (symbol, address as usize))
            .collect();
        assert_eq!(symbols, [("tl_load_global", 8), ("tl_store_global", 24)]);
        assert_eq!(
            table.address(Helper::Drain) as usize,
            Helper::Drain as usize * 16 + 8
        );
    }
}
