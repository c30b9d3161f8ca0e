//! The meaning of every uop in the interpreter: `impl UopVisitor for Interp`.
//!
//! Guards and typed actions return `Flow::Deopt` without touching any state when they
//! do not apply. Generic uops compute with the full semantics in [`crate::ops`] and
//! quicken their instruction according to the operand types they saw.

use std::rc::Rc;

use tracelift_syntax::ast::{BinOp, CmpOp, UnaryOp};

use super::interp::{overwrite, Flow, Interp};
use crate::bytecode::{ArithOp, Instr, MethodSite};
use crate::exception::{ExcKind, PyErr};
use crate::ops;
use crate::ops::sequence::normalize_index;
use crate::uop::{Depth, UopVisitor};
use crate::value::{FunctionObj, IterObj, Value};

/// Evaluates a fallible step inside a uop, turning an error into `Flow::Raise`.
macro_rules! attempt {
    ($expr:expr) => {
        match $expr {
            Ok(value) => value,
            Err(error) => return Interp::raise(error),
        }
    };
}

/// Whether `int_arith` implements `op` (true division and powers leave the ints).
fn int_arith_supports(op: BinOp) -> bool {
    !matches!(op, BinOp::Div | BinOp::Pow)
}

/// Whether `float_arith` implements `op` (no bitwise operators on floats).
fn float_arith_supports(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Add
            | BinOp::Sub
            | BinOp::Mul
            | BinOp::Div
            | BinOp::FloorDiv
            | BinOp::Mod
            | BinOp::Pow
    )
}

/// The outcomes (less, equal, greater, unordered) for which `op` is true, as a bit mask
/// over [`ordering_bit`], so a typed comparison needs no branch on the operator.
#[inline(always)]
fn comparison_mask(op: CmpOp) -> u8 {
    const LESS: u8 = 1;
    const EQUAL: u8 = 2;
    const GREATER: u8 = 4;
    const UNORDERED: u8 = 8;
    match op {
        CmpOp::Lt => LESS,
        CmpOp::LtE => LESS | EQUAL,
        CmpOp::Eq => EQUAL,
        CmpOp::NotEq => LESS | GREATER | UNORDERED,
        CmpOp::Gt => GREATER,
        CmpOp::GtE => GREATER | EQUAL,
        CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn => 0,
    }
}

/// The bit of an ordering outcome (`None` is unordered: a NaN was compared).
#[inline(always)]
fn ordering_bit(ordering: Option<std::cmp::Ordering>) -> u8 {
    match ordering {
        Some(std::cmp::Ordering::Less) => 1,
        Some(std::cmp::Ordering::Equal) => 2,
        Some(std::cmp::Ordering::Greater) => 4,
        None => 8,
    }
}

impl UopVisitor for Interp<'_> {
    type Flow = Flow;

    #[inline(always)]
    fn nop(&mut self) -> Flow {
        Flow::Next
    }

    #[inline(always)]
    fn load_fast(&mut self, slot: u32) -> Flow {
        match self.stack.get(self.base + slot as usize) {
            Some(Value::Unbound) | None => {
                let name = self
                    .code
                    .local_names
                    .get(slot as usize)
                    .map_or("?", |name| &**name);
                Interp::raise(PyErr::new(
                    ExcKind::UnboundLocalError,
                    format!(
                        "cannot access local variable '{name}' where it is not associated with a value"
                    ),
                ))
            }
            Some(value) => {
                let value = value.clone();
                self.push(value);
                Flow::Next
            }
        }
    }

    #[inline(always)]
    fn store_fast(&mut self, slot: u32) -> Flow {
        let value = self.pop();
        if let Some(place) = self.stack.get_mut(self.base + slot as usize) {
            overwrite(place, value);
        }
        Flow::Next
    }

    #[inline(always)]
    fn load_const(&mut self, index: u32) -> Flow {
        let value = self
            .code
            .consts
            .get(index as usize)
            .cloned()
            .unwrap_or_else(|| Value::None);
        self.push(value);
        Flow::Next
    }

    #[inline(always)]
    fn load_global(&mut self, global: u32) -> Flow {
        match self.rt.globals.load(global) {
            Some(value) => {
                let value = value.clone();
                self.push(value);
                Flow::Next
            }
            None => {
                let name = self.rt.globals.name(global);
                Interp::raise(PyErr::new(
                    ExcKind::NameError,
                    format!("name '{name}' is not defined"),
                ))
            }
        }
    }

    #[inline(always)]
    fn store_global(&mut self, global: u32) -> Flow {
        let value = self.pop();
        self.rt.globals.store(global, value);
        Flow::Next
    }

    #[inline(always)]
    fn pop_top(&mut self) -> Flow {
        self.pop_discard();
        Flow::Next
    }

    #[inline(always)]
    fn dup_top(&mut self) -> Flow {
        let top = self.peek(0).clone();
        self.push(top);
        Flow::Next
    }

    #[inline(always)]
    fn dup_top_two(&mut self) -> Flow {
        let (second, top) = (self.peek(1).clone(), self.peek(0).clone());
        self.push(second);
        self.push(top);
        Flow::Next
    }

    #[inline(always)]
    fn rot_two(&mut self) -> Flow {
        let len = self.stack.len();
        if len >= 2 {
            self.stack.swap(len - 1, len - 2);
        }
        Flow::Next
    }

    #[inline(always)]
    fn rot_three(&mut self) -> Flow {
        let len = self.stack.len();
        if len >= 3 {
            // [a, b, c] -> [c, a, b]
            self.stack.swap(len - 1, len - 2);
            self.stack.swap(len - 2, len - 3);
        }
        Flow::Next
    }

    #[inline(always)]
    fn swap(&mut self, depth: Depth) -> Flow {
        let len = self.stack.len();
        if let Some(other) = len.checked_sub(depth as usize + 1) {
            self.stack.swap(len - 1, other);
        }
        Flow::Next
    }

    #[inline(always)]
    fn guard_int(&mut self, depth: Depth) -> Flow {
        match self.slot(depth) {
            Some(Value::Int(_)) => Flow::Next,
            _ => Flow::Deopt,
        }
    }

    #[inline(always)]
    fn guard_float(&mut self, depth: Depth) -> Flow {
        match self.slot(depth) {
            Some(Value::Float(_)) => Flow::Next,
            _ => Flow::Deopt,
        }
    }

    #[inline(always)]
    fn guard_str(&mut self, depth: Depth) -> Flow {
        match self.slot(depth) {
            Some(Value::Str(_)) => Flow::Next,
            _ => Flow::Deopt,
        }
    }

    #[inline(always)]
    fn guard_list(&mut self, depth: Depth) -> Flow {
        match self.slot(depth) {
            Some(Value::List(_)) => Flow::Next,
            _ => Flow::Deopt,
        }
    }

    #[inline(always)]
    fn guard_range_iter(&mut self, depth: Depth) -> Flow {
        match self.slot(depth) {
            Some(Value::Iter(iter)) if matches!(**iter, IterObj::Range { .. }) => Flow::Next,
            _ => Flow::Deopt,
        }
    }

    #[inline(always)]
    fn guard_list_iter(&mut self, depth: Depth) -> Flow {
        match self.slot(depth) {
            Some(Value::Iter(iter)) if matches!(**iter, IterObj::List { .. }) => Flow::Next,
            _ => Flow::Deopt,
        }
    }

    #[inline(always)]
    fn guard_str_iter(&mut self, depth: Depth) -> Flow {
        match self.slot(depth) {
            Some(Value::Iter(iter)) if matches!(**iter, IterObj::Str { .. }) => Flow::Next,
            _ => Flow::Deopt,
        }
    }

    #[inline(always)]
    fn guard_py_function(&mut self, argc: u32) -> Flow {
        match self.peek(argc as usize) {
            Value::Function(function) if function.code.param_count == argc => Flow::Next,
            _ => Flow::Deopt,
        }
    }

    #[inline(always)]
    fn int_arith(&mut self, op: ArithOp) -> Flow {
        let (Value::Int(a), Value::Int(b)) = (self.peek(1), self.peek(0)) else {
            return Flow::Deopt;
        };
        let (a, b) = (*a, *b);
        self.small_int_binary(|_, _| ops::arith::small_int_arith(a, b, op.op))
    }

    #[inline(always)]
    fn int_add(&mut self) -> Flow {
        self.small_int_binary(i64::checked_add)
    }

    #[inline(always)]
    fn int_sub(&mut self) -> Flow {
        self.small_int_binary(i64::checked_sub)
    }

    #[inline(always)]
    fn int_mul(&mut self) -> Flow {
        self.small_int_binary(i64::checked_mul)
    }

    #[inline(always)]
    fn float_add(&mut self) -> Flow {
        self.float_binary(|a, b| Some(a + b))
    }

    #[inline(always)]
    fn float_sub(&mut self) -> Flow {
        self.float_binary(|a, b| Some(a - b))
    }

    #[inline(always)]
    fn float_mul(&mut self) -> Flow {
        self.float_binary(|a, b| Some(a * b))
    }

    #[inline(always)]
    fn float_div(&mut self) -> Flow {
        self.float_binary(|a, b| (b != 0.0).then(|| a / b))
    }

    #[inline(always)]
    fn float_arith(&mut self, op: ArithOp) -> Flow {
        let (Value::Float(a), Value::Float(b)) = (self.peek(1), self.peek(0)) else {
            return Flow::Deopt;
        };
        let (a, b) = (*a, *b);
        self.float_binary(|_, _| ops::arith::float_op(a, b, op).ok())
    }

    #[inline(always)]
    fn int_to_float(&mut self, depth: Depth) -> Flow {
        if let Some(slot) = self.peek_mut(depth as usize) {
            if let Value::Int(int) = *slot {
                *slot = Value::Float(int as f64);
            }
        }
        Flow::Next
    }

    #[inline(always)]
    fn int_compare(&mut self, op: CmpOp) -> Flow {
        let (Value::Int(a), Value::Int(b)) = (self.peek(1), self.peek(0)) else {
            return Flow::Deopt;
        };
        let result = comparison_mask(op) & ordering_bit(Some(a.cmp(b))) != 0;
        self.replace_top(2, Value::Bool(result));
        Flow::Next
    }

    #[inline(always)]
    fn float_compare(&mut self, op: CmpOp) -> Flow {
        let (Value::Float(a), Value::Float(b)) = (self.peek(1), self.peek(0)) else {
            return Flow::Deopt;
        };
        let result = comparison_mask(op) & ordering_bit(a.partial_cmp(b)) != 0;
        self.replace_top(2, Value::Bool(result));
        Flow::Next
    }

    #[inline(always)]
    fn int_compare_branch(&mut self, op: CmpOp, target: u32) -> Flow {
        let [.., Value::Int(a), Value::Int(b)] = self.stack.as_slice() else {
            return Flow::Deopt;
        };
        let holds = comparison_mask(op) & ordering_bit(Some(a.cmp(b))) != 0;
        self.drop_two_immediates();
        if !holds {
            self.pc = target as usize;
        }
        Flow::Next
    }

    #[inline(always)]
    fn float_compare_branch(&mut self, op: CmpOp, target: u32) -> Flow {
        let [.., Value::Float(a), Value::Float(b)] = self.stack.as_slice() else {
            return Flow::Deopt;
        };
        let holds = comparison_mask(op) & ordering_bit(a.partial_cmp(b)) != 0;
        self.drop_two_immediates();
        if !holds {
            self.pc = target as usize;
        }
        Flow::Next
    }

    fn binary_generic(&mut self, op: ArithOp) -> Flow {
        let (left, right) = (self.peek(1), self.peek(0));
        if op.op == BinOp::Add {
            // `s += t` and `s = s + t` (see `inplace.rs`).
            if let (Value::Str(_), Value::Str(_)) = (left, right) {
                return self.str_inplace_add();
            }
        }
        let specialised = match (left, right) {
            (Value::Int(_), Value::Int(_)) => match op.op {
                BinOp::Add => Some(Instr::BinaryAddInt(op)),
                BinOp::Sub => Some(Instr::BinarySubInt(op)),
                BinOp::Mul => Some(Instr::BinaryMulInt(op)),
                other if int_arith_supports(other) => Some(Instr::BinaryIntInt(op)),
                _ => None,
            },
            (Value::Float(_), Value::Float(_)) => match op.op {
                BinOp::Add => Some(Instr::BinaryAddFloat(op)),
                BinOp::Sub => Some(Instr::BinarySubFloat(op)),
                BinOp::Mul => Some(Instr::BinaryMulFloat(op)),
                BinOp::Div => Some(Instr::BinaryDivFloat(op)),
                other if float_arith_supports(other) => Some(Instr::BinaryFloatFloat(op)),
                _ => None,
            },
            (Value::Float(_), Value::Int(_)) if float_arith_supports(op.op) => {
                Some(Instr::BinaryFloatInt(op))
            }
            (Value::Int(_), Value::Float(_)) if float_arith_supports(op.op) => {
                Some(Instr::BinaryIntFloat(op))
            }
            _ => None,
        };
        let result = attempt!(ops::binary_op(left, right, op));
        if let Some(instr) = specialised {
            self.quicken(instr);
        }
        self.replace_top(2, result);
        Flow::Next
    }

    fn unary_generic(&mut self, op: UnaryOp) -> Flow {
        let result = attempt!(ops::unary_op(self.peek(0), op));
        self.replace_top(1, result);
        Flow::Next
    }

    fn compare_generic(&mut self, op: CmpOp) -> Flow {
        if let (Value::Str(_), Value::Str(_), CmpOp::Eq | CmpOp::NotEq) =
            (self.peek(1), self.peek(0), op)
        {
            // `s[i] == c` has a typed form: the guards and the compare, inline.
            self.quicken(
                match self.code.instrs.get(self.current).map(|cell| cell.get()) {
                    Some(Instr::CompareJumpIfFalse(_, target)) => {
                        Instr::CompareStrStrJumpIfFalse(op, target)
                    }
                    _ => Instr::CompareStrStr(op),
                },
            );
            return self.str_equal(op);
        }
        self.compare_and_quicken(op)
    }

    #[inline(always)]
    fn str_equal_branch(&mut self, op: CmpOp, target: u32) -> Flow {
        let (Value::Str(a), Value::Str(b)) = (self.peek(1), self.peek(0)) else {
            return Flow::Deopt;
        };
        let equal = ops::compare::strs_equal(a, b);
        self.pop_discard();
        self.pop_discard();
        if equal != (op == CmpOp::Eq) {
            self.pc = target as usize;
        }
        Flow::Next
    }

    #[inline(always)]
    fn str_equal(&mut self, op: CmpOp) -> Flow {
        let (Value::Str(a), Value::Str(b)) = (self.peek(1), self.peek(0)) else {
            return Flow::Deopt;
        };
        let equal = ops::compare::strs_equal(a, b);
        self.replace_top(2, Value::Bool(equal == (op == CmpOp::Eq)));
        Flow::Next
    }

    #[inline(always)]
    fn jump(&mut self, target: u32) -> Flow {
        self.pc = target as usize;
        Flow::Next
    }

    #[inline(always)]
    fn jump_backward(&mut self, target: u32) -> Flow {
        attempt!(self.burn_fuel());
        if self.rt.jit.mode != crate::jit::JitMode::Off {
            return self.loop_header(target);
        }
        self.pc = target as usize;
        Flow::Next
    }

    #[inline(always)]
    fn pop_jump_if_false(&mut self, target: u32) -> Flow {
        let truthy = match self.peek(0) {
            Value::Bool(flag) => *flag,
            other => other.is_truthy(),
        };
        self.pop_discard();
        if !truthy {
            self.pc = target as usize;
        }
        Flow::Next
    }

    #[inline(always)]
    fn pop_jump_if_true(&mut self, target: u32) -> Flow {
        let truthy = match self.peek(0) {
            Value::Bool(flag) => *flag,
            other => other.is_truthy(),
        };
        self.pop_discard();
        if truthy {
            self.pc = target as usize;
        }
        Flow::Next
    }

    #[inline(always)]
    fn jump_if_false_or_pop(&mut self, target: u32) -> Flow {
        if self.peek(0).is_truthy() {
            self.pop();
        } else {
            self.pc = target as usize;
        }
        Flow::Next
    }

    #[inline(always)]
    fn jump_if_true_or_pop(&mut self, target: u32) -> Flow {
        if self.peek(0).is_truthy() {
            self.pc = target as usize;
        } else {
            self.pop();
        }
        Flow::Next
    }

    #[inline(always)]
    fn get_iter(&mut self) -> Flow {
        let iter = attempt!(ops::get_iter(self.peek(0)));
        self.replace_top(1, iter);
        Flow::Next
    }

    fn for_iter(&mut self, target: u32) -> Flow {
        let Value::Iter(iter) = self.peek(0) else {
            return Interp::raise(PyErr::type_error("'for' loop over a non-iterator"));
        };
        match **iter {
            IterObj::Range { .. } => self.quicken(Instr::ForIterRange(target)),
            IterObj::List { .. } => self.quicken(Instr::ForIterList(target)),
            IterObj::Str { .. } => self.quicken(Instr::ForIterStr(target)),
            IterObj::WideRange { .. } | IterObj::Tuple { .. } => {}
        }
        match iter.next_value() {
            Some(item) => self.push(item),
            None => {
                self.pop();
                self.pc = target as usize;
            }
        }
        Flow::Next
    }

    #[inline(always)]
    fn range_iter_next(&mut self, target: u32) -> Flow {
        let Some(Value::Iter(iter)) = self.slot(0) else {
            return Flow::Deopt;
        };
        match iter.next_in_range() {
            Some(Some(int)) => self.push(Value::Int(int)),
            Some(None) => {
                self.pop_discard();
                self.pc = target as usize;
            }
            None => return self.for_iter_fast(target),
        }
        Flow::Next
    }

    #[inline(always)]
    fn list_iter_next(&mut self, target: u32) -> Flow {
        self.for_iter_fast(target)
    }

    #[inline(always)]
    fn str_iter_next(&mut self, target: u32) -> Flow {
        self.for_iter_fast(target)
    }

    #[inline(always)]
    fn build_list(&mut self, count: u32) -> Flow {
        self.build_sequence(count, false)
    }

    #[inline(always)]
    fn build_tuple(&mut self, count: u32) -> Flow {
        self.build_sequence(count, true)
    }

    fn unpack_sequence(&mut self, count: u32) -> Flow {
        // Exact-length tuples and lists unpack without an iterator.
        let direct = match self.peek(0) {
            Value::Tuple(items) if items.len() == count as usize => {
                Some(items.iter().rev().cloned().collect::<Vec<_>>())
            }
            Value::List(list) if list.len() == count as usize => {
                Some(list.items().iter().rev().cloned().collect::<Vec<_>>())
            }
            _ => None,
        };
        if let Some(reversed) = direct {
            self.pop_discard();
            self.stack.extend(reversed);
            return Flow::Next;
        }
        let items = attempt!(ops::unpack(self.peek(0), count as usize));
        self.pop();
        self.stack.extend(items.into_iter().rev());
        Flow::Next
    }

    #[inline(always)]
    fn subscript_generic(&mut self) -> Flow {
        let (container, index) = (self.peek(1), self.peek(0));
        match (container, index) {
            (Value::List(_), Value::Int(_)) => self.quicken(Instr::SubscriptListInt),
            (Value::Str(_), Value::Int(_)) => self.quicken(Instr::SubscriptStrInt),
            _ => {}
        }
        let item = attempt!(ops::get_item(container, index));
        self.replace_top(2, item);
        Flow::Next
    }

    #[inline(always)]
    fn list_get_item(&mut self) -> Flow {
        self.typed_list_get()
    }

    #[inline(always)]
    fn str_get_item(&mut self) -> Flow {
        let (Value::Str(text), Value::Int(index)) = (self.peek(1), self.peek(0)) else {
            return Flow::Deopt;
        };
        let Some(character) =
            normalize_index(*index, text.char_count()).and_then(|at| text.char_at(at))
        else {
            return Flow::Deopt;
        };
        self.replace_top(2, Value::char(character));
        Flow::Next
    }

    #[inline(always)]
    fn store_subscript_generic(&mut self) -> Flow {
        if let (Value::List(_), Value::Int(_)) = (self.peek(1), self.peek(0)) {
            self.quicken(Instr::StoreSubscriptListInt);
        }
        let index = self.pop();
        let container = self.pop();
        let value = self.pop();
        attempt!(ops::set_item(&container, &index, value));
        Flow::Next
    }

    #[inline(always)]
    fn list_set_item(&mut self) -> Flow {
        self.typed_list_set()
    }

    fn slice(&mut self, has_step: bool) -> Flow {
        let step = if has_step { self.pop() } else { Value::None };
        let upper = self.pop();
        let lower = self.pop();
        let result = attempt!(ops::slice(self.peek(0), &lower, &upper, &step));
        self.replace_top(1, result);
        Flow::Next
    }

    fn call(&mut self, argc: u32) -> Flow {
        self.call_value(argc as usize, &[])
    }

    fn call_kw(&mut self, argc: u32, kwnames: u32) -> Flow {
        let names: Vec<Rc<str>> = match self.code.consts.get(kwnames as usize) {
            Some(Value::Tuple(names)) => names
                .iter()
                .map(|name| match name {
                    Value::Str(text) => text.as_str().into(),
                    _ => "?".into(),
                })
                .collect(),
            _ => Vec::new(),
        };
        self.call_value(argc as usize, &names)
    }

    #[inline(always)]
    fn push_frame(&mut self, argc: u32) -> Flow {
        let Value::Function(function) = self.peek(argc as usize) else {
            return Flow::Deopt;
        };
        let function: Rc<FunctionObj> = function.clone();
        self.enter_function(function, argc as usize)
    }

    fn call_method(&mut self, site: MethodSite) -> Flow {
        let argc = site.argc as usize;
        if site.method == crate::value::MethodName::Append && argc == 1 {
            if let Value::List(_) = self.peek(1) {
                self.quicken(Instr::CallListAppend(site));
            }
        }
        let args = self.pop_n(argc);
        let receiver = self.pop();
        let name = self.method_name(site);
        let result = attempt!(crate::builtins::call_method(
            &receiver,
            site.method,
            &name,
            &args
        ));
        self.push(result);
        Flow::Next
    }

    #[inline(always)]
    fn list_append(&mut self) -> Flow {
        let Value::List(list) = self.peek(1) else {
            return Flow::Deopt;
        };
        let list = list.clone();
        // The item stays on the stack until the append succeeds, so a refused one
        // raises with the frame as it was.
        attempt!(list.push(self.peek(0).clone()));
        self.pop_discard();
        self.replace_top(1, Value::None);
        Flow::Next
    }

    fn load_attr(&mut self, site: MethodSite) -> Flow {
        let name = self.method_name(site);
        let method = attempt!(crate::builtins::bind_method(
            self.peek(0),
            site.method,
            &name
        ));
        self.replace_top(1, method);
        Flow::Next
    }

    #[inline(always)]
    fn return_value(&mut self) -> Flow {
        let result = self.pop();
        match self.frames.pop() {
            None => {
                self.result = result;
                Flow::Finished
            }
            Some(caller) => {
                // Drop the callee's locals, its operands and the function object.
                self.stack.truncate(self.base.saturating_sub(1));
                self.code = caller.code;
                self.pc = caller.pc;
                self.base = caller.base;
                self.push(result);
                Flow::Reload
            }
        }
    }

    fn make_function(&mut self, code: u32, defaults: u32) -> Flow {
        let defaults = self.pop_n(defaults as usize);
        let Some(code) = self.code.functions.get(code as usize).cloned() else {
            return Interp::raise(PyErr::new(
                ExcKind::RuntimeError,
                "internal error: bad code index",
            ));
        };
        self.push(FunctionObj::value(code, defaults));
        Flow::Next
    }

    fn raise_assertion(&mut self, has_message: bool) -> Flow {
        let message = if has_message {
            let message = self.pop();
            attempt!(crate::value::repr::str_of(&message))
        } else {
            String::new()
        };
        Interp::raise(PyErr::new(ExcKind::AssertionError, message))
    }
}

impl Interp<'_> {
    /// Builds a list or tuple of the top `count` values.
    #[inline(always)]
    fn build_sequence(&mut self, count: u32, tuple: bool) -> Flow {
        let items = self.pop_n(count as usize);
        let sequence = attempt!(ops::sequence::build_sequence(items, tuple));
        self.push(sequence);
        Flow::Next
    }

    /// The shared body of the typed `for` uops (after their guard).
    #[inline(always)]
    fn for_iter_fast(&mut self, target: u32) -> Flow {
        let Value::Iter(iter) = self.peek(0) else {
            return Flow::Deopt;
        };
        match iter.next_value() {
            Some(item) => self.push(item),
            None => {
                self.pop();
                self.pc = target as usize;
            }
        }
        Flow::Next
    }

    fn method_name(&self, site: MethodSite) -> Rc<str> {
        self.code
            .names
            .get(site.name as usize)
            .cloned()
            .unwrap_or_else(|| site.method.name().into())
    }
}
