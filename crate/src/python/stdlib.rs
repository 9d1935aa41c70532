//! The standard library's smaller modules, written as CPython's behave: `math` and
//! `functools` (`partial`, `reduce`, `wraps`, `lru_cache`, `cache`).

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use super::exceptions::ExcType;
use super::interp::{raise, Interp, Res};
use super::objects::Obj;
use super::value::{Key, Module, Str, Value};

/// `math`'s functions, by name.
pub const MATH: &[&str] = &[
    "sqrt",
    "floor",
    "ceil",
    "trunc",
    "log",
    "log2",
    "log10",
    "exp",
    "erf",
    "erfc",
    "sin",
    "cos",
    "tan",
    "asin",
    "acos",
    "atan",
    "atan2",
    "hypot",
    "fabs",
    "pow",
    "isclose",
    "isfinite",
    "isinf",
    "isnan",
    "gcd",
    "factorial",
    "comb",
    "perm",
    "prod",
    "fsum",
    "copysign",
    "radians",
    "degrees",
    "dist",
    "isqrt",
    "lcm",
    "fmod",
    "modf",
    "frexp",
    "ldexp",
    "nextafter",
    "ulp",
    "sinh",
    "cosh",
    "tanh",
    "asinh",
    "acosh",
    "atanh",
    "cbrt",
    "exp2",
    "expm1",
    "log1p",
];

/// `functools`'s functions, by name.
pub const FUNCTOOLS: &[&str] = &["partial", "reduce", "wraps", "lru_cache", "cache", "cmp_to_key"];

/// A module's constant: `math.pi`.
pub fn constant(module: Module, name: &str) -> Option<Value> {
    if module != Module::Math {
        return None;
    }
    Some(Value::Float(match name {
        "pi" => std::f64::consts::PI,
        "e" => std::f64::consts::E,
        "tau" => std::f64::consts::TAU,
        "inf" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => return None,
    }))
}

/// What `functools.lru_cache` keeps for a function.
pub struct Cache {
    pub function: Value,
    /// None: unbounded (`cache`, `lru_cache(maxsize=None)`).
    pub maxsize: Option<usize>,
    /// `typed=True`: arguments of different types are cached apart (`3` and `3.0`).
    pub typed: bool,
    pub entries: RefCell<HashMap<Key, Value>>,
    /// Keys from least to most recently used, for a bounded cache.
    pub order: RefCell<Vec<Key>>,
    pub hits: std::cell::Cell<u64>,
    pub misses: std::cell::Cell<u64>,
}

/// A number a function of the standard library takes as a float, as CPython reads it.
pub fn real(v: &Value) -> Res<f64> {
    if let Value::Big(n) = v {
        return super::big::to_float(n);
    }
    if let Value::Instance(i) = v {
        // (A number of the program's, a Fraction, a class derived from float: by its
        // __float__, or its __index__.)
        for (name, via_index) in [("__float__", false), ("__index__", true)] {
            match i.special(name, Vec::new()) {
                Some(Ok(Value::Float(x))) if !via_index => return Ok(x),
                Some(Ok(n @ (Value::Int(_) | Value::Big(_) | Value::Bool(_)))) if via_index => return real(&n),
                Some(Ok(other)) => {
                    let message = format!(
                        "{}.{name} returned non-{} (type {})",
                        v.type_name(),
                        if via_index { "int" } else { "float" },
                        other.type_name()
                    );
                    return raise(ExcType::TypeError, message);
                }
                Some(Err(e)) => return Err(e),
                None => {}
            }
        }
    }
    v.as_float().map_or_else(|| raise(ExcType::TypeError, format!("must be real number, not {}", v.type_name())), Ok)
}

/// An integer argument (`operator.index`), as CPython reads it.
pub fn index(v: &Value) -> Res<i64> {
    if let Value::Instance(i) = v {
        match i.special("__index__", Vec::new()) {
            Some(Ok(Value::Int(n))) => return Ok(n),
            Some(Ok(other)) => {
                return raise(ExcType::TypeError, format!("__index__ returned non-int (type {})", other.type_name()))
            }
            Some(Err(e)) => return Err(e),
            None => {}
        }
    }
    v.as_int().map_or_else(
        || raise(ExcType::TypeError, format!("'{}' object cannot be interpreted as an integer", v.type_name())),
        Ok,
    )
}

/// `ln(x)` for a number, an int beyond the floats too (by its top bits and their place).
fn ln(v: &Value) -> Res<f64> {
    let x = match v {
        Value::Big(n) if n.sign() == num_bigint::Sign::Minus => return domain(),
        // (As CPython's `loghelper`: through a float where the int is one.)
        Value::Big(n) if super::big::to_float(n).is_err() => {
            let (m, e) = super::big::frexp(n);
            return Ok(m.ln() + e as f64 * std::f64::consts::LN_2);
        }
        v => real(v)?,
    };
    if x <= 0.0 {
        return domain();
    }
    Ok(x.ln())
}

/// `math.frexp`: `x` as a mantissa in [0.5, 1) (with its sign) times 2 to a power.
fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    // A subnormal is first made normal, by 2**54.
    let (x, shift) = if x.abs() < f64::MIN_POSITIVE { (x * 2f64.powi(54), -54) } else { (x, 0) };
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i64 - 1022;
    (f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52)), exponent + shift)
}

/// `x * 2**n`, rounded once (as C's `scalbn`: the scaling is split so that no step
/// before the last leaves the normal floats).
fn ldexp(mut x: f64, mut n: i32) -> f64 {
    let power = |n: i32| f64::from_bits(((0x3ff + n) as u64) << 52);
    if n > 1023 {
        x *= power(1023);
        n -= 1023;
        if n > 1023 {
            x *= power(1023);
            n = (n - 1023).min(1023);
        }
    } else if n < -1022 {
        // (2**-1022 * 2**53: the value stays normal, and the last step rounds.)
        x *= power(-1022) * power(53);
        n += 1022 - 53;
        if n < -1022 {
            x *= power(-1022) * power(53);
            n = (n + 1022 - 53).max(-1022);
        }
    }
    x * power(n)
}

/// `math.nextafter(x, y)`: the float next to `x` towards `y`.
fn next_after(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    let away = (y > x) == (x > 0.0);
    f64::from_bits(if away { bits + 1 } else { bits - 1 })
}

fn domain<T>() -> Res<T> {
    raise(ExcType::ValueError, "math domain error")
}

fn checked(x: f64) -> Res<Value> {
    if x.is_infinite() {
        return raise(ExcType::OverflowError, "math range error");
    }
    Ok(Value::Float(x))
}

fn count(name: &str, args: &[Value], min: usize, max: usize) -> Res<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let message = match (min == max, min) {
        (true, 1) => format!("math.{name}() takes exactly one argument ({n} given)"),
        (true, _) => format!("{name} expected {min} arguments, got {n}"),
        (false, _) if n < min => {
            format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
        }
        _ => format!("{name} expected at most {max} arguments, got {n}"),
    };
    raise(ExcType::TypeError, message)
}

/// An integer result where one fits, as `math.floor` gives it.
fn to_int(x: f64) -> Res<Value> {
    if x.is_nan() {
        return raise(ExcType::ValueError, "cannot convert float NaN to integer");
    }
    if x.is_infinite() {
        return raise(ExcType::OverflowError, "cannot convert float infinity to integer");
    }
    if x.abs() >= 9.2e18 {
        return Ok(super::big::value(super::big::from_float(x).expect("a finite float")));
    }
    Ok(Value::Int(x as i64))
}

fn gcd(a: i64, b: i64) -> i64 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a as i64
}

impl Interp {
    /// `math.name(...)`.
    pub fn math_call(self: &Rc<Self>, name: &str, args: Vec<Value>, kwargs: Vec<(Str, Value)>) -> Res<Value> {
        if !kwargs.is_empty() && name != "isclose" && name != "prod" {
            return raise(ExcType::TypeError, format!("math.{name}() takes no keyword arguments"));
        }
        let one = |args: &[Value]| -> Res<f64> {
            count(name, args, 1, 1)?;
            real(&args[0])
        };
        match name {
            "sqrt" => {
                let x = one(&args)?;
                if x < 0.0 {
                    return domain();
                }
                Ok(Value::Float(x.sqrt()))
            }
            "floor" | "ceil" | "trunc" => {
                count(name, &args, 1, 1)?;
                // An object's own `__floor__`, `__ceil__` or `__trunc__`.
                if let Value::Instance(i) = &args[0] {
                    if let Some(result) = i.special(&format!("__{name}__"), Vec::new()) {
                        return result;
                    }
                }
                if let Some(n) = args[0].as_int() {
                    return Ok(Value::Int(n));
                }
                if let Value::Big(_) = &args[0] {
                    return Ok(args[0].clone());
                }
                let x = real(&args[0])?;
                to_int(match name {
                    "floor" => x.floor(),
                    "ceil" => x.ceil(),
                    _ => x.trunc(),
                })
            }
            "log" => {
                count(name, &args, 1, 2)?;
                let x = ln(&args[0])?;
                match args.get(1) {
                    None => Ok(Value::Float(x)),
                    Some(b) => {
                        let b = ln(b)?;
                        if b == 0.0 {
                            return raise(ExcType::ZeroDivisionError, "float division by zero");
                        }
                        Ok(Value::Float(x / b))
                    }
                }
            }
            "log2" | "log10" => {
                count(name, &args, 1, 1)?;
                if let Value::Big(n) = &args[0] {
                    if n.sign() == num_bigint::Sign::Minus {
                        return domain();
                    }
                    if super::big::to_float(n).is_err() {
                        let (m, e) = super::big::frexp(n);
                        return Ok(Value::Float(if name == "log2" {
                            m.log2() + e as f64
                        } else {
                            m.log10() + e as f64 * std::f64::consts::LOG10_2
                        }));
                    }
                }
                let x = one(&args)?;
                if x <= 0.0 {
                    return domain();
                }
                Ok(Value::Float(if name == "log2" { x.log2() } else { x.log10() }))
            }
            "exp" => checked(one(&args)?.exp()),
            "erf" => Ok(Value::Float(libm::erf(one(&args)?))),
            "erfc" => Ok(Value::Float(libm::erfc(one(&args)?))),
            "sin" | "cos" | "tan" | "asin" | "acos" | "atan" => {
                let x = one(&args)?;
                if x.is_infinite() && matches!(name, "sin" | "cos" | "tan") {
                    return domain();
                }
                let y = match name {
                    "sin" => x.sin(),
                    "cos" => x.cos(),
                    "tan" => x.tan(),
                    "asin" => x.asin(),
                    "acos" => x.acos(),
                    _ => x.atan(),
                };
                if y.is_nan() && !x.is_nan() {
                    return domain();
                }
                Ok(Value::Float(y))
            }
            "atan2" | "copysign" => {
                count(name, &args, 2, 2)?;
                let (y, x) = (real(&args[0])?, real(&args[1])?);
                Ok(Value::Float(if name == "atan2" { y.atan2(x) } else { y.copysign(x) }))
            }
            "hypot" => {
                let xs = args.iter().map(real).collect::<Res<Vec<f64>>>()?;
                Ok(Value::Float(xs.iter().map(|x| x * x).sum::<f64>().sqrt()))
            }
            "dist" => {
                count(name, &args, 2, 2)?;
                let (p, q) = (self.collect(&args[0])?, self.collect(&args[1])?);
                if p.len() != q.len() {
                    return raise(ExcType::ValueError, "both points must have the same number of dimensions");
                }
                let mut sum = 0.0;
                for (a, b) in p.iter().zip(&q) {
                    let d = real(a)? - real(b)?;
                    sum += d * d;
                }
                Ok(Value::Float(sum.sqrt()))
            }
            "fabs" => Ok(Value::Float(one(&args)?.abs())),
            "radians" => Ok(Value::Float(one(&args)?.to_radians())),
            "degrees" => Ok(Value::Float(one(&args)?.to_degrees())),
            "pow" => {
                count(name, &args, 2, 2)?;
                let (x, y) = (real(&args[0])?, real(&args[1])?);
                if x == 0.0 && y < 0.0 || x < 0.0 && y.fract() != 0.0 && y.is_finite() {
                    return domain();
                }
                checked(x.powf(y))
            }
            "isfinite" => Ok(Value::Bool(one(&args)?.is_finite())),
            "isinf" => Ok(Value::Bool(one(&args)?.is_infinite())),
            "isnan" => Ok(Value::Bool(one(&args)?.is_nan())),
            "isclose" => {
                count(name, &args, 2, 2)?;
                let (a, b) = (real(&args[0])?, real(&args[1])?);
                let mut rel = 1e-9;
                let mut abs = 0.0;
                for (k, v) in &kwargs {
                    match &**k {
                        "rel_tol" => rel = real(v)?,
                        "abs_tol" => abs = real(v)?,
                        other => {
                            return raise(
                                ExcType::TypeError,
                                format!("isclose() got an unexpected keyword argument '{other}'"),
                            )
                        }
                    }
                }
                if rel < 0.0 || abs < 0.0 {
                    return raise(ExcType::ValueError, "tolerances must be non-negative");
                }
                if a == b {
                    return Ok(Value::Bool(true));
                }
                if a.is_infinite() || b.is_infinite() {
                    return Ok(Value::Bool(false));
                }
                let diff = (b - a).abs();
                Ok(Value::Bool(diff <= (rel * b).abs() || diff <= (rel * a).abs() || diff <= abs))
            }
            "sinh" | "cosh" | "tanh" | "asinh" | "acosh" | "atanh" | "cbrt" | "exp2" | "expm1" | "log1p" => {
                let x = one(&args)?;
                let y = match name {
                    "sinh" => x.sinh(),
                    "cosh" => x.cosh(),
                    "tanh" => x.tanh(),
                    "asinh" => x.asinh(),
                    "acosh" => x.acosh(),
                    "atanh" => x.atanh(),
                    // (Correctly rounded; glibc's, which CPython calls, may be an ulp off.)
                    "cbrt" => x.cbrt(),
                    "exp2" => x.exp2(),
                    "expm1" => x.exp_m1(),
                    _ => x.ln_1p(),
                };
                if y.is_nan() && !x.is_nan() || (y.is_infinite() && x.is_finite() && name.starts_with('a')) {
                    return domain();
                }
                if y.is_infinite() && x.is_finite() {
                    return raise(ExcType::OverflowError, "math range error");
                }
                Ok(Value::Float(y))
            }
            "isqrt" => {
                count(name, &args, 1, 1)?;
                if let Value::Big(n) = &args[0] {
                    if n.sign() == num_bigint::Sign::Minus {
                        return raise(ExcType::ValueError, "isqrt() argument must be nonnegative");
                    }
                    return Ok(super::big::value(num_integer::Roots::sqrt(&**n)));
                }
                let n = index(&args[0])?;
                if n < 0 {
                    return raise(ExcType::ValueError, "isqrt() argument must be nonnegative");
                }
                let mut r = (n as f64).sqrt() as i64;
                while r.checked_mul(r).is_none_or(|sq| sq > n) {
                    r -= 1;
                }
                while (r + 1).checked_mul(r + 1).is_some_and(|sq| sq <= n) {
                    r += 1;
                }
                Ok(Value::Int(r))
            }
            "lcm" | "gcd" if args.iter().any(|a| matches!(a, Value::Big(_))) => {
                let mut r = num_bigint::BigInt::from(i64::from(name == "lcm"));
                for a in &args {
                    let Some(n) = super::big::of(a) else {
                        index(a)?;
                        unreachable!("index() refuses what is not an int")
                    };
                    r = if name == "lcm" {
                        num_integer::Integer::lcm(&r, &n)
                    } else {
                        num_integer::Integer::gcd(&r, &n)
                    };
                }
                Ok(super::big::value(r))
            }
            "lcm" => {
                let mut l: i64 = 1;
                for a in &args {
                    let n = index(a)?.abs();
                    if n == 0 {
                        return Ok(Value::Int(0));
                    }
                    let g = gcd(l, n);
                    l = match (l / g).checked_mul(n) {
                        Some(l) => l,
                        None => {
                            return self.math_call(
                                name,
                                [Value::Big(std::rc::Rc::new(l.into()))]
                                    .into_iter()
                                    .chain(args.iter().cloned())
                                    .collect(),
                                Vec::new(),
                            )
                        }
                    };
                }
                Ok(Value::Int(l))
            }
            "fmod" => {
                count(name, &args, 2, 2)?;
                let (x, y) = (real(&args[0])?, real(&args[1])?);
                if y == 0.0 || x.is_infinite() {
                    return domain();
                }
                Ok(Value::Float(x % y))
            }
            "frexp" => {
                let x = one(&args)?;
                let (m, e) = frexp(x);
                Ok(Value::tuple(vec![Value::Float(m), Value::Int(e)]))
            }
            "ldexp" => {
                count(name, &args, 2, 2)?;
                let x = real(&args[0])?;
                let i = match &args[1] {
                    Value::Big(n) => {
                        if n.sign() == num_bigint::Sign::Minus {
                            i64::MIN
                        } else {
                            i64::MAX
                        }
                    }
                    Value::Float(_) => {
                        return raise(ExcType::TypeError, "Expected an int as second argument to ldexp.")
                    }
                    other => index(other)?,
                };
                if x == 0.0 || !x.is_finite() {
                    return Ok(Value::Float(x));
                }
                checked(ldexp(x, i.clamp(-10_000, 10_000) as i32))
            }
            "nextafter" => {
                count(name, &args, 2, 2)?;
                Ok(Value::Float(next_after(real(&args[0])?, real(&args[1])?)))
            }
            "ulp" => {
                let x = one(&args)?.abs();
                if !x.is_finite() {
                    return Ok(Value::Float(x));
                }
                let above = next_after(x, f64::INFINITY);
                Ok(Value::Float(if above.is_infinite() { x - next_after(x, 0.0) } else { above - x }))
            }
            "modf" => {
                let x = one(&args)?;
                let whole = x.trunc();
                let fraction = if x.is_infinite() { 0.0_f64.copysign(x) } else { x - whole };
                Ok(Value::tuple(vec![Value::Float(fraction), Value::Float(whole)]))
            }
            "gcd" => {
                let mut g = 0;
                for a in &args {
                    g = gcd(g, index(a)?);
                }
                Ok(Value::Int(g))
            }
            "factorial" => {
                count(name, &args, 1, 1)?;
                let n = index(&args[0])?;
                if n < 0 {
                    return raise(ExcType::ValueError, "factorial() not defined for negative values");
                }
                // (About n·log2(n) bits: refused as CPython would take a while over it.)
                super::builtins::room::<u32>((n as f64 * (n.max(2) as f64).log2() / 32.0) as usize)?;
                let mut f = num_bigint::BigInt::from(1);
                for k in 2..=n {
                    f *= k;
                }
                Ok(super::big::value(f))
            }
            "comb" | "perm" => {
                count(name, &args, if name == "perm" { 1 } else { 2 }, 2)?;
                let n = index(&args[0])?;
                let k = match args.get(1) {
                    Some(Value::None) | None => n,
                    Some(k) => index(k)?,
                };
                if n < 0 {
                    return raise(ExcType::ValueError, "n must be a non-negative integer");
                }
                if k < 0 {
                    return raise(ExcType::ValueError, "k must be a non-negative integer");
                }
                if k > n {
                    return Ok(Value::Int(0));
                }
                let k = if name == "comb" { k.min(n - k) } else { k };
                super::builtins::room::<u32>((k as f64 * (n.max(2) as f64).log2() / 32.0) as usize)?;
                let mut r = num_bigint::BigInt::from(1);
                for i in 0..k {
                    r *= n - i;
                    if name == "comb" {
                        r /= i + 1;
                    }
                }
                Ok(super::big::value(r))
            }
            "prod" => {
                count(name, &args, 1, 1)?;
                let mut total = match kwargs.iter().find(|(k, _)| &**k == "start") {
                    Some((_, v)) => v.clone(),
                    None => Value::Int(1),
                };
                for item in self.collect(&args[0])? {
                    total = super::builtins::binop(super::ast::BinOp::Mult, total, item)?;
                }
                Ok(total)
            }
            "fsum" => {
                count(name, &args, 1, 1)?;
                // Neumaier's compensated sum: exact for the sums learners make.
                let (mut sum, mut c) = (0.0f64, 0.0f64);
                for item in self.collect(&args[0])? {
                    let x = real(&item)?;
                    let t = sum + x;
                    c += if sum.abs() >= x.abs() { (sum - t) + x } else { (x - t) + sum };
                    sum = t;
                }
                Ok(Value::Float(sum + c))
            }
            _ => unreachable!("bound only for MATH"),
        }
    }

    /// `functools.name(...)`.
    pub fn functools_call(self: &Rc<Self>, name: &str, args: Vec<Value>, kwargs: Vec<(Str, Value)>) -> Res<Value> {
        match name {
            "partial" => {
                let mut args = args.into_iter();
                let Some(function) = args.next() else {
                    return raise(ExcType::TypeError, "type 'partial' takes at least one argument");
                };
                if !super::builtins::is_callable(&function) {
                    return raise(ExcType::TypeError, "the first argument must be callable");
                }
                Ok(Value::Object(Rc::new(Obj::Partial(function, args.collect(), kwargs))))
            }
            "reduce" => {
                if !kwargs.is_empty() {
                    return raise(ExcType::TypeError, "reduce() takes no keyword arguments");
                }
                if args.len() < 2 || args.len() > 3 {
                    return raise(
                        ExcType::TypeError,
                        format!("reduce expected at least 2 arguments, got {}", args.len()),
                    );
                }
                let it = self.iter_of(args[1].clone()).map_err(|_| {
                    super::interp::Unwind::Raise(super::exceptions::Exception::with_message(
                        ExcType::TypeError,
                        "reduce() arg 2 must support iteration",
                    ))
                })?;
                let mut total = match args.get(2) {
                    Some(v) => v.clone(),
                    None => match self.next_of(&it)? {
                        Some(v) => v,
                        None => return raise(ExcType::TypeError, "reduce() of empty iterable with no initial value"),
                    },
                };
                while let Some(item) = self.next_of(&it)? {
                    total = self.call_value(args[0].clone(), vec![total, item], Vec::new())?;
                }
                Ok(total)
            }
            "wraps" => {
                let Some(wrapped) = args.into_iter().next() else {
                    return raise(ExcType::TypeError, "wraps() missing 1 required positional argument: 'wrapped'");
                };
                Ok(Value::Object(Rc::new(Obj::Wraps(wrapped))))
            }
            "cache" | "lru_cache" => {
                let mut maxsize = if name == "cache" { None } else { Some(128) };
                let mut typed = false;
                let mut first = args.into_iter().next();
                for (k, v) in kwargs {
                    match (&*k, v) {
                        ("maxsize", Value::None) => maxsize = None,
                        ("maxsize", Value::Int(n)) => maxsize = Some(n.max(0) as usize),
                        ("typed", v) => typed = v.truthy(),
                        (other, _) => {
                            return raise(
                                ExcType::TypeError,
                                format!("{name}() got an unexpected keyword argument '{other}'"),
                            )
                        }
                    }
                }
                match first.take() {
                    // `@lru_cache(maxsize=32)`: the decorator.
                    Some(Value::Int(n)) => Ok(Value::Object(Rc::new(Obj::CacheMaker(Some(n.max(0) as usize), typed)))),
                    Some(Value::None) | None if name == "lru_cache" => {
                        Ok(Value::Object(Rc::new(Obj::CacheMaker(maxsize, typed))))
                    }
                    Some(f) if super::builtins::is_callable(&f) => Ok(cached(f, maxsize, typed)),
                    Some(_) => {
                        raise(ExcType::TypeError, "Expected first argument to be an integer, a callable, or None")
                    }
                    None => {
                        raise(ExcType::TypeError, "cache() missing 1 required positional argument: 'user_function'")
                    }
                }
            }
            "cmp_to_key" => {
                let Some(f) = args.into_iter().next() else {
                    return raise(ExcType::TypeError, "cmp_to_key() missing required argument 'mycmp' (pos 1)");
                };
                Ok(Value::Object(Rc::new(Obj::CmpToKey(f, None))))
            }
            _ => unreachable!("bound only for FUNCTOOLS"),
        }
    }

    /// Calls what `functools` made: a partial, a cached function, `wraps(f)` on its
    /// wrapper, `lru_cache(n)` on its function, `cmp_to_key(f)` on a value.
    pub fn call_functools_object(
        self: &Rc<Self>,
        obj: &Rc<Obj>,
        args: Vec<Value>,
        kwargs: Vec<(Str, Value)>,
    ) -> Res<Value> {
        match &**obj {
            Obj::Partial(..) => {
                let (mut args, mut kwargs) = (args, kwargs);
                let function = super::vm::unwrap_partial(Value::Object(obj.clone()), &mut args, &mut kwargs);
                self.call_value(function, args, kwargs)
            }
            Obj::Cached(cache) => {
                let mut parts = Vec::with_capacity(args.len() + 2 * kwargs.len());
                for a in &args {
                    parts.push(a.key().map_or_else(
                        || raise(ExcType::TypeError, format!("unhashable type: '{}'", a.type_name())),
                        Ok,
                    )?);
                }
                for (k, v) in &kwargs {
                    parts.push(Key::Str(k.clone()));
                    parts.push(v.key().map_or_else(
                        || raise(ExcType::TypeError, format!("unhashable type: '{}'", v.type_name())),
                        Ok,
                    )?);
                }
                if cache.typed {
                    // (The types of the arguments, as `_make_key` adds them.)
                    let types = args.iter().chain(kwargs.iter().map(|(_, v)| v));
                    parts.extend(types.map(|v| Key::Str(v.type_name().into())).collect::<Vec<_>>());
                }
                // One int or str alone is its own key, as in `_make_key`'s fast path (so
                // `f(1)` and `f(1.0)` are cached apart, the second under a tuple).
                let alone = kwargs.is_empty() && !cache.typed && args.len() == 1;
                let key = match parts.pop() {
                    Some(part) if alone && matches!(args[0], Value::Int(_) | Value::Big(_) | Value::Str(_)) => part,
                    Some(part) => {
                        parts.push(part);
                        Key::Tuple(parts)
                    }
                    None => Key::Tuple(parts),
                };
                let found = cache.entries.borrow().get(&key).cloned();
                if let Some(v) = found {
                    cache.hits.set(cache.hits.get() + 1);
                    if cache.maxsize.is_some() {
                        let mut order = cache.order.borrow_mut();
                        order.retain(|k| *k != key);
                        order.push(key);
                    }
                    return Ok(v);
                }
                cache.misses.set(cache.misses.get() + 1);
                let v = self.call_value(cache.function.clone(), args, kwargs)?;
                if cache.maxsize == Some(0) {
                    return Ok(v);
                }
                cache.entries.borrow_mut().insert(key.clone(), v.clone());
                if let Some(max) = cache.maxsize {
                    let mut order = cache.order.borrow_mut();
                    order.retain(|k| *k != key);
                    order.push(key);
                    while order.len() > max {
                        let oldest = order.remove(0);
                        cache.entries.borrow_mut().remove(&oldest);
                    }
                }
                Ok(v)
            }
            Obj::CacheMaker(maxsize, typed) => {
                let Some(f) = args.into_iter().next() else {
                    return raise(ExcType::TypeError, "decorating function missing");
                };
                Ok(cached(f, *maxsize, *typed))
            }
            Obj::Wraps(wrapped) => {
                let Some(wrapper) = args.into_iter().next() else {
                    return raise(
                        ExcType::TypeError,
                        "update_wrapper() missing 1 required positional argument: 'wrapper'",
                    );
                };
                for attr in ["__module__", "__name__", "__qualname__", "__doc__"] {
                    if let Ok(v) = self.load_attr(wrapped, attr) {
                        self.store_attr(&wrapper, attr, v)?;
                    }
                }
                if let (Value::Function(from), Value::Function(to)) = (wrapped, &wrapper) {
                    if let Some(attrs) = from.attrs.borrow().as_ref() {
                        for (k, v) in attrs.iter() {
                            if let Value::Str(k) = k {
                                self.store_attr(&wrapper, k, v.clone())?;
                            }
                        }
                    }
                    let _ = to;
                }
                self.store_attr(&wrapper, "__wrapped__", wrapped.clone())?;
                Ok(wrapper)
            }
            Obj::CmpToKey(f, None) => {
                let Some(v) = args.into_iter().next() else {
                    return raise(ExcType::TypeError, "K() missing 1 required positional argument: 'obj'");
                };
                Ok(Value::Object(Rc::new(Obj::CmpToKey(f.clone(), Some(v)))))
            }
            // (`typing.List[int]()`: typing's own refuse, as CPython's.)
            Obj::Alias(alias) => {
                let name = alias.typing.unwrap_or("alias");
                let origin = super::builtins::getattr(&alias.origin_class(), "__name__")
                    .map_or(name.to_lowercase(), |n| n.to_str());
                raise(ExcType::TypeError, format!("Type {name} cannot be instantiated; use {origin}() instead"))
            }
            _ => raise(ExcType::TypeError, format!("'{}' object is not callable", obj.type_name())),
        }
    }
}

fn cached(function: Value, maxsize: Option<usize>, typed: bool) -> Value {
    Value::Object(Rc::new(Obj::Cached(Rc::new(Cache {
        function,
        maxsize,
        typed,
        entries: RefCell::default(),
        order: RefCell::default(),
        hits: Default::default(),
        misses: Default::default(),
    }))))
}

/// `typing`'s names: importable, and subscriptable (`List[int]`), as annotations and
/// aliases use them; the playground does not check types, as CPython does not.
pub const TYPING: &[&str] = &[
    "typing.AbstractSet",
    "typing.Annotated",
    "typing.Any",
    "typing.AnyStr",
    "typing.AsyncContextManager",
    "typing.ChainMap",
    "typing.Collection",
    "typing.Concatenate",
    "typing.Container",
    "typing.ContextManager",
    "typing.ItemsView",
    "typing.KeysView",
    "typing.LiteralString",
    "typing.MutableSequence",
    "typing.MutableSet",
    "typing.NotRequired",
    "typing.OrderedDict",
    "typing.Required",
    "typing.Reversible",
    "typing.Sized",
    "typing.SupportsAbs",
    "typing.SupportsFloat",
    "typing.SupportsIndex",
    "typing.SupportsInt",
    "typing.Text",
    "typing.TypeGuard",
    "typing.ValuesView",
    "typing.AsyncGenerator",
    "typing.AsyncIterable",
    "typing.AsyncIterator",
    "typing.Awaitable",
    "typing.Callable",
    "typing.ClassVar",
    "typing.Coroutine",
    "typing.Counter",
    "typing.DefaultDict",
    "typing.Deque",
    "typing.Dict",
    "typing.Final",
    "typing.FrozenSet",
    "typing.Generator",
    "typing.Generic",
    "typing.Hashable",
    "typing.Iterable",
    "typing.Iterator",
    "typing.List",
    "typing.Literal",
    "typing.Mapping",
    "typing.MutableMapping",
    "typing.NoReturn",
    "typing.Optional",
    "typing.Protocol",
    "typing.Never",
    "typing.Self",
    "typing.Sequence",
    "typing.Set",
    "typing.Tuple",
    "typing.Type",
    "typing.TypeAlias",
    "typing.Union",
];

/// `typing`'s and `sys`'s functions, by name.
pub const TYPING_FUNCTIONS: &[&str] = &["cast"];
pub const SYS_FUNCTIONS: &[&str] = &["exit", "exc_info", "exception"];

/// `typing.X`, `sys.X`: a value of the module that is not a function.
pub fn module_value(module: Module, name: &str) -> Option<Value> {
    match module {
        Module::Typing => {
            if name == "TYPE_CHECKING" {
                return Some(Value::Bool(false));
            }
            let full = TYPING.iter().find(|t| t.strip_prefix("typing.") == Some(name))?;
            Some(Value::Type(super::value::Type::Object(full)))
        }
        Module::Sys => Some(match name {
            "argv" => Value::list(vec![Value::str("main.py")]),
            "version" => Value::str("3.11.7 (main, Dec  5 2026, 00:00:00) [the asyncio playground]"),
            "platform" => Value::str("emscripten"),
            "maxsize" => Value::Int(i64::MAX),
            // The modules a program can import, by name (CPython's has those imported).
            "modules" => {
                let mut modules = super::value::Dict::default();
                for m in Module::ALL {
                    modules.insert(Key::Str(m.name().into()), Value::str(m.name()), Value::Module(m));
                }
                Value::Dict(Rc::new(RefCell::new(modules)))
            }
            "stdout" | "__stdout__" => standard_stream(false),
            "stderr" | "__stderr__" => standard_stream(true),
            _ => return None,
        }),
        _ => constant(module, name),
    }
}

impl Interp {
    /// `typing.cast(t, v)`, `sys.exit(code)`.
    pub fn module_function(self: &Rc<Self>, module: Module, name: &str, args: Vec<Value>) -> Res<Value> {
        match (module, name) {
            (Module::Typing, "cast") => match <[Value; 2]>::try_from(args) {
                Ok([_, v]) => Ok(v),
                Err(_) => raise(ExcType::TypeError, "cast() missing 2 required positional arguments: 'typ' and 'val'"),
            },
            (Module::Sys, "exit") => {
                let e = super::exceptions::Exception::new(ExcType::SystemExit, args);
                Err(super::interp::Unwind::Raise(e))
            }
            (Module::Traceback, "_format") => match args.first() {
                Some(Value::Exception(e)) => {
                    Ok(Value::str(&super::exceptions::format_traceback(&self.source.borrow(), e)))
                }
                _ => raise(ExcType::TypeError, "_format() takes an exception"),
            },
            // A traceback's frames, outermost first: (function, line) each, and for a
            // frame of CPython's library its file and the text of its line.
            (Module::Traceback, "_frames") => match args.first().map(|tb| (tb, tb.clone())) {
                Some((Value::Object(o), _)) => match &**o {
                    super::objects::Obj::Traceback(lines, _) => Ok(Value::list(
                        lines
                            .iter()
                            .map(|f| {
                                let mut frame = vec![Value::str(&f.function), Value::Int(i64::from(f.line))];
                                if let (Some(file), Some((_, text))) = (f.file(), f.library) {
                                    frame.extend([Value::str(&file), Value::str(text)]);
                                }
                                Value::tuple(frame)
                            })
                            .collect(),
                    )),
                    _ => raise(ExcType::TypeError, "_frames() takes a traceback"),
                },
                Some((Value::None, _)) => Ok(Value::list(Vec::new())),
                _ => raise(ExcType::TypeError, "_frames() takes a traceback"),
            },
            // The program's line `n`, as a warning shows it.
            (Module::Traceback, "_line") => {
                let n = args.first().and_then(Value::as_int).unwrap_or(0);
                let source = self.source.borrow();
                let line = usize::try_from(n - 1).ok().and_then(|i| source.lines().nth(i)).unwrap_or("");
                Ok(Value::str(line))
            }
            // `_digest(name, data)`: the digest of `data` by the algorithm named.
            (Module::Hashlib, "_digest") => match args.as_slice() {
                [Value::Str(name), Value::Bytes(data)] => match digest(name, data) {
                    Some(d) => Ok(Value::Bytes(d.into())),
                    None => raise(ExcType::ValueError, format!("unsupported hash type {name}")),
                },
                _ => raise(ExcType::TypeError, "_digest() takes a name and bytes"),
            },
            // `_pbkdf2(name, password, salt, iterations, length)`: hashlib.pbkdf2_hmac's key.
            (Module::Hashlib, "_pbkdf2") => match args.as_slice() {
                [Value::Str(name), Value::Bytes(password), Value::Bytes(salt), Value::Int(iterations), Value::Int(length)] => {
                    match pbkdf2(name, password, salt, *iterations as u64, *length as usize) {
                        Some(key) => Ok(Value::Bytes(key.into())),
                        None => raise(ExcType::ValueError, format!("unsupported hash type {name}")),
                    }
                }
                _ => raise(ExcType::TypeError, "_pbkdf2() takes a name, two bytes and two ints"),
            },
            // `_ref(obj)`: what a weak reference holds; `_get(held)`: its object, or None.
            (Module::Weakref, "_ref") => match args.first().and_then(weak::of) {
                Some(target) => Ok(Value::Object(Rc::new(super::objects::Obj::Weak(target)))),
                None => {
                    let name = args.first().map_or("NoneType", Value::type_name);
                    raise(ExcType::TypeError, format!("cannot create weak reference to '{name}' object"))
                }
            },
            (Module::Weakref, "_watch") => match args.as_slice() {
                [object, watcher, weakly] => self.weak_watch(object, watcher, weakly.truthy()).map(|()| Value::None),
                _ => raise(ExcType::TypeError, "_watch() takes an object, a watcher and whether it is weak"),
            },
            (Module::Weakref, "_get") => Ok(match args.first() {
                Some(Value::Object(o)) => match &**o {
                    super::objects::Obj::Weak(target) => weak::get(target),
                    _ => None,
                },
                _ => None,
            }
            .unwrap_or(Value::None)),
            (Module::Re, "_compile") => match args.as_slice() {
                [Value::Str(pattern), flags] => {
                    let flags = flags.as_int().unwrap_or(0);
                    Ok(match super::sre::compile(pattern, flags) {
                        Ok(regex) => {
                            let mut names = super::value::Dict::default();
                            for (name, index) in &regex.names {
                                let index = Value::Int(i64::try_from(*index).unwrap_or(0));
                                names.insert(Key::Str(Str::from(name.as_str())), Value::str(name), index);
                            }
                            let groups = Value::Int(i64::try_from(regex.groups).unwrap_or(0));
                            Value::tuple(vec![
                                groups,
                                Value::Dict(Rc::new(RefCell::new(names))),
                                Value::Int(regex.flags),
                            ])
                        }
                        Err(e) => {
                            let pos = e.pos.map_or(Value::None, |p| Value::Int(i64::try_from(p).unwrap_or(0)));
                            Value::tuple(vec![Value::None, Value::str(&e.message), pos])
                        }
                    })
                }
                _ => raise(ExcType::TypeError, "_compile() takes a pattern and flags"),
            },
            // `_scan(pattern, flags, string, pos, endpos, mode, limit)`: the matches, each
            // its groups' spans (see `sre::scan`; -1 for a group that did not take part),
            // the last group closed, the groups' text, and the text since the match
            // before; then the text after the last. (The text is cut here: slicing a
            // long str by character in Python would cost a walk from its start each time.)
            (Module::Re, "_scan") => match args.as_slice() {
                [Value::Str(pattern), flags, Value::Str(text), rest @ ..] if rest.len() == 4 => {
                    let int = |v: &Value| usize::try_from(v.as_int().unwrap_or(0)).unwrap_or(0);
                    let regex = match super::sre::compile(pattern, flags.as_int().unwrap_or(0)) {
                        Ok(regex) => regex,
                        Err(e) => return raise(ExcType::ValueError, e.message),
                    };
                    let mode = match rest[2].as_int() {
                        Some(0) => super::sre::Mode::Match,
                        Some(1) => super::sre::Mode::Full,
                        _ => super::sre::Mode::Search,
                    };
                    let chars: Vec<char> = text.chars().collect();
                    let found = super::sre::scan(&regex, &chars, int(&rest[0]), int(&rest[1]), mode, int(&rest[3]));
                    let span = |s: &Option<usize>| Value::Int(s.map_or(-1, |s| i64::try_from(s).unwrap_or(-1)));
                    let text = |from: usize, to: usize| Value::Str(chars[from..to].iter().collect::<String>().into());
                    let mut last = int(&rest[0]).min(chars.len());
                    let mut out: Vec<Value> = found
                        .iter()
                        .map(|m| {
                            let mut items: Vec<Value> = m.iter().map(span).collect();
                            for pair in m[..m.len() - 1].chunks(2) {
                                items.push(match pair {
                                    [Some(a), Some(b)] => text(*a, *b),
                                    _ => Value::None,
                                });
                            }
                            let (start, end) = (m[0].unwrap_or(last), m[1].unwrap_or(last));
                            items.push(text(last.min(start), start));
                            last = end;
                            Value::tuple(items)
                        })
                        .collect();
                    out.push(text(last, chars.len()));
                    Ok(Value::list(out))
                }
                _ => raise(ExcType::TypeError, "_scan() takes a pattern, flags, a string and four numbers"),
            },
            _ => unreachable!("bound only for the module's functions"),
        }
    }

    /// `sys.stdout.write(text)` and `sys.stderr.write(text)`: how many characters.
    pub fn stream_write(self: &Rc<Self>, to_stderr: bool, name: &str, args: Vec<Value>) -> Res<Value> {
        match name {
            "flush" => return Ok(Value::None),
            "isatty" | "readable" | "seekable" => return Ok(Value::Bool(false)),
            "writable" => return Ok(Value::Bool(true)),
            "fileno" => return Ok(Value::Int(if to_stderr { 2 } else { 1 })),
            "writelines" => {
                for line in self.collect(&args.into_iter().next().unwrap_or(Value::None))? {
                    self.stream_write(to_stderr, "write", vec![line])?;
                }
                return Ok(Value::None);
            }
            _ => {}
        }
        let [text] = <[Value; 1]>::try_from(args).map_err(|args| {
            super::interp::Unwind::Raise(super::exceptions::Exception::with_message(
                ExcType::TypeError,
                format!("TextIOWrapper.write() takes exactly one argument ({} given)", args.len()),
            ))
        })?;
        let Value::Str(text) = text else {
            return raise(ExcType::TypeError, format!("write() argument must be str, not {}", text.type_name()));
        };
        if to_stderr {
            self.write_stderr_text(&text)?;
        } else {
            self.write(&text)?;
        }
        Ok(Value::Int(text.chars().count() as i64))
    }
}

/// `heapq`'s and `bisect`'s functions, by name.
pub const HEAPQ: &[&str] =
    &["heappush", "heappop", "heapify", "heappushpop", "heapreplace", "nlargest", "nsmallest", "merge"];
pub const BISECT: &[&str] = &["bisect", "bisect_left", "bisect_right", "insort", "insort_left", "insort_right"];

/// A heap's `<`, as Python's (the program's `__lt__` included).
fn lt(interp: &Rc<Interp>, a: &Value, b: &Value) -> Res<bool> {
    super::builtins::compare(interp, super::ast::CmpOp::Lt, a, b)
}

/// CPython's `heapq._siftdown`: the item at `pos` moves up towards `start`.
fn sift_down<T>(interp: &Rc<Interp>, heap: &mut T, start: usize, mut pos: usize) -> Res<()>
where
    T: std::ops::IndexMut<usize, Output = Value>,
{
    let item = heap[pos].clone();
    while pos > start {
        let parent = (pos - 1) >> 1;
        if lt(interp, &item, &heap[parent])? {
            heap[pos] = heap[parent].clone();
            pos = parent;
            continue;
        }
        break;
    }
    heap[pos] = item;
    Ok(())
}

/// CPython's `heapq._siftup`: the smaller child moves up until a leaf, then the item
/// moves down there and sifts back up.
fn sift_up<T>(interp: &Rc<Interp>, heap: &mut T, len: usize, mut pos: usize) -> Res<()>
where
    T: std::ops::IndexMut<usize, Output = Value>,
{
    let start = pos;
    let item = heap[pos].clone();
    let mut child = 2 * pos + 1;
    while child < len {
        let right = child + 1;
        if right < len && !lt(interp, &heap[child], &heap[right])? {
            child = right;
        }
        heap[pos] = heap[child].clone();
        pos = child;
        child = 2 * pos + 1;
    }
    heap[pos] = item;
    sift_down(interp, heap, start, pos)
}

/// `heappush` on a deque or a vector of values.
pub fn heap_push(interp: &Rc<Interp>, heap: &mut VecDeque<Value>, item: Value) -> Res<()> {
    heap.push_back(item);
    let last = heap.len() - 1;
    sift_down(interp, heap, 0, last)
}

/// `heappop`: the smallest item (the heap must not be empty).
pub fn heap_pop(interp: &Rc<Interp>, heap: &mut VecDeque<Value>) -> Res<Value> {
    let last = heap.pop_back().expect("not empty");
    if heap.is_empty() {
        return Ok(last);
    }
    let top = std::mem::replace(&mut heap[0], last);
    let len = heap.len();
    sift_up(interp, heap, len, 0)?;
    Ok(top)
}

impl Interp {
    /// `heapq.name(...)` and `bisect.name(...)`.
    pub fn heapq_call(self: &Rc<Self>, name: &str, args: Vec<Value>, kwargs: Vec<(Str, Value)>) -> Res<Value> {
        let list = |v: Option<&Value>, what: &str| -> Res<Rc<super::value::List>> {
            match v {
                Some(Value::List(l)) => Ok(l.clone()),
                Some(other) => raise(ExcType::TypeError, format!("{what} must be list, not {}", other.type_name())),
                None => raise(ExcType::TypeError, format!("{name} expected arguments")),
            }
        };
        match name {
            // `merge(*iterables, key=None, reverse=False)`: the sorted inputs as one
            // sorted sequence, ties in the order of the inputs (an iterator over it).
            "merge" => {
                let mut key = None;
                let mut reverse = false;
                for (k, v) in kwargs {
                    match &*k {
                        "key" => key = Some(v).filter(|v| !matches!(v, Value::None)),
                        "reverse" => reverse = v.truthy(),
                        _ => {
                            return raise(
                                ExcType::TypeError,
                                format!("merge() got an unexpected keyword argument '{k}'"),
                            )
                        }
                    }
                }
                let mut inputs = Vec::with_capacity(args.len());
                for iterable in &args {
                    let items = self.collect(iterable)?;
                    let keys = match &key {
                        Some(f) => items
                            .iter()
                            .map(|v| self.call_value(f.clone(), vec![v.clone()], Vec::new()))
                            .collect::<Res<Vec<_>>>()?,
                        None => items.clone(),
                    };
                    inputs.push((items, keys, 0usize));
                }
                let mut out = Vec::new();
                loop {
                    let mut best: Option<usize> = None;
                    for i in 0..inputs.len() {
                        let (_, keys, at) = &inputs[i];
                        let Some(candidate) = keys.get(*at) else { continue };
                        let better = match best {
                            None => true,
                            Some(b) => {
                                let (_, best_keys, best_at) = &inputs[b];
                                let current = &best_keys[*best_at];
                                if reverse {
                                    lt(self, current, candidate)?
                                } else {
                                    lt(self, candidate, current)?
                                }
                            }
                        };
                        if better {
                            best = Some(i);
                        }
                    }
                    let Some(b) = best else { break };
                    let (items, _, at) = &mut inputs[b];
                    out.push(items[*at].clone());
                    *at += 1;
                }
                self.iter_of(Value::list(out))
            }
            "nlargest" | "nsmallest" => {
                let n = args.first().and_then(Value::as_int).unwrap_or(0).max(0) as usize;
                let Some(iterable) = args.get(1) else {
                    return raise(
                        ExcType::TypeError,
                        format!("{name}() missing 1 required positional argument: 'iterable'"),
                    );
                };
                let key = kwargs
                    .into_iter()
                    .find(|(k, _)| &**k == "key")
                    .map(|(_, v)| v)
                    .filter(|v| !matches!(v, Value::None));
                let items = self.collect(iterable)?;
                let mut sorted = super::builtins::sorted(self, items, key, name == "nlargest")?;
                sorted.truncate(n);
                Ok(Value::list(sorted))
            }
            "heappush" | "heappop" | "heapify" | "heappushpop" | "heapreplace" => {
                let l = list(args.first(), "heap argument")?;
                // (Taken out while it is worked on: an `__lt__` may look at it.)
                let mut heap: VecDeque<Value> = std::mem::take(&mut *l.borrow_mut()).into();
                let item = args.get(1).cloned();
                let result = (|| -> Res<Value> {
                    match (name, item) {
                        ("heappush", Some(item)) => heap_push(self, &mut heap, item).map(|()| Value::None),
                        ("heappop", None) if heap.is_empty() => raise(ExcType::IndexError, "index out of range"),
                        ("heappop", None) => heap_pop(self, &mut heap),
                        ("heapify", None) => {
                            let len = heap.len();
                            for i in (0..len / 2).rev() {
                                sift_up(self, &mut heap, len, i)?;
                            }
                            Ok(Value::None)
                        }
                        ("heapreplace", Some(_)) if heap.is_empty() => raise(ExcType::IndexError, "index out of range"),
                        ("heapreplace", Some(item)) => {
                            let top = std::mem::replace(&mut heap[0], item);
                            let len = heap.len();
                            sift_up(self, &mut heap, len, 0)?;
                            Ok(top)
                        }
                        ("heappushpop", Some(item)) => {
                            if !heap.is_empty() && lt(self, &heap[0], &item)? {
                                let top = std::mem::replace(&mut heap[0], item);
                                let len = heap.len();
                                sift_up(self, &mut heap, len, 0)?;
                                return Ok(top);
                            }
                            Ok(item)
                        }
                        _ => raise(
                            ExcType::TypeError,
                            format!(
                                "{name} expected {} arguments",
                                if name == "heappop" || name == "heapify" { 1 } else { 2 }
                            ),
                        ),
                    }
                })();
                *l.borrow_mut() = heap.into();
                result
            }
            _ => {
                // bisect: `a`, `x`, then `lo`, `hi` and `key`.
                let l = list(args.first(), "a")?;
                let Some(x) = args.get(1).cloned() else {
                    return raise(ExcType::TypeError, format!("{name}() missing required argument 'x' (pos 2)"));
                };
                let mut lo = args.get(2).and_then(Value::as_int).unwrap_or(0);
                let mut hi = args.get(3).and_then(Value::as_int);
                let mut key = None;
                for (k, v) in kwargs {
                    match &*k {
                        "lo" => lo = v.as_int().unwrap_or(0),
                        "hi" => hi = v.as_int(),
                        "key" => key = Some(v).filter(|v| !matches!(v, Value::None)),
                        other => {
                            return raise(
                                ExcType::TypeError,
                                format!("{name}() got an unexpected keyword argument '{other}'"),
                            )
                        }
                    }
                }
                if lo < 0 {
                    return raise(ExcType::ValueError, "lo must be non-negative");
                }
                let items = l.borrow().clone();
                let mut hi = hi.map_or(items.len(), |h| h.max(0) as usize).min(items.len());
                let mut lo = lo as usize;
                let left = name.ends_with("_left");
                let probe = match (&key, name.starts_with("insort")) {
                    (Some(k), true) => self.call_value(k.clone(), vec![x.clone()], Vec::new())?,
                    _ => x.clone(),
                };
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    let at = match &key {
                        Some(k) => self.call_value(k.clone(), vec![items[mid].clone()], Vec::new())?,
                        None => items[mid].clone(),
                    };
                    let go_right = if left { lt(self, &at, &probe)? } else { !lt(self, &probe, &at)? };
                    if go_right {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                if name.starts_with("insort") {
                    let mut l = l.borrow_mut();
                    let at = lo.min(l.len());
                    l.insert(at, x);
                    return Ok(Value::None);
                }
                Ok(Value::Int(lo as i64))
            }
        }
    }
}

/// `sys.stdout` (or, `true`, `sys.stderr`): the one object each is, as `sys.stdout is
/// sys.__stdout__` finds it.
fn standard_stream(stderr: bool) -> Value {
    thread_local! {
        static STREAMS: [Rc<Obj>; 2] = [Rc::new(Obj::Stream(false)), Rc::new(Obj::Stream(true))];
    }
    STREAMS.with(|s| Value::Object(s[usize::from(stderr)].clone()))
}

/// The digest of `data` by the hash algorithm `name` (one of `hashlib.algorithms_available`).
fn digest(name: &str, data: &[u8]) -> Option<Vec<u8>> {
    use sha2::Digest;
    Some(match name {
        "md5" => md5::Md5::digest(data).to_vec(),
        "sha1" => sha1::Sha1::digest(data).to_vec(),
        "sha224" => sha2::Sha224::digest(data).to_vec(),
        "sha256" => sha2::Sha256::digest(data).to_vec(),
        "sha384" => sha2::Sha384::digest(data).to_vec(),
        "sha512" => sha2::Sha512::digest(data).to_vec(),
        _ => return None,
    })
}

/// HMAC (RFC 2104) of `message` under `key` by the hash algorithm `name`.
fn hmac(name: &str, key: &[u8], message: &[u8]) -> Option<Vec<u8>> {
    let block = if matches!(name, "sha384" | "sha512") { 128 } else { 64 };
    let mut key = if key.len() > block { digest(name, key)? } else { key.to_vec() };
    key.resize(block, 0);
    let mut inner: Vec<u8> = key.iter().map(|b| b ^ 0x36).collect();
    inner.extend_from_slice(message);
    let mut outer: Vec<u8> = key.iter().map(|b| b ^ 0x5C).collect();
    outer.extend(digest(name, &inner)?);
    digest(name, &outer)
}

/// PBKDF2 (RFC 8018) with HMAC by `name`: `hashlib.pbkdf2_hmac`'s key of `length` bytes.
fn pbkdf2(name: &str, password: &[u8], salt: &[u8], iterations: u64, length: usize) -> Option<Vec<u8>> {
    let mut key = Vec::with_capacity(length);
    let mut block: u32 = 1;
    while key.len() < length {
        let mut message = salt.to_vec();
        message.extend_from_slice(&block.to_be_bytes());
        let mut u = hmac(name, password, &message)?;
        let mut t = u.clone();
        for _ in 1..iterations {
            u = hmac(name, password, &u)?;
            t.iter_mut().zip(&u).for_each(|(a, b)| *a ^= b);
        }
        key.extend(t);
        block += 1;
    }
    key.truncate(length);
    Some(key)
}

/// Weak references: what `weakref.ref` holds (`Obj::Weak`), freed with the reference.
pub mod weak {
    use std::cell::RefCell;
    use std::rc::{Rc, Weak};

    use super::super::value::Value;

    /// An object a weak reference points at, without keeping it.
    pub enum Target {
        Instance(Weak<super::super::classes::Instance>),
        Class(Weak<super::super::classes::Class>),
        Function(Weak<super::super::vm::Function>),
        BoundMethod(Weak<super::super::classes::BoundMethod>),
        Generator(Weak<super::super::vm::Generator>),
        Task(Weak<super::super::asyncio::PyTask>),
        Future(Weak<super::super::objects::PyFuture>),
        Object(Weak<super::super::objects::Obj>),
        Set(Weak<RefCell<super::super::value::Dict>>),
    }

    /// The weak target for `v`, if CPython lets it be weakly referenced.
    pub fn of(v: &Value) -> Option<Target> {
        Some(match v {
            Value::Instance(i) => Target::Instance(Rc::downgrade(i)),
            Value::Class(c) => Target::Class(Rc::downgrade(c)),
            Value::Function(f) => Target::Function(Rc::downgrade(f)),
            Value::BoundMethod(m) => Target::BoundMethod(Rc::downgrade(m)),
            Value::Generator(g) => Target::Generator(Rc::downgrade(g)),
            Value::Task(t) => Target::Task(Rc::downgrade(t)),
            Value::Future(f) => Target::Future(Rc::downgrade(f)),
            Value::Object(o) => Target::Object(Rc::downgrade(o)),
            Value::Set(s) => Target::Set(Rc::downgrade(s)),
            _ => return None,
        })
    }

    /// The object, if it is still alive.
    pub fn get(target: &Target) -> Option<Value> {
        Some(match target {
            Target::Instance(w) => Value::Instance(w.upgrade()?),
            Target::Class(w) => Value::Class(w.upgrade()?),
            Target::Function(w) => Value::Function(w.upgrade()?),
            Target::BoundMethod(w) => Value::BoundMethod(w.upgrade()?),
            Target::Generator(w) => Value::Generator(w.upgrade()?),
            Target::Task(w) => Value::Task(w.upgrade()?),
            Target::Future(w) => Value::Future(w.upgrade()?),
            Target::Object(w) => Value::Object(w.upgrade()?),
            Target::Set(w) => Value::Set(w.upgrade()?),
        })
    }
}
