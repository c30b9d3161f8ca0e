//! Micro-ops (uops): the single definition of what every bytecode means.
//!
//! [`table.rs`](table) lists every uop once: its name, operands, stack effect and
//! effects. From that table come the [`Uop`] enum, names, [`Effects`], stack effects and
//! the [`UopVisitor`] trait with one method per uop. A bytecode instruction is a short
//! sequence of uops (see [`crate::bytecode::instr`]); the interpreter executes an
//! instruction by calling its uops on a visitor, so the interpreter, `dis` and (later)
//! the trace recorder all read the same definitions.
//!
//! Architecture invariant: no stage matches uops with a catch-all arm. Adding a uop
//! fails to compile until every visitor implements it.

mod table;

pub use table::{OperandText, Uop, UopCollector, UopInfo, UopVisitor, UOP_TABLE};
pub use tracelift_trace::Effects;

/// How the result of a uop steers the instruction that contains it.
pub trait FlowControl {
    /// The value meaning "go on with the next uop".
    fn next() -> Self;
    /// Whether to go on with the next uop (anything else ends the instruction).
    fn is_next(&self) -> bool;
}

/// The operand of a stack-relative uop: 0 is the top of the stack, 1 the value below.
pub type Depth = u8;

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole table, one uop per line: a change to any uop's operands, stack effect
    /// or effects shows up here for review.
    #[test]
    fn uop_table_snapshot() {
        let table: String = UOP_TABLE
            .iter()
            .map(|info| {
                format!(
                    "{:<24} ({}) {} {}\n",
                    info.name, info.operands, info.stack_effect, info.effects
                )
            })
            .collect();
        expect_test::expect![[r#"
            nop                      () [0 => 0] pure
            load_fast                (slot : u32) [0 => 1] reads_local|may_raise
            store_fast               (slot : u32) [1 => 0] writes_local
            load_const               (index : u32) [0 => 1] pure
            load_global              (global : u32) [0 => 1] reads_global|may_raise
            store_global             (global : u32) [1 => 0] writes_global
            pop_top                  () [1 => 0] pure
            dup_top                  () [1 => 2] pure
            dup_top_two              () [2 => 4] pure
            rot_two                  () [2 => 2] pure
            rot_three                () [3 => 3] pure
            swap                     (depth : Depth) [0 => 0] pure
            guard_int                (depth : Depth) [0 => 0] may_exit
            guard_float              (depth : Depth) [0 => 0] may_exit
            guard_list               (depth : Depth) [0 => 0] may_exit
            guard_str                (depth : Depth) [0 => 0] may_exit
            guard_range_iter         (depth : Depth) [0 => 0] may_exit
            guard_list_iter          (depth : Depth) [0 => 0] may_exit
            guard_str_iter           (depth : Depth) [0 => 0] may_exit
            guard_py_function        (argc : u32) [0 => 0] may_exit
            int_add                  () [2 => 1] may_exit
            int_sub                  () [2 => 1] may_exit
            int_mul                  () [2 => 1] may_exit
            float_add                () [2 => 1] pure
            float_sub                () [2 => 1] pure
            float_mul                () [2 => 1] pure
            float_div                () [2 => 1] may_exit
            int_arith                (op : ArithOp) [2 => 1] may_exit
            float_arith              (op : ArithOp) [2 => 1] may_exit
            int_to_float             (depth : Depth) [0 => 0] pure
            int_compare              (op : CmpOp) [2 => 1] pure
            float_compare            (op : CmpOp) [2 => 1] pure
            int_compare_branch       (op : CmpOp, target : u32) [2 => 0] branch
            float_compare_branch     (op : CmpOp, target : u32) [2 => 0] branch
            binary_generic           (op : ArithOp) [2 => 1] reads_heap|writes_heap|may_raise
            unary_generic            (op : UnaryOp) [1 => 1] reads_heap|may_raise
            compare_generic          (op : CmpOp) [2 => 1] reads_heap|may_raise
            str_equal                (op : CmpOp) [2 => 1] reads_heap
            str_equal_branch         (op : CmpOp, target : u32) [2 => 0] reads_heap|branch
            jump                     (target : u32) [0 => 0] branch
            jump_backward            (target : u32) [0 => 0] may_raise|branch
            pop_jump_if_false        (target : u32) [1 => 0] branch
            pop_jump_if_true         (target : u32) [1 => 0] branch
            jump_if_false_or_pop     (target : u32) [1 => 0] branch
            jump_if_true_or_pop      (target : u32) [1 => 0] branch
            get_iter                 () [1 => 1] writes_heap|may_raise
            for_iter                 (target : u32) [1 => 2] reads_heap|writes_heap|branch
            range_iter_next          (target : u32) [1 => 2] writes_heap|branch
            list_iter_next           (target : u32) [1 => 2] reads_heap|writes_heap|branch
            str_iter_next            (target : u32) [1 => 2] reads_heap|writes_heap|branch
            build_list               (count : u32) [count => 1] writes_heap
            build_tuple              (count : u32) [count => 1] writes_heap
            unpack_sequence          (count : u32) [1 => count] reads_heap|may_raise
            subscript_generic        () [2 => 1] reads_heap|may_raise
            list_get_item            () [2 => 1] reads_heap|may_exit
            str_get_item             () [2 => 1] reads_heap|may_exit
            store_subscript_generic  () [3 => 0] writes_heap|may_raise
            list_set_item            () [3 => 0] writes_heap|may_exit
            slice                    (has_step : bool) [3 + has_step as u32 => 1] reads_heap|writes_heap|may_raise
            call                     (argc : u32) [argc + 1 => 1] reads_heap|writes_heap|may_raise|call|io
            call_kw                  (argc : u32, kwnames : u32) [argc + 1 => 1] reads_heap|writes_heap|may_raise|call|io
            push_frame               (argc : u32) [argc + 1 => 1] may_raise|call
            call_method              (site : MethodSite) [site.argc as u32 + 1 => 1] reads_heap|writes_heap|may_raise|call
            list_append              () [2 => 1] writes_heap
            load_attr                (site : MethodSite) [1 => 1] may_raise
            return_value             () [1 => 0] call
            make_function            (code : u32, defaults : u32) [defaults => 1] writes_heap
            raise_assertion          (has_message : bool) [has_message as u32 => 0] may_raise
        "#]].assert_eq(&table);
    }

    #[test]
    fn uop_names_are_unique() {
        let mut names: Vec<&str> = UOP_TABLE.iter().map(|info| info.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), UOP_TABLE.len());
        assert_eq!(Uop::NAMES.len(), UOP_TABLE.len());
    }
}
