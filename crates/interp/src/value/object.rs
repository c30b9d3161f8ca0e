//! The heap objects a [`Value`](super::Value) points to: lists, tuples, ranges,
//! functions, bound methods, iterators and host (Rust) functions (strings are in
//! `str.rs`).
//!
//! Lists are the only mutable containers. A list's items sit in a `RefCell`; every
//! mutation takes its values out of any other borrow first (e.g. `lst.extend(lst)`
//! copies before it borrows mutably), so a borrow never overlaps a mutable one.

use std::cell::{Cell, Ref, RefCell, RefMut};
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::rc::Rc;

use super::{StrObj, Value};
use crate::bytecode::Code;
use crate::exception::PyErr;
use crate::memory;

/// The allocation of an `Rc` box holding a `T` (the object and the two counts).
pub(crate) const fn box_bytes<T>() -> usize {
    memory::allocation(std::mem::size_of::<T>() + 2 * std::mem::size_of::<usize>())
}

/// The footprint of a list or tuple whose item buffer holds `capacity` values.
fn items_footprint<T>(capacity: usize) -> usize {
    box_bytes::<T>() + memory::buffer::<Value>(capacity)
}

/// A mutable list shared by reference.
///
/// Its footprint (box and item buffer) is charged to the memory accountant when it is
/// made and credited when it is freed; every mutable borrow ([`ListObj::items_mut`])
/// charges or credits the change of the buffer's capacity when it ends.
#[derive(Debug)]
pub struct ListObj {
    items: RefCell<Vec<Value>>,
}

impl Default for ListObj {
    fn default() -> ListObj {
        ListObj::new(Vec::new())
    }
}

/// A mutable borrow of a list's items that accounts for the buffer's growth when it
/// ends.
pub struct ListItemsMut<'a> {
    items: RefMut<'a, Vec<Value>>,
    capacity: usize,
}

impl Deref for ListItemsMut<'_> {
    type Target = Vec<Value>;

    #[inline(always)]
    fn deref(&self) -> &Vec<Value> {
        &self.items
    }
}

impl DerefMut for ListItemsMut<'_> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut Vec<Value> {
        &mut self.items
    }
}

impl Drop for ListItemsMut<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        let now = self.items.capacity();
        if now != self.capacity {
            account_capacity(self.capacity, now);
        }
    }
}

#[cold]
fn account_capacity(before: usize, after: usize) {
    let (before, after) = (
        memory::buffer::<Value>(before),
        memory::buffer::<Value>(after),
    );
    if after > before {
        memory::charge(after - before);
    } else {
        memory::credit(before - after);
    }
}

impl ListObj {
    pub fn new(items: Vec<Value>) -> ListObj {
        memory::charge(items_footprint::<ListObj>(items.capacity()));
        ListObj {
            items: RefCell::new(items),
        }
    }

    /// Appends `value`, growing the buffer under the memory limit: `MemoryError`
    /// (and the list unchanged) when the growth does not fit or is refused, or when
    /// the list is borrowed (never, for a script; compiled code then exits).
    #[inline]
    pub fn push(&self, value: Value) -> Result<(), PyErr> {
        let Some(mut items) = self.try_items_mut() else {
            return Err(memory::memory_error());
        };
        if items.len() == items.capacity() {
            if items.len() >= crate::ops::arith::MAX_SEQUENCE_LEN {
                return Err(memory::memory_error());
            }
            memory::reserve_more(&mut items, 1)?;
        }
        items.push(value);
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.items.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, index: usize) -> Option<Value> {
        self.items.borrow().get(index).cloned()
    }

    pub fn items(&self) -> Ref<'_, Vec<Value>> {
        self.items.borrow()
    }

    /// Mutable access. Callers must not hold any other borrow of this list (see the
    /// module docs); values to insert are computed before calling this. Growth should
    /// go through [`memory::reserve_more`] first, so it is checked against the limit.
    #[inline]
    pub fn items_mut(&self) -> ListItemsMut<'_> {
        let items = self.items.borrow_mut();
        ListItemsMut {
            capacity: items.capacity(),
            items,
        }
    }

    /// Shared access that fails instead of panicking when the list is being mutated
    /// (for helpers called from compiled code, which must never panic).
    pub fn try_items(&self) -> Option<Ref<'_, Vec<Value>>> {
        self.items.try_borrow().ok()
    }

    /// Mutable access that fails instead of panicking (see [`ListObj::try_items`]).
    pub fn try_items_mut(&self) -> Option<ListItemsMut<'_>> {
        let items = self.items.try_borrow_mut().ok()?;
        Some(ListItemsMut {
            capacity: items.capacity(),
            items,
        })
    }

    /// The items as a slice that cannot grow or shrink (so nothing needs accounting
    /// when the borrow ends), or `None` when the list is borrowed already. For typed
    /// item stores, which replace one item in place.
    #[inline(always)]
    pub fn try_items_fixed_mut(&self) -> Option<RefMut<'_, [Value]>> {
        let items = self.items.try_borrow_mut().ok()?;
        Some(RefMut::map(items, |items| items.as_mut_slice()))
    }

    /// A copy of the items (used where the list may be mutated while they are used).
    pub fn snapshot(&self) -> Vec<Value> {
        self.items.borrow().clone()
    }

    /// Moves the items out, leaving the list empty (used by the non-recursive drop,
    /// which credits the list's footprint).
    pub(super) fn take_items(&self) -> Vec<Value> {
        let items = std::mem::take(&mut *self.items.borrow_mut());
        memory::credit(items_footprint::<ListObj>(items.capacity()));
        items
    }
}

/// An immutable tuple. It dereferences to its items. Its footprint is charged when it
/// is made and credited when it is freed.
#[derive(Debug)]
pub struct TupleObj {
    items: Vec<Value>,
}

impl Default for TupleObj {
    fn default() -> TupleObj {
        TupleObj::new(Vec::new())
    }
}

impl TupleObj {
    pub fn new(items: Vec<Value>) -> TupleObj {
        memory::charge(items_footprint::<TupleObj>(items.capacity()));
        TupleObj { items }
    }
}

impl std::ops::Deref for TupleObj {
    type Target = [Value];

    fn deref(&self) -> &[Value] {
        &self.items
    }
}

impl Drop for TupleObj {
    fn drop(&mut self) {
        let items = std::mem::take(&mut self.items);
        memory::credit(items_footprint::<TupleObj>(items.capacity()));
        super::drop::defer_items(items);
    }
}

/// `range(start, stop, step)`; `step` is never zero. Bounds are limited to
/// [`RangeObj::MAX_BOUND`] in magnitude so that every computation on them fits in i128.
#[derive(Debug, PartialEq, Eq)]
pub struct RangeObj {
    pub start: i128,
    pub stop: i128,
    pub step: i128,
}

impl RangeObj {
    /// A range value (charged to the memory accountant).
    pub fn value(start: i128, stop: i128, step: i128) -> Value {
        memory::charge(box_bytes::<RangeObj>());
        Value::Range(Rc::new(RangeObj { start, stop, step }))
    }

    /// The largest bound magnitude a range accepts (2**120).
    pub const MAX_BOUND: i128 = 1 << 120;

    /// The number of elements.
    #[inline]
    pub fn len(&self) -> u128 {
        match self.narrow() {
            Some((start, stop, step)) => u128::from(narrow_len(start, stop, step)),
            None => self.wide_len(),
        }
    }

    /// The bounds and step as `i64`s, when all three fit (every range a loop makes
    /// from ints that fit): then the length needs no 128-bit division.
    #[inline]
    pub fn narrow(&self) -> Option<(i64, i64, i64)> {
        Some((
            i64::try_from(self.start).ok()?,
            i64::try_from(self.stop).ok()?,
            i64::try_from(self.step).ok()?,
        ))
    }

    fn wide_len(&self) -> u128 {
        let (start, stop, step) = (self.start, self.stop, self.step);
        let count = if step > 0 {
            (stop - start + step - 1) / step
        } else {
            (start - stop - step - 1) / -step
        };
        count.max(0) as u128
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The element at `index` (already normalised to `0..len`).
    pub fn get(&self, index: u128) -> i128 {
        self.start + index as i128 * self.step
    }
}

/// The length of a range whose bounds and (non-zero) step fit in `i64`. The distance
/// between the bounds always fits in a `u64`, and every element lies between them.
#[inline]
pub fn narrow_len(start: i64, stop: i64, step: i64) -> u64 {
    let (distance, stride) = match step > 0 {
        true if start < stop => (stop.abs_diff(start), step.unsigned_abs()),
        false if start > stop => (start.abs_diff(stop), step.unsigned_abs()),
        _ => return 0,
    };
    match stride {
        1 => distance,
        _ => (distance - 1) / stride + 1,
    }
}

/// A user function: its code, its name and the default values evaluated at `def` time.
pub struct FunctionObj {
    pub code: Rc<Code>,
    pub defaults: Vec<Value>,
}

impl FunctionObj {
    /// A function value (charged to the memory accountant).
    pub fn value(code: Rc<Code>, defaults: Vec<Value>) -> Value {
        memory::charge(box_bytes::<FunctionObj>() + memory::buffer::<Value>(defaults.capacity()));
        Value::Function(Rc::new(FunctionObj { code, defaults }))
    }

    pub fn name(&self) -> &str {
        &self.code.name
    }
}

impl fmt::Debug for FunctionObj {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<function {}>", self.name())
    }
}

/// What a host function returns.
pub type HostResult = Result<Value, PyErr>;

/// The Rust side of a host function: it gets the call's arguments.
pub type HostCallback = Box<dyn Fn(&[Value]) -> HostResult>;

/// A Rust closure registered as a builtin by an embedding program.
pub struct HostFunction {
    pub name: String,
    pub func: HostCallback,
}

impl fmt::Debug for HostFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<built-in function {}>", self.name)
    }
}

/// A method looked up on a value without being called (`f = lst.append`).
#[derive(Debug)]
pub struct BoundMethod {
    pub receiver: Value,
    pub method: MethodName,
}

impl BoundMethod {
    /// A bound method value (charged to the memory accountant).
    pub fn value(receiver: Value, method: MethodName) -> Value {
        memory::charge(box_bytes::<BoundMethod>());
        Value::Method(Rc::new(BoundMethod { receiver, method }))
    }
}

// The small objects credit what their `value` constructors charged.

impl Drop for RangeObj {
    fn drop(&mut self) {
        memory::credit(box_bytes::<RangeObj>());
    }
}

impl Drop for FunctionObj {
    fn drop(&mut self) {
        memory::credit(
            box_bytes::<FunctionObj>() + memory::buffer::<Value>(self.defaults.capacity()),
        );
    }
}

impl Drop for BoundMethod {
    fn drop(&mut self) {
        memory::credit(box_bytes::<BoundMethod>());
    }
}

impl Drop for IterObj {
    fn drop(&mut self) {
        memory::credit(box_bytes::<IterObj>());
    }
}

/// The state of a `for` loop over a builtin iterable. Each kind advances in place.
///
/// `repr(C, u8)` puts the kind's tag in the first byte, so compiled traces can test
/// for a range iterator and advance it inline (`jit::abi::layout_probe`).
#[derive(Debug)]
#[repr(C, u8)]
pub enum IterObj {
    Range {
        next: Cell<i64>,
        remaining: Cell<u64>,
        step: i64,
    },
    /// A range whose elements do not all fit in an i64.
    WideRange {
        next: Cell<i128>,
        remaining: Cell<u128>,
        step: i128,
    },
    /// Lists are iterated by index, so mutation during iteration behaves as in CPython.
    List {
        list: Rc<ListObj>,
        index: Cell<usize>,
    },
    Tuple {
        items: Rc<TupleObj>,
        index: Cell<usize>,
    },
    Str {
        text: Rc<StrObj>,
        byte_index: Cell<usize>,
    },
}

impl IterObj {
    /// An iterator value (charged to the memory accountant).
    pub fn value(self) -> Value {
        memory::charge(box_bytes::<IterObj>());
        Value::Iter(Rc::new(self))
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            IterObj::Range { .. } => "range_iterator",
            IterObj::WideRange { .. } => "longrange_iterator",
            IterObj::List { .. } => "list_iterator",
            IterObj::Tuple { .. } => "tuple_iterator",
            IterObj::Str { text, .. } if text.is_ascii() => "str_ascii_iterator",
            IterObj::Str { .. } => "str_iterator",
        }
    }

    /// Whether this is a range iterator (`range`) or a list iterator (`!range`) with
    /// nothing left.
    pub fn is_exhausted(&self, range: bool) -> bool {
        match self {
            IterObj::Range { remaining, .. } => range && remaining.get() == 0,
            IterObj::List { list, index } => !range && index.get() >= list.len(),
            _ => false,
        }
    }

    /// Whether the iterator, of any kind, has nothing left.
    pub fn is_done(&self) -> bool {
        match self {
            IterObj::Range { remaining, .. } => remaining.get() == 0,
            IterObj::WideRange { remaining, .. } => remaining.get() == 0,
            IterObj::List { list, index } => index.get() >= list.len(),
            IterObj::Tuple { items, index } => index.get() >= items.len(),
            IterObj::Str { text, byte_index } => byte_index.get() >= text.as_str().len(),
        }
    }

    /// At most how many items are left (exact but for strings, whose bytes left bound
    /// their characters left; a list may still grow).
    pub fn remaining_hint(&self) -> u64 {
        let left = |len: usize, index: usize| len.saturating_sub(index) as u64;
        match self {
            IterObj::Range { remaining, .. } => remaining.get(),
            IterObj::WideRange { remaining, .. } => {
                u64::try_from(remaining.get()).unwrap_or(u64::MAX)
            }
            IterObj::List { list, index } => left(list.len(), index.get()),
            IterObj::Tuple { items, index } => left(items.len(), index.get()),
            IterObj::Str { text, byte_index } => left(text.as_str().len(), byte_index.get()),
        }
    }

    /// The least and greatest of the items a range iterator has still to yield:
    /// `None` unless this is an `IterObj::Range` with items left.
    pub fn range_item_span(&self) -> Option<(i64, i64)> {
        let IterObj::Range {
            next,
            remaining,
            step,
        } = self
        else {
            return None;
        };
        let left = remaining.get().checked_sub(1)?;
        // Every item of an `IterObj::Range` fits in an i64, so the last one does.
        let last = i128::from(next.get()) + i128::from(left) * i128::from(*step);
        let last = i64::try_from(last).ok()?;
        Some((next.get().min(last), next.get().max(last)))
    }

    /// `guard_range_iter_within`: whether this is an `IterObj::Range` whose items
    /// still to come all lie in `lo..=hi` (an exhausted one has none).
    pub fn range_items_within(&self, lo: i64, hi: i64) -> bool {
        match self {
            IterObj::Range { remaining, .. } if remaining.get() == 0 => true,
            IterObj::Range { .. } => self
                .range_item_span()
                .is_some_and(|(least, greatest)| lo <= least && greatest <= hi),
            _ => false,
        }
    }

    /// The next int of a range iterator: `Some(None)` when it is exhausted, `None` when
    /// this is not an `IterObj::Range` (the typed `for` over a range, inlined).
    #[inline(always)]
    pub fn next_in_range(&self) -> Option<Option<i64>> {
        let IterObj::Range {
            next,
            remaining,
            step,
        } = self
        else {
            return None;
        };
        let left = remaining.get();
        if left == 0 {
            return Some(None);
        }
        remaining.set(left - 1);
        let current = next.get();
        next.set(current.wrapping_add(*step));
        Some(Some(current))
    }

    /// Advances the iterator; `None` when exhausted.
    #[inline]
    pub fn next_value(&self) -> Option<Value> {
        match self {
            IterObj::Range {
                next,
                remaining,
                step,
            } => {
                let left = remaining.get();
                if left == 0 {
                    return None;
                }
                remaining.set(left - 1);
                let current = next.get();
                next.set(current.wrapping_add(*step));
                Some(Value::Int(current))
            }
            IterObj::WideRange {
                next,
                remaining,
                step,
            } => {
                let left = remaining.get();
                if left == 0 {
                    return None;
                }
                remaining.set(left - 1);
                let current = next.get();
                next.set(current + *step);
                Some(Value::from_i128(current))
            }
            IterObj::List { list, index } => {
                let position = index.get();
                let item = list.get(position)?;
                index.set(position + 1);
                Some(item)
            }
            IterObj::Tuple { items, index } => {
                let position = index.get();
                let item = items.get(position)?.clone();
                index.set(position + 1);
                Some(item)
            }
            IterObj::Str { text, byte_index } => {
                let position = byte_index.get();
                let character = text.as_str().get(position..)?.chars().next()?;
                byte_index.set(position + character.len_utf8());
                Some(Value::char(character))
            }
        }
    }
}

/// Declares the builtin functions: the enum, their Python names and the lookup by name.
macro_rules! builtins {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// A builtin function of the language (`print`, `len`, ...).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum BuiltinId { $($variant),* }

        impl BuiltinId {
            pub const ALL: &'static [BuiltinId] = &[$(BuiltinId::$variant),*];

            pub fn name(self) -> &'static str {
                match self { $(BuiltinId::$variant => $name),* }
            }

            /// Its place in [`BuiltinId::ALL`], as traces name it (`guard_builtin`).
            pub fn index(self) -> u32 {
                self as u32
            }

            pub fn from_name(name: &str) -> Option<BuiltinId> {
                match name { $($name => Some(BuiltinId::$variant),)* _ => None }
            }
        }
    };
}

builtins! {
    Print => "print",
    Len => "len",
    Range => "range",
    Abs => "abs",
    Min => "min",
    Max => "max",
    Sum => "sum",
    Int => "int",
    Float => "float",
    Str => "str",
    Bool => "bool",
    List => "list",
    Tuple => "tuple",
    Round => "round",
    Divmod => "divmod",
    Chr => "chr",
    Ord => "ord",
}

/// Declares the methods of the builtin types, by Python name.
macro_rules! methods {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// A method name the compiler resolved (`lst.append`, `s.split`, ...). Names that
        /// are no method of any builtin type are `Other`, which raises `AttributeError`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum MethodName { $($variant,)* Other }

        impl MethodName {
            pub fn from_name(name: &str) -> MethodName {
                match name { $($name => MethodName::$variant,)* _ => MethodName::Other }
            }

            pub fn name(self) -> &'static str {
                match self { $(MethodName::$variant => $name,)* MethodName::Other => "?" }
            }
        }
    };
}

methods! {
    Append => "append",
    Pop => "pop",
    Extend => "extend",
    Insert => "insert",
    Reverse => "reverse",
    Index => "index",
    Join => "join",
    Split => "split",
    Upper => "upper",
    Lower => "lower",
    Startswith => "startswith",
    Endswith => "endswith",
    Find => "find",
    Replace => "replace",
    Strip => "strip",
}
