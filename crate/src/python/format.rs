//! Python's format mini-language, for f-strings, `format()` and `str.format`:
//! `[[fill]align][sign][#][0][width][,|_][.precision][type]`.

use super::exceptions::Exception;
use super::interp::{Res, Unwind};
use super::value::{float_repr, Value};

struct Spec {
    fill: char,
    align: Option<char>,
    sign: char,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
}

fn parse_spec(spec: &str) -> Result<Spec, String> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec {
        fill: ' ',
        align: None,
        sign: '-',
        alternate: false,
        zero: false,
        width: 0,
        grouping: None,
        precision: None,
        kind: None,
    };
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = chars[0];
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if let Some(&c @ ('+' | '-' | ' ')) = chars.get(i) {
        s.sign = c;
        i += 1;
    }
    if chars.get(i) == Some(&'#') {
        s.alternate = true;
        i += 1;
    }
    if chars.get(i) == Some(&'0') {
        s.zero = true;
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while chars.get(*i).is_some_and(char::is_ascii_digit) {
            *i += 1;
        }
        chars[start..*i].iter().collect::<String>().parse::<usize>().ok()
    };
    s.width = digits(&mut i).unwrap_or(0);
    if let Some(&c @ (',' | '_')) = chars.get(i) {
        s.grouping = Some(c);
        i += 1;
    }
    if chars.get(i) == Some(&'.') {
        i += 1;
        s.precision = Some(digits(&mut i).ok_or("Format specifier missing precision")?);
    }
    // CPython writes two billion digits if asked; the playground's heap has a limit.
    if !crate::memory::fits(s.width.max(s.precision.unwrap_or(0))) {
        return Err("the formatted value would be larger than the playground allows".to_owned());
    }
    if i < chars.len() {
        s.kind = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() {
        return Err("Invalid format specifier".to_owned());
    }
    Ok(s)
}

/// `format(value, spec)` for the builtin types; the error is a `ValueError` message.
pub fn format(value: &Value, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(value.to_str());
    }
    let s = parse_spec(spec).map_err(|e| match e.as_str() {
        "Invalid format specifier" => format!("{e} '{spec}' for object of type '{}'", value.type_name()),
        _ => e,
    })?;
    let (body, numeric) = match value {
        Value::Bool(_) | Value::Int(_) | Value::Big(_)
            if !matches!(s.kind, Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) =>
        {
            (format_int(value, &s)?, true)
        }
        Value::Big(n) => {
            let x = super::big::to_float(n).map_err(|_| "int too large to convert to float".to_owned())?;
            (format_float(x, &s, value)?, true)
        }
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => {
            (format_float(value.as_float().expect("a number"), &s, value)?, true)
        }
        Value::Str(text) => {
            if !matches!(s.kind, None | Some('s')) {
                return Err(format!("Unknown format code '{}' for object of type 'str'", s.kind.unwrap_or('s')));
            }
            if s.sign != '-' {
                return Err("Sign not allowed in string format specifier".to_owned());
            }
            let text: String = match s.precision {
                Some(p) => text.chars().take(p).collect(),
                None => text.to_string(),
            };
            (text, false)
        }
        other => {
            if s.kind.is_some() || s.precision.is_some() {
                return Err(format!("unsupported format string passed to {}.__format__", other.type_name()));
            }
            (other.to_str(), false)
        }
    };
    Ok(pad(&body, &s, numeric))
}

fn pad(body: &str, s: &Spec, numeric: bool) -> String {
    let len = body.chars().count();
    if len >= s.width {
        return body.to_owned();
    }
    let missing = s.width - len;
    let (fill, align) = match (s.align, s.zero) {
        (Some(a), _) => (s.fill, a),
        (None, true) if numeric => ('0', '='),
        (None, _) => (s.fill, if numeric { '>' } else { '<' }),
    };
    let fill_n = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
    match align {
        '<' => format!("{body}{}", fill_n(missing)),
        '>' => format!("{}{body}", fill_n(missing)),
        '^' => format!("{}{body}{}", fill_n(missing / 2), fill_n(missing - missing / 2)),
        _ => {
            // '=': the padding goes after the sign (and a 0x prefix).
            let sign_len = body.chars().take_while(|c| matches!(c, '+' | '-' | ' ')).count();
            let prefix_len = if body[sign_len..].starts_with("0x")
                || body[sign_len..].starts_with("0b")
                || body[sign_len..].starts_with("0o")
                || body[sign_len..].starts_with("0X")
            {
                sign_len + 2
            } else {
                sign_len
            };
            format!("{}{}{}", &body[..prefix_len], fill_n(missing), &body[prefix_len..])
        }
    }
}

fn sign_of(negative: bool, s: &Spec) -> &'static str {
    match (negative, s.sign) {
        (true, _) => "-",
        (false, '+') => "+",
        (false, ' ') => " ",
        _ => "",
    }
}

fn group(digits: &str, sep: Option<char>, every: usize) -> String {
    let Some(sep) = sep else { return digits.to_owned() };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// An int's digits in `radix` (without its sign), and whether it is negative.
pub fn int_digits(n: &Value, radix: u32) -> (String, bool) {
    if let Value::Big(n) = n {
        return (n.magnitude().to_str_radix(radix), n.sign() == num_bigint::Sign::Minus);
    }
    let n = n.as_int().unwrap_or(0);
    let magnitude = n.unsigned_abs();
    let digits = match radix {
        16 => format!("{magnitude:x}"),
        8 => format!("{magnitude:o}"),
        2 => format!("{magnitude:b}"),
        _ => magnitude.to_string(),
    };
    (digits, n < 0)
}

fn format_int(value: &Value, s: &Spec) -> Result<String, String> {
    let (radix, prefix, every) = match s.kind {
        None | Some('d') | Some('n') => (10, "", 3),
        Some('x' | 'X') => (16, "0x", 4),
        Some('o') => (8, "0o", 4),
        Some('b') => (2, "0b", 4),
        Some('c') => {
            let n = value.as_int();
            let c = n.and_then(|n| u32::try_from(n).ok()).and_then(char::from_u32);
            return c.map(String::from).ok_or_else(|| "%c arg not in range(0x110000)".to_owned());
        }
        Some(k) => return Err(format!("Unknown format code '{k}' for object of type 'int'")),
    };
    if s.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".to_owned());
    }
    let (mut digits, negative) = int_digits(value, radix);
    let mut prefix = if s.alternate { prefix.to_owned() } else { String::new() };
    if s.kind == Some('X') {
        digits = digits.to_ascii_uppercase();
        prefix = prefix.to_ascii_uppercase();
    }
    Ok(format!("{}{prefix}{}", sign_of(negative, s), group(&digits, s.grouping, every)))
}

fn format_float(x: f64, s: &Spec, original: &Value) -> Result<String, String> {
    let negative = x.is_sign_negative() && !(x == 0.0 && matches!(original, Value::Int(_)));
    let sign = sign_of(negative && !x.is_nan(), s);
    let magnitude = x.abs();
    if !magnitude.is_finite() {
        let text = if x.is_nan() { "nan" } else { "inf" };
        let text = if matches!(s.kind, Some('E' | 'F' | 'G')) { text.to_ascii_uppercase() } else { text.to_owned() };
        return Ok(format!("{sign}{text}"));
    }
    let body = match s.kind {
        Some('f' | 'F') => fixed(magnitude, s.precision.unwrap_or(6), s.grouping),
        Some('%') => format!("{}%", fixed(magnitude * 100.0, s.precision.unwrap_or(6), s.grouping)),
        Some('e' | 'E') => {
            let text = exponent(magnitude, s.precision.unwrap_or(6));
            if s.kind == Some('E') {
                text.to_ascii_uppercase()
            } else {
                text
            }
        }
        // (`n` is `g` in the C locale a page has.)
        Some('g' | 'G' | 'n') | None if s.precision.is_some() || s.kind.is_some() => {
            let text = general(magnitude, s.precision.unwrap_or(6).max(1), s.alternate, s.grouping);
            if s.kind == Some('G') {
                text.to_ascii_uppercase()
            } else {
                text
            }
        }
        None => {
            // No type: as str() writes it, with grouping if asked.
            let text = float_repr(magnitude);
            match (s.grouping, text.split_once('.')) {
                (Some(_), Some((whole, frac))) if !text.contains('e') => {
                    format!("{}.{frac}", group(whole, s.grouping, 3))
                }
                _ => text,
            }
        }
        Some(k) => return Err(format!("Unknown format code '{k}' for object of type 'float'")),
    };
    Ok(format!("{sign}{body}"))
}

/// Rust writes at most 65,535 digits after the point; a double has at most 1,074, and
/// 767 significant ones: past `EXACT` digits, the rest are all zeros.
const EXACT: usize = 1100;

/// `text` with `zeros` more zeros at its end.
fn zeros(mut text: String, zeros: usize) -> String {
    text.extend(std::iter::repeat_n('0', zeros));
    text
}

fn fixed(x: f64, precision: usize, grouping: Option<char>) -> String {
    let shown = precision.min(EXACT);
    let text = zeros(format!("{x:.shown$}"), precision - shown);
    match text.split_once('.') {
        Some((whole, frac)) => format!("{}.{frac}", group(whole, grouping, 3)),
        None => group(&text, grouping, 3),
    }
}

/// `1.500000e+03`: Python writes at least two exponent digits, with a sign.
fn exponent(x: f64, precision: usize) -> String {
    let shown = precision.min(EXACT);
    let text = format!("{x:.shown$e}");
    let (mantissa, exp) = text.split_once('e').expect("{:e} writes an exponent");
    let exp: i32 = exp.parse().expect("a whole exponent");
    let mantissa = zeros(mantissa.to_owned(), precision - shown);
    format!("{mantissa}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
}

/// The `g` format: fixed or exponent by the exponent, trailing zeros dropped.
fn general(x: f64, precision: usize, alternate: bool, grouping: Option<char>) -> String {
    if x == 0.0 {
        return if alternate { format!("0.{}", "0".repeat(precision - 1)) } else { "0".to_owned() };
    }
    let sci = format!("{:.*e}", (precision - 1).min(EXACT), x);
    let exp: i32 = sci.split_once('e').expect("an exponent").1.parse().expect("a whole exponent");
    let trim = |t: String| -> String {
        if alternate || !t.contains('.') {
            t
        } else {
            t.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
    };
    if exp < -4 || exp >= precision as i32 {
        let text = exponent(x, precision - 1);
        let (mantissa, e) = text.split_once('e').expect("an exponent");
        format!("{}e{e}", trim(mantissa.to_owned()))
    } else {
        let decimals = (precision as i32 - 1 - exp).max(0) as usize;
        trim(fixed(x, decimals, grouping))
    }
}

/// `template.format(*args, **kwargs)`: each field's value (by position, by name, then
/// `.attribute`s and `[key]`s, looked up by `item`), converted (`!r`, `!s`) and
/// formatted by `format_one` (its `__format__`) with its spec, whose own fields (`{:>{w}}`)
/// are filled first.
pub fn str_format(
    template: &str,
    args: &[Value],
    kwargs: &[(String, Value)],
    item: &dyn Fn(&Value, Part<'_>) -> Res<Value>,
    format_one: &dyn Fn(&Value, &str) -> Res<String>,
) -> Res<String> {
    let mut auto = Some(0usize);
    fill(template, args, kwargs, item, format_one, &mut auto, 2)
}

/// What follows a field's name: `.name` or `[key]`.
pub enum Part<'a> {
    Attribute(&'a str),
    Index(&'a str),
}

fn fill(
    template: &str,
    args: &[Value],
    kwargs: &[(String, Value)],
    item: &dyn Fn(&Value, Part<'_>) -> Res<Value>,
    format_one: &dyn Fn(&Value, &str) -> Res<String>,
    auto: &mut Option<usize>,
    depth: u32,
) -> Res<String> {
    use super::exceptions::ExcType;
    let fail = |kind: ExcType, message: String| -> Unwind { Unwind::Raise(Exception::with_message(kind, message)) };
    if depth == 0 {
        return Err(fail(ExcType::ValueError, "Max string recursion exceeded".to_owned()));
    }
    let chars: Vec<char> = template.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' && chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        if c == '}' && chars.get(i + 1) == Some(&'}') {
            out.push('}');
            i += 2;
            continue;
        }
        if c == '}' {
            return Err(fail(ExcType::ValueError, "Single '}' encountered in format string".to_owned()));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        // The field runs to the `}` that closes it (its spec may hold fields of its own).
        let mut nested = 0;
        let mut close = None;
        let mut in_brackets = false;
        for (at, &ch) in chars.iter().enumerate().skip(i + 1) {
            match ch {
                '[' if nested == 0 => in_brackets = true,
                ']' if nested == 0 => in_brackets = false,
                _ if in_brackets => {}
                '{' => nested += 1,
                '}' if nested == 0 => {
                    close = Some(at);
                    break;
                }
                '}' => nested -= 1,
                _ => {}
            }
        }
        let close = close.ok_or_else(|| {
            let message = if i + 1 == chars.len() {
                "Single '{' encountered in format string"
            } else if chars[i + 1..].contains(&'{') {
                "unmatched '{' in format spec"
            } else {
                "expected '}' before end of string"
            };
            fail(ExcType::ValueError, message.to_owned())
        })?;
        let field: String = chars[i + 1..close].iter().collect();
        i = close + 1;
        // name[!conversion][:spec], the name ending at the first `!` or `:` outside brackets.
        let mut end = field.len();
        let mut in_brackets = false;
        for (at, ch) in field.char_indices() {
            match ch {
                '[' => in_brackets = true,
                ']' => in_brackets = false,
                '!' | ':' if !in_brackets => {
                    end = at;
                    break;
                }
                _ => {}
            }
        }
        let (name, rest) = field.split_at(end);
        let (conversion, spec) = match rest.strip_prefix('!') {
            Some(rest) => match rest.split_once(':') {
                Some((c, spec)) => (Some(c), spec),
                None => (Some(rest), ""),
            },
            None => (None, rest.strip_prefix(':').unwrap_or("")),
        };
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let (first, mut parts) = name.split_at(first_end);
        let mut value = if first.is_empty() {
            let Some(n) = *auto else {
                let message = "cannot switch from manual field specification to automatic field numbering";
                return Err(fail(ExcType::ValueError, message.to_owned()));
            };
            *auto = Some(n + 1);
            args.get(n)
                .ok_or_else(|| {
                    fail(ExcType::IndexError, format!("Replacement index {n} out of range for positional args tuple"))
                })?
                .clone()
        } else if let Ok(index) = first.parse::<usize>() {
            if auto.is_some_and(|n| n > 0) {
                let message = "cannot switch from automatic field numbering to manual field specification";
                return Err(fail(ExcType::ValueError, message.to_owned()));
            }
            *auto = None;
            args.get(index)
                .ok_or_else(|| {
                    fail(
                        ExcType::IndexError,
                        format!("Replacement index {index} out of range for positional args tuple"),
                    )
                })?
                .clone()
        } else {
            kwargs
                .iter()
                .find(|(k, _)| k == first)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| Unwind::Raise(Exception::new(ExcType::KeyError, vec![Value::str(first)])))?
        };
        while !parts.is_empty() {
            if let Some(rest) = parts.strip_prefix('.') {
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                value = item(&value, Part::Attribute(&rest[..end]))?;
                parts = &rest[end..];
            } else if let Some(rest) = parts.strip_prefix('[') {
                let end = rest
                    .find(']')
                    .ok_or_else(|| fail(ExcType::ValueError, "Missing ']' in format string".to_owned()))?;
                value = item(&value, Part::Index(&rest[..end]))?;
                parts = &rest[end + 1..];
            } else {
                let message = "Only '.' or '[' may follow ']' in format field specifier";
                return Err(fail(ExcType::ValueError, message.to_owned()));
            }
        }
        let value = match conversion {
            Some("r") => Value::Str(value.repr().into()),
            Some("s") => Value::Str(value.to_str().into()),
            Some("a") => Value::Str(super::vm::ascii(&value.repr()).into()),
            Some(other) => {
                return Err(fail(ExcType::ValueError, format!("Unknown conversion specifier {other}")));
            }
            None => value,
        };
        let spec = if spec.contains('{') {
            fill(spec, args, kwargs, item, format_one, auto, depth - 1)?
        } else {
            spec.to_owned()
        };
        out.push_str(&format_one(&value, &spec)?);
    }
    Ok(out)
}
