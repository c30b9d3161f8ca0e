//! Values: the `#[repr(C)]` slot that the interpreter's stack, locals and globals hold,
//! and that compiled traces will read and write directly.
//!
//! # Layout contract
//! A [`Value`] is 16 bytes: a one-byte tag at offset 0 (the discriminants below, fixed by
//! `#[repr(C, u8)]`) and an 8-byte payload at offset 8. `Int` holds an `i64` and `Float`
//! the `f64` bits inline; `Bool` holds a byte; every heap object is one reference-counted
//! pointer (`Rc`) in the payload. The `const` assertions at the bottom of this file and
//! the tests in `layout_tests` keep the contract; the JIT relies on [`tag`] numbers.
//!
//! Architecture invariant: `Value::Unbound` only ever appears in an empty local or
//! global slot. Loading such a slot raises `NameError`/`UnboundLocalError`, so user code
//! never sees it.

mod drop;
mod object;
pub(crate) mod one_char;
pub mod repr;
mod spare;
mod str;
mod str_marks;
mod str_pool;
mod str_text;
pub mod work;

pub use object::{
    narrow_len, BoundMethod, BuiltinId, FunctionObj, HostFunction, HostResult, IterObj,
    ListItemsMut, ListObj, MethodName, RangeObj, TupleObj,
};
pub use spare::SpareBoxes;
pub use str::{StrObj, STRIDE as STR_STRIDE};

use num_bigint::BigInt;
use std::rc::Rc;

use crate::numeric::{Int, IntRef};

/// Tag numbers of the layout contract (the first byte of every [`Value`]), shared with
/// compiled code.
pub use tracelift_trace::abi::tag;

/// A Python value (see the module docs for the layout contract).
#[derive(Debug)]
#[repr(C, u8)]
pub enum Value {
    /// The content of a local or global slot that has not been assigned.
    Unbound = tag::UNBOUND,
    None = tag::NONE,
    Bool(bool) = tag::BOOL,
    /// An int that fits in an `i64`. Ints that do not fit are always `BigInt`, and a
    /// `BigInt` never holds a value that fits: each int has exactly one representation.
    Int(i64) = tag::INT,
    Float(f64) = tag::FLOAT,
    BigInt(Rc<BigIntObj>) = tag::BIG_INT,
    Str(Rc<StrObj>) = tag::STR,
    List(Rc<ListObj>) = tag::LIST,
    Tuple(Rc<TupleObj>) = tag::TUPLE,
    Range(Rc<RangeObj>) = tag::RANGE,
    Function(Rc<FunctionObj>) = tag::FUNCTION,
    Builtin(BuiltinId) = tag::BUILTIN,
    HostFunction(Rc<HostFunction>) = tag::HOST_FUNCTION,
    Method(Rc<BoundMethod>) = tag::METHOD,
    /// The iterator a `for` loop keeps on the stack.
    Iter(Rc<IterObj>) = tag::ITER,
}

impl Clone for Value {
    /// A clone is a bitwise copy plus, for heap objects, one more reference count.
    ///
    /// Building the copy field by field (what a derived or `match`-based `Clone` does)
    /// writes a tag byte and a payload word to a temporary that is then moved as one
    /// 16-byte unit, a store-forwarding stall on every local load in the interpreter.
    /// Copying the source slot's 16 bytes avoids it.
    #[inline(always)]
    fn clone(&self) -> Value {
        if !self.is_immediate() {
            self.retain();
        }
        // SAFETY: an immediate owns nothing, so its bitwise copy is an independent
        // valid value. Every other variant holds an `Rc` (or a plain `BuiltinId`), and
        // `retain` has just added one strong reference that the copy now owns, which
        // is exactly the state `Rc::clone` would produce.
        unsafe { std::ptr::read(self) }
    }
}

impl Value {
    /// Adds one strong reference to the heap object, if any (for [`Clone`]); the
    /// common containers inline, the rest out of line.
    #[inline(always)]
    fn retain(&self) {
        work::count_retain();
        match self {
            Value::List(list) => std::mem::forget(Rc::clone(list)),
            Value::Str(text) => std::mem::forget(Rc::clone(text)),
            Value::Tuple(items) => std::mem::forget(Rc::clone(items)),
            _ => self.retain_other(),
        }
    }

    #[inline(never)]
    fn retain_other(&self) {
        match self {
            Value::Unbound
            | Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Builtin(_) => {}
            Value::BigInt(big) => std::mem::forget(Rc::clone(big)),
            Value::Str(text) => std::mem::forget(Rc::clone(text)),
            Value::List(list) => std::mem::forget(Rc::clone(list)),
            Value::Tuple(items) => std::mem::forget(Rc::clone(items)),
            Value::Range(range) => std::mem::forget(Rc::clone(range)),
            Value::Function(function) => std::mem::forget(Rc::clone(function)),
            Value::HostFunction(host) => std::mem::forget(Rc::clone(host)),
            Value::Method(method) => std::mem::forget(Rc::clone(method)),
            Value::Iter(iter) => std::mem::forget(Rc::clone(iter)),
        }
    }

    /// Whether the value owns no heap reference (copying and dropping it are free).
    #[inline(always)]
    pub fn is_immediate(&self) -> bool {
        self.tag() <= tag::LAST_IMMEDIATE
    }
}

const _: () = assert!(std::mem::size_of::<Value>() == 16);
const _: () = assert!(std::mem::align_of::<Value>() == 8);

impl Value {
    /// The tag byte of the layout contract.
    #[inline]
    pub fn tag(&self) -> u8 {
        // SAFETY: `Value` is `#[repr(C, u8)]`, whose layout is defined as a `#[repr(C)]`
        // struct whose first field is the `u8` discriminant, so the first byte of any
        // valid `Value` is its tag.
        unsafe { *(self as *const Value as *const u8) }
    }

    /// Whether dropping this value would free a heap object (it holds the last strong
    /// reference). Immediates and builtins own nothing and answer `false`.
    pub fn is_last_reference(&self) -> bool {
        match self {
            Value::Unbound
            | Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Builtin(_) => false,
            Value::BigInt(big) => Rc::strong_count(big) == 1,
            Value::Str(text) => Rc::strong_count(text) == 1,
            Value::List(list) => Rc::strong_count(list) == 1,
            Value::Tuple(items) => Rc::strong_count(items) == 1,
            Value::Range(range) => Rc::strong_count(range) == 1,
            Value::Function(function) => Rc::strong_count(function) == 1,
            Value::HostFunction(function) => Rc::strong_count(function) == 1,
            Value::Method(method) => Rc::strong_count(method) == 1,
            Value::Iter(iter) => Rc::strong_count(iter) == 1,
        }
    }

    pub fn str(text: impl Into<String>) -> Value {
        Value::from_str_obj(StrObj::new(text.into()))
    }

    /// A string value; one Latin-1 character is the shared cached string.
    pub fn from_str_obj(text: StrObj) -> Value {
        if text.char_count() == 1 {
            if let Some(shared) = text.char_at(0).and_then(one_char::latin1) {
                return shared.clone();
            }
        }
        work::count_str_alloc();
        Value::Str(str_pool::boxed(text))
    }

    /// A string of ASCII `text` (a piece of ASCII text, an int's digits): one
    /// character is the shared cached string; short text is written straight into a
    /// recycled box.
    #[inline]
    pub fn ascii(text: &str) -> Value {
        debug_assert!(text.is_ascii());
        if let [byte] = text.as_bytes() {
            if let Some(shared) = one_char::latin1(char::from(*byte)) {
                return shared.clone();
            }
        }
        work::count_str_alloc();
        Value::Str(str_pool::boxed_ascii(text))
    }

    /// The one-character string of `character` (shared when it is Latin-1).
    #[inline]
    pub fn char(character: char) -> Value {
        match one_char::latin1(character) {
            Some(shared) => shared.clone(),
            None => {
                work::count_str_alloc();
                Value::Str(Rc::new(StrObj::new(character.to_string())))
            }
        }
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(ListObj::new(items)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(TupleObj::new(items)))
    }

    /// Wraps an exact integer result, keeping the one-representation invariant.
    pub fn from_int(int: Int) -> Value {
        match int {
            Int::Small(small) => Value::Int(small),
            Int::Big(big) => Value::BigInt(Rc::new(BigIntObj::new(big))),
        }
    }

    pub fn from_i128(int: i128) -> Value {
        match i64::try_from(int) {
            Ok(small) => Value::Int(small),
            Err(_) => Value::BigInt(Rc::new(BigIntObj::new(BigInt::from(int)))),
        }
    }

    pub fn from_bigint(big: BigInt) -> Value {
        Value::from_int(Int::from_bigint(big))
    }

    /// A borrowed view of an int or bool (bools are ints in Python), else `None`.
    #[inline]
    pub fn as_int(&self) -> Option<IntRef<'_>> {
        match self {
            Value::Int(small) => Some(IntRef::Small(*small)),
            Value::Bool(flag) => Some(IntRef::Small(*flag as i64)),
            Value::BigInt(big) => Some(IntRef::Big(big)),
            _ => None,
        }
    }

    /// Python's `type(x).__name__`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Unbound => "unbound",
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::BigInt(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Range(_) => "range",
            Value::Function(_) => "function",
            Value::Builtin(_) | Value::HostFunction(_) => "builtin_function_or_method",
            Value::Method(_) => "builtin_function_or_method",
            Value::Iter(iter) => iter.type_name(),
        }
    }

    /// Python truthiness (`bool(x)`).
    #[inline]
    pub fn is_truthy(&self) -> bool {
        match self {
            Value::Bool(flag) => *flag,
            Value::Int(small) => *small != 0,
            Value::None | Value::Unbound => false,
            Value::Float(float) => *float != 0.0,
            Value::BigInt(_) => true,
            Value::Str(text) => !text.as_str().is_empty(),
            Value::List(list) => !list.is_empty(),
            Value::Tuple(items) => !items.is_empty(),
            Value::Range(range) => !range.is_empty(),
            Value::Function(_)
            | Value::Builtin(_)
            | Value::HostFunction(_)
            | Value::Method(_)
            | Value::Iter(_) => true,
        }
    }

    /// Python's `is`: identity for heap objects, equality of the inline payload for the
    /// immediate kinds (CPython caches small ints; we treat every equal int as the same).
    pub fn is_same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(left), Value::Bool(right)) => left == right,
            (Value::Int(left), Value::Int(right)) => left == right,
            (Value::Float(left), Value::Float(right)) => left.to_bits() == right.to_bits(),
            (Value::BigInt(left), Value::BigInt(right)) => Rc::ptr_eq(left, right),
            (Value::Str(left), Value::Str(right)) => Rc::ptr_eq(left, right),
            (Value::List(left), Value::List(right)) => Rc::ptr_eq(left, right),
            (Value::Tuple(left), Value::Tuple(right)) => {
                Rc::ptr_eq(left, right) || (left.is_empty() && right.is_empty())
            }
            (Value::Range(left), Value::Range(right)) => Rc::ptr_eq(left, right),
            (Value::Function(left), Value::Function(right)) => Rc::ptr_eq(left, right),
            (Value::Builtin(left), Value::Builtin(right)) => left == right,
            (Value::HostFunction(left), Value::HostFunction(right)) => Rc::ptr_eq(left, right),
            (Value::Method(left), Value::Method(right)) => Rc::ptr_eq(left, right),
            (Value::Iter(left), Value::Iter(right)) => Rc::ptr_eq(left, right),
            _ => false,
        }
    }
}

/// A big int's heap object: the number, charged to the memory accountant (box and
/// digits) while it lives. It dereferences to the `BigInt`.
#[derive(Debug)]
pub struct BigIntObj(BigInt);

impl BigIntObj {
    pub fn new(big: BigInt) -> BigIntObj {
        let made = BigIntObj(big);
        crate::memory::charge(made.footprint());
        made
    }

    /// The bytes the number owns, box included (its digits are 64-bit words).
    fn footprint(&self) -> usize {
        let words = self.0.bits().div_ceil(64) as usize;
        object::box_bytes::<BigIntObj>() + crate::memory::buffer::<u64>(words)
    }
}

impl std::ops::Deref for BigIntObj {
    type Target = BigInt;

    #[inline]
    fn deref(&self) -> &BigInt {
        &self.0
    }
}

impl Drop for BigIntObj {
    fn drop(&mut self) {
        crate::memory::credit(self.footprint());
    }
}

#[cfg(test)]
mod layout_tests {
    use super::*;

    #[test]
    fn tags_and_payload_offsets_follow_the_contract() {
        let cases = [
            (Value::Unbound, tag::UNBOUND),
            (Value::None, tag::NONE),
            (Value::Bool(true), tag::BOOL),
            (Value::Int(-7), tag::INT),
            (Value::Float(2.5), tag::FLOAT),
            (Value::str("s"), tag::STR),
            (Value::list(vec![]), tag::LIST),
            (Value::tuple(vec![]), tag::TUPLE),
        ];
        for (value, expected) in &cases {
            assert_eq!(value.tag(), *expected, "{value:?}");
        }
        // The payload of an int and a float sits at byte offset 8.
        let int = Value::Int(-7);
        let float = Value::Float(2.5);
        // SAFETY: a `Value` is 16 readable bytes (asserted above); we read the payload
        // word at offset 8, which for `Int`/`Float` is the inline i64/f64.
        let (int_payload, float_payload) = unsafe {
            (
                *((&int as *const Value as *const u8).add(8) as *const i64),
                *((&float as *const Value as *const u8).add(8) as *const u64),
            )
        };
        assert_eq!(int_payload, -7);
        assert_eq!(float_payload, 2.5f64.to_bits());
    }
}
