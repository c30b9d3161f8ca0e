//! Reads the text [`super::print`] writes back into a [`Trace`], so tests can state
//! traces as text (and, later, optimizer passes can be tested text to text).
//!
//! The parser checks syntax only (and that a printed result type matches the op's);
//! [`super::verify`] checks meaning.

use std::fmt;

use super::ir::{
    Anchor, Block, CodeRef, InlinedFrame, Inst, SideTrace, SnapEntry, SnapValue, Snapshot,
    SnapshotId, Trace, Type, ValueId,
};
use super::ops::Op;

/// A syntax error in trace text, with its 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

type Parsed<T> = Result<T, String>;

/// Parses a whole trace.
pub fn parse(text: &str) -> Result<Trace, ParseError> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line))
        .filter(|(_, line)| !line.trim().is_empty());
    let fail = |line: usize| move |message: String| ParseError { line, message };

    let (number, header) = lines.next().ok_or(ParseError {
        line: 1,
        message: "empty trace".into(),
    })?;
    let anchor = parse_anchor(header).map_err(fail(number))?;
    let mut side = None;

    let mut blocks = Vec::new();
    // The block each jump names, in block order.
    let mut targets: Vec<&str> = Vec::new();
    let mut snapshots = Vec::new();
    let mut codes = Vec::new();
    let mut consts = Vec::new();
    let mut current: Option<Block> = None;
    for (number, line) in lines {
        let result: Parsed<()> = (|| {
            if let Some(body) = line.strip_prefix("  ") {
                let block = current.as_mut().ok_or("an instruction outside a block")?;
                let jump = ["loop", "body"].into_iter().find_map(|target| {
                    let args = body.trim().strip_prefix("jump ")?.strip_prefix(target)?;
                    Some((target, args.strip_prefix('(')?))
                });
                if body.trim() == "jump root" {
                    targets.push("root");
                    blocks.extend(current.take());
                } else if let Some((target, args)) = jump {
                    let args = args.strip_suffix(')').ok_or("expected ')'")?;
                    block.jump_args = parse_value_list(args)?;
                    targets.push(target);
                    blocks.extend(current.take());
                } else {
                    block.insts.push(parse_inst(body)?);
                }
                return Ok(());
            }
            if current.is_some() {
                return Err("a block must end with `jump loop(...)` or `jump body(...)`".into());
            }
            if let Some(rest) = line.strip_prefix("side trace of trace") {
                side = Some(parse_side(rest)?);
                return Ok(());
            }
            if let Some(rest) = line
                .strip_prefix("code")
                .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            {
                let (index, rest) = rest.split_once(": ").ok_or("expected ': '")?;
                if index.parse::<usize>().ok() != Some(codes.len()) {
                    return Err(format!("expected code{}", codes.len()));
                }
                codes.push(parse_code_ref(rest)?);
                return Ok(());
            }
            if let Some(rest) = line
                .strip_prefix("const")
                .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            {
                let (index, rest) = rest.split_once(": ").ok_or("expected ': '")?;
                if index.parse::<usize>().ok() != Some(consts.len()) {
                    return Err(format!("expected const{}", consts.len()));
                }
                consts.push(rest.to_string());
                return Ok(());
            }
            if let Some(rest) = line.strip_prefix("snap") {
                let (index, rest) = rest.split_once(':').ok_or("expected ':'")?;
                let index: usize = index.parse().map_err(|_| "bad snapshot number")?;
                if index != snapshots.len() {
                    return Err(format!("expected snap{}", snapshots.len()));
                }
                snapshots.push(parse_snapshot(rest)?);
                return Ok(());
            }
            current = Some(parse_block_header(line, blocks.len())?);
            Ok(())
        })();
        result.map_err(fail(number))?;
    }
    if current.is_some() {
        return Err(ParseError {
            line: text.lines().count(),
            message: "the last block has no `jump loop(...)`".into(),
        });
    }
    let expected_targets: &[&[&str]] = match blocks.len() {
        2 => &[&["loop"], &["loop", "root"]],
        _ => &[&["loop"], &["body"], &["body"]],
    };
    let targets_ok = targets.len() == expected_targets.len()
        && targets
            .iter()
            .zip(expected_targets)
            .all(|(target, allowed)| allowed.contains(target));
    let mut blocks = blocks.into_iter();
    let (Some(entry), Some(body), steady, None, true) = (
        blocks.next(),
        blocks.next(),
        blocks.next(),
        blocks.next(),
        targets_ok,
    ) else {
        return Err(ParseError {
            line: text.lines().count(),
            message: "expected the blocks `entry` (jumping to `loop`) and `loop`, or \
                      `entry`, `loop` and `body` (both jumping to `body`)"
                .into(),
        });
    };
    Ok(Trace {
        anchor,
        entry,
        body,
        steady,
        snapshots,
        codes,
        consts,
        side,
    })
}

/// `N snapS, closing at snapC[, entering traceR]` (after `side trace of trace`).
fn parse_side(text: &str) -> Parsed<SideTrace> {
    let (text, enters) = match text.split_once(", entering trace") {
        Some((text, root)) => (text, Some(root)),
        None => (text, None),
    };
    let (parent, rest) = text.split_once(" snap").ok_or("expected ' snap'")?;
    let (snapshot, close) = rest
        .split_once(", closing at snap")
        .ok_or("expected ', closing at snap'")?;
    let number = |text: &str| {
        text.trim()
            .parse::<u32>()
            .map_err(|_| format!("bad number '{text}'"))
    };
    Ok(SideTrace {
        parent_trace: number(parent)?,
        parent_snapshot: number(snapshot)?,
        close: SnapshotId(number(close)?),
        enters: enters.map(number).transpose()?,
    })
}

/// `trace at FILE:LINE in FUNCTION (pc N)`
fn parse_anchor(line: &str) -> Parsed<Anchor> {
    let rest = line
        .strip_prefix("trace at ")
        .ok_or("expected `trace at FILE:LINE in FUNCTION (pc N)`")?;
    let (rest, pc) = rest.rsplit_once(" (pc ").ok_or("expected `(pc N)`")?;
    let pc = pc
        .strip_suffix(')')
        .and_then(|pc| pc.parse().ok())
        .ok_or("bad pc")?;
    let (location, function) = rest.rsplit_once(" in ").ok_or("expected `in FUNCTION`")?;
    let (filename, line) = location.rsplit_once(':').ok_or("expected FILE:LINE")?;
    Ok(Anchor {
        filename: filename.to_string(),
        line: line.parse().map_err(|_| "bad line number")?,
        function: function.to_string(),
        pc,
    })
}

/// `entry:` (first), `loop(%2:int, ...):` (second) or `body(%9:int, ...):` (third).
fn parse_block_header(line: &str, position: usize) -> Parsed<Block> {
    let header = line
        .strip_suffix(':')
        .ok_or("expected a block header ending in ':'")?;
    let (name, params) = match header.split_once('(') {
        Some((name, params)) => (name, params.strip_suffix(')').ok_or("expected ')'")?),
        None => (header, ""),
    };
    let expected = ["entry", "loop", "body"].get(position).copied();
    if Some(name) != expected {
        return Err(format!("expected block `{}`", expected.unwrap_or("(none)")));
    }
    let mut block = Block::default();
    for param in params
        .split(',')
        .map(str::trim)
        .filter(|param| !param.is_empty())
    {
        let (value, ty) = param.split_once(':').ok_or("expected %N:type")?;
        block.params.push((parse_value(value)?, parse_type(ty)?));
    }
    Ok(block)
}

fn parse_value(text: &str) -> Parsed<ValueId> {
    text.trim()
        .strip_prefix('%')
        .and_then(|number| number.parse().ok())
        .map(ValueId)
        .ok_or_else(|| format!("expected a value like %3, found `{text}`"))
}

fn parse_value_list(text: &str) -> Parsed<Vec<ValueId>> {
    text.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(parse_value)
        .collect()
}

fn parse_type(text: &str) -> Parsed<Type> {
    Type::from_name(text.trim()).ok_or_else(|| format!("unknown type `{text}`"))
}

/// `[%N:type = ]op [immediates] [args] [[snapK]] [; line L]`
fn parse_inst(text: &str) -> Parsed<Inst> {
    let (text, line) = match text.split_once(';') {
        Some((code, comment)) => {
            let line = comment
                .trim()
                .strip_prefix("line ")
                .and_then(|line| line.parse().ok())
                .ok_or("expected `; line N`")?;
            (code.trim(), line)
        }
        None => (text.trim(), 0),
    };
    let (result, text) = match text.split_once(" = ") {
        Some((result, rest)) => {
            let (value, ty) = result
                .split_once(':')
                .ok_or("expected %N:type before '='")?;
            (Some((parse_value(value)?, parse_type(ty)?)), rest)
        }
        None => (None, text),
    };
    let (text, snapshot) = match text.split_once(" [snap") {
        Some((rest, snapshot)) => {
            let number = snapshot
                .strip_suffix(']')
                .and_then(|number| number.parse().ok())
                .ok_or("expected [snapN]")?;
            (rest, Some(SnapshotId(number)))
        }
        None => (text, None),
    };
    let mut words = text.split_whitespace();
    let name = words.next().ok_or("expected an op")?;
    let rest: Vec<&str> = words.collect();
    let first_arg = rest
        .iter()
        .position(|word| word.starts_with('%'))
        .unwrap_or(rest.len());
    let op = Op::parse(name, &rest[..first_arg])
        .ok_or_else(|| format!("unknown op or bad immediates: `{text}`"))?;
    let args = parse_value_list(&rest[first_arg..].join(" "))?;
    let result = match (result, op.signature().result) {
        (Some((value, ty)), Some(expected)) if ty == expected => Some(value),
        (Some((_, ty)), Some(expected)) => {
            return Err(format!("{name} yields {expected}, not {ty}"));
        }
        (Some(_), None) => return Err(format!("{name} yields no value")),
        (None, Some(_)) => return Err(format!("{name} yields a value: name it")),
        (None, None) => None,
    };
    Ok(Inst {
        result,
        op,
        args,
        snapshot,
        line,
    })
}

/// `NAME at FILE:LINE`
fn parse_code_ref(text: &str) -> Parsed<CodeRef> {
    let (name, location) = text
        .split_once(" at ")
        .ok_or("expected `NAME at FILE:LINE`")?;
    let (filename, line) = location.rsplit_once(':').ok_or("expected FILE:LINE")?;
    Ok(CodeRef {
        name: name.to_string(),
        filename: filename.to_string(),
        line: line.parse().map_err(|_| "bad line number")?,
    })
}

/// ` pc P, stack D: 1=%3 4=unbound`, then ` | codeN pc P, stack D: ...` per inlined
/// frame.
fn parse_snapshot(text: &str) -> Parsed<Snapshot> {
    let mut frames = text.split(" | ");
    let (pc, stack_depth, entries) = parse_frame(frames.next().unwrap_or(""))?;
    let mut snapshot = Snapshot {
        pc,
        stack_depth,
        entries,
        inlined: Vec::new(),
    };
    for frame in frames {
        let (code, rest) = frame
            .trim()
            .strip_prefix("code")
            .and_then(|rest| rest.split_once(' '))
            .ok_or("expected `codeN pc P, stack D:`")?;
        let (pc, stack_depth, entries) = parse_frame(rest)?;
        snapshot.inlined.push(InlinedFrame {
            code: code
                .parse()
                .map_err(|_| format!("bad code index `{code}`"))?,
            pc,
            stack_depth,
            entries,
        });
    }
    Ok(snapshot)
}

/// `pc P, stack D: SLOT=VALUE ...`
fn parse_frame(text: &str) -> Parsed<(u32, u32, Vec<SnapEntry>)> {
    let (head, entries) = text
        .split_once(':')
        .ok_or("expected ':' after the stack depth")?;
    let (pc, stack) = head.split_once(',').ok_or("expected `pc P, stack D`")?;
    let number = |text: &str, prefix: &str| -> Parsed<u32> {
        text.trim()
            .strip_prefix(prefix)
            .and_then(|number| number.trim().parse().ok())
            .ok_or_else(|| format!("expected `{prefix}N`"))
    };
    let mut parsed = Vec::new();
    for entry in entries.split_whitespace() {
        let (slot, value) = entry.split_once('=').ok_or("expected SLOT=VALUE")?;
        parsed.push(SnapEntry {
            slot: slot.parse().map_err(|_| format!("bad slot `{slot}`"))?,
            value: match value {
                "unbound" => SnapValue::Unbound,
                value => SnapValue::Value(parse_value(value)?),
            },
        });
    }
    Ok((number(pc, "pc ")?, number(stack, "stack ")?, parsed))
}
