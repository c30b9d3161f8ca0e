//! The text form of a trace. It is deterministic (no addresses, no hash order), so
//! tests compare whole traces, and [`super::parse`] reads it back:
//!
//! ```text
//! trace at t.py:3 in f (pc 4)
//! entry:
//!   %0:obj = load_slot 1
//!   %1:int = unbox_int %0 [snap0]            ; line 3
//!   jump loop(%1)
//! loop(%2:int):
//!   %3:int = const_int 1
//!   %4:int = int_add %2, %3 [snap1]          ; line 4
//!   jump loop(%4)
//! snap0: pc 4, stack 0: 1=%0
//! snap1: pc 9, stack 2: 1=%2 3=%2 4=%3
//! ```
//!
//! A peeled trace (the optimizer's `peel` pass) has a third block: `loop` ends with
//! `jump body(...)`, and `body(...):` follows, ending with `jump body(...)`.

use std::fmt::{self, Write};

use super::ir::{Block, Inst, SnapEntry, SnapValue, Snapshot, Trace};

/// The whole trace as text.
pub fn print(trace: &Trace) -> String {
    let mut out = String::new();
    let anchor = &trace.anchor;
    let _ = writeln!(
        out,
        "trace at {}:{} in {} (pc {})",
        anchor.filename, anchor.line, anchor.function, anchor.pc
    );
    if let Some(side) = &trace.side {
        let _ = write!(
            out,
            "side trace of trace{} snap{}, closing at {}",
            side.parent_trace, side.parent_snapshot, side.close
        );
        if let Some(root) = side.enters {
            let _ = write!(out, ", entering trace{root}");
        }
        out.push('\n');
    }
    let target = if trace.steady.is_some() {
        "body"
    } else {
        "loop"
    };
    write_block(&mut out, "entry", &trace.entry, "loop", false);
    write_block(&mut out, "loop", &trace.body, target, trace.side.is_some());
    if let Some(steady) = &trace.steady {
        write_block(&mut out, "body", steady, "body", false);
    }
    for (index, code) in trace.codes.iter().enumerate() {
        let _ = writeln!(
            out,
            "code{index}: {} at {}:{}",
            code.name, code.filename, code.line
        );
    }
    for (index, constant) in trace.consts.iter().enumerate() {
        let _ = writeln!(out, "const{index}: {constant}");
    }
    for (index, snapshot) in trace.snapshots.iter().enumerate() {
        let _ = writeln!(out, "snap{index}: {}", SnapshotText(snapshot));
    }
    out
}

/// Writes a block, ending with its jump to `target`; a side trace's `loop` ends with
/// `jump root` (it runs once, then enters its root trace) instead.
fn write_block(out: &mut String, name: &str, block: &Block, target: &str, to_root: bool) {
    out.push_str(name);
    if !block.params.is_empty() || name != "entry" {
        let params: Vec<String> = block
            .params
            .iter()
            .map(|(value, ty)| format!("{value}:{ty}"))
            .collect();
        let _ = write!(out, "({})", params.join(", "));
    }
    out.push_str(":\n");
    for inst in &block.insts {
        let _ = writeln!(out, "  {}", InstText(inst));
    }
    if to_root {
        out.push_str("  jump root\n");
        return;
    }
    let args: Vec<String> = block.jump_args.iter().map(ToString::to_string).collect();
    let _ = writeln!(out, "  jump {target}({})", args.join(", "));
}

/// One instruction, as printed inside a block (without indentation).
struct InstText<'a>(&'a Inst);

impl fmt::Display for InstText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inst = self.0;
        let mut text = String::new();
        if let (Some(result), Some(ty)) = (inst.result, inst.op.signature().result) {
            let _ = write!(text, "{result}:{ty} = ");
        }
        text.push_str(inst.op.name());
        let _ = write!(text, "{}", Immediates(inst));
        let args: Vec<String> = inst.args.iter().map(ToString::to_string).collect();
        if !args.is_empty() {
            let _ = write!(text, " {}", args.join(", "));
        }
        if let Some(snapshot) = inst.snapshot {
            let _ = write!(text, " [{snapshot}]");
        }
        if inst.line == 0 {
            f.write_str(&text)
        } else {
            write!(f, "{text:<40} ; line {}", inst.line)
        }
    }
}

struct Immediates<'a>(&'a Inst);

impl fmt::Display for Immediates<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.op.write_immediates(f)
    }
}

fn write_entries(f: &mut fmt::Formatter<'_>, entries: &[SnapEntry]) -> fmt::Result {
    for entry in entries {
        match entry.value {
            SnapValue::Value(value) => write!(f, " {}={value}", entry.slot)?,
            SnapValue::Unbound => write!(f, " {}=unbound", entry.slot)?,
        }
    }
    Ok(())
}

struct SnapshotText<'a>(&'a Snapshot);

impl fmt::Display for SnapshotText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let snapshot = self.0;
        write!(f, "pc {}, stack {}:", snapshot.pc, snapshot.stack_depth)?;
        write_entries(f, &snapshot.entries)?;
        for frame in &snapshot.inlined {
            write!(
                f,
                " | code{} pc {}, stack {}:",
                frame.code, frame.pc, frame.stack_depth
            )?;
            write_entries(f, &frame.entries)?;
        }
        Ok(())
    }
}

/// Replaces hex literals of 2^40 or more (addresses: user-space memory on the hosts
/// we run on lies above that) with `ADDR`, so dumps of compiled code (exit slots,
/// entries of other traces) compare as stable text, while exit codes
/// (`trace << 32 | snapshot`) stay readable for the first 256 traces.
pub fn mask_addresses(text: &str) -> String {
    const FIRST_ADDRESS: u128 = 1 << 40;
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("0x") {
        out.push_str(&rest[..at]);
        let digits = rest[at + 2..]
            .find(|c: char| !(c.is_ascii_hexdigit() || c == '_'))
            .unwrap_or(rest.len() - at - 2);
        let literal = &rest[at..at + 2 + digits];
        let hex: String = literal[2..].chars().filter(|c| *c != '_').collect();
        match u128::from_str_radix(&hex, 16) {
            Ok(value) if value >= FIRST_ADDRESS => out.push_str("ADDR"),
            _ => out.push_str(literal),
        }
        rest = &rest[at + 2 + digits..];
    }
    out.push_str(rest);
    out
}
