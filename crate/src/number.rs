//! Numbers to text and back.
//!
//! Natively these are Rust's own. In a browser the page's JavaScript engine does the
//! work, so that the wasm does not carry a second copy of float formatting and
//! parsing (with their tables, over a tenth of the module). The two agree digit for
//! digit: both give the shortest text that reads back as the same number, and both
//! round correctly when they read. The browser suite checks that they agree.

/// `value` in the fewest digits that read back as it, never with an exponent, as
/// Rust's `Display` writes it: `1`, `0.1`, `0.0000001`, `1000000000000000000000`.
pub fn shortest(value: f64) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    return value.to_string();
    #[cfg(target_arch = "wasm32")]
    return if value.is_finite() && value != 0.0 {
        without_exponent(&js::string(value))
    } else if value.is_nan() {
        "NaN".to_owned()
    } else {
        let sign = if value.is_sign_negative() { "-" } else { "" };
        format!("{sign}{}", if value == 0.0 { "0" } else { "inf" })
    };
}

/// `value` rounded to three decimals, as `format!("{value:.3}")` writes it: from its
/// exact binary value, ties to even. From 2^63 on (no time this crate writes is that
/// long) it writes the shortest digits instead of every exact one.
pub fn fixed3(value: f64) -> String {
    let (bits, sign) = (value.to_bits(), if value.is_sign_negative() { "-" } else { "" });
    let (exponent, fraction) = ((bits >> 52 & 0x7ff) as i32, bits & ((1 << 52) - 1));
    // value = mantissa × 2^power exactly.
    let (mantissa, power) = match exponent {
        0 => (fraction, -1074),
        0x7ff => return shortest(value),
        _ => (fraction | 1 << 52, exponent - 1075),
    };
    if power >= 0 {
        // A whole number.
        return match mantissa.checked_shl(power as u32).filter(|whole| whole >> power == mantissa) {
            Some(whole) => format!("{sign}{whole}.000"),
            None => format!("{}.000", shortest(value)),
        };
    }
    // mantissa < 2^53, so this fits in 63 bits.
    let (scaled, shift) = (mantissa * 1000, -power as u32);
    let thousandths = if shift >= 64 {
        0
    } else {
        let (quotient, remainder, half) = (scaled >> shift, scaled & ((1 << shift) - 1), 1u64 << (shift - 1));
        quotient + u64::from(remainder > half || (remainder == half && quotient % 2 == 1))
    };
    format!("{sign}{}.{:03}", thousandths / 1000, thousandths % 1000)
}

/// Reads `text` as `text.parse::<f64>()` does: an optional sign, then digits with an
/// optional point and exponent (`1`, `.5`, `2.`, `1e-3`), or `inf`, `infinity` or
/// `nan` in any case. Anything else is `None`.
pub fn parse(text: &str) -> Option<f64> {
    #[cfg(not(target_arch = "wasm32"))]
    return text.parse().ok();
    #[cfg(target_arch = "wasm32")]
    {
        let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
        let negative = text.starts_with('-');
        let special = match unsigned.to_ascii_lowercase().as_str() {
            "inf" | "infinity" => Some(f64::INFINITY),
            "nan" => Some(f64::NAN),
            _ => None,
        };
        if let Some(value) = special {
            return Some(if negative { -value } else { value });
        }
        // The syntax is checked here; JavaScript's Number() reads the same digits.
        is_decimal(unsigned).then(|| js::number(text))
    }
}

/// Digits with an optional point (at least one digit in all), then an optional
/// exponent: what Rust reads as a finite `f64` once a sign is taken off.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn is_decimal(text: &str) -> bool {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty()) && exponent_ok
}

/// JavaScript's shortest text for a number (`1.5e-7`, `1e+21`), written out in full.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn without_exponent(text: &str) -> String {
    let Some((mantissa, exponent)) = text.split_once('e') else { return text.to_owned() };
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let exponent: i32 = exponent.trim_start_matches('+').parse().unwrap_or_default();
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    // Where the point goes, counted from the start of `digits`.
    let point = whole.len() as i32 + exponent;
    if point <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat(-point as usize))
    } else if point as usize >= digits.len() {
        format!("{sign}{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (a, b) = digits.split_at(point as usize);
        format!("{sign}{a}.{b}")
    }
}

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::wasm_bindgen;

    #[wasm_bindgen]
    extern "C" {
        /// `String(value)`.
        #[wasm_bindgen(js_name = String)]
        pub fn string(value: f64) -> String;
        /// `Number(text)`.
        #[wasm_bindgen(js_name = Number)]
        pub fn number(text: &str) -> f64;
    }
}

#[cfg(test)]
mod tests {
    use super::{fixed3, is_decimal, without_exponent};

    #[test]
    fn rounds_to_three_decimals_as_rust_formats() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut values = vec![0.0, -0.0, 1.0625, 2.0005, 0.0005, 1e-320, 999.9995, 1234567.8915, 1e15, 2f64.powi(60)];
        for _ in 0..20000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Every exponent from tiny to huge, and plain ms-like values.
            values.push(f64::from_bits(seed >> 2 & 0x43ff_ffff_ffff_ffff));
            values.push((seed % 100_000_000) as f64 / 64.0);
        }
        for value in values {
            assert_eq!(fixed3(value), format!("{value:.3}"), "{value:e}");
        }
    }

    #[test]
    fn writes_javascripts_exponents_out_in_full() {
        let cases = [
            ("1e-7", "0.0000001"),
            ("1.5e-7", "0.00000015"),
            ("-2.5e-9", "-0.0000000025"),
            ("1e+21", "1000000000000000000000"),
            ("1.2345e+22", "12345000000000000000000"),
            ("1.7976931348623157e+308", &format!("{}", f64::MAX)),
            ("0.25", "0.25"),
        ];
        for (js, rust) in cases {
            assert_eq!(without_exponent(js), rust, "{js}");
        }
    }

    #[test]
    fn reads_the_syntax_rust_reads() {
        for text in ["1", "1.", ".5", "1.5", "007", "1e3", "1E+3", "2.5e-3", ".5e1"] {
            assert!(is_decimal(text) && text.parse::<f64>().is_ok(), "{text}");
        }
        for text in ["", ".", "e3", "1e", "1e+", "1.2.3", "0x10", "1_000", " 1", "1 ", "١"] {
            assert!(!is_decimal(text) && text.parse::<f64>().is_err(), "{text}");
        }
    }
}
