//! `tracelift dis`: a listing of each code object's bytecode with source lines, and
//! each instruction's uop expansion.
//!
//! The listing is deterministic (no addresses), so tests snapshot it whole. It shows
//! instructions as compiled (before any quickening), or as quickened after a run.

use std::fmt::Write;

use crate::bytecode::{Code, Instr};
use crate::globals::Globals;
use crate::value::repr::repr;

/// Lists `code` and, after it, every function defined in it.
pub fn disassemble(code: &Code, globals: &Globals, source: &str) -> String {
    let mut out = String::new();
    disassemble_into(&mut out, code, globals, source);
    out
}

fn disassemble_into(out: &mut String, code: &Code, globals: &Globals, source: &str) {
    let _ = writeln!(
        out,
        "code {} (line {}, {} params, locals: [{}])",
        code.name,
        code.first_line,
        code.param_count,
        code.local_names
            .iter()
            .map(|name| &**name)
            .collect::<Vec<_>>()
            .join(", ")
    );
    let lines: Vec<&str> = source.lines().collect();
    let mut last_line = 0;
    for (pc, cell) in code.instrs.iter().enumerate() {
        let line = code.line_at(pc);
        if line != last_line {
            let text = lines
                .get(line.saturating_sub(1) as usize)
                .map_or("", |text| text.trim());
            let _ = writeln!(out, "  {line:>4} | {text}");
            last_line = line;
        }
        let instr = cell.get();
        let operand = describe_operand(code, globals, instr);
        let uops: Vec<String> = instr.uops().iter().map(|uop| uop.to_string()).collect();
        let _ = writeln!(
            out,
            "       {pc:>4} {:<28} {:<20} ; {}",
            instr.name(),
            operand,
            uops.join(", ")
        );
    }
    out.push('\n');
    for function in &code.functions {
        disassemble_into(out, function, globals, source);
    }
}

/// `slot (name)` for a local slot.
fn local(code: &Code, slot: u32) -> String {
    let name = code.local_names.get(slot as usize).map_or("?", |name| name);
    format!("{slot} ({name})")
}

/// `index (repr)` for a constant.
fn constant(code: &Code, index: u32) -> String {
    let value = code
        .consts
        .get(index as usize)
        .map_or_else(|| "?".to_string(), |value| repr(value).unwrap_or_default());
    format!("{index} ({value})")
}

/// A readable form of an instruction's operand (`n`, `0 (10)`, `-> 12`).
fn describe_operand(code: &Code, globals: &Globals, instr: Instr) -> String {
    if let Some(op) = instr.arith_op() {
        return op.to_string();
    }
    match instr {
        Instr::LoadConst(index) => constant(code, index),
        Instr::LoadFast(slot) | Instr::StoreFast(slot) => local(code, slot),
        Instr::LoadFastLoadFast(first, second) | Instr::StoreFastLoadFast(first, second) => {
            format!(
                "{}, {}",
                local(code, first.into()),
                local(code, second.into())
            )
        }
        Instr::LoadFastLoadConst(slot, index) => {
            format!(
                "{}, {}",
                local(code, slot.into()),
                constant(code, index.into())
            )
        }
        Instr::CompareJumpIfFalse(op, target)
        | Instr::CompareIntIntJumpIfFalse(op, target)
        | Instr::CompareFloatFloatJumpIfFalse(op, target)
        | Instr::CompareStrStrJumpIfFalse(op, target) => {
            format!("{} -> {target}", op.symbol())
        }
        Instr::LoadGlobal(slot) | Instr::StoreGlobal(slot) => {
            format!("{slot} ({})", globals.name(slot))
        }
        Instr::Compare(op)
        | Instr::CompareIntInt(op)
        | Instr::CompareFloatFloat(op)
        | Instr::CompareStrStr(op) => op.symbol().to_string(),
        Instr::Unary(op) => format!("{op:?}"),
        Instr::CallMethod(site) | Instr::CallListAppend(site) | Instr::LoadAttr(site) => {
            let name = code.names.get(site.name as usize).map_or("?", |name| name);
            format!("{name}/{}", site.argc)
        }
        Instr::MakeFunction(index, defaults) => {
            let name = code
                .functions
                .get(index as usize)
                .map_or("?", |function| &*function.name);
            format!("{name} ({defaults} defaults)")
        }
        Instr::CallKw(argc, kwnames) => {
            let names = code
                .consts
                .get(kwnames as usize)
                .map_or_else(String::new, |names| repr(names).unwrap_or_default());
            format!("{argc} {names}")
        }
        other => match other.jump_target() {
            Some(target) => format!("-> {target}"),
            None => match other {
                Instr::BuildList(count)
                | Instr::BuildTuple(count)
                | Instr::UnpackSequence(count)
                | Instr::Call(count)
                | Instr::CallPyExact(count) => count.to_string(),
                Instr::Slice(has_step) | Instr::RaiseAssertion(has_step) => has_step.to_string(),
                Instr::Swap(depth) => depth.to_string(),
                _ => String::new(),
            },
        },
    }
}
