//! What the passes may do with each op: the one exhaustive table of the optimizer, so
//! an op added to the trace op table is a compile error here until someone decides
//! how it may be merged or removed.
//!
//! The classes are deliberately few and conservative; an op whose behaviour is not
//! certain is [`Class::Effect`], which no pass merges, moves or removes.

use tracelift_trace::Op;

/// How an op may be merged (CSE) or removed (DCE).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// No effect, no exit: the result depends only on the operands and immediates.
    /// Equal ones merge; an unused one goes.
    Pure,
    /// Its only effect is leaving the trace when its operands do not fit (a type
    /// guard, a branch guard, checked arithmetic). The same op on the same operands
    /// after one that passed cannot leave and gives the same result, so it merges
    /// with the earlier one. An unused one stays: its exit is behaviour.
    Checked,
    /// Never leaves and changes nothing anyone can see (it reads state, or makes a
    /// fresh object no one else holds, or boxes an immediate): an unused one goes,
    /// but two are never merged (the state read may change between them, and two
    /// fresh objects are two objects).
    Unobserved,
    /// Everything else: kept where and as it is.
    Effect,
}

/// The class of `op`.
pub(crate) fn class(op: &Op) -> Class {
    match op {
        Op::ConstInt { .. }
        | Op::ConstFloat { .. }
        | Op::ConstBool { .. }
        | Op::ConstNone {}
        | Op::ConstObj { .. }
        | Op::BoxBool {}
        | Op::IntAnd {}
        | Op::IntOr {}
        | Op::IntXor {}
        | Op::IntCmp { .. }
        | Op::IntAddFits {}
        | Op::IntSubFits {}
        | Op::FloatAdd {}
        | Op::FloatSub {}
        | Op::FloatMul {}
        | Op::FloatNeg {}
        | Op::FloatAbs {}
        | Op::FloatCmp { .. }
        | Op::IntToFloat {}
        | Op::BoolNot {} => Class::Pure,
        Op::UnboxInt {}
        | Op::UnboxFloat {}
        | Op::UnboxBool {}
        | Op::GuardList {}
        | Op::GuardCode { .. }
        | Op::GuardTrue {}
        | Op::GuardFalse {}
        | Op::GuardRangeBuiltin {}
        | Op::GuardBuiltin { .. }
        | Op::IntAbs {}
        | Op::FloatToInt {}
        | Op::IntAdd {}
        | Op::IntSub {}
        | Op::IntMul {}
        | Op::IntFloorDiv {}
        | Op::IntMod {}
        | Op::IntShl {}
        | Op::IntShr {}
        | Op::IntNeg {}
        | Op::FloatDiv {}
        | Op::FloatFloorDiv {}
        | Op::FloatMod {}
        | Op::FloatPow {} => Class::Checked,
        // A box of an immediate only writes a tag; `truthy` reads; a tuple or list
        // display makes a fresh object (its one exit, past the allocation cap, is a
        // resource bound the evaluator does not have, not Python behaviour).
        Op::LoadSlot { .. }
        | Op::LoadExit { .. }
        | Op::BoxInt {}
        | Op::BoxFloat {}
        | Op::Truthy {}
        | Op::BuildTuple {}
        | Op::BuildList {} => Class::Unobserved,
        Op::LoadGlobal { .. }
        | Op::StoreGlobal { .. }
        | Op::BurnFuel {}
        | Op::Leave {}
        | Op::ListLen {}
        | Op::ListGet {}
        | Op::ListSet {}
        | Op::ListGetNonneg {}
        | Op::ListSetNonneg {}
        | Op::ListGetInRange {}
        | Op::ListSetInRange {}
        | Op::ListAppend {}
        | Op::RangeNew {}
        | Op::RangeIterNew {}
        | Op::RangeGetIter {}
        | Op::ListGetIter {}
        | Op::RangeIterNext {}
        | Op::GuardRangeIterWithin { .. }
        | Op::GuardRangeIterIndexes { .. }
        | Op::RangeIterDone {}
        | Op::ListIterDone {}
        | Op::ListIterNext {}
        | Op::BinaryGeneric { .. }
        | Op::StrAppend { .. }
        | Op::UnaryGeneric { .. }
        | Op::CompareGeneric { .. }
        | Op::Subscript {}
        | Op::StoreSubscript {}
        | Op::Slice {}
        | Op::GetIter {}
        | Op::IterNext {}
        | Op::IterDone {}
        | Op::GuardSequenceLen { .. }
        | Op::SequenceItem { .. }
        | Op::CallNative {}
        | Op::CallNativeKw {}
        | Op::CallMethod { .. }
        | Op::CallPy { .. } => Class::Effect,
    }
}

/// The op and its immediates as text; a float constant by its bits.
pub(crate) fn op_key(op: &Op) -> String {
    struct Immediates<'a>(&'a Op);
    impl std::fmt::Display for Immediates<'_> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.0.write_immediates(f)
        }
    }
    match op {
        Op::ConstFloat { value } => format!("const_float {:#x}", value.to_bits()),
        _ => format!("{}{}", op.name(), Immediates(op)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracelift_trace::{Effects, OpKind};

    /// The table agrees with the op table's effect flags: pure ops are the `PURE`
    /// rows, checked ops may only exit, and nothing that calls, writes a global or
    /// burns fuel is anything but an effect.
    #[test]
    fn classes_agree_with_the_effect_flags() {
        for kind in OpKind::ALL {
            let Some(op) = sample(*kind) else { continue };
            let signature = op.signature();
            let effects = signature.effects;
            match class(&op) {
                Class::Pure => {
                    assert!(effects.is_pure(), "{} is not PURE", op.name());
                    assert!(!signature.needs_snapshot, "{} exits", op.name());
                }
                Class::Checked => {
                    assert_eq!(effects, Effects::MAY_EXIT, "{}", op.name());
                }
                Class::Unobserved => {
                    let forbidden = [
                        Effects::WRITES_GLOBAL,
                        Effects::WRITES_LOCAL,
                        Effects::MAY_RAISE,
                        Effects::CALL,
                        Effects::IO,
                    ];
                    for flag in forbidden {
                        assert!(!effects.contains(flag), "{} has {flag}", op.name());
                    }
                }
                Class::Effect => {}
            }
        }
    }

    /// An op of `kind`, parsed from its name with no immediate or with one or two
    /// of a few spellings every immediate type accepts one of.
    fn sample(kind: OpKind) -> Option<Op> {
        let words = ["0", "<", "true", "+", "==", "-", "append"];
        Op::parse(kind.name(), &[]).or_else(|| {
            words.iter().find_map(|word| {
                Op::parse(kind.name(), &[word]).or_else(|| Op::parse(kind.name(), &[word, word]))
            })
        })
    }

    #[test]
    fn every_op_has_a_sample() {
        let missing: Vec<&str> = OpKind::ALL
            .iter()
            .filter(|kind| sample(**kind).is_none())
            .map(|kind| kind.name())
            .collect();
        assert!(missing.is_empty(), "no sample for {missing:?}");
    }
}
