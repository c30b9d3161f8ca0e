//! The methods of `str`: `join split upper lower startswith endswith find replace
//! strip index`, with Python's rules (`split()` on runs of whitespace, `find` counting
//! characters, not bytes).

use super::args;
use crate::exception::PyErr;
use crate::ops::sequence::collect_iterable;
use crate::value::{MethodName, StrObj, Value};

pub fn call(text: &StrObj, method: MethodName, args: &[Value]) -> Result<Value, PyErr> {
    let this = text.as_str();
    match method {
        MethodName::Upper => {
            args::none("str.upper", args)?;
            Ok(Value::str(this.to_uppercase()))
        }
        MethodName::Lower => {
            args::none("str.lower", args)?;
            Ok(Value::str(this.to_lowercase()))
        }
        MethodName::Join => join(this, args::exactly_one("str.join", args)?),
        MethodName::Split => split(this, args),
        MethodName::Strip => {
            args::count("strip", args, 0, 1)?;
            Ok(Value::str(match args.first() {
                None | Some(Value::None) => this.trim_matches(is_python_space),
                Some(chars) => {
                    let chars = args::str_arg(chars, "strip arg")
                        .map_err(|_| PyErr::type_error("strip arg must be None or str"))?;
                    this.trim_matches(|c| chars.contains(c))
                }
            }))
        }
        MethodName::Startswith | MethodName::Endswith => affix(this, method, args),
        MethodName::Find | MethodName::Index => {
            let name = if method == MethodName::Find {
                "find"
            } else {
                "index"
            };
            args::count(name, args, 1, 3)?;
            let needle = args::str_arg(&args[0], "must be str").map_err(|_| {
                PyErr::type_error(format!("must be str, not {}", args[0].type_name()))
            })?;
            let found = find(this, needle, args.get(1), args.get(2))?;
            match (found, method) {
                (None, MethodName::Index) => Err(PyErr::value_error("substring not found")),
                (found, _) => Ok(Value::Int(found.map_or(-1, |at| at as i64))),
            }
        }
        MethodName::Replace => {
            args::count("replace", args, 2, 3)?;
            let old = args::str_arg(&args[0], "replace() argument 1")?;
            let new = args::str_arg(&args[1], "replace() argument 2")?;
            let limit = match args.get(2) {
                Some(count) => args::index_value(count)?.unwrap_or(i64::MAX),
                None => -1,
            };
            let replaced = if limit < 0 {
                this.replace(old, new)
            } else {
                replace_n(this, old, new, limit as usize)
            };
            crate::ops::arith::check_len(replaced.len())?;
            Ok(Value::str(replaced))
        }
        _ => Err(PyErr::type_error("unknown str method")),
    }
}

fn join(separator: &str, iterable: &Value) -> Result<Value, PyErr> {
    let items = collect_iterable(iterable)?;
    let mut out = String::new();
    for (position, item) in items.iter().enumerate() {
        let Value::Str(piece) = item else {
            return Err(PyErr::type_error(format!(
                "sequence item {position}: expected str instance, {} found",
                item.type_name()
            )));
        };
        if position > 0 {
            out.push_str(separator);
        }
        out.push_str(piece.as_str());
    }
    Ok(Value::str(out))
}

fn split(this: &str, args: &[Value]) -> Result<Value, PyErr> {
    args::count("split", args, 0, 2)?;
    let max_splits = match args.get(1) {
        Some(count) => match args::index_value(count)? {
            Some(count) if count >= 0 => count as usize,
            _ => usize::MAX,
        },
        None => usize::MAX,
    };
    let pieces: Vec<Value> = match args.first() {
        None | Some(Value::None) => split_whitespace(this, max_splits)
            .into_iter()
            .map(Value::str)
            .collect(),
        Some(separator) => {
            let separator = args::str_arg(separator, "must be str or None").map_err(|_| {
                PyErr::type_error(format!(
                    "must be str or None, not {}",
                    separator.type_name()
                ))
            })?;
            if separator.is_empty() {
                return Err(PyErr::value_error("empty separator"));
            }
            this.splitn(max_splits.saturating_add(1), separator)
                .map(Value::str)
                .collect()
        }
    };
    Ok(Value::list(pieces))
}

/// Python's `str.isspace` for one character: Unicode white space plus the four ASCII
/// separator controls `\x1c`-`\x1f`, which Rust's `char::is_whitespace` leaves out.
fn is_python_space(character: char) -> bool {
    character.is_whitespace() || ('\x1c'..='\x1f').contains(&character)
}

/// Python's `str.split()` without a separator: runs of whitespace separate, and
/// leading/trailing whitespace yields no empty pieces.
fn split_whitespace(this: &str, max_splits: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = this.trim_start_matches(is_python_space);
    while !rest.is_empty() {
        if pieces.len() == max_splits {
            pieces.push(rest.to_string());
            break;
        }
        match rest.find(is_python_space) {
            Some(end) => {
                pieces.push(rest[..end].to_string());
                rest = rest[end..].trim_start_matches(is_python_space);
            }
            None => {
                pieces.push(rest.to_string());
                break;
            }
        }
    }
    pieces
}

fn affix(this: &str, method: MethodName, args: &[Value]) -> Result<Value, PyErr> {
    let name = if method == MethodName::Startswith {
        "startswith"
    } else {
        "endswith"
    };
    args::count(name, args, 1, 3)?;
    let window = char_window(this, args.get(1), args.get(2))?;
    let Some(this) = window else {
        return Ok(Value::Bool(false));
    };
    let candidates: Vec<Value> = match &args[0] {
        Value::Tuple(items) => items.to_vec(),
        other => vec![other.clone()],
    };
    for candidate in &candidates {
        let Value::Str(affix) = candidate else {
            return Err(PyErr::type_error(format!(
                "{name} first arg must be str or a tuple of str, not {}",
                candidate.type_name()
            )));
        };
        let hit = if method == MethodName::Startswith {
            this.starts_with(affix.as_str())
        } else {
            this.ends_with(affix.as_str())
        };
        if hit {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// The part of `this` between the optional character positions `start` and `end`,
/// clamped as slices are; `None` when `start` lies past `end` or past the text.
fn char_window<'a>(
    this: &'a str,
    start: Option<&Value>,
    end: Option<&Value>,
) -> Result<Option<&'a str>, PyErr> {
    Ok(char_window_at(this, start, end)?.map(|(_, window)| window))
}

/// Like [`char_window`], also giving the character position where the window starts.
fn char_window_at<'a>(
    this: &'a str,
    start: Option<&Value>,
    end: Option<&Value>,
) -> Result<Option<(usize, &'a str)>, PyErr> {
    let len = this.chars().count() as i64;
    // As CPython's ADJUST_INDICES: negative bounds count from the end, `end` is
    // clamped to the length, and a `start` past the end selects nothing.
    let bound = |value: Option<&Value>, default: i64| -> Result<i64, PyErr> {
        let bound = match value {
            None | Some(Value::None) => return Ok(default),
            Some(value) => match args::index_value(value)? {
                Some(bound) => bound,
                None if value.as_int().is_some_and(|int| int.sign().is_lt()) => 0,
                None => i64::MAX,
            },
        };
        Ok(if bound < 0 {
            (bound + len).max(0)
        } else {
            bound
        })
    };
    let (start, end) = (bound(start, 0)?, bound(end, len)?.min(len));
    if start > end || start > len {
        return Ok(None);
    }
    let byte_at = |index: i64| {
        this.char_indices()
            .nth(index as usize)
            .map_or(this.len(), |(at, _)| at)
    };
    Ok(Some((start as usize, &this[byte_at(start)..byte_at(end)])))
}

/// The character index of the first `needle` within `[start, end)`.
fn find(
    this: &str,
    needle: &str,
    start: Option<&Value>,
    end: Option<&Value>,
) -> Result<Option<usize>, PyErr> {
    let Some((offset, window)) = char_window_at(this, start, end)? else {
        return Ok(None);
    };
    Ok(window
        .find(needle)
        .map(|at| offset + window[..at].chars().count()))
}

fn replace_n(this: &str, old: &str, new: &str, limit: usize) -> String {
    if old.is_empty() {
        // Python inserts `new` before every character (and at the end), up to `limit`.
        let mut out = String::new();
        let mut inserted = 0;
        for character in this.chars() {
            if inserted < limit {
                out.push_str(new);
                inserted += 1;
            }
            out.push(character);
        }
        if inserted < limit {
            out.push_str(new);
        }
        return out;
    }
    this.replacen(old, new, limit)
}
