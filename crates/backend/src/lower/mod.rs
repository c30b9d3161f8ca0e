//! Lowering a trace to Cranelift IR.
//!
//! The function is `(frame, ctx) -> exit code` in the tail convention:
//! - `entry` reads and checks the frame, then jumps to the loop header;
//! - the header block is one iteration, closing with a jump back to itself; in a
//!   peeled trace it is the first iteration, and jumps on to a second block, the
//!   steady-state `body`, which jumps back to itself; for a side trace there is no
//!   loop: the body ends by writing its state into the frame and tail-calling the
//!   root trace (`close.rs`);
//! - every op that may leave names a snapshot; its guard branches to that snapshot's
//!   cold exit block (`exit.rs`).
//!
//! Each trace value is a `cranelift_frontend` variable (two for an object: its tag
//! byte and its payload word), so values carried around the loop become block
//! parameters without bookkeeping here: ints, floats and bools stay unboxed in
//! registers across iterations and are boxed only on the way out.

mod close;
mod compiled_call;
mod exit;
mod float_pow;
mod float_to_int;
mod generic;
mod globals;
mod held;
mod inline;
mod int_overflow;
mod list_headers;
mod ops;
mod recycle;

use std::collections::{HashMap, HashSet};

use cranelift_codegen::ir::{types, AbiParam, Block, FuncRef, InstBuilder, MemFlagsData, Value};
use cranelift_frontend::{FunctionBuilder, Variable};
use cranelift_jit::JITModule;
use cranelift_module::Module;
use tracelift_trace::abi::tag::{BOOL as TAG_BOOL, FLOAT as TAG_FLOAT, INT as TAG_INT};
use tracelift_trace::abi::{AbiType, CompileError, CompileRequest, Helper, NativeLayout};
use tracelift_trace::{Inst, Op, SnapshotId, Type, ValueId};

use crate::trampoline::trace_signature;

/// A trace value's variables.
#[derive(Clone, Copy, Debug)]
enum Var {
    Int(Variable),
    Float(Variable),
    Bool(Variable),
    Obj { tag: Variable, payload: Variable },
}

/// A trace value read into Cranelift values.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Lowered {
    Int(Value),
    Float(Value),
    Bool(Value),
    Obj { tag: Value, payload: Value },
}

/// A value as the Cranelift values it travels in (see `trampoline::abi_types`).
pub(crate) fn flatten(lowered: Lowered) -> smallvec::SmallVec<[Value; 2]> {
    match lowered {
        Lowered::Int(x) | Lowered::Float(x) | Lowered::Bool(x) => smallvec::smallvec![x],
        Lowered::Obj { tag, payload } => smallvec::smallvec![tag, payload],
    }
}

/// The Cranelift type of a helper parameter or result.
fn clif_type(ty: AbiType, pointer: types::Type) -> types::Type {
    match ty {
        AbiType::Ptr => pointer,
        AbiType::I32 => types::I32,
        AbiType::I64 => types::I64,
        AbiType::F64 => types::F64,
    }
}

/// Flags for memory compiled code owns the layout of (frames, the exit buffer, the
/// context): aligned and never trapping.
fn trusted() -> MemFlagsData {
    MemFlagsData::trusted()
}

pub(crate) fn unsupported(what: impl Into<String>) -> CompileError {
    CompileError {
        reason: "unsupported",
        detail: what.into(),
    }
}

/// The state of one lowering.
pub(crate) struct Lowering<'a, 'f> {
    pub builder: FunctionBuilder<'f>,
    pub module: &'a mut JITModule,
    pub request: &'a CompileRequest<'a>,
    vars: HashMap<ValueId, Var>,
    /// Exit blocks, one per snapshot, made when first needed.
    exits: HashMap<SnapshotId, Block>,
    /// Exit blocks for a spent step-budget slice, one per snapshot.
    fuel_exits: HashMap<SnapshotId, Block>,
    /// Exit blocks for a call that raised, one per snapshot (never linked).
    raise_exits: HashMap<SnapshotId, Block>,
    /// The exit of a function tree's `leave` at a `return` (never linked).
    return_exits: HashMap<SnapshotId, Block>,
    helpers: HashMap<Helper, FuncRef>,
    /// A side trace's values that are its parent's exit values read back unchanged
    /// (`load_exit`), by their index in the exit buffer, when nothing the trace does
    /// can overwrite or move the buffer before it leaves (see `passed_through`).
    /// Exits and the close read these from the buffer again, so they need not stay
    /// in registers for them (`exit.rs`).
    passed: HashMap<ValueId, u32>,
    /// Values already checked to be range iterators on the function's main path
    /// (`inline.rs`). A trace has no joins besides its loops' headers, so a check
    /// there holds for every instruction lowered after it, a peeled `body` included,
    /// and an iterator never changes kind.
    pub known_range_iters: HashSet<ValueId>,
    /// Values already checked to be lists on the function's main path, the same way.
    pub known_lists: HashSet<ValueId>,
    /// The trace's `const_int` values (a division by a constant power of two is a
    /// shift, `ops.rs`).
    int_constants: HashMap<ValueId, i64>,
    /// A side trace's `load_exit` values, by exit buffer index (what its parent
    /// wrote there, `parent_wrote_tag`).
    exit_loads: HashMap<ValueId, u32>,
    /// What a peeled trace's steady-state body keeps in variables (`held.rs`).
    held: held::Held,
    /// List headers checked and loaded once (`list_headers.rs`).
    list_headers: list_headers::ListHeaders,
    pub frame: Value,
    pub ctx: Value,
    /// Where list and range-iterator fields are, if the VM measured them (else those
    /// ops call helpers).
    pub layout: Option<NativeLayout>,
    /// The trace's own entry function, when this is a root's loop (what a compiled
    /// call of the function's own tree calls, `compiled_call.rs`).
    own_entry: Option<cranelift_module::FuncId>,
}

/// Which function of a trace is being built.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Part {
    /// A root trace's entry: reads and checks the frame, then tail-calls the loop.
    Entry { loop_fn: cranelift_module::FuncId },
    /// A root trace's loop, entered with its parameters as arguments (by the entry,
    /// and by side traces closing the loop); `entry_fn` is the root's entry.
    Loop { entry_fn: cranelift_module::FuncId },
    /// A side trace: entry, body and close in one function.
    Side,
}

/// Builds one function of `request.trace` into `builder`.
pub(crate) fn lower_trace(
    builder: FunctionBuilder<'_>,
    module: &mut JITModule,
    request: &CompileRequest<'_>,
    part: Part,
) -> Result<(), CompileError> {
    let mut builder = builder;
    let param_types: Vec<Type> = request
        .trace
        .body
        .params
        .iter()
        .map(|(_, ty)| *ty)
        .collect();
    builder.func.signature = match part {
        Part::Loop { .. } => crate::trampoline::loop_signature(&param_types),
        Part::Entry { .. } | Part::Side => trace_signature(),
    };
    let entry = builder.create_block();
    builder.append_block_params_for_function_params(entry);
    builder.switch_to_block(entry);
    builder.seal_block(entry);
    let params = builder.block_params(entry).to_vec();
    let mut lowering = Lowering {
        builder,
        module,
        request,
        vars: HashMap::new(),
        known_range_iters: HashSet::new(),
        known_lists: HashSet::new(),
        int_constants: immediates_of(request.trace, |op| match op {
            Op::ConstInt { value } => Some(value),
            _ => None,
        }),
        exit_loads: exit_loads(request.trace),
        held: held::Held::default(),
        list_headers: list_headers::ListHeaders::for_trace(request.trace),
        exits: HashMap::new(),
        fuel_exits: HashMap::new(),
        raise_exits: HashMap::new(),
        return_exits: HashMap::new(),
        helpers: HashMap::new(),
        passed: match part {
            Part::Side => passed_through(request.trace),
            Part::Entry { .. } | Part::Loop { .. } => HashMap::new(),
        },
        frame: params[0],
        ctx: params[1],
        layout: request.layout,
        own_entry: match part {
            Part::Loop { entry_fn } => Some(entry_fn),
            Part::Entry { .. } | Part::Side => None,
        },
    };
    lowering.declare_values()?;
    match part {
        Part::Entry { loop_fn } => lowering.lower_entry(loop_fn)?,
        Part::Loop { .. } => lowering.lower_loop(&params[2..])?,
        Part::Side => lowering.lower_side()?,
    }
    lowering.fill_exits()?;
    lowering.builder.seal_all_blocks();
    let config = lowering.module.isa().frontend_config();
    lowering.builder.finalize(config);
    Ok(())
}

/// The immediate `pick` finds in the op of each instruction of `trace` that has
/// one, by the instruction's result.
fn immediates_of<T>(
    trace: &tracelift_trace::Trace,
    pick: impl Fn(Op) -> Option<T>,
) -> HashMap<ValueId, T> {
    trace
        .insts()
        .filter_map(|inst| Some((inst.result?, pick(inst.op)?)))
        .collect()
}

/// A side trace's `load_exit` values, by exit buffer index.
fn exit_loads(trace: &tracelift_trace::Trace) -> HashMap<ValueId, u32> {
    immediates_of(trace, |op| match op {
        Op::LoadExit { index } => Some(index),
        _ => None,
    })
}

/// The values of a side trace that hold its parent's exit values (`load_exit`), by
/// buffer index; none when the trace makes a call (`call_py` runs a nested
/// interpreter, whose exits write the shared exit buffer and may move it).
fn passed_through(trace: &tracelift_trace::Trace) -> HashMap<ValueId, u32> {
    let calls = trace.insts().any(|inst| {
        inst.op
            .signature()
            .effects
            .contains(tracelift_trace::Effects::CALL)
    });
    if calls {
        return HashMap::new();
    }
    exit_loads(trace)
}

impl Lowering<'_, '_> {
    /// Whether argument 0 of `inst` is a side trace's exit value (`load_exit`) that
    /// its parent had as the type whose tag is `tag`: the parent's exit wrote that
    /// tag, so checking it again cannot fail.
    pub(crate) fn parent_wrote_tag(&self, inst: &Inst, tag: u8) -> bool {
        let (Some(side), Some(value)) = (self.request.side, inst.args.first()) else {
            return false;
        };
        let Some(index) = self.exit_loads.get(value) else {
            return false;
        };
        let parent_type = side.parent_types.get(*index as usize).copied().flatten();
        matches!(
            (parent_type, tag),
            (Some(Type::Int), TAG_INT)
                | (Some(Type::Float), TAG_FLOAT)
                | (Some(Type::Bool), TAG_BOOL)
        )
    }

    /// Declares the variables of every value: block parameters and results.
    fn declare_values(&mut self) -> Result<(), CompileError> {
        let trace = self.request.trace;
        let steady = trace.steady.iter().flat_map(|block| block.params.iter());
        let mut typed: Vec<(ValueId, Type)> =
            trace.body.params.iter().chain(steady).copied().collect();
        for inst in trace.insts() {
            if let (Some(result), Some(ty)) = (inst.result, inst.op.signature().result) {
                typed.push((result, ty));
            }
        }
        for (value, ty) in typed {
            let var = match ty {
                Type::Int => Var::Int(self.builder.declare_var(types::I64)),
                Type::Float => Var::Float(self.builder.declare_var(types::F64)),
                Type::Bool => Var::Bool(self.builder.declare_var(types::I8)),
                Type::Obj => Var::Obj {
                    tag: self.builder.declare_var(types::I8),
                    payload: self.builder.declare_var(types::I64),
                },
            };
            self.vars.insert(value, var);
        }
        Ok(())
    }

    /// A root trace's entry: the frame reads and checks, then a tail call to the loop
    /// with the parameters' values.
    fn lower_entry(&mut self, loop_fn: cranelift_module::FuncId) -> Result<(), CompileError> {
        let trace = self.request.trace;
        for inst in &trace.entry.insts {
            self.lower_inst(inst)?;
        }
        if let Some(guard) = trace.range_guard() {
            // The loop's range guard runs here, on the values `entry` passes (its
            // snapshot names the loop's parameters: give them those values), and in
            // side traces that close the loop with an iterator that has not passed
            // it (`close.rs`), never in the loop itself.
            self.carry(&trace.body.params, &trace.entry.jump_args)?;
            if let Some(inst) = trace.body.insts.get(guard.at) {
                self.lower_inst(inst)?;
            }
        }
        let mut args = vec![self.frame, self.ctx];
        for value in &trace.entry.jump_args {
            let lowered = self.get(*value)?;
            args.extend(flatten(lowered));
        }
        let callee = self.module.declare_func_in_func(loop_fn, self.builder.func);
        self.builder.ins().return_call(callee, &args);
        Ok(())
    }

    /// A root trace's loop: the parameters arrive as arguments, then one iteration
    /// jumps back to the header.
    fn lower_loop(&mut self, args: &[Value]) -> Result<(), CompileError> {
        let trace = self.request.trace;
        let mut args = args.iter().copied();
        for (param, ty) in &trace.body.params {
            let mut next = || {
                args.next()
                    .ok_or_else(|| unsupported("the loop has fewer arguments than parameters"))
            };
            let lowered = match ty {
                Type::Int => Lowered::Int(next()?),
                Type::Float => Lowered::Float(next()?),
                Type::Bool => Lowered::Bool(next()?),
                Type::Obj => Lowered::Obj {
                    tag: next()?,
                    payload: next()?,
                },
            };
            self.set(*param, lowered)?;
        }
        // Every caller passes an iterator that passed the range guard (`lower_entry`,
        // `close.rs`), so it is a range iterator, and the guard is left out.
        let guard = trace.range_guard();
        if let Some(guard) = guard {
            self.known_range_iters
                .insert(trace.body.params[guard.param].0);
        }
        let header = self.builder.create_block();
        self.builder.ins().jump(header, &[]);
        self.builder.switch_to_block(header);
        for (at, inst) in trace.body.insts.iter().enumerate() {
            if guard.is_some_and(|guard| guard.at == at) {
                continue;
            }
            self.lower_inst(inst)?;
        }
        if trace.leaves_through().is_some() {
            return Ok(());
        }
        self.refuse_in_function_tree("a loop")?;
        let Some(steady) = &trace.steady else {
            self.carry(&trace.body.params, &trace.body.jump_args)?;
            self.recycle_at_backward_jump()?;
            self.builder.ins().jump(header, &[]);
            return Ok(());
        };
        // A peeled trace: `loop` was the first iteration; `body` repeats, a block of
        // this function that may use `loop`'s values.
        self.carry(&steady.params, &trace.body.jump_args)?;
        self.hold_for_body(steady)?;
        let body = self.builder.create_block();
        self.builder.ins().jump(body, &[]);
        self.builder.switch_to_block(body);
        for inst in &steady.insts {
            self.lower_inst(inst)?;
        }
        self.carry(&steady.params, &steady.jump_args)?;
        self.recycle_at_backward_jump()?;
        self.builder.ins().jump(body, &[]);
        Ok(())
    }

    /// A side trace: its entry, its body once, and its close.
    fn lower_side(&mut self) -> Result<(), CompileError> {
        let trace = self.request.trace;
        for inst in &trace.entry.insts {
            self.lower_inst(inst)?;
        }
        self.carry(&trace.body.params, &trace.entry.jump_args)?;
        for inst in &trace.body.insts {
            self.lower_inst(inst)?;
        }
        if trace.leaves_through().is_some() {
            return Ok(());
        }
        self.refuse_in_function_tree("a side trace that closes")?;
        self.close_side_trace()
    }

    /// A function tree's traces never write their frame, which a compiled call's
    /// caller relies on (`compiled_call.rs`): one that would (going round a loop, or
    /// closing into the root) is not compiled.
    fn refuse_in_function_tree(&self, what: &str) -> Result<(), CompileError> {
        match self.request.function {
            Some(_) => Err(unsupported(format!("{what} in a function's entry tree"))),
            None => Ok(()),
        }
    }

    /// Assigns a block's parameters from the closing jump's arguments (all read
    /// before any is written: the jump is a parallel assignment).
    fn carry(&mut self, params: &[(ValueId, Type)], args: &[ValueId]) -> Result<(), CompileError> {
        if params.len() != args.len() {
            return Err(unsupported(
                "a jump whose arguments do not match the loop's parameters",
            ));
        }
        let values = args
            .iter()
            .map(|arg| self.get(*arg))
            .collect::<Result<Vec<_>, _>>()?;
        for ((param, _), value) in params.iter().zip(values) {
            self.set(*param, value)?;
        }
        Ok(())
    }

    /// The type of a trace value, if it is defined.
    pub(crate) fn type_of(&self, value: ValueId) -> Option<Type> {
        Some(match self.vars.get(&value)? {
            Var::Int(_) => Type::Int,
            Var::Float(_) => Type::Float,
            Var::Bool(_) => Type::Bool,
            Var::Obj { .. } => Type::Obj,
        })
    }

    fn var(&self, value: ValueId) -> Result<Var, CompileError> {
        self.vars
            .get(&value)
            .copied()
            .ok_or_else(|| unsupported(format!("{value} is used but never defined")))
    }

    /// Reads a trace value.
    pub(crate) fn get(&mut self, value: ValueId) -> Result<Lowered, CompileError> {
        Ok(match self.var(value)? {
            Var::Int(var) => Lowered::Int(self.builder.use_var(var)),
            Var::Float(var) => Lowered::Float(self.builder.use_var(var)),
            Var::Bool(var) => Lowered::Bool(self.builder.use_var(var)),
            Var::Obj { tag, payload } => Lowered::Obj {
                tag: self.builder.use_var(tag),
                payload: self.builder.use_var(payload),
            },
        })
    }

    /// Defines a trace value.
    pub(crate) fn set(&mut self, value: ValueId, lowered: Lowered) -> Result<(), CompileError> {
        match (self.var(value)?, lowered) {
            (Var::Int(var), Lowered::Int(x))
            | (Var::Float(var), Lowered::Float(x))
            | (Var::Bool(var), Lowered::Bool(x)) => self.builder.def_var(var, x),
            (Var::Obj { tag, payload }, Lowered::Obj { tag: t, payload: p }) => {
                self.builder.def_var(tag, t);
                self.builder.def_var(payload, p);
            }
            _ => return Err(unsupported(format!("{value} defined with the wrong type"))),
        }
        Ok(())
    }

    /// The tag byte and payload word of any value, as an object slot holds them
    /// (boxing an unboxed one).
    pub(crate) fn boxed(&mut self, lowered: Lowered) -> (Value, Value) {
        let ins = self.builder.ins();
        match lowered {
            Lowered::Int(x) => (ins.iconst(types::I8, i64::from(TAG_INT)), x),
            Lowered::Float(x) => {
                let tag = ins.iconst(types::I8, i64::from(TAG_FLOAT));
                (
                    tag,
                    self.builder
                        .ins()
                        .bitcast(types::I64, MemFlagsData::new(), x),
                )
            }
            Lowered::Bool(x) => {
                let tag = ins.iconst(types::I8, i64::from(TAG_BOOL));
                (tag, self.builder.ins().uextend(types::I64, x))
            }
            Lowered::Obj { tag, payload } => (tag, payload),
        }
    }

    /// Stores a value as a 16-byte slot at `base + offset`.
    pub(crate) fn store_slot(&mut self, lowered: Lowered, base: Value, offset: i32) {
        let (tag, payload) = self.boxed(lowered);
        self.builder.ins().store(trusted(), tag, base, offset);
        self.builder
            .ins()
            .store(trusted(), payload, base, offset + 8);
    }

    /// Loads the 16-byte slot at `base + offset` as an object.
    pub(crate) fn load_slot(&mut self, base: Value, offset: i32) -> Lowered {
        let tag = self.builder.ins().load(types::I8, trusted(), base, offset);
        let payload = self
            .builder
            .ins()
            .load(types::I64, trusted(), base, offset + 8);
        Lowered::Obj { tag, payload }
    }

    /// A field of the context (never written while the trace runs).
    pub(crate) fn context_field(&mut self, offset: i32) -> Value {
        let flags = trusted().with_readonly();
        self.builder.ins().load(types::I64, flags, self.ctx, offset)
    }

    /// A field of the context a helper may change (read again after every call).
    pub(crate) fn context_field_mutable(&mut self, offset: i32) -> Value {
        self.builder
            .ins()
            .load(types::I64, trusted(), self.ctx, offset)
    }

    /// The function reference of a helper, imported into this function once with the
    /// signature the helper table gives it.
    pub(crate) fn helper(&mut self, helper: Helper) -> Result<FuncRef, CompileError> {
        if let Some(func) = self.helpers.get(&helper) {
            return Ok(*func);
        }
        let pointer = self.module.isa().pointer_type();
        let mut signature = self.module.make_signature();
        for ty in helper.params() {
            signature
                .params
                .push(AbiParam::new(clif_type(*ty, pointer)));
        }
        if let Some(ty) = helper.result() {
            signature
                .returns
                .push(AbiParam::new(clif_type(ty, pointer)));
        }
        let id = self
            .module
            .declare_function(
                helper.symbol(),
                cranelift_module::Linkage::Import,
                &signature,
            )
            .map_err(|error| CompileError {
                reason: "codegen",
                detail: format!("importing {}: {error}", helper.symbol()),
            })?;
        let func = self.module.declare_func_in_func(id, self.builder.func);
        self.helpers.insert(helper, func);
        Ok(func)
    }

    /// Calls a helper; its result, if it has one.
    pub(crate) fn call_helper(
        &mut self,
        helper: Helper,
        args: &[Value],
    ) -> Result<Option<Value>, CompileError> {
        if args.len() != helper.params().len() {
            return Err(unsupported(format!(
                "{} takes {} arguments, not {}",
                helper.symbol(),
                helper.params().len(),
                args.len()
            )));
        }
        let func = self.helper(helper)?;
        let call = self.builder.ins().call(func, args);
        Ok(self.builder.inst_results(call).first().copied())
    }

    /// Calls a helper that answers a status and leaves through `inst`'s snapshot when
    /// it is not `OK`.
    pub(crate) fn call_checked(
        &mut self,
        inst: &Inst,
        helper: Helper,
        args: &[Value],
    ) -> Result<(), CompileError> {
        let status = self
            .call_helper(helper, args)?
            .ok_or_else(|| unsupported(format!("{} answers no status", helper.symbol())))?;
        self.exit_if(inst, status)
    }

    /// Leaves through `inst`'s snapshot when `condition` is non-zero.
    pub(crate) fn exit_if(&mut self, inst: &Inst, condition: Value) -> Result<(), CompileError> {
        self.branch_to_exit(inst, condition, true)
    }

    /// Leaves through `inst`'s snapshot unless `condition` is non-zero.
    pub(crate) fn exit_unless(
        &mut self,
        inst: &Inst,
        condition: Value,
    ) -> Result<(), CompileError> {
        self.branch_to_exit(inst, condition, false)
    }

    fn branch_to_exit(
        &mut self,
        inst: &Inst,
        condition: Value,
        exit_when: bool,
    ) -> Result<(), CompileError> {
        let snapshot = inst.snapshot.ok_or_else(|| {
            unsupported(format!("{} may exit but has no snapshot", inst.op.name()))
        })?;
        let exit = self.exit_block(snapshot);
        self.branch_away(condition, exit_when, exit);
        Ok(())
    }

    /// Branches to `away` when `condition` is `when` (non-zero for `true`), and goes
    /// on in a new block otherwise.
    pub(crate) fn branch_away(&mut self, condition: Value, when: bool, away: Block) {
        let next = self.builder.create_block();
        let (if_true, if_false) = if when { (away, next) } else { (next, away) };
        self.builder
            .ins()
            .brif(condition, if_true, &[], if_false, &[]);
        self.builder.switch_to_block(next);
        self.builder.seal_block(next);
    }
}
