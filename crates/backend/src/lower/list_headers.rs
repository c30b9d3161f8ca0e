//! A list's header (its borrow flag, its item buffer and its length) read once per
//! function where nothing in the trace can change it.
//!
//! Each inline list op checks that nobody is mutating the list (the borrow flag) and
//! loads the item buffer, or the length for a bounds check. Only a list op that
//! resizes (`list_append`) or code the trace does not see (a call, a generic op, a
//! helper that may run Python) changes a header; a store of an item does not (what it
//! drops is kept for later, `deferred.rs`). So in a trace made only of the ops
//! [`keeps_list_headers`] names, the flag checked once for a list value holds for the
//! rest of the function, and a field loaded once is the same at every later
//! instruction: the first check and load of each list, in the peeled iteration when
//! there is one, serve every iteration of the steady-state body after it. Both are
//! remembered on the function's main path only, which dominates everything lowered
//! after it (a trace has no joins besides its loop headers), as `known_lists` is.
//!
//! Measured with cachegrind (instructions, whole runs, before and after): matmul
//! 688M -> 548M, nbody 1,747M -> 1,611M, sieve 1,419M -> 1,324M, fannkuch 1,715M ->
//! 1,645M, spectral_norm 331M -> 314M.

use std::collections::{HashMap, HashSet};

use cranelift_codegen::ir::{types, InstBuilder, Value};
use tracelift_trace::{Op, Trace, ValueId};

use super::{trusted, Lowering};

/// What the function may assume about the headers of the lists it uses.
#[derive(Default)]
pub(crate) struct ListHeaders {
    /// Whether no instruction of the trace can change a list's header.
    stable: bool,
    /// Lists whose borrow flag was found clear on the main path.
    unborrowed: HashSet<ValueId>,
    /// Header fields loaded on the main path, by list and offset.
    fields: HashMap<(ValueId, i32), Value>,
}

impl ListHeaders {
    pub(crate) fn for_trace(trace: &Trace) -> ListHeaders {
        ListHeaders {
            stable: trace.insts().all(|inst| keeps_list_headers(&inst.op)),
            ..ListHeaders::default()
        }
    }
}

impl Lowering<'_, '_> {
    /// Whether the borrow flag of `list` needs checking here (it was not found clear
    /// earlier in a trace where nothing can set it).
    pub(crate) fn list_borrow_unchecked(&self, list: ValueId) -> bool {
        !self.list_headers.unborrowed.contains(&list)
    }

    /// After the borrow flag of `list` was checked clear on the main path.
    pub(crate) fn list_borrow_checked(&mut self, list: ValueId) {
        if self.list_headers.stable {
            self.list_headers.unborrowed.insert(list);
        }
    }

    /// The header field at `offset` of the list `id` (whose payload is `list`), loaded
    /// here on the main path, or the value an earlier load gave when nothing in the
    /// trace can have changed it since.
    pub(crate) fn list_header_field(&mut self, id: ValueId, list: Value, offset: i32) -> Value {
        if let Some(&known) = self.list_headers.fields.get(&(id, offset)) {
            return known;
        }
        let field = self.builder.ins().load(types::I64, trusted(), list, offset);
        if self.list_headers.stable {
            self.list_headers.fields.insert((id, offset), field);
        }
        field
    }
}

/// Whether `op` leaves every list's header as it was: it neither resizes a list nor
/// runs code the trace does not see. Anything not named here may.
pub(crate) fn keeps_list_headers(op: &Op) -> bool {
    matches!(
        op,
        Op::LoadSlot { .. }
            | Op::LoadExit { .. }
            | Op::LoadGlobal { .. }
            | Op::StoreGlobal { .. }
            | Op::ConstInt { .. }
            | Op::ConstFloat { .. }
            | Op::ConstBool { .. }
            | Op::ConstNone {}
            | Op::ConstObj { .. }
            | Op::UnboxInt {}
            | Op::UnboxFloat {}
            | Op::UnboxBool {}
            | Op::BoxInt {}
            | Op::BoxFloat {}
            | Op::BoxBool {}
            | Op::GuardList {}
            | Op::GuardCode { .. }
            | Op::BurnFuel {}
            | Op::GuardTrue {}
            | Op::GuardFalse {}
            | Op::Leave {}
            | Op::IntAdd {}
            | Op::IntSub {}
            | Op::IntMul {}
            | Op::IntFloorDiv {}
            | Op::IntMod {}
            | Op::IntAnd {}
            | Op::IntOr {}
            | Op::IntXor {}
            | Op::IntShl {}
            | Op::IntShr {}
            | Op::IntNeg {}
            | Op::IntAbs {}
            | Op::IntCmp { .. }
            | Op::IntAddFits {}
            | Op::IntSubFits {}
            | Op::FloatAdd {}
            | Op::FloatSub {}
            | Op::FloatMul {}
            | Op::FloatDiv {}
            | Op::FloatFloorDiv {}
            | Op::FloatMod {}
            | Op::FloatPow {}
            | Op::FloatNeg {}
            | Op::FloatAbs {}
            | Op::FloatToInt {}
            | Op::FloatCmp { .. }
            | Op::IntToFloat {}
            | Op::BoolNot {}
            | Op::ListLen {}
            | Op::ListGet {}
            | Op::ListSet {}
            | Op::ListGetNonneg {}
            | Op::ListSetNonneg {}
            | Op::ListGetInRange {}
            | Op::ListSetInRange {}
            | Op::GuardRangeBuiltin {}
            | Op::GuardBuiltin { .. }
            | Op::RangeNew {}
            | Op::RangeGetIter {}
            | Op::RangeIterNew {}
            | Op::RangeIterNext {}
            | Op::GuardRangeIterWithin { .. }
            | Op::GuardRangeIterIndexes { .. }
            | Op::RangeIterDone {}
            | Op::ListGetIter {}
            | Op::ListIterNext {}
            | Op::ListIterDone {}
    )
}
