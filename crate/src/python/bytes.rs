//! `bytes`: immutable sequences of bytes, as `str.encode`, `os.urandom` and `b'...'`
//! literals make them. Most of their methods are `str`'s, run on a text that stands
//! for the bytes (see [`as_text`]), so that the two types share one implementation.

use std::rc::Rc;

use super::exceptions::ExcType;
use super::interp::{raise, Res};
use super::value::Value;

/// The text that stands for `b` in `str`'s methods: an ASCII byte is its character,
/// and a byte from 0x80 up a character of the private use area, which no method takes
/// for a letter, a digit or a space, as `bytes`' methods take no such byte for one.
pub fn as_text(b: &[u8]) -> String {
    b.iter()
        .map(|&c| if c < 0x80 { c as char } else { char::from_u32(0xE000 + u32::from(c)).expect("private use") })
        .collect()
}

/// The bytes a text from [`as_text`] stands for.
pub fn from_text(s: &str) -> Vec<u8> {
    s.chars().map(|c| if (c as u32) < 0x80 { c as u8 } else { (c as u32 - 0xE000) as u8 }).collect()
}

/// A method's argument, for `str`'s method: bytes as their text; a `str` is refused
/// as CPython refuses it.
pub fn argument(v: &Value) -> Res<Value> {
    match v {
        Value::Bytes(b) => Ok(Value::str(&as_text(b))),
        Value::Tuple(items) => Ok(Value::tuple(items.iter().map(argument).collect::<Res<_>>()?)),
        Value::Str(_) => raise(ExcType::TypeError, "a bytes-like object is required, not 'str'"),
        other => Ok(other.clone()),
    }
}

/// A `%` argument of a bytes template: bytes as their text, other values as they are.
pub fn argument_lenient(v: &Value) -> Value {
    match v {
        Value::Bytes(b) => Value::str(&as_text(b)),
        other => other.clone(),
    }
}

/// A `str` method's result, back to bytes.
pub fn result(v: Value) -> Value {
    match v {
        Value::Str(s) => Value::Bytes(from_text(&s).into()),
        Value::List(items) => Value::list(items.borrow().iter().cloned().map(result).collect()),
        Value::Tuple(items) => Value::tuple(items.iter().cloned().map(result).collect()),
        other => other,
    }
}

/// `b.hex(sep, bytes_per_sep)`.
pub fn hex(b: &[u8], sep: Option<&str>, per: i64) -> Res<String> {
    let digits: Vec<String> = b.iter().map(|c| format!("{c:02x}")).collect();
    let Some(sep) = sep else { return Ok(digits.concat()) };
    if sep.chars().count() != 1 || !sep.is_ascii() {
        return raise(ExcType::ValueError, "sep must be length 1.");
    }
    if per == 0 || b.is_empty() {
        return Ok(digits.concat());
    }
    let n = per.unsigned_abs() as usize;
    // Groups of `n` bytes, counted from the right (from the left when `per` < 0).
    let first = if per > 0 { b.len() % n } else { n.min(b.len()) };
    let mut out = String::new();
    let mut at = 0;
    let mut size = if first == 0 { n } else { first };
    while at < b.len() {
        if at > 0 {
            out.push_str(sep);
        }
        let end = (at + size).min(b.len());
        out.push_str(&digits[at..end].concat());
        at = end;
        size = n;
    }
    Ok(out)
}

/// `bytes.fromhex(text)`.
pub fn fromhex(text: &str) -> Res<Vec<u8>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let pair = (chars[i].to_digit(16), chars.get(i + 1).and_then(|c| c.to_digit(16)));
        match pair {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            (Some(_), None) => {
                return raise(
                    ExcType::ValueError,
                    format!("non-hexadecimal number found in fromhex() arg at position {}", i + 1),
                );
            }
            (None, _) => {
                return raise(
                    ExcType::ValueError,
                    format!("non-hexadecimal number found in fromhex() arg at position {i}"),
                );
            }
        }
        i += 2;
    }
    Ok(out)
}

/// The codecs the playground has, by CPython's normalized names.
#[derive(Clone, Copy, PartialEq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

fn codec(name: &str) -> Res<(Codec, &'static str)> {
    let normal = name.to_ascii_lowercase().replace(['_', ' '], "-");
    Ok(match normal.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => (Codec::Utf8, "utf-8"),
        "ascii" | "us-ascii" | "646" => (Codec::Ascii, "ascii"),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" | "8859" | "cp819" | "latin" => {
            (Codec::Latin1, "latin-1")
        }
        _ => return raise(ExcType::LookupError, format!("unknown encoding: {name}")),
    })
}

fn check_errors(errors: &str) -> Res<()> {
    match errors {
        "strict" | "ignore" | "replace" | "backslashreplace" => Ok(()),
        _ => raise(ExcType::LookupError, format!("unknown error handler name '{errors}'")),
    }
}

/// `text.encode(encoding, errors)`.
pub fn encode(text: &str, encoding: &str, errors: &str) -> Res<Vec<u8>> {
    let (codec, name) = codec(encoding)?;
    check_errors(errors)?;
    let limit = match codec {
        Codec::Utf8 => return Ok(text.as_bytes().to_vec()),
        Codec::Ascii => 0x80,
        Codec::Latin1 => 0x100,
    };
    let mut out = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let n = c as u32;
        if n < limit {
            out.push(n as u8);
            continue;
        }
        match errors {
            "ignore" => {}
            "replace" => out.push(b'?'),
            "backslashreplace" => {
                let escaped = if n < 0x100 {
                    format!("\\x{n:02x}")
                } else if n < 0x10000 {
                    format!("\\u{n:04x}")
                } else {
                    format!("\\U{n:08x}")
                };
                out.extend(escaped.bytes());
            }
            _ => {
                let reason = if limit == 0x80 { "ordinal not in range(128)" } else { "ordinal not in range(256)" };
                let shown = match n {
                    0..=0xFF => format!("\\x{n:02x}"),
                    0x100..=0xFFFF => format!("\\u{n:04x}"),
                    _ => format!("\\U{n:08x}"),
                };
                return raise(
                    ExcType::UnicodeEncodeError,
                    format!("'{name}' codec can't encode character '{shown}' in position {i}: {reason}"),
                );
            }
        }
    }
    Ok(out)
}

/// `b.decode(encoding, errors)`.
pub fn decode(b: &[u8], encoding: &str, errors: &str) -> Res<String> {
    let (codec, name) = codec(encoding)?;
    check_errors(errors)?;
    match codec {
        Codec::Latin1 => Ok(b.iter().map(|&c| c as char).collect()),
        Codec::Ascii => {
            let mut out = String::with_capacity(b.len());
            for (i, &c) in b.iter().enumerate() {
                if c < 0x80 {
                    out.push(c as char);
                    continue;
                }
                match errors {
                    "ignore" => {}
                    "replace" => out.push('\u{FFFD}'),
                    "backslashreplace" => out.push_str(&format!("\\x{c:02x}")),
                    _ => {
                        let message = format!(
                            "'{name}' codec can't decode byte 0x{c:02x} in position {i}: ordinal not in range(128)"
                        );
                        return raise(ExcType::UnicodeDecodeError, message);
                    }
                }
            }
            Ok(out)
        }
        Codec::Utf8 => {
            let mut out = String::with_capacity(b.len());
            let mut at = 0;
            loop {
                match std::str::from_utf8(&b[at..]) {
                    Ok(rest) => {
                        out.push_str(rest);
                        return Ok(out);
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&b[at..at + good]).expect("valid up to here"));
                        let bad_at = at + good;
                        let bad_len = e.error_len().unwrap_or(b.len() - bad_at);
                        match errors {
                            "ignore" => {}
                            "replace" => out.push('\u{FFFD}'),
                            "backslashreplace" => {
                                for c in &b[bad_at..bad_at + bad_len] {
                                    out.push_str(&format!("\\x{c:02x}"));
                                }
                            }
                            _ => {
                                let c = b[bad_at];
                                let (reason, shown) = match e.error_len() {
                                    None => ("unexpected end of data", format!("position {bad_at}")),
                                    Some(_) if c >= 0x80 && !(0xC2..=0xF4).contains(&c) => {
                                        ("invalid start byte", format!("position {bad_at}"))
                                    }
                                    Some(_) => ("invalid continuation byte", format!("position {bad_at}")),
                                };
                                let message = format!("'utf-8' codec can't decode byte 0x{c:02x} in {shown}: {reason}");
                                return raise(ExcType::UnicodeDecodeError, message);
                            }
                        }
                        at = bad_at + bad_len;
                    }
                }
            }
        }
    }
}

/// `bytes(...)`: from nothing, a count of zero bytes, a str and its encoding, or
/// an iterable of ints, each in range(0, 256).
pub fn construct(
    items: Option<Vec<Value>>,
    source: Option<&Value>,
    encoding: Option<&str>,
    errors: Option<&str>,
) -> Res<Value> {
    let bytes: Vec<u8> = match (source, encoding) {
        (None, None) => Vec::new(),
        (None, Some(_)) => return raise(ExcType::TypeError, "encoding without a string argument"),
        (Some(Value::Str(s)), Some(encoding)) => encode(s, encoding, errors.unwrap_or("strict"))?,
        (Some(Value::Str(_)), None) => return raise(ExcType::TypeError, "string argument without an encoding"),
        (Some(_), Some(_)) => return raise(ExcType::TypeError, "encoding without a string argument"),
        (Some(Value::Bytes(b)), None) => return Ok(Value::Bytes(b.clone())),
        (Some(v), None) if v.as_int().is_some() => {
            let n = v.as_int().expect("an int");
            if n < 0 {
                return raise(ExcType::ValueError, "negative count");
            }
            super::builtins::room::<u8>(n as usize)?;
            vec![0; n as usize]
        }
        (Some(_), None) => {
            let items = items.expect("an iterable's items");
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match item.as_int() {
                    Some(n @ 0..=255) => out.push(n as u8),
                    Some(_) => return raise(ExcType::ValueError, "bytes must be in range(0, 256)"),
                    None => {
                        return raise(
                            ExcType::TypeError,
                            format!("'{}' object cannot be interpreted as an integer", item.type_name()),
                        )
                    }
                }
            }
            out
        }
    };
    Ok(Value::Bytes(Rc::from(bytes)))
}
