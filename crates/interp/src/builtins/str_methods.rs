//! The methods of `str`: `join split upper lower startswith endswith find replace
//! strip index`, with Python's rules (`split()` on runs of whitespace, `find` counting
//! characters, not bytes).
//!
//! They work on the UTF-8 bytes: searches are `memchr`-class (`str_search.rs`),
//! character positions come from the string's marks (`StrObj::byte_offset` and
//! `char_index`, O(1)), and pieces of ASCII text are known to be ASCII without a scan.

use super::args;
use super::str_search::{find_all, find_bytes};
use crate::exception::PyErr;
use crate::ops::arith::check_len;
use crate::ops::sequence::collect_iterable;
use crate::value::{MethodName, StrObj, Value};

pub fn call(text: &StrObj, method: MethodName, args: &[Value]) -> Result<Value, PyErr> {
    let this = text.as_str();
    let ascii = text.is_ascii();
    match method {
        MethodName::Upper => {
            args::none("str.upper", args)?;
            Ok(if ascii {
                Value::from_str_obj(StrObj::ascii(this.to_ascii_uppercase()))
            } else {
                Value::str(this.to_uppercase())
            })
        }
        MethodName::Lower => {
            args::none("str.lower", args)?;
            Ok(if ascii {
                Value::from_str_obj(StrObj::ascii(this.to_ascii_lowercase()))
            } else {
                Value::str(this.to_lowercase())
            })
        }
        MethodName::Join => join(text, args::exactly_one("str.join", args)?),
        MethodName::Split => split(text, args),
        MethodName::Strip => {
            args::count("strip", args, 0, 1)?;
            let stripped = match args.first() {
                None | Some(Value::None) if ascii => {
                    this.trim_matches(|c: char| is_python_space_byte(c as u8))
                }
                None | Some(Value::None) => this.trim_matches(is_python_space),
                Some(chars) => {
                    let chars = args::str_arg(chars, "strip arg")
                        .map_err(|_| PyErr::type_error("strip arg must be None or str"))?;
                    this.trim_matches(|c| chars.contains(c))
                }
            };
            Ok(Value::from_str_obj(StrObj::piece(stripped, ascii)))
        }
        MethodName::Startswith | MethodName::Endswith => affix(text, method, args),
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
            let found = find(text, needle, args.get(1), args.get(2))?;
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
            let limit = usize::try_from(limit).unwrap_or(usize::MAX);
            let replaced = replace_n(this, old, new, limit)?;
            let ascii = ascii && new.is_ascii();
            Ok(Value::from_str_obj(StrObj::piece_owned(replaced, ascii)))
        }
        _ => Err(PyErr::type_error("unknown str method")),
    }
}

fn join(separator: &StrObj, iterable: &Value) -> Result<Value, PyErr> {
    match iterable {
        // Lists and tuples are read in place: joining copies no references.
        Value::List(list) => join_items(separator, &list.items()),
        Value::Tuple(items) => join_items(separator, items),
        other => join_items(separator, &collect_iterable(other)?),
    }
}

/// Joins strings with one exactly sized buffer; the result is ASCII without a scan
/// when every part is.
fn join_items(separator: &StrObj, items: &[Value]) -> Result<Value, PyErr> {
    let mut total = separator.as_str().len() * items.len().saturating_sub(1);
    let mut ascii = separator.is_ascii();
    for (position, item) in items.iter().enumerate() {
        let Value::Str(piece) = item else {
            return Err(PyErr::type_error(format!(
                "sequence item {position}: expected str instance, {} found",
                item.type_name()
            )));
        };
        total += piece.as_str().len();
        ascii &= piece.is_ascii();
    }
    if let [Value::Str(only)] = items {
        return Ok(Value::Str(only.clone()));
    }
    check_len(total)?;
    let mut out = crate::memory::try_string(total)?;
    for (position, item) in items.iter().enumerate() {
        if position > 0 {
            out.push_str(separator.as_str());
        }
        if let Value::Str(piece) = item {
            out.push_str(piece.as_str());
        }
    }
    Ok(Value::from_str_obj(StrObj::piece_owned(out, ascii)))
}

fn split(text: &StrObj, args: &[Value]) -> Result<Value, PyErr> {
    args::count("split", args, 0, 2)?;
    let max_splits = match args.get(1) {
        Some(count) => match args::index_value(count)? {
            Some(count) if count >= 0 => count as usize,
            _ => usize::MAX,
        },
        None => usize::MAX,
    };
    let this = text.as_str();
    let ascii = text.is_ascii();
    let piece = |piece: &str| match ascii {
        true => Value::ascii(piece),
        false => Value::from_str_obj(StrObj::piece(piece, false)),
    };
    let pieces: Vec<Value> = match args.first() {
        None | Some(Value::None) => split_whitespace(this, ascii, max_splits)
            .into_iter()
            .map(piece)
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
            let cuts = find_all(this, separator, max_splits);
            let mut pieces = Vec::with_capacity(cuts.len() + 1);
            let mut from = 0;
            for at in cuts {
                pieces.push(piece(&this[from..at]));
                from = at + separator.len();
            }
            pieces.push(piece(&this[from..]));
            pieces
        }
    };
    Ok(Value::list(pieces))
}

/// Python's `str.isspace` for one character: Unicode white space plus the four ASCII
/// separator controls `\x1c`-`\x1f`, which Rust's `char::is_whitespace` leaves out.
fn is_python_space(character: char) -> bool {
    character.is_whitespace() || ('\x1c'..='\x1f').contains(&character)
}

/// Python's `str.isspace` for an ASCII byte: `\t \n \v \f \r`, the separators
/// `\x1c`-`\x1f` and space.
fn is_python_space_byte(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | 0x1c..=b' ')
}

/// Python's `str.split()` without a separator: runs of whitespace separate, and
/// leading/trailing whitespace yields no empty pieces. ASCII text is split on bytes.
fn split_whitespace(this: &str, ascii: bool, max_splits: usize) -> Vec<&str> {
    let is_space = |character: char| {
        if ascii {
            is_python_space_byte(character as u8)
        } else {
            is_python_space(character)
        }
    };
    let mut pieces = Vec::new();
    let mut rest = this.trim_start_matches(is_space);
    while !rest.is_empty() {
        if pieces.len() == max_splits {
            pieces.push(rest);
            break;
        }
        match rest.find(is_space) {
            Some(end) => {
                pieces.push(&rest[..end]);
                rest = rest[end..].trim_start_matches(is_space);
            }
            None => {
                pieces.push(rest);
                break;
            }
        }
    }
    pieces
}

fn affix(text: &StrObj, method: MethodName, args: &[Value]) -> Result<Value, PyErr> {
    let name = if method == MethodName::Startswith {
        "startswith"
    } else {
        "endswith"
    };
    args::count(name, args, 1, 3)?;
    let window = char_window_at(text, args.get(1), args.get(2))?;
    let Some((_, this)) = window else {
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

/// The part of `text` between the optional character positions `start` and `end`,
/// clamped as slices are, with the byte offset where it starts; `None` when `start`
/// lies past `end` or past the text.
fn char_window_at<'a>(
    text: &'a StrObj,
    start: Option<&Value>,
    end: Option<&Value>,
) -> Result<Option<(usize, &'a str)>, PyErr> {
    let len = text.char_count() as i64;
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
    let from = text.byte_offset(start as usize);
    Ok(Some((
        from,
        &text.as_str()[from..text.byte_offset(end as usize)],
    )))
}

/// The character index of the first `needle` within `[start, end)`.
fn find(
    text: &StrObj,
    needle: &str,
    start: Option<&Value>,
    end: Option<&Value>,
) -> Result<Option<usize>, PyErr> {
    let Some((from, window)) = char_window_at(text, start, end)? else {
        return Ok(None);
    };
    Ok(find_bytes(window, needle).map(|at| text.char_index(from + at)))
}

/// `this.replace(old, new, limit)`: the occurrences are found first, so the result
/// is built in one exactly sized buffer.
fn replace_n(this: &str, old: &str, new: &str, limit: usize) -> Result<String, PyErr> {
    if old.is_empty() {
        // Python inserts `new` before every character (and at the end), up to `limit`.
        let slots = this.chars().count() + 1;
        let total = this.len() + new.len() * slots.min(limit);
        check_len(total)?;
        let mut out = crate::memory::try_string(total)?;
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
        return Ok(out);
    }
    let cuts = find_all(this, old, limit);
    let total = this.len() - cuts.len() * old.len() + cuts.len() * new.len();
    check_len(total)?;
    let mut out = crate::memory::try_string(total)?;
    let mut from = 0;
    for at in cuts {
        out.push_str(&this[from..at]);
        out.push_str(new);
        from = at + old.len();
    }
    out.push_str(&this[from..]);
    Ok(out)
}
