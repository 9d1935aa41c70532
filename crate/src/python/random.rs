//! `random`: CPython's Mersenne Twister (MT19937, as `_randommodule.c` seeds and reads
//! it) and the algorithms of its `random.py` on top, so that `random.seed(42)` followed
//! by `randint`, `choice`, `shuffle`, `sample`, `choices` or `gauss` gives the numbers
//! CPython gives. The module's functions are the methods of one hidden instance, as in
//! CPython; `random.Random(seed)` makes another.

use std::cell::RefCell;
use std::rc::Rc;

use super::ast::BinOp;
use super::builtins::{binop, getitem};
use super::exceptions::{ExcType, LibraryLine};
use super::interp::{raise, Interp, Res};
use super::stdlib::{index, real as float};
use super::value::{Str, Value};

/// The lines of CPython 3.11.7's `random.py` that tracebacks show where its methods
/// raise (see [`LibraryLine`]).
static RANDINT: LibraryLine = LibraryLine::at("random.py", 362, "randint", "return self.randrange(a, b+1)", (7, 29));
static RANDRANGE_EMPTY: LibraryLine = LibraryLine::at(
    "random.py",
    345,
    "randrange",
    "raise ValueError(\"empty range for randrange() (%d, %d, %d)\" % (istart, istop, width))",
    (0, 0),
);
static CHOICE_EMPTY: LibraryLine =
    LibraryLine::at("random.py", 373, "choice", "raise IndexError('Cannot choose from an empty sequence')", (0, 0));
static SAMPLE_LARGER: LibraryLine = LibraryLine::at(
    "random.py",
    456,
    "sample",
    "raise ValueError(\"Sample larger than population or is negative\")",
    (0, 0),
);

const N: usize = 624;
const M: usize = 397;

/// One generator's state: CPython's `RandomObject` and `Random.gauss_next`.
#[derive(Clone)]
pub struct Twister {
    state: Box<[u32; N]>,
    index: usize,
    gauss_next: Option<f64>,
}

impl Twister {
    /// A generator seeded with the non-negative integer whose 32-bit words, least
    /// significant first, are `key` (`random.seed(n)`).
    pub fn from_key(key: &[u32]) -> Twister {
        let mut t = Twister { state: Box::new([0; N]), index: N, gauss_next: None };
        t.init_by_array(key);
        t
    }

    /// `random.seed(n)` for an integer: its absolute value, in 32-bit words.
    pub fn from_int(n: i64) -> Twister {
        Twister::from_u64(n.unsigned_abs())
    }

    /// `random.seed(text)` or `random.seed(b"...")`: CPython's version 2 seeds with the
    /// integer whose bytes, most significant first, are the text's UTF-8 (or the bytes)
    /// and then their SHA-512 digest.
    pub fn from_bytes(data: &[u8]) -> Twister {
        let mut bytes = data.to_vec();
        bytes.extend_from_slice(&sha512(data));
        Twister::from_big_endian(&bytes)
    }

    /// Seeded with the integer whose bytes, most significant first, are `bytes`.
    fn from_big_endian(bytes: &[u8]) -> Twister {
        let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
        let bytes = &bytes[first..];
        let mut key: Vec<u32> =
            bytes.rchunks(4).map(|chunk| chunk.iter().fold(0u32, |word, b| (word << 8) | u32::from(*b))).collect();
        if key.is_empty() {
            key.push(0);
        }
        Twister::from_key(&key)
    }

    /// Seeded with `n`'s 32-bit words (one if it fits).
    fn from_u64(n: u64) -> Twister {
        let key: Vec<u32> = if n >> 32 == 0 { vec![n as u32] } else { vec![n as u32, (n >> 32) as u32] };
        Twister::from_key(&key)
    }

    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        let mt = &mut self.state;
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525)).wrapping_add(key[j]).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        self.gauss_next = None;
    }

    /// The next 32 random bits.
    pub fn next_u32(&mut self) -> u32 {
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        const MATRIX_A: u32 = 0x9908_b0df;
        if self.index >= N {
            let mt = &mut self.state;
            for k in 0..N {
                let y = (mt[k] & UPPER) | (mt[(k + 1) % N] & LOWER);
                let mag = if y & 1 == 1 { MATRIX_A } else { 0 };
                mt[k] = mt[(k + M) % N] ^ (y >> 1) ^ mag;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: 53 random bits as a float in [0, 1).
    pub fn random(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `k` up to 63 (see `many_bits` past it): the first word read
    /// is the least significant, as in CPython.
    pub fn bits(&mut self, k: u32) -> u64 {
        if k == 0 {
            return 0;
        }
        if k <= 32 {
            return u64::from(self.next_u32() >> (32 - k));
        }
        let low = u64::from(self.next_u32());
        let high = u64::from(self.next_u32() >> (64 - k));
        low | high << 32
    }

    /// `getrandbits(k)` for any `k`: 32 bits a word, least significant first, the last
    /// word's top bits when fewer are left, as CPython's `_random_Random_getrandbits_impl`.
    pub fn many_bits(&mut self, k: u64) -> num_bigint::BigInt {
        let mut words = Vec::with_capacity(k.div_ceil(32) as usize);
        let mut left = k;
        while left > 0 {
            let word = self.next_u32();
            words.push(if left < 32 { word >> (32 - left) } else { word });
            left = left.saturating_sub(32);
        }
        num_bigint::BigInt::from_slice(num_bigint::Sign::Plus, &words)
    }

    /// `_randbelow(n)`, for `n` > 0: `k` bits at a time until one is below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.bits(k);
            if r < n {
                return r;
            }
        }
    }
}

/// The module's functions and a `Random`'s methods, by name.
pub const METHODS: &[&str] = &[
    "seed",
    "getstate",
    "setstate",
    "random",
    "getrandbits",
    "randrange",
    "randint",
    "choice",
    "choices",
    "shuffle",
    "sample",
    "uniform",
    "triangular",
    "gauss",
    "normalvariate",
    "expovariate",
];

/// The arguments of a method written in Python in CPython's `random.py`, bound as
/// Python binds them (`self` counted, as its messages count it).
fn bind(
    name: &str,
    params: &[&str],
    required: usize,
    keyword_only: &[&str],
    args: Vec<Value>,
    kwargs: Vec<(Str, Value)>,
) -> Res<Vec<Option<Value>>> {
    let qualified = format!("Random.{name}()");
    if args.len() > params.len() {
        let takes = if required == params.len() {
            format!("{}", params.len() + 1)
        } else {
            format!("from {} to {}", required + 1, params.len() + 1)
        };
        let plural = if params.is_empty() { "" } else { "s" };
        let given = args.len() + 1;
        let were = if given == 1 { "was" } else { "were" };
        return raise(
            ExcType::TypeError,
            format!("{qualified} takes {takes} positional argument{plural} but {given} {were} given"),
        );
    }
    let mut bound: Vec<Option<Value>> = args.into_iter().map(Some).collect();
    bound.resize(params.len() + keyword_only.len(), None);
    for (key, value) in kwargs {
        let at = params.iter().chain(keyword_only).position(|p| **p == *key);
        match at {
            None => {
                return raise(ExcType::TypeError, format!("{qualified} got an unexpected keyword argument '{key}'"))
            }
            Some(i) if bound[i].is_some() => {
                return raise(ExcType::TypeError, format!("{qualified} got multiple values for argument '{key}'"))
            }
            Some(i) => bound[i] = Some(value),
        }
    }
    let missing: Vec<String> =
        params[..required].iter().zip(&bound).filter(|(_, b)| b.is_none()).map(|(p, _)| format!("'{p}'")).collect();
    if !missing.is_empty() {
        let names = match missing.len() {
            1 => missing[0].clone(),
            2 => format!("{} and {}", missing[0], missing[1]),
            _ => format!("{}, and {}", missing[..missing.len() - 1].join(", "), missing[missing.len() - 1]),
        };
        let plural = if missing.len() == 1 { "" } else { "s" };
        return raise(
            ExcType::TypeError,
            format!("{qualified} missing {} required positional argument{plural}: {names}", missing.len()),
        );
    }
    Ok(bound)
}

/// A C method's arguments (`random()`, `getrandbits(k)`, `seed(a)`): positional only.
fn exactly(name: &str, args: &[Value], kwargs: &[(Str, Value)], n: usize) -> Res<()> {
    if !kwargs.is_empty() {
        return raise(ExcType::TypeError, format!("Random.{name}() takes no keyword arguments"));
    }
    if args.len() != n {
        return raise(
            ExcType::TypeError,
            match n {
                0 => format!("Random.{name}() takes no arguments ({} given)", args.len()),
                _ => format!("Random.{name}() takes exactly one argument ({} given)", args.len()),
            },
        );
    }
    Ok(())
}

/// `randrange`'s reading of an argument: an integer, or a float that is one (CPython
/// deprecates those, with a warning the playground does not print).
fn range_arg(v: &Value, which: &str) -> Res<i64> {
    match v {
        Value::Float(x) if x.fract() == 0.0 && x.abs() < 9.2e18 => Ok(*x as i64),
        Value::Float(x) if x.is_finite() => raise(ExcType::ValueError, format!("non-integer {which} for randrange()")),
        Value::Float(x) if x.is_nan() => raise(ExcType::ValueError, "cannot convert float NaN to integer"),
        Value::Float(_) => raise(ExcType::OverflowError, "cannot convert float infinity to integer"),
        Value::Int(_) | Value::Bool(_) => index(v),
        other => raise(
            ExcType::TypeError,
            format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            ),
        ),
    }
}

/// `randrange` for ints beyond 64 bits, as CPython's (`_randbelow` by `getrandbits`).
fn randrange_wide(t: &mut Twister, start: &Value, stop: Option<&Value>, step: Option<&Value>) -> Res<Value> {
    use num_bigint::BigInt;
    let int = |v: &Value, which: &str| -> Res<BigInt> {
        match super::big::of(v) {
            Some(n) => Ok(n),
            None => range_arg(v, which).map(BigInt::from),
        }
    };
    let mut below = |n: &BigInt| -> BigInt {
        let k = n.bits();
        loop {
            let r = if k <= 32 { BigInt::from(t.bits(k as u32)) } else { t.many_bits(k) };
            if &r < n {
                return r;
            }
        }
    };
    let zero = BigInt::from(0);
    let istart = int(start, "arg 1")?;
    let Some(stop) = stop else {
        if step.is_some() {
            return raise(ExcType::TypeError, "Missing a non-None stop argument");
        }
        if istart > zero {
            return Ok(super::big::value(below(&istart)));
        }
        return raise(ExcType::ValueError, "empty range for randrange()");
    };
    let istop = int(stop, "stop")?;
    let width = &istop - &istart;
    let istep = step.map_or(Ok(BigInt::from(1)), |s| int(s, "step"))?;
    if istep == BigInt::from(1) {
        if width > zero {
            return Ok(super::big::value(istart + below(&width)));
        }
        return raise(ExcType::ValueError, format!("empty range for randrange() ({istart}, {istop}, {width})"));
    }
    let one = BigInt::from(1);
    let n = if istep > zero {
        num_integer::Integer::div_floor(&(&width + &istep - &one), &istep)
    } else if istep < zero {
        num_integer::Integer::div_floor(&(&width + &istep + &one), &istep)
    } else {
        return raise(ExcType::ValueError, "zero step for randrange()");
    };
    if n <= zero {
        return raise(ExcType::ValueError, "empty range for randrange()");
    }
    Ok(super::big::value(istart + istep * below(&n)))
}

/// `len(seq)` for the sequences the methods take.
fn length(seq: &Value) -> Res<usize> {
    Ok(match seq {
        Value::List(items) => items.borrow().len(),
        Value::Tuple(items) => items.len(),
        Value::Str(s) => s.chars().count(),
        Value::Range(r) => r.len() as usize,
        Value::Bytes(b) => b.len(),
        Value::Dict(d) => d.borrow().len(),
        Value::Set(d) => d.borrow().len(),
        other => return raise(ExcType::TypeError, format!("object of type '{}' has no len()", other.type_name())),
    })
}

fn is_sequence(v: &Value) -> bool {
    matches!(v, Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) | Value::Bytes(_))
}

impl Interp {
    /// Calls `random.name(...)` (no `instance`: the module's own generator, seeded from
    /// the program's seed when first used) or `instance.name(...)`.
    pub fn random_call(
        self: &Rc<Self>,
        instance: Option<&RefCell<Option<Twister>>>,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Str, Value)>,
    ) -> Res<Value> {
        let cell = match instance {
            Some(cell) => cell,
            None => {
                if self.random.borrow().is_none() {
                    *self.random.borrow_mut() = Some(self.unseeded());
                }
                &self.random
            }
        };
        self.random_with(cell, name, args, kwargs)
    }

    /// A generator for `Random()` or `seed()` with no seed: from the program's seed
    /// (the page's run and its foresight share it), different each time.
    pub fn unseeded(&self) -> Twister {
        let n = self.random_reseeds.get();
        self.random_reseeds.set(n + 1);
        let seed = self.random_seed.get();
        Twister::from_key(&[seed as u32, (seed >> 32) as u32, n as u32, 0x5eed])
    }

    fn random_with(
        self: &Rc<Self>,
        cell: &RefCell<Option<Twister>>,
        name: &str,
        args: Vec<Value>,
        kwargs: Vec<(Str, Value)>,
    ) -> Res<Value> {
        let next = || cell.borrow_mut().as_mut().map_or(0.0, Twister::random);
        let below = |n: u64| cell.borrow_mut().as_mut().map_or(0, |t| t.below(n));
        match name {
            "seed" => {
                let b = bind(name, &["a", "version"], 0, &[], args, kwargs)?;
                let twister = match &b[0] {
                    None | Some(Value::None) => self.unseeded(),
                    Some(v @ (Value::Int(_) | Value::Bool(_))) => Twister::from_int(index(v)?),
                    // (A float's hash, as an unsigned word: CPython's `(size_t)hash`.)
                    Some(Value::Float(x)) => Twister::from_u64(super::big::hash_float(*x) as u64),
                    Some(Value::Str(s)) => Twister::from_bytes(s.as_bytes()),
                    Some(Value::Bytes(b)) => Twister::from_bytes(b),
                    Some(_) => {
                        return raise(
                            ExcType::TypeError,
                            "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
                        )
                    }
                };
                *cell.borrow_mut() = Some(twister);
                Ok(Value::None)
            }
            // `(3, (625 words: the state and its index), gauss_next)`, as CPython's.
            "getstate" => {
                exactly(name, &args, &kwargs, 0)?;
                let mut cell = cell.borrow_mut();
                let t = cell.get_or_insert_with(|| self.unseeded());
                let mut words: Vec<Value> = t.state.iter().map(|w| Value::Int(i64::from(*w))).collect();
                words.push(Value::Int(t.index as i64));
                let gauss = t.gauss_next.map_or(Value::None, Value::Float);
                Ok(Value::tuple(vec![Value::Int(3), Value::tuple(words), gauss]))
            }
            "setstate" => {
                exactly(name, &args, &kwargs, 1)?;
                let bad = || raise(ExcType::TypeError, "state vector must be a tuple");
                let Value::Tuple(state) = &args[0] else { return bad() };
                let [version, words, gauss] = &state[..] else { return bad() };
                if !matches!(version.as_int(), Some(2 | 3)) {
                    let message =
                        format!("state with version {} passed to Random.setstate() of version 3", version.repr());
                    return raise(ExcType::ValueError, message);
                }
                let Value::Tuple(words) = words else { return bad() };
                if words.len() != N + 1 {
                    return raise(ExcType::ValueError, "state vector is the wrong size");
                }
                let mut t = Twister { state: Box::new([0; N]), index: 0, gauss_next: gauss.as_float() };
                for (slot, w) in t.state.iter_mut().zip(words.iter()) {
                    *slot =
                        w.as_int().and_then(|w| u32::try_from(w).ok()).map_or_else(|| bad().map(|_: Value| 0), Ok)?;
                }
                let at = words[N].as_int().unwrap_or(-1);
                if !(0..=N as i64).contains(&at) {
                    return raise(ExcType::ValueError, "invalid state");
                }
                t.index = at as usize;
                *cell.borrow_mut() = Some(t);
                Ok(Value::None)
            }
            "random" => {
                exactly(name, &args, &kwargs, 0)?;
                Ok(Value::Float(next()))
            }
            "getrandbits" => {
                exactly(name, &args, &kwargs, 1)?;
                let k = index(&args[0])?;
                if k < 0 {
                    return raise(ExcType::ValueError, "number of bits must be non-negative");
                }
                if k > 63 {
                    super::builtins::room::<u32>(k as usize / 32)?;
                    let n = cell.borrow_mut().as_mut().map_or_else(Default::default, |t| t.many_bits(k as u64));
                    return Ok(super::big::value(n));
                }
                Ok(Value::Int(cell.borrow_mut().as_mut().map_or(0, |t| t.bits(k as u32)) as i64))
            }
            "randrange" | "randint" => {
                let (start, stop, step) = if name == "randint" {
                    let b = bind(name, &["a", "b"], 2, &[], args, kwargs)?;
                    let a = b[0].clone().unwrap_or(Value::None);
                    let stop = binop(BinOp::Add, b[1].clone().unwrap_or(Value::None), Value::Int(1))?;
                    (a, Some(stop), None)
                } else {
                    let b = bind(name, &["start", "stop", "step"], 1, &[], args, kwargs)?;
                    let mut b = b.into_iter();
                    let start = b.next().flatten().unwrap_or(Value::None);
                    (start, b.next().flatten().filter(|v| !matches!(v, Value::None)), b.next().flatten())
                };
                let wide = |v: &Value| matches!(v, Value::Big(_));
                let too_wide = wide(&start) || stop.as_ref().is_some_and(wide) || step.as_ref().is_some_and(wide);
                if too_wide
                    || matches!((&start, &stop), (Value::Int(a), Some(Value::Int(b))) if b.checked_sub(*a).is_none())
                {
                    let mut generator = cell.borrow_mut();
                    let Some(t) = generator.as_mut() else { return Ok(Value::Int(0)) };
                    return randrange_wide(t, &start, stop.as_ref(), step.as_ref());
                }
                let istart = range_arg(&start, "arg 1")?;
                let Some(stop) = stop else {
                    if step.is_some() {
                        return raise(ExcType::TypeError, "Missing a non-None stop argument");
                    }
                    if istart > 0 {
                        return Ok(Value::Int(below(istart as u64) as i64));
                    }
                    return raise(ExcType::ValueError, "empty range for randrange()");
                };
                let istop = range_arg(&stop, "stop")?;
                let width = istop - istart;
                let istep = step.as_ref().map_or(Ok(1), |s| range_arg(s, "step"))?;
                if istep == 1 {
                    if width > 0 {
                        return Ok(Value::Int(istart + below(width as u64) as i64));
                    }
                    let message = format!("empty range for randrange() ({istart}, {istop}, {width})");
                    let passed: &[_] =
                        if name == "randint" { &[&RANDINT, &RANDRANGE_EMPTY] } else { &[&RANDRANGE_EMPTY] };
                    return raise(ExcType::ValueError, message).map_err(|e| e.through(passed));
                }
                let n = match istep {
                    0 => return raise(ExcType::ValueError, "zero step for randrange()"),
                    s if s > 0 => (width + s - 1).div_euclid(s),
                    s => (width + s + 1).div_euclid(s),
                };
                if n <= 0 {
                    return raise(ExcType::ValueError, "empty range for randrange()");
                }
                Ok(Value::Int(istart + istep * below(n as u64) as i64))
            }
            "choice" => {
                let b = bind(name, &["seq"], 1, &[], args, kwargs)?;
                let seq = b[0].clone().unwrap_or(Value::None);
                let n = length(&seq)?;
                if n == 0 {
                    let message = "Cannot choose from an empty sequence";
                    return raise(ExcType::IndexError, message).map_err(|e| e.through(&[&CHOICE_EMPTY]));
                }
                getitem(&seq, &Value::Int(below(n as u64) as i64))
            }
            "shuffle" => {
                let b = bind(name, &["x"], 1, &[], args, kwargs)?;
                let x = b[0].clone().unwrap_or(Value::None);
                let n = length(&x)?;
                let Value::List(items) = &x else {
                    if n > 1 {
                        return raise(
                            ExcType::TypeError,
                            format!("'{}' object does not support item assignment", x.type_name()),
                        );
                    }
                    return Ok(Value::None);
                };
                for i in (1..n).rev() {
                    self.tick()?;
                    let j = below(i as u64 + 1) as usize;
                    let mut items = items.borrow_mut();
                    if i < items.len() && j < items.len() {
                        items.swap(i, j);
                    }
                }
                Ok(Value::None)
            }
            "sample" => {
                let b = bind(name, &["population", "k"], 2, &["counts"], args, kwargs)?;
                let population = b[0].clone().unwrap_or(Value::None);
                if !is_sequence(&population) {
                    return raise(
                        ExcType::TypeError,
                        "Population must be a sequence.  For dicts or sets, use sorted(d).",
                    );
                }
                let n = length(&population)?;
                let k = index(b[1].as_ref().unwrap_or(&Value::None))?;
                if let Some(counts) = b[2].clone().filter(|c| !matches!(c, Value::None)) {
                    let mut cum = Vec::new();
                    let mut total = 0i64;
                    for c in self.collect(&counts)? {
                        let Some(c) = c.as_int() else {
                            return raise(ExcType::TypeError, "Counts must be integers");
                        };
                        total += c;
                        cum.push(total);
                    }
                    if cum.len() != n {
                        return raise(ExcType::ValueError, "The number of counts does not match the population");
                    }
                    cum.pop();
                    if total <= 0 {
                        return raise(ExcType::ValueError, "Total of counts must be greater than zero");
                    }
                    let picks = self.random_with(
                        cell,
                        "sample",
                        vec![Value::Range(Rc::new(super::value::RangeValue { start: 0, stop: total, step: 1 }))],
                        vec![("k".into(), Value::Int(k))],
                    )?;
                    let Value::List(picks) = picks else { unreachable!("sample makes a list") };
                    let picks = picks.borrow().clone();
                    let mut out = Vec::with_capacity(picks.len());
                    for s in picks {
                        let s = s.as_int().unwrap_or(0);
                        let at = cum.partition_point(|c| *c <= s);
                        out.push(getitem(&population, &Value::Int(at as i64))?);
                    }
                    return Ok(Value::list(out));
                }
                if k < 0 || k as usize > n {
                    let message = "Sample larger than population or is negative";
                    return raise(ExcType::ValueError, message).map_err(|e| e.through(&[&SAMPLE_LARGER]));
                }
                let k = k as usize;
                super::builtins::room::<Value>(k)?;
                let mut setsize = 21usize;
                if k > 5 {
                    // 4 ** ceil(log(k * 3, 4)), as CPython's floats work it out.
                    let exponent = ((k as f64 * 3.0).ln() / 4f64.ln()).ceil() as u32;
                    setsize += 4usize.saturating_pow(exponent);
                }
                let mut result = Vec::with_capacity(k);
                if n <= setsize {
                    let mut pool = self.collect(&population)?;
                    for i in 0..k {
                        // (A tick per pick: a long sample counts against the step's budget.)
                        self.tick()?;
                        let j = below((n - i) as u64) as usize;
                        result.push(pool[j].clone());
                        pool[j] = pool[n - i - 1].clone();
                    }
                } else {
                    let mut selected = std::collections::HashSet::new();
                    for _ in 0..k {
                        self.tick()?;
                        let mut j = below(n as u64);
                        while selected.contains(&j) {
                            j = below(n as u64);
                        }
                        selected.insert(j);
                        result.push(getitem(&population, &Value::Int(j as i64))?);
                    }
                }
                Ok(Value::list(result))
            }
            "choices" => {
                let b = bind(name, &["population", "weights"], 1, &["cum_weights", "k"], args, kwargs)?;
                let population = b[0].clone().unwrap_or(Value::None);
                let n = length(&population)?;
                let weights = b[1].clone().filter(|v| !matches!(v, Value::None));
                let cum_weights = b[2].clone().filter(|v| !matches!(v, Value::None));
                let k = index(b[3].as_ref().unwrap_or(&Value::Int(1)))?;
                let count = k.max(0) as usize;
                super::builtins::room::<Value>(count)?;
                let cum: Vec<Value> = match (weights, cum_weights) {
                    (None, None) => {
                        let n = n as f64;
                        let mut out = Vec::with_capacity(count);
                        for _ in 0..count {
                            self.tick()?;
                            out.push(getitem(&population, &Value::Int((next() * n).floor() as i64))?);
                        }
                        return Ok(Value::list(out));
                    }
                    (Some(_), Some(_)) => {
                        return raise(ExcType::TypeError, "Cannot specify both weights and cumulative weights")
                    }
                    (Some(w), None) => {
                        if let Value::Int(k) = w {
                            return raise(
                                ExcType::TypeError,
                                format!("The number of choices must be a keyword argument: k={k}"),
                            );
                        }
                        let mut total: Option<Value> = None;
                        let mut cum = Vec::new();
                        for w in self.collect(&w)? {
                            let t = match total {
                                None => w,
                                Some(t) => binop(BinOp::Add, t, w)?,
                            };
                            cum.push(t.clone());
                            total = Some(t);
                        }
                        cum
                    }
                    (None, Some(c)) => self.collect(&c)?,
                };
                if cum.len() != n {
                    return raise(ExcType::ValueError, "The number of weights does not match the population");
                }
                let cum: Vec<f64> = cum.iter().map(float).collect::<Res<_>>()?;
                let total = cum.last().copied().unwrap_or(0.0);
                if total <= 0.0 {
                    return raise(ExcType::ValueError, "Total of weights must be greater than zero");
                }
                if !total.is_finite() {
                    return raise(ExcType::ValueError, "Total of weights must be finite");
                }
                let hi = n - 1;
                let mut out = Vec::with_capacity(count);
                for _ in 0..count {
                    self.tick()?;
                    let x = next() * total;
                    // bisect_right(cum, x, 0, hi)
                    let at = cum[..hi].partition_point(|c| *c <= x);
                    out.push(getitem(&population, &Value::Int(at as i64))?);
                }
                Ok(Value::list(out))
            }
            "uniform" => {
                let b = bind(name, &["a", "b"], 2, &[], args, kwargs)?;
                let (a, bb) = (b[0].clone().unwrap_or(Value::None), b[1].clone().unwrap_or(Value::None));
                let width = binop(BinOp::Sub, bb, a.clone())?;
                let scaled = binop(BinOp::Mult, width, Value::Float(next()))?;
                binop(BinOp::Add, a, scaled)
            }
            "triangular" => {
                let b = bind(name, &["low", "high", "mode"], 0, &[], args, kwargs)?;
                let mut low = b[0].as_ref().map_or(Ok(0.0), float)?;
                let mut high = b[1].as_ref().map_or(Ok(1.0), float)?;
                let mut u = next();
                let mode = b[2].clone().filter(|v| !matches!(v, Value::None));
                if high == low && mode.is_some() {
                    return Ok(Value::Float(low));
                }
                let mut c = match &mode {
                    None => 0.5,
                    Some(m) => (float(m)? - low) / (high - low),
                };
                if u > c {
                    u = 1.0 - u;
                    c = 1.0 - c;
                    std::mem::swap(&mut low, &mut high);
                }
                Ok(Value::Float(low + (high - low) * (u * c).sqrt()))
            }
            "gauss" | "normalvariate" => {
                let b = bind(name, &["mu", "sigma"], 0, &[], args, kwargs)?;
                let mu = b[0].as_ref().map_or(Ok(0.0), float)?;
                let sigma = b[1].as_ref().map_or(Ok(1.0), float)?;
                let z = if name == "gauss" {
                    let saved = cell.borrow_mut().as_mut().and_then(|t| t.gauss_next.take());
                    match saved {
                        Some(z) => z,
                        None => {
                            let x2pi = next() * std::f64::consts::TAU;
                            let g2rad = (-2.0 * (1.0 - next()).ln()).sqrt();
                            if let Some(t) = cell.borrow_mut().as_mut() {
                                t.gauss_next = Some(x2pi.sin() * g2rad);
                            }
                            x2pi.cos() * g2rad
                        }
                    }
                } else {
                    let magic = 4.0 * (-0.5f64).exp() / 2f64.sqrt();
                    loop {
                        let u1 = next();
                        let u2 = 1.0 - next();
                        let z = magic * (u1 - 0.5) / u2;
                        if z * z / 4.0 <= -u2.ln() {
                            break z;
                        }
                    }
                };
                Ok(Value::Float(mu + z * sigma))
            }
            "expovariate" => {
                let b = bind(name, &["lambd"], 1, &[], args, kwargs)?;
                let lambd = float(b[0].as_ref().unwrap_or(&Value::None))?;
                if lambd == 0.0 {
                    return raise(ExcType::ZeroDivisionError, "float division by zero");
                }
                Ok(Value::Float(-(1.0 - next()).ln() / lambd))
            }
            _ => unreachable!("bound only for METHODS"),
        }
    }
}

/// SHA-512 (FIPS 180-4) of `data`: what CPython hashes a string seed with.
fn sha512(data: &[u8]) -> [u8; 64] {
    const K: [u64; 80] = [
        0x428a2f98d728ae22,
        0x7137449123ef65cd,
        0xb5c0fbcfec4d3b2f,
        0xe9b5dba58189dbbc,
        0x3956c25bf348b538,
        0x59f111f1b605d019,
        0x923f82a4af194f9b,
        0xab1c5ed5da6d8118,
        0xd807aa98a3030242,
        0x12835b0145706fbe,
        0x243185be4ee4b28c,
        0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f,
        0x80deb1fe3b1696b1,
        0x9bdc06a725c71235,
        0xc19bf174cf692694,
        0xe49b69c19ef14ad2,
        0xefbe4786384f25e3,
        0x0fc19dc68b8cd5b5,
        0x240ca1cc77ac9c65,
        0x2de92c6f592b0275,
        0x4a7484aa6ea6e483,
        0x5cb0a9dcbd41fbd4,
        0x76f988da831153b5,
        0x983e5152ee66dfab,
        0xa831c66d2db43210,
        0xb00327c898fb213f,
        0xbf597fc7beef0ee4,
        0xc6e00bf33da88fc2,
        0xd5a79147930aa725,
        0x06ca6351e003826f,
        0x142929670a0e6e70,
        0x27b70a8546d22ffc,
        0x2e1b21385c26c926,
        0x4d2c6dfc5ac42aed,
        0x53380d139d95b3df,
        0x650a73548baf63de,
        0x766a0abb3c77b2a8,
        0x81c2c92e47edaee6,
        0x92722c851482353b,
        0xa2bfe8a14cf10364,
        0xa81a664bbc423001,
        0xc24b8b70d0f89791,
        0xc76c51a30654be30,
        0xd192e819d6ef5218,
        0xd69906245565a910,
        0xf40e35855771202a,
        0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8,
        0x1e376c085141ab53,
        0x2748774cdf8eeb99,
        0x34b0bcb5e19b48a8,
        0x391c0cb3c5c95a63,
        0x4ed8aa4ae3418acb,
        0x5b9cca4f7763e373,
        0x682e6ff3d6b2b8a3,
        0x748f82ee5defb2fc,
        0x78a5636f43172f60,
        0x84c87814a1f0ab72,
        0x8cc702081a6439ec,
        0x90befffa23631e28,
        0xa4506cebde82bde9,
        0xbef9a3f7b2c67915,
        0xc67178f2e372532b,
        0xca273eceea26619c,
        0xd186b8c721c0c207,
        0xeada7dd6cde0eb1e,
        0xf57d4f7fee6ed178,
        0x06f067aa72176fba,
        0x0a637dc5a2c898a6,
        0x113f9804bef90dae,
        0x1b710b35131c471b,
        0x28db77f523047d84,
        0x32caab7b40c72493,
        0x3c9ebe0a15c9bebc,
        0x431d67c49c100d4c,
        0x4cc5d4becb3e42b6,
        0x597f299cfc657e2a,
        0x5fcb6fab3ad6faec,
        0x6c44198c4a475817,
    ];
    let mut h: [u64; 8] = [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179,
    ];
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 128 != 112 {
        message.push(0);
    }
    message.extend_from_slice(&((data.len() as u128) * 8).to_be_bytes());
    for block in message.chunks(128) {
        let mut w = [0u64; 80];
        for (i, word) in block.chunks(8).enumerate() {
            w[i] = u64::from_be_bytes(word.try_into().expect("8 bytes"));
        }
        for i in 16..80 {
            let s0 = w[i - 15].rotate_right(1) ^ w[i - 15].rotate_right(8) ^ (w[i - 15] >> 7);
            let s1 = w[i - 2].rotate_right(19) ^ w[i - 2].rotate_right(61) ^ (w[i - 2] >> 6);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..80 {
            let s1 = e.rotate_right(14) ^ e.rotate_right(18) ^ e.rotate_right(41);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh.wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = a.rotate_right(28) ^ a.rotate_right(34) ^ a.rotate_right(39);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            (hh, g, f, e, d, c, b, a) = (g, f, e, d.wrapping_add(t1), c, b, a, t1.wrapping_add(t2));
        }
        for (state, v) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *state = state.wrapping_add(v);
        }
    }
    let mut out = [0u8; 64];
    for (chunk, v) in out.chunks_mut(8).zip(h) {
        chunk.copy_from_slice(&v.to_be_bytes());
    }
    out
}
