//! The global variables of a runtime: one slot per name, shared by every module and
//! function compiled into it.
//!
//! The compiler interns each global name to a slot index once, so reading a global at
//! run time is an array index. An empty slot falls back to the builtin of the same name
//! (resolved when the slot is created), then raises `NameError`.

use std::collections::HashMap;
use std::rc::Rc;

use crate::value::{BuiltinId, Value};

/// Global slots, their names and builtin fallbacks.
#[derive(Debug, Default)]
pub struct Globals {
    names: Vec<Rc<str>>,
    index: HashMap<Rc<str>, u32>,
    values: Vec<Value>,
    /// For each slot, the builtin it falls back to, or `Value::Unbound`.
    fallbacks: Vec<Value>,
}

impl Globals {
    /// The slot of `name`, created (empty) if new.
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(&slot) = self.index.get(name) {
            return slot;
        }
        let slot = self.names.len() as u32;
        let name: Rc<str> = name.into();
        self.index.insert(name.clone(), slot);
        let fallback = BuiltinId::from_name(&name).map_or(Value::Unbound, Value::Builtin);
        self.names.push(name);
        self.values.push(Value::Unbound);
        self.fallbacks.push(fallback);
        slot
    }

    pub fn slot_of(&self, name: &str) -> Option<u32> {
        self.index.get(name).copied()
    }

    pub fn name(&self, slot: u32) -> &str {
        self.names.get(slot as usize).map_or("?", |name| name)
    }

    /// The bound value of global `name` (not its builtin fallback).
    pub fn get(&self, name: &str) -> Option<&Value> {
        let slot = self.slot_of(name)?;
        self.values
            .get(slot as usize)
            .filter(|value| !matches!(value, Value::Unbound))
    }

    /// The value a load of `slot` sees: the global, else the builtin, else `None`.
    #[inline]
    pub fn load(&self, slot: u32) -> Option<&Value> {
        let value = self.values.get(slot as usize)?;
        if !matches!(value, Value::Unbound) {
            return Some(value);
        }
        match self.fallbacks.get(slot as usize) {
            Some(Value::Unbound) | None => None,
            Some(builtin) => Some(builtin),
        }
    }

    #[inline]
    pub fn store(&mut self, slot: u32, value: Value) {
        if let Some(place) = self.values.get_mut(slot as usize) {
            *place = value;
        }
    }

    /// Stores `value`, handing back the old value (`None` for a slot that does not
    /// exist, which compiled code never names).
    pub fn replace(&mut self, slot: u32, value: Value) -> Option<Value> {
        let place = self.values.get_mut(slot as usize)?;
        Some(std::mem::replace(place, value))
    }

    /// Where the slots are, for compiled code (which reads and writes them in place).
    /// Valid until a global is added: only compiling code does that.
    pub fn slots_address(&mut self) -> *mut Value {
        self.values.as_mut_ptr()
    }

    /// Replaces the builtin a name falls back to (used to register host functions, so
    /// that a script can still shadow them with its own global).
    pub fn set_fallback(&mut self, name: &str, value: Value) {
        let slot = self.intern(name) as usize;
        self.fallbacks[slot] = value;
    }

    /// The bound globals, by name, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.names
            .iter()
            .zip(&self.values)
            .filter(|(_, value)| !matches!(value, Value::Unbound))
            .map(|(name, value)| (&**name, value))
    }
}
