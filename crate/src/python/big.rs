//! Integers beyond 64 bits. An `int` is a `Value::Int` while it fits an i64, and a
//! `Value::Big` (num-bigint's `BigInt`) only when it does not: arithmetic on small
//! ints stays on the machine's fast paths, and an operation that overflows is done
//! again here. Every result goes through [`value`], so a `Big` is never a number an
//! i64 could hold, and equal ints are always the same variant.

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use super::ast::BinOp;
use super::exceptions::ExcType;
use super::interp::{raise, Res};
use super::value::Value;

/// CPython's limit on the digits `str(int)` and `int(str)` take (`sys.set_int_max_str_digits`).
pub const MAX_STR_DIGITS: usize = 4300;

/// The int `n` is, as a value.
pub fn value(n: BigInt) -> Value {
    match n.to_i64() {
        Some(small) => Value::Int(small),
        None => Value::Big(Rc::new(n)),
    }
}

/// The value as a big integer, if it is an int (or a bool).
pub fn of(v: &Value) -> Option<BigInt> {
    match v {
        Value::Big(b) => Some((**b).clone()),
        other => other.as_int().map(BigInt::from),
    }
}

/// Whether the value is an int (or a bool), of any size.
pub fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::Big(_))
}

/// Whether either operand is beyond 64 bits and both are ints.
pub fn involved(a: &Value, b: &Value) -> bool {
    (matches!(a, Value::Big(_)) || matches!(b, Value::Big(_))) && is_int(a) && is_int(b)
}

/// `float(n)`, or CPython's OverflowError for an int beyond the floats.
pub fn to_float(n: &BigInt) -> Res<f64> {
    match n.to_f64().filter(|x| x.is_finite()) {
        Some(x) => Ok(x),
        None => raise(ExcType::OverflowError, "int too large to convert to float"),
    }
}

/// `x op y` on ints, as Python computes it.
pub fn op(op: BinOp, x: &BigInt, y: &BigInt) -> Res<Value> {
    let zero = |message: &str| raise(ExcType::ZeroDivisionError, message.to_owned());
    Ok(value(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mult => {
            super::builtins::room::<u32>((x.bits() + y.bits()) as usize / 32)?;
            x * y
        }
        BinOp::Div => {
            if y.is_zero() {
                return zero("division by zero");
            }
            return Ok(Value::Float(divide(x, y)?));
        }
        BinOp::FloorDiv => {
            if y.is_zero() {
                return zero("integer division or modulo by zero");
            }
            x.div_floor(y)
        }
        BinOp::Mod => {
            if y.is_zero() {
                return zero("integer modulo by zero");
            }
            x.mod_floor(y)
        }
        BinOp::Pow => {
            if y.is_negative() {
                if x.is_zero() {
                    return zero("0.0 cannot be raised to a negative power");
                }
                return Ok(Value::Float(to_float(x)?.powf(to_float(y)?)));
            }
            match x.to_i64() {
                Some(0) => BigInt::from(i64::from(y.is_zero())),
                Some(1) => BigInt::from(1),
                Some(-1) => BigInt::from(if y.is_even() { 1 } else { -1 }),
                _ => {
                    let bits = y.to_u64().and_then(|e| e.checked_mul(x.bits())).filter(|b| *b < (1 << 31));
                    let Some(bits) = bits else {
                        return raise(ExcType::MemoryError, "the value would be larger than the playground allows");
                    };
                    super::builtins::room::<u32>(bits as usize / 32)?;
                    num_traits::pow(x.clone(), y.to_usize().unwrap_or(0))
                }
            }
        }
        BinOp::LShift => {
            if y.is_negative() {
                return raise(ExcType::ValueError, "negative shift count");
            }
            if x.is_zero() {
                return Ok(Value::Int(0));
            }
            let Some(shift) = y.to_usize().filter(|s| *s < (1 << 31)) else {
                return raise(ExcType::OverflowError, "too many digits in integer");
            };
            super::builtins::room::<u32>(shift / 32)?;
            x << shift
        }
        BinOp::RShift => {
            if y.is_negative() {
                return raise(ExcType::ValueError, "negative shift count");
            }
            match y.to_usize() {
                // (Python's shift floors, as BigInt's does for negative numbers.)
                Some(shift) => x >> shift,
                None => BigInt::from(if x.is_negative() { -1 } else { 0 }),
            }
        }
        BinOp::BitOr => x | y,
        BinOp::BitAnd => x & y,
        BinOp::BitXor => x ^ y,
        BinOp::MatMult => {
            return raise(ExcType::TypeError, "unsupported operand type(s) for @: 'int' and 'int'");
        }
    }))
}

/// `x / y`, correctly rounded where both fit a float exactly, and close beyond.
fn divide(x: &BigInt, y: &BigInt) -> Res<f64> {
    if let (Some(a), Some(b)) = (x.to_f64(), y.to_f64()) {
        if a.abs() < 9_007_199_254_740_992.0 && b.abs() < 9_007_199_254_740_992.0 {
            return Ok(a / b);
        }
    }
    // Correctly rounded, as CPython's: the magnitudes' quotient scaled to 55 or 56
    // bits, its last bit set if anything was left over (so that the one rounding to
    // 53 bits sees it), then scaled back.
    let negative = (x.sign() == num_bigint::Sign::Minus) != (y.sign() == num_bigint::Sign::Minus);
    let (x, y) = (x.magnitude().clone(), y.magnitude().clone());
    let e = x.bits() as i64 - y.bits() as i64 - 55;
    let (num, den) = if e > 0 { (x, y << e as usize) } else { (x << (-e) as usize, y) };
    let (q, r) = num_integer::Integer::div_rem(&num, &den);
    let q = if r.is_zero() { q } else { q | num_bigint::BigUint::from(1u8) };
    let mut value = q.to_f64().unwrap_or(f64::INFINITY);
    // (By powers of two, each exact while the value stays normal.)
    let mut e = e;
    while e != 0 && value.is_finite() && value != 0.0 {
        let step = e.clamp(-1000, 1000);
        value *= 2f64.powi(step as i32);
        e -= step;
    }
    let value = if negative { -value } else { value };
    if value.is_finite() {
        Ok(value)
    } else {
        raise(ExcType::OverflowError, "integer division result too large for a float")
    }
}

/// `str(n)`, refused past CPython's digit limit as CPython refuses it.
pub fn to_text(n: &BigInt) -> Result<String, String> {
    // (More than the limit's digits for certain past this many bits: 4300 digits ≈ 14284 bits.)
    if n.bits() > 14_300 {
        let text = n.to_string();
        if text.trim_start_matches('-').len() > MAX_STR_DIGITS {
            return Err(format!(
                "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
            ));
        }
        return Ok(text);
    }
    Ok(n.to_string())
}

/// `int(text, base)` for digits too many for an i64 (the text already checked as Python's).
pub fn parse(digits: &str, radix: u32) -> Option<BigInt> {
    BigInt::parse_bytes(digits.as_bytes(), radix)
}

/// `hash(n)`, as CPython's: the value modulo 2**61 - 1, with its sign.
pub fn hash(n: &BigInt) -> i64 {
    let modulus = BigInt::from((1i64 << 61) - 1);
    let h = (n.abs() % &modulus).to_i64().unwrap_or(0);
    let h = if n.is_negative() { -h } else { h };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(n)` for an i64, as CPython's.
pub fn hash_small(n: i64) -> i64 {
    const MODULUS: i64 = (1 << 61) - 1;
    // (Most ints are their own hash: no division for them, as dict keys hash often.)
    if (0..MODULUS).contains(&n) {
        return n;
    }
    let h = n.unsigned_abs() % MODULUS as u64;
    let h = if n < 0 { -(h as i64) } else { h as i64 };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(x)` for a float, as CPython's `_Py_HashDouble` computes it: the value as a
/// rational modulo 2**61 - 1, so that equal ints, floats and fractions hash alike
/// (and `random.seed(x)` seeds with it).
pub fn hash_float(x: f64) -> i64 {
    const BITS: i32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    if x.is_infinite() {
        return if x > 0.0 { 314_159 } else { -314_159 };
    }
    if x.is_nan() || x == 0.0 {
        return 0;
    }
    // frexp: x = m * 2**e with 0.5 <= |m| < 1.
    let (mut m, mut e) = {
        let bits = x.abs().to_bits();
        let exponent = ((bits >> 52) & 0x7ff) as i32;
        if exponent == 0 {
            // Subnormal: scale up first.
            let scaled = x.abs() * 2f64.powi(54);
            let b = scaled.to_bits();
            (f64::from_bits((b & !(0x7ff << 52)) | (1022 << 52)), ((b >> 52) & 0x7ff) as i32 - 1022 - 54)
        } else {
            (f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52)), exponent - 1022)
        }
    };
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & MODULUS) | h >> (BITS - 28);
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= MODULUS {
            h -= MODULUS;
        }
    }
    let e = if e >= 0 { e % BITS } else { BITS - 1 - ((-1 - e) % BITS) };
    h = ((h << e) & MODULUS) | h >> (BITS - e);
    let h = if x < 0.0 { -(h as i64) } else { h as i64 };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `math.frexp(n)` for an int: a mantissa in [0.5, 1) and a power of two.
pub fn frexp(n: &BigInt) -> (f64, i64) {
    let bits = n.bits();
    let shift = bits.saturating_sub(64);
    let top = (n >> shift).to_f64().unwrap_or(0.0);
    (top / 2f64.powi((bits - shift) as i32), bits as i64)
}

/// `int(x)` for a float beyond the i64s.
pub fn from_float(x: f64) -> Option<BigInt> {
    use num_traits::FromPrimitive;
    BigInt::from_f64(x.trunc())
}
