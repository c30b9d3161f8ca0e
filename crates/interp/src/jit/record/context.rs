//! The recorder's state while it visits one instruction's uops ([`Context`]), the
//! outcome of each uop ([`Step`]), and the recording steps the uops share: type
//! guards (and `Recorder::unboxed_as`), typed binary ops, branches, generic ops and
//! native calls.

use super::{RealFrame, Recorder, Sym};
use crate::jit::Abort;
use crate::uop::{Depth, FlowControl};
use crate::value::{IterObj, Value};
use tracelift_trace::{Op, Type};

use super::type_of;

/// How a uop's recording went.
pub(super) enum Step {
    Next,
    Close,
    Abort(Abort),
}

impl FlowControl for Step {
    fn next() -> Step {
        Step::Next
    }

    fn is_next(&self) -> bool {
        matches!(self, Step::Next)
    }
}

impl From<Result<(), Abort>> for Step {
    fn from(result: Result<(), Abort>) -> Step {
        match result {
            Ok(()) => Step::Next,
            Err(abort) => Step::Abort(abort),
        }
    }
}

/// The recorder's view while visiting one instruction's uops.
pub(super) struct Context<'a, 'f> {
    pub(super) recorder: &'a mut Recorder,
    pub(super) real: &'a RealFrame<'f>,
    /// The real value an earlier uop of this instruction left on top of the stack,
    /// which the real frame (as it was before the instruction) does not show yet:
    /// the result of `compare_generic` in a fused compare-and-branch.
    pub(super) computed_top: Option<Value>,
}

impl Context<'_, '_> {
    /// Runs one recording step with the recorder and the real frame.
    pub(super) fn with(
        &mut self,
        step: impl FnOnce(&mut Recorder, &RealFrame<'_>) -> Result<(), Abort>,
    ) -> Step {
        step(self.recorder, self.real).into()
    }

    /// Records a guard that the value at `depth` is of type `ty`, unboxing it.
    pub(super) fn guard_type(&mut self, depth: Depth, ty: Type, unbox: Op) -> Step {
        if type_of(self.real.peek(depth as usize)) != ty {
            return Step::Abort(Abort::GuardFails);
        }
        self.with(|recorder, real| {
            let sym = recorder.peek(real, depth as usize)?;
            if sym.ty == ty {
                return Ok(());
            }
            if sym.ty != Type::Obj {
                return Err(Abort::GuardFails);
            }
            let unboxed = recorder.emit(unbox, &[sym]);
            recorder.replace(depth as usize, unboxed);
            Ok(())
        })
    }

    /// Records a binary op on the two top values of type `ty`.
    pub(super) fn binary(&mut self, op: Op, ty: Type) -> Step {
        self.with(|recorder, real| {
            let right = recorder.pop(real)?;
            let left = recorder.pop(real)?;
            if left.ty != ty || right.ty != ty {
                return Err(Abort::GuardFails);
            }
            let result = recorder.emit(op, &[left, right]);
            recorder.push(result);
            Ok(())
        })
    }

    /// Records a branch on the value at the top as a guard that it goes the way it
    /// goes now; pops the value unless `keep_if` matches its truth.
    pub(super) fn branch(&mut self, keep_if: Option<bool>) -> Step {
        let top = match self.computed_top.take() {
            Some(computed) => computed,
            None => self.real.peek(0).clone(),
        };
        let truth = top.is_truthy();
        self.with(|recorder, real| {
            let value = recorder.peek(real, 0)?;
            // A boxed bool or int (`if flags[i]:`) is unboxed first, which also
            // guards its type.
            let value = match (value.ty, &top) {
                (Type::Obj, Value::Bool(_)) => recorder.emit(Op::UnboxBool {}, &[value]),
                (Type::Obj, Value::Int(_)) => recorder.emit(Op::UnboxInt {}, &[value]),
                _ => value,
            };
            let condition = recorder.truth(value);
            let guard = if truth {
                Op::GuardTrue {}
            } else {
                Op::GuardFalse {}
            };
            recorder.emit(guard, &[condition]);
            if keep_if != Some(truth) {
                recorder.pop(real)?;
            }
            Ok(())
        })
    }

    /// Records a fused compare-and-branch of the two top values.
    pub(super) fn compare_branch(&mut self, holds: bool, cmp: Op, ty: Type) -> Step {
        self.with(|recorder, real| {
            let right = recorder.pop(real)?;
            let left = recorder.pop(real)?;
            if left.ty != ty || right.ty != ty {
                return Err(Abort::GuardFails);
            }
            let condition = recorder.emit(cmp, &[left, right]);
            let guard = if holds {
                Op::GuardTrue {}
            } else {
                Op::GuardFalse {}
            };
            recorder.emit(guard, &[condition]);
            Ok(())
        })
    }

    /// Records a call of the callee below `argc` arguments that is not a Python
    /// function the recorder inlines: a builtin, a host function or a bound method,
    /// called from the trace (`call_native`). With keyword arguments, their names
    /// (a tuple constant) go first, and the call is `call_native_kw`.
    pub(super) fn call_native(&mut self, argc: usize, kwnames: Option<Value>) -> Step {
        match self.real.peek(argc) {
            // Only exact-arity calls are quickened to be inlined; the rest (which
            // fill parameters from defaults) run in a nested run. Keyword arguments
            // to Python functions raise.
            Value::Function(_) if kwnames.is_none() => return self.call_py(argc),
            Value::Builtin(_) | Value::HostFunction(_) | Value::Method(_) => {}
            // Not callable: the interpreter raises.
            _ => return Step::Abort(Abort::ErrorRaised),
        }
        let Some(kwnames) = kwnames else {
            return self.generic(argc + 1, Op::CallNative {});
        };
        self.with(|recorder, real| {
            let mut args = Vec::with_capacity(argc + 2);
            for _ in 0..=argc {
                args.push(recorder.pop(real)?);
            }
            args.reverse();
            let names = Op::ConstObj {
                index: recorder.const_index(&kwnames),
            };
            let names = recorder.emit(names, &[]);
            args.insert(1, names);
            let args: Vec<_> = args.into_iter().map(|sym| recorder.boxed(sym)).collect();
            let result = recorder.emit(Op::CallNativeKw {}, &args);
            recorder.push(result);
            Ok(())
        })
    }

    /// Records a call of the Python function below `argc` arguments that is not
    /// inlined (recursive, too deep, or filling parameters from defaults) as
    /// `call_py`; the interpreter then makes the call in a nested run, as the trace
    /// will.
    pub(super) fn call_py(&mut self, argc: usize) -> Step {
        let depth = self.recorder.inlined.len() as u32;
        let step = self.generic(argc + 1, Op::CallPy { depth });
        if matches!(step, Step::Next) {
            self.recorder.nested_call = Some(argc);
        }
        step
    }

    /// Records a generic op on the `arity` top values (boxed), replacing them by its
    /// result.
    pub(super) fn generic(&mut self, arity: usize, op: Op) -> Step {
        self.with(|recorder, real| {
            let mut args = Vec::with_capacity(arity);
            for _ in 0..arity {
                let operand = recorder.pop(real)?;
                args.push(operand);
            }
            args.reverse();
            let args: Vec<_> = args.into_iter().map(|sym| recorder.boxed(sym)).collect();
            let result = recorder.emit(op, &args);
            recorder.push(result);
            Ok(())
        })
    }
}

impl Context<'_, '_> {
    /// A guard on the kind of the iterator at `depth`, which the op after it checks
    /// again in the trace: it only has to hold for the values being recorded.
    pub(super) fn real_iter_is(&self, depth: Depth, kind: impl Fn(&IterObj) -> bool) -> Step {
        match self.real.peek(depth as usize) {
            Value::Iter(iter) if kind(iter) => Step::Next,
            _ => Step::Abort(Abort::GuardFails),
        }
    }

    /// Records the advance of the iterator on top of the stack.
    /// An exhausted `for` loop: a loop trace ends here, but a side trace follows the
    /// program out of the loop (guarding that the iterator is done, which pops it).
    pub(super) fn leave_loop(&mut self, done: Op) -> Step {
        if self.recorder.side.is_none() {
            return Step::Abort(Abort::LeftLoop);
        }
        self.with(|recorder, real| {
            let iterator = recorder.pop(real)?;
            if iterator.ty != Type::Obj {
                return Err(Abort::GuardFails);
            }
            recorder.emit(done, &[iterator]);
            Ok(())
        })
    }

    pub(super) fn iterate(&mut self, op: Op) -> Step {
        self.with(|recorder, real| {
            let iterator = recorder.peek(real, 0)?;
            if iterator.ty != Type::Obj {
                return Err(Abort::GuardFails);
            }
            let item = recorder.emit(op, &[iterator]);
            recorder.push(item);
            Ok(())
        })
    }
}

impl Recorder {
    /// `sym` as a value of type `ty`: itself, or an object unboxed with a guard (an
    /// unboxed value of another type cannot be one).
    pub(super) fn unboxed_as(&mut self, sym: Sym, ty: Type) -> Result<Sym, Abort> {
        let unbox = match (sym.ty, ty) {
            (have, want) if have == want => return Ok(sym),
            (Type::Obj, Type::Int) => Op::UnboxInt {},
            (Type::Obj, Type::Float) => Op::UnboxFloat {},
            (Type::Obj, Type::Bool) => Op::UnboxBool {},
            _ => return Err(Abort::GuardFails),
        };
        Ok(self.emit(unbox, &[sym]))
    }
}
