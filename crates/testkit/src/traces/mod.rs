//! Trace-level fuzzing: random well-typed traces with the frame states they start
//! from ([`generate`]), run in every trace tier and compared ([`oracle`]).
//!
//! A [`TraceSpec`] is the portable form of a case: the trace, and the frame slots and
//! globals as [`EntryValue`]s (plain data, so a case prints as Rust a test can paste).
//! Each tier gets its own fresh objects from [`TraceSpec::case`], because a trace
//! mutates the lists it is given, and its own stand-in code objects for the callees
//! the trace inlined (`harness::stand_in_codes`), which the functions among those
//! objects run.

pub mod generate;
pub mod oracle;

use std::fmt::Write;

use std::rc::Rc;

use tracelift_interp::bytecode::Code;
use tracelift_interp::jit::harness::{self, TraceCase};
use tracelift_interp::Value;
use tracelift_trace::Trace;

/// A value a frame slot or global holds when the trace is entered.
#[derive(Clone, Debug, PartialEq)]
pub enum EntryValue {
    /// An unassigned slot.
    Unbound,
    /// Python's `None`.
    PyNone,
    Bool(bool),
    Int(i64),
    /// An int outside i64 (a big int; `unbox_int` rejects it).
    BigInt(i128),
    Float(f64),
    List(Vec<EntryValue>),
    /// The same object as frame slot N (N is an earlier slot), so two slots alias.
    SameAs(usize),
    /// `range(start, stop, step)`.
    Range(i64, i64, i64),
    /// `iter(range(start, stop, step))`, not yet advanced.
    RangeIter(i64, i64, i64),
    /// An iterator over a list (a `List` or a `SameAs` of one) at `index`.
    ListIter(Box<EntryValue>, usize),
    /// The builtin `range` (what `guard_range_builtin` looks for).
    RangeBuiltin,
    /// A Python function running the trace's `codes[N]` (what `guard_code N` looks
    /// for); past the end of `codes`, one running a code object of its own, which no
    /// `guard_code` accepts.
    Function(u32),
    Str(String),
    Tuple(Vec<EntryValue>),
    /// The builtin function of this name (`len`, `abs`, …); `None` for an unknown name.
    Builtin(String),
    /// The method of this name bound to a receiver (`xs.append`, with the receiver
    /// mostly a `SameAs` of a list slot); `None` if the receiver has no such method.
    Method(Box<EntryValue>, String),
}

impl EntryValue {
    /// A fresh object for this value; `SameAs(n)` is `earlier[n]` itself, and
    /// `Function(n)` runs `codes[n]`.
    pub fn materialize(&self, earlier: &[Value], codes: &[Rc<Code>]) -> Value {
        match self {
            EntryValue::Unbound => Value::Unbound,
            EntryValue::PyNone => Value::None,
            EntryValue::Bool(flag) => Value::Bool(*flag),
            EntryValue::Int(int) => Value::Int(*int),
            EntryValue::BigInt(int) => Value::from_i128(*int),
            EntryValue::Float(float) => Value::Float(*float),
            EntryValue::List(items) => {
                let items = items.iter().map(|item| item.materialize(earlier, codes));
                Value::list(items.collect())
            }
            EntryValue::SameAs(slot) => earlier.get(*slot).cloned().unwrap_or(Value::None),
            EntryValue::Range(start, stop, step) => {
                range(*start, *stop, *step).unwrap_or(Value::None)
            }
            EntryValue::RangeIter(start, stop, step) => range(*start, *stop, *step)
                .and_then(|range| tracelift_interp::ops::sequence::get_iter(&range).ok())
                .unwrap_or(Value::None),
            EntryValue::ListIter(list, index) => {
                let list = list.materialize(earlier, codes);
                let Ok(iter) = tracelift_interp::ops::sequence::get_iter(&list) else {
                    return Value::None;
                };
                if let Value::Iter(iter) = &iter {
                    for _ in 0..*index {
                        iter.next_value();
                    }
                }
                iter
            }
            EntryValue::RangeBuiltin => Value::Builtin(tracelift_interp::value::BuiltinId::Range),
            EntryValue::Function(code) => harness::function(match codes.get(*code as usize) {
                Some(code) => code.clone(),
                None => harness::stand_in_code("stranger", 0),
            }),
            EntryValue::Str(text) => Value::str(text.as_str()),
            EntryValue::Tuple(items) => {
                let items = items.iter().map(|item| item.materialize(earlier, codes));
                Value::tuple(items.collect())
            }
            EntryValue::Builtin(name) => tracelift_interp::value::BuiltinId::from_name(name)
                .map_or(Value::None, Value::Builtin),
            EntryValue::Method(receiver, name) => {
                let receiver = receiver.materialize(earlier, codes);
                let method = tracelift_interp::value::MethodName::from_name(name);
                tracelift_interp::builtins::bind_method(&receiver, method, name)
                    .unwrap_or(Value::None)
            }
        }
    }

    /// Rust that builds this value (with `use tracelift_testkit::traces::EntryValue::*`).
    pub fn to_rust(&self) -> String {
        match self {
            EntryValue::Unbound => "Unbound".into(),
            EntryValue::PyNone => "PyNone".into(),
            EntryValue::Bool(flag) => format!("Bool({flag})"),
            EntryValue::Int(int) => format!("Int({int})"),
            EntryValue::BigInt(int) => format!("BigInt({int})"),
            EntryValue::Float(float) => format!("Float({})", float_to_rust(*float)),
            EntryValue::List(items) => format!("List(vec![{}])", rust_list(items)),
            EntryValue::SameAs(slot) => format!("SameAs({slot})"),
            EntryValue::Range(start, stop, step) => format!("Range({start}, {stop}, {step})"),
            EntryValue::RangeIter(start, stop, step) => {
                format!("RangeIter({start}, {stop}, {step})")
            }
            EntryValue::ListIter(list, index) => {
                format!("ListIter(Box::new({}), {index})", list.to_rust())
            }
            EntryValue::RangeBuiltin => "RangeBuiltin".into(),
            EntryValue::Function(code) => format!("Function({code})"),
            EntryValue::Str(text) => format!("Str({text:?}.into())"),
            EntryValue::Tuple(items) => format!("Tuple(vec![{}])", rust_list(items)),
            EntryValue::Builtin(name) => format!("Builtin({name:?}.into())"),
            EntryValue::Method(receiver, name) => {
                format!("Method(Box::new({}), {name:?}.into())", receiver.to_rust())
            }
        }
    }
}

fn range(start: i64, stop: i64, step: i64) -> Option<Value> {
    tracelift_interp::builtins::new_range(start, stop, step)
}

fn float_to_rust(float: f64) -> String {
    if float.is_nan() {
        "f64::NAN".into()
    } else if float.is_infinite() {
        if float > 0.0 {
            "f64::INFINITY"
        } else {
            "f64::NEG_INFINITY"
        }
        .into()
    } else {
        // `Debug` is the shortest text that reads back to the same bits.
        format!("{float:?}")
    }
}

fn rust_list(values: &[EntryValue]) -> String {
    let items: Vec<String> = values.iter().map(EntryValue::to_rust).collect();
    items.join(", ")
}

/// One trace case in portable form.
#[derive(Clone, Debug)]
pub struct TraceSpec {
    pub trace: Trace,
    /// A side trace hanging off one of `trace`'s exits, or `None`.
    pub side: Option<Trace>,
    /// The frame's slots at entry.
    pub frame: Vec<EntryValue>,
    /// Globals `g0, g1, …` at entry (a `SameAs` here names a frame slot).
    pub globals: Vec<EntryValue>,
    /// Steps the trace may take before it raises `FuelExhausted`.
    pub fuel: u64,
}

impl TraceSpec {
    /// A case with fresh objects, ready for one tier to run.
    pub fn case(&self) -> TraceCase {
        let codes = harness::stand_in_codes(&self.trace, self.side.as_ref());
        let mut frame = Vec::with_capacity(self.frame.len());
        for value in &self.frame {
            let made = value.materialize(&frame, &codes);
            frame.push(made);
        }
        let globals = self
            .globals
            .iter()
            .map(|value| value.materialize(&frame, &codes))
            .collect();
        TraceCase {
            trace: self.trace.clone(),
            side: self.side.clone(),
            frame,
            globals,
            fuel: self.fuel,
            codes,
        }
    }

    /// A `#[test]` that runs this case through the trace oracle.
    pub fn to_rust_test(&self, name: &str) -> String {
        let text = |trace: &Trace| tracelift_trace::print::print(trace);
        let mut out = String::new();
        let _ = writeln!(out, "#[test]\nfn {name}() {{");
        let _ = writeln!(out, "    let spec = spec(");
        let _ = writeln!(out, "        r#\"\n{}\"#,", text(&self.trace).trim_end());
        match &self.side {
            Some(side) => {
                let _ = writeln!(out, "        Some(r#\"\n{}\"#),", text(side).trim_end());
            }
            None => {
                let _ = writeln!(out, "        None,");
            }
        }
        let _ = writeln!(out, "        vec![{}],", rust_list(&self.frame));
        let _ = writeln!(out, "        vec![{}],", rust_list(&self.globals));
        let _ = writeln!(out, "        {},", self.fuel);
        let _ = writeln!(out, "    );");
        let _ = writeln!(out, "    assert_tiers_agree(&spec);");
        let _ = writeln!(out, "}}");
        out
    }

    /// A spec from trace text (and a side trace's), as regression tests state them.
    pub fn from_text(
        text: &str,
        side: Option<&str>,
        frame: Vec<EntryValue>,
        globals: Vec<EntryValue>,
        fuel: u64,
    ) -> Result<TraceSpec, String> {
        let read = |text: &str| -> Result<Trace, String> {
            let trace = tracelift_trace::parse::parse(text).map_err(|e| e.to_string())?;
            tracelift_trace::verify::verify(&trace).map_err(|e| e.to_string())?;
            Ok(trace)
        };
        Ok(TraceSpec {
            trace: read(text)?,
            side: side.map(read).transpose()?,
            frame,
            globals,
            fuel,
        })
    }
}
