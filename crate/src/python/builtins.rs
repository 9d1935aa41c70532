//! What the builtin types and functions do: operators, indexing, attributes, the
//! builtin functions a tutorial uses, and the methods of `str`, `list`, `dict` and `set`.
//! Messages are CPython's.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

use super::ast::{BinOp, CmpOp, UnaryOp};
use super::exceptions::{ExcType, Exception};
use super::format;
use super::interp::{raise, Interp, Res, Unwind};
use super::value::{range_len, Dict, Iter, Key, Module, Str, Type, Value};

macro_rules! builtins {
    ($($variant:ident = $name:literal,)*) => {
        /// A builtin function, or a builtin type's method.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Builtin { $($variant),* }

        impl Builtin {
            pub fn name(self) -> &'static str {
                match self { $(Builtin::$variant => $name),* }
            }
        }
    };
}

builtins! {
    Print = "print", Len = "len", Enumerate = "enumerate", Zip = "zip", Sorted = "sorted",
    Reversed = "reversed", Min = "min", Max = "max", Sum = "sum", Abs = "abs", Round = "round",
    Repr = "repr", Ascii = "ascii", IsInstance = "isinstance", Iter = "iter", Next = "next", Divmod = "divmod",
    Any = "any", All = "all", Hash = "hash", Format = "format", Map = "map", Filter = "filter",
    Callable = "callable", Id = "id", Chr = "chr", Ord = "ord", Hex = "hex", Bin = "bin", Oct = "oct", Anext = "anext", Aiter = "aiter", Pow = "pow",
    Property = "property", StaticMethod = "staticmethod", ClassMethod = "classmethod", Super = "super",
    NotImplemented = "NotImplemented", IsSubclass = "issubclass", HasAttr = "hasattr", GetAttr = "getattr",
    SetAttr = "setattr", DelAttr = "delattr", Vars = "vars", FromKeys = "fromkeys", Locals = "locals",
    Globals = "globals", Dir = "dir", Eval = "eval", Exec = "exec", Compile = "compile", Import = "__import__",
    // str
    Join = "join", Upper = "upper", Lower = "lower", Split = "split", Strip = "strip",
    LStrip = "lstrip", RStrip = "rstrip", StartsWith = "startswith", EndsWith = "endswith",
    StrFormat = "format", Replace = "replace", Find = "find", StrCount = "count", Title = "title",
    Capitalize = "capitalize", IsDigit = "isdigit", Center = "center", LJust = "ljust",
    RJust = "rjust", ZFill = "zfill", SplitLines = "splitlines", StrIndex = "index", RFind = "rfind",
    IsAlpha = "isalpha", IsSpace = "isspace", IsAlnum = "isalnum", IsUpper = "isupper",
    IsLower = "islower", IsIdentifier = "isidentifier", Partition = "partition", RPartition = "rpartition",
    RSplit = "rsplit", RIndex = "rindex", RemovePrefix = "removeprefix", RemoveSuffix = "removesuffix",
    CaseFold = "casefold", SwapCase = "swapcase", IsNumeric = "isnumeric", IsDecimal = "isdecimal",
    FormatMap = "format_map", IsAscii = "isascii", ExpandTabs = "expandtabs", Translate = "translate",
    MakeTrans = "maketrans", Encode = "encode", IsPrintable = "isprintable",
    // bytes
    BytesHex = "hex", Decode = "decode", FromHex = "fromhex", ToBytes = "to_bytes", FromBytes = "from_bytes",
    // list
    Append = "append", Pop = "pop", Extend = "extend", Insert = "insert", Remove = "remove",
    Index = "index", Count = "count", Sort = "sort", Reverse = "reverse", Copy = "copy",
    Clear = "clear",
    // dict
    Items = "items", Keys = "keys", Values = "values", Get = "get", SetDefault = "setdefault",
    Update = "update", PopItem = "popitem",
    // set
    Add = "add", Discard = "discard", Union = "union", Intersection = "intersection",
    Difference = "difference", SymmetricDifference = "symmetric_difference", IsSubset = "issubset",
    IsSuperset = "issuperset", IsDisjoint = "isdisjoint", DifferenceUpdate = "difference_update",
    IntersectionUpdate = "intersection_update", SymmetricDifferenceUpdate = "symmetric_difference_update",
    IsTitle = "istitle",
    // int and float
    BitLength = "bit_length", IsInteger = "is_integer", BitCount = "bit_count",
    AsIntegerRatio = "as_integer_ratio", Conjugate = "conjugate", FloatHex = "hex",
    FloatFromHex = "fromhex",
    // modules not yet on the loop
    Unavailable = "function",
}

impl Builtin {
    /// Whether it is a type's method (called with its object first), not a function.
    pub fn is_method(self) -> bool {
        // (`dict.fromkeys` is a class method: a function, though not a global name.)
        !FUNCTIONS.contains(&self)
            && !matches!(
                self,
                Builtin::FromKeys | Builtin::MakeTrans | Builtin::FromHex | Builtin::FromBytes | Builtin::FloatFromHex
            )
    }
}

/// A builtin name's value: a function, a type or an exception class.
pub fn lookup(name: &str) -> Option<Value> {
    let Some(&builtin) = FUNCTIONS.iter().find(|b| b.name() == name) else {
        let t = match name {
            // The builtins module's own name, seen once the module's `__name__` is deleted.
            "__name__" => return Some(Value::str("builtins")),
            "Ellipsis" => return Some(super::objects::ellipsis()),
            // The site module's `exit()` and `quit()`: `sys.exit`'s.
            "exit" | "quit" => return Some(Value::Bound(Rc::new((Value::Module(super::value::Module::Sys), "exit")))),
            "int" => Type::Int,
            "float" => Type::Float,
            "str" => Type::Str,
            "bytes" => Type::Bytes,
            "bool" => Type::Bool,
            "list" => Type::List,
            "tuple" => Type::Tuple,
            "dict" => Type::Dict,
            "set" => Type::Set,
            "frozenset" => Type::FrozenSet,
            "slice" => Type::Object(&"slice"),
            "range" => Type::Range,
            "type" => Type::Type,
            "object" => Type::Object(&"object"),
            // (OSError's old names.)
            "EnvironmentError" | "IOError" => Type::Exception(ExcType::OSError),
            _ => Type::Exception(ExcType::builtin(name)?),
        };
        return Some(Value::Type(t));
    };
    Some(Value::Builtin(builtin))
}

/// `find`'s, `index`'s and `count`'s optional `start` and `end`, as slices take them:
/// the byte range of the text they bound, and how many characters come before it
/// (None: `start` lies beyond the end, where nothing is found).
fn text_range(s: &str, bounds: &[Value]) -> Res<Option<(usize, usize, i64)>> {
    let len = s.chars().count() as i64;
    let mut at = [0, len];
    for (i, v) in bounds.iter().enumerate() {
        if let Value::None = v {
            continue;
        }
        let Some(n) = v.as_int() else {
            return err(ExcType::TypeError, "slice indices must be integers or None or have an __index__ method");
        };
        if i == 0 && n > len {
            return Ok(None);
        }
        at[i] = if n < 0 { (n + len).max(0) } else { n.min(len) };
    }
    if at[0] > at[1] {
        return Ok(None);
    }
    let byte = |c: i64| s.char_indices().nth(c as usize).map_or(s.len(), |(b, _)| b);
    Ok(Some((byte(at[0]), byte(at[1]), at[0])))
}

/// `isinstance`'s and `issubclass`'s second argument: a class, or a tuple of classes
/// any of which may match.
fn any_class(classes: &Value, check: impl Fn(&Value) -> Res<bool>) -> Res<Value> {
    match classes {
        Value::Tuple(classes) => {
            for c in classes.iter() {
                if check(c)? {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        // `int | None`: any of its members.
        Value::Object(o) if matches!(&**o, super::objects::Obj::Alias(a) if a.typing == Some("|")) => {
            let super::objects::Obj::Alias(union) = &**o else { unreachable!("matched") };
            for c in &union.args {
                if check(c)? {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        class => Ok(Value::Bool(check(class)?)),
    }
}

/// Whether `callable(v)`.
pub fn is_callable(v: &Value) -> bool {
    use super::objects::Obj;
    match v {
        Value::Function(_)
        | Value::Builtin(_)
        | Value::Method(_)
        | Value::Type(_)
        | Value::Class(_)
        | Value::BoundMethod(_)
        | Value::Asyncio(_)
        | Value::Bound(_) => true,
        Value::Instance(i) => i.class.lookup("__call__").is_some(),
        Value::Object(o) => {
            matches!(
                &**o,
                Obj::Partial(..) | Obj::Cached(_) | Obj::CacheMaker(..) | Obj::Wraps(_) | Obj::CmpToKey(_, None)
            ) || matches!(&**o, Obj::Alias(a) if a.typing != Some("|"))
        }
        _ => false,
    }
}

/// The builtin functions, and each type's methods: found by the name `builtins!` gives
/// them (`str.count` and `list.count` are different builtins of the same name).
const FUNCTIONS: &[Builtin] = &[
    Builtin::Print,
    Builtin::Hex,
    Builtin::Bin,
    Builtin::Oct,
    Builtin::Len,
    Builtin::Enumerate,
    Builtin::Zip,
    Builtin::Sorted,
    Builtin::Reversed,
    Builtin::Min,
    Builtin::Max,
    Builtin::Sum,
    Builtin::Abs,
    Builtin::Round,
    Builtin::Repr,
    Builtin::Ascii,
    Builtin::IsInstance,
    Builtin::Iter,
    Builtin::Next,
    Builtin::Divmod,
    Builtin::Any,
    Builtin::All,
    Builtin::Hash,
    Builtin::Format,
    Builtin::Map,
    Builtin::Filter,
    Builtin::Callable,
    Builtin::Id,
    Builtin::Chr,
    Builtin::Ord,
    Builtin::Anext,
    Builtin::Aiter,
    Builtin::Pow,
    Builtin::Property,
    Builtin::StaticMethod,
    Builtin::ClassMethod,
    Builtin::Super,
    Builtin::NotImplemented,
    Builtin::IsSubclass,
    Builtin::HasAttr,
    Builtin::GetAttr,
    Builtin::SetAttr,
    Builtin::DelAttr,
    Builtin::Vars,
    Builtin::Locals,
    Builtin::Globals,
    Builtin::Dir,
    Builtin::Eval,
    Builtin::Exec,
    Builtin::Compile,
    Builtin::Import,
];
/// `bytes`' methods: `str`'s that bytes have too, and their own.
const BYTES_METHODS: &[Builtin] = &[
    Builtin::BytesHex,
    Builtin::Decode,
    Builtin::Join,
    Builtin::Upper,
    Builtin::Lower,
    Builtin::Split,
    Builtin::RSplit,
    Builtin::Strip,
    Builtin::LStrip,
    Builtin::RStrip,
    Builtin::StartsWith,
    Builtin::EndsWith,
    Builtin::Replace,
    Builtin::Find,
    Builtin::RFind,
    Builtin::StrIndex,
    Builtin::RIndex,
    Builtin::StrCount,
    Builtin::Title,
    Builtin::Capitalize,
    Builtin::SwapCase,
    Builtin::Center,
    Builtin::LJust,
    Builtin::RJust,
    Builtin::ZFill,
    Builtin::SplitLines,
    Builtin::Partition,
    Builtin::RPartition,
    Builtin::RemovePrefix,
    Builtin::RemoveSuffix,
    Builtin::IsDigit,
    Builtin::IsAlpha,
    Builtin::IsAlnum,
    Builtin::IsSpace,
    Builtin::IsUpper,
    Builtin::IsLower,
    Builtin::IsAscii,
    Builtin::IsTitle,
    Builtin::ExpandTabs,
];
/// A frozenset's methods: a set's that do not change it.
const FROZENSET_METHODS: &[Builtin] = &[
    Builtin::Copy,
    Builtin::Difference,
    Builtin::Intersection,
    Builtin::IsDisjoint,
    Builtin::IsSubset,
    Builtin::IsSuperset,
    Builtin::SymmetricDifference,
    Builtin::Union,
];
const STR_METHODS: &[Builtin] = &[
    Builtin::Encode,
    Builtin::Join,
    Builtin::Upper,
    Builtin::Lower,
    Builtin::Split,
    Builtin::Strip,
    Builtin::LStrip,
    Builtin::RStrip,
    Builtin::StartsWith,
    Builtin::EndsWith,
    Builtin::StrFormat,
    Builtin::Replace,
    Builtin::Find,
    Builtin::StrCount,
    Builtin::Title,
    Builtin::Capitalize,
    Builtin::IsDigit,
    Builtin::Center,
    Builtin::LJust,
    Builtin::RJust,
    Builtin::ZFill,
    Builtin::SplitLines,
    Builtin::StrIndex,
    Builtin::RFind,
    Builtin::IsAlpha,
    Builtin::IsSpace,
    Builtin::IsPrintable,
    Builtin::IsAlnum,
    Builtin::IsUpper,
    Builtin::IsLower,
    Builtin::IsTitle,
    Builtin::IsIdentifier,
    Builtin::Partition,
    Builtin::RPartition,
    Builtin::RSplit,
    Builtin::RIndex,
    Builtin::RemovePrefix,
    Builtin::RemoveSuffix,
    Builtin::CaseFold,
    Builtin::SwapCase,
    Builtin::IsNumeric,
    Builtin::IsDecimal,
    Builtin::FormatMap,
    Builtin::IsAscii,
    Builtin::ExpandTabs,
    Builtin::Translate,
];
const LIST_METHODS: &[Builtin] = &[
    Builtin::Append,
    Builtin::Pop,
    Builtin::Extend,
    Builtin::Insert,
    Builtin::Remove,
    Builtin::Index,
    Builtin::Count,
    Builtin::Sort,
    Builtin::Reverse,
    Builtin::Copy,
    Builtin::Clear,
];
const TUPLE_METHODS: &[Builtin] = &[Builtin::Index, Builtin::Count];
const DICT_METHODS: &[Builtin] = &[
    Builtin::Items,
    Builtin::Keys,
    Builtin::Values,
    Builtin::Get,
    Builtin::Pop,
    Builtin::SetDefault,
    Builtin::Update,
    Builtin::PopItem,
    Builtin::Copy,
    Builtin::Clear,
];
const SET_METHODS: &[Builtin] = &[
    Builtin::Add,
    Builtin::Remove,
    Builtin::Discard,
    Builtin::Pop,
    Builtin::Union,
    Builtin::Intersection,
    Builtin::Difference,
    Builtin::SymmetricDifference,
    Builtin::IsSubset,
    Builtin::IsSuperset,
    Builtin::IsDisjoint,
    Builtin::DifferenceUpdate,
    Builtin::IntersectionUpdate,
    Builtin::SymmetricDifferenceUpdate,
    Builtin::Update,
    Builtin::Copy,
    Builtin::Clear,
];

fn err<T>(kind: ExcType, message: impl Into<String>) -> Res<T> {
    raise(kind, message)
}

// ---- iteration ----

/// Whether `v` is a dict's keys or items: a view that is a set.
pub fn set_like_view(v: &Value) -> bool {
    use super::objects::{Obj, ViewKind};
    matches!(v, Value::Object(o) if matches!(&**o, Obj::DictView(ViewKind::Keys | ViewKind::Items, _)))
}

/// A set, or a dict's view as the set of its items: what a view compares and combines
/// with.
pub fn view_or_set(v: &Value) -> Option<Res<Value>> {
    match v {
        Value::Object(o) => o.view_items().map(new_set),
        Value::Set(_) => Some(Ok(v.clone())),
        _ => None,
    }
}

/// The items of a built-in iterable (not one of the program's own objects).
fn interp_free_collect(v: &Value) -> Res<Vec<Value>> {
    let it = iterate(v)?;
    let mut out = Vec::new();
    while let Some(next) = it.borrow_mut().next_simple() {
        match next {
            Some(item) => out.push(item),
            None => break,
        }
    }
    Ok(out)
}

/// `iter(value)`.
pub fn iterate(value: &Value) -> Res<Rc<RefCell<Iter>>> {
    let iter = match value {
        Value::List(items) => Iter::List(items.clone(), 0),
        Value::Tuple(items) => Iter::Values(items.to_vec(), 0, &"tuple_iterator"),
        Value::Str(s) => Iter::Chars(s.clone(), 0),
        Value::Bytes(b) => Iter::Values(b.iter().map(|&c| Value::Int(i64::from(c))).collect(), 0, &"bytes_iterator"),
        Value::Dict(d) => {
            let size = d.borrow().len();
            Iter::DictKeys(d.clone(), 0, size)
        }
        Value::Set(d) => Iter::Values(d.borrow().set_keys(), 0, &"set_iterator"),
        Value::Range(r) => Iter::Range { next: r.start, stop: r.stop, step: r.step },
        Value::Iterator(it) => return Ok(it.clone()),
        Value::Object(o) if o.view_items().is_some() => {
            let name = match &**o {
                super::objects::Obj::DictView(super::objects::ViewKind::Values, _) => &"dict_valueiterator",
                super::objects::Obj::DictView(super::objects::ViewKind::Items, _) => &"dict_itemiterator",
                _ => &"dict_keyiterator",
            };
            Iter::Values(o.view_items().expect("a view"), 0, name)
        }
        other => return err(ExcType::TypeError, format!("'{}' object is not iterable", other.type_name())),
    };
    Ok(Rc::new(RefCell::new(iter)))
}

fn key_of(value: &Value) -> Res<Key> {
    value.key().map_or_else(
        || {
            // (What its `__hash__` raised, if it raised.)
            if let Value::Instance(i) = value {
                if let Some(e) = i.class.interp.upgrade().and_then(|interp| interp.take_kept()) {
                    return Err(e);
                }
            }
            err(ExcType::TypeError, format!("unhashable type: '{}'", value.type_name()))
        },
        Ok,
    )
}

pub fn set_add(set: &mut Dict, value: Value) -> Res<()> {
    let key = key_of(&value)?;
    if set.get(&key).is_none() {
        set.insert(key, value, Value::None);
    }
    Ok(())
}

pub fn dict_set(dict: &mut Dict, key: Value, value: Value) -> Res<()> {
    let k = key_of(&key)?;
    dict.insert(k, key, value);
    Ok(())
}

pub fn new_set(items: Vec<Value>) -> Res<Value> {
    let mut set = Dict::default();
    for item in items {
        set_add(&mut set, item)?;
    }
    Ok(Value::Set(Rc::new(RefCell::new(set))))
}

// ---- indexing ----

fn index_of(index: &Value, len: usize, what: &str) -> Res<usize> {
    // An object whose class has `__index__` (an `IntEnum`'s member).
    let found = match index {
        Value::Instance(i) => match i.special("__index__", Vec::new()) {
            Some(v) => Some(v?),
            None => None,
        },
        _ => None,
    };
    if let Value::Big(_) = found.as_ref().unwrap_or(index) {
        return err(ExcType::IndexError, "cannot fit 'int' into an index-sized integer");
    }
    let Some(i) = found.as_ref().unwrap_or(index).as_int() else {
        return err(
            ExcType::TypeError,
            format!("{what} indices must be integers or slices, not {}", index.type_name()),
        );
    };
    let i = if i < 0 { i + len as i64 } else { i };
    if i < 0 || i >= len as i64 {
        let name = if what == "str" { "string" } else { what };
        return err(ExcType::IndexError, format!("{name} index out of range"));
    }
    Ok(i as usize)
}

/// The indices a slice picks from a sequence of `len` items, as `slice.indices` gives them.
/// typing's old names for the containers (`typing.List`, `typing.Mapping`), asked in
/// `isinstance` and `issubclass`: the class each stands for, as CPython's
/// `_SpecialGenericAlias` checks against its origin.
fn typing_as_class(interp: &Rc<Interp>, class: &mut Value) -> Res<()> {
    let Value::Type(Type::Object(name)) = class else { return Ok(()) };
    let Some(bare) = name.strip_prefix("typing.") else { return Ok(()) };
    *class = match bare {
        "List" => Value::Type(Type::List),
        "Dict" => Value::Type(Type::Dict),
        "Set" => Value::Type(Type::Set),
        "FrozenSet" => Value::Type(Type::FrozenSet),
        "Tuple" => Value::Type(Type::Tuple),
        "Type" => Value::Type(Type::Type),
        "Any" => return err(ExcType::TypeError, "typing.Any cannot be used with isinstance()"),
        abc => {
            let abc = if abc == "AbstractSet" { "Set" } else { abc };
            match interp.module_attr(super::value::Module::CollectionsAbc, abc) {
                Ok(found @ Value::Class(_)) => found,
                _ => return Ok(()),
            }
        }
    };
    Ok(())
}

/// `index(x, start, stop)`'s bounds, for a sequence of `len` items: negative ones count
/// from the end, and both are clamped to it, as CPython's `_PyEval_SliceIndex` does.
fn index_range(bounds: &[Value], len: usize) -> Res<(usize, usize)> {
    let bound = |i: usize, default: usize| -> Res<usize> {
        let Some(v) = bounds.get(i) else { return Ok(default) };
        let n = match v {
            Value::Int(n) => *n,
            Value::Bool(b) => i64::from(*b),
            Value::Big(b) => {
                if b.sign() == num_bigint::Sign::Minus {
                    i64::MIN
                } else {
                    i64::MAX
                }
            }
            _ => return err(ExcType::TypeError, "slice indices must be integers or have an __index__ method"),
        };
        let n = if n < 0 { n.saturating_add(len as i64).max(0) } else { n };
        Ok((n as usize).min(len))
    };
    let (start, stop) = (bound(0, 0)?, bound(1, len)?);
    Ok((start, stop.max(start)))
}

fn slice_indices(slice: &Value, len: usize) -> Res<Vec<usize>> {
    let (start, stop, step) = slice_bounds(slice, len)?;
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    Ok(out)
}

/// `slice.indices(len)`: the start, stop and step a slice picks in `len` items.
fn slice_bounds(slice: &Value, len: usize) -> Res<(i64, i64, i64)> {
    let Value::Tuple(parts) = slice else { unreachable!("a slice value is a tagged tuple") };
    let part = |v: &Value| -> Res<Option<i64>> {
        match v {
            Value::None => Ok(None),
            v => v.as_int().map(Some).map_or_else(
                || err(ExcType::TypeError, "slice indices must be integers or None or have an __index__ method"),
                Ok,
            ),
        }
    };
    let (start, stop, step) = (part(&parts[1])?, part(&parts[2])?, part(&parts[3])?.unwrap_or(1));
    if step == 0 {
        return err(ExcType::ValueError, "slice step cannot be zero");
    }
    let len = len as i64;
    let clamp = |v: Option<i64>, default: i64, low: i64, high: i64| -> i64 {
        match v {
            None => default,
            Some(v) if v < 0 => (v + len).max(low),
            Some(v) => v.min(high),
        }
    };
    let (start, stop) = if step > 0 {
        (clamp(start, 0, 0, len), clamp(stop, len, 0, len))
    } else {
        (clamp(start, len - 1, -1, len - 1), clamp(stop, -1, -1, len - 1))
    };
    Ok((start, stop, step))
}

/// A slice `a:b:c`, kept as a tuple tagged with a marker the program cannot make.
pub fn slice_value(a: Value, b: Value, c: Value) -> Value {
    Value::tuple(vec![Value::Builtin(Builtin::Unavailable), a, b, c])
}

fn is_slice(v: &Value) -> bool {
    matches!(v, Value::Tuple(t) if is_slice_parts(t))
}

/// Whether a tuple's items are a slice's (see [`slice_value`]): a slice object is a
/// tuple tagged as one.
pub fn is_slice_parts(items: &[Value]) -> bool {
    items.len() == 4 && matches!(items[0], Value::Builtin(Builtin::Unavailable))
}

/// `slice.indices(length)`: the slice's start, stop and step for a sequence of it.
pub fn slice_indices_value(slice: &Value, length: &Value) -> Res<Value> {
    let Some(n) = length.as_int() else {
        return err(ExcType::TypeError, format!("'{}' object cannot be interpreted as an integer", length.type_name()));
    };
    if n < 0 {
        return err(ExcType::ValueError, "length should not be negative");
    }
    let (i, j, k) = slice_bounds(slice, n as usize)?;
    Ok(Value::tuple(vec![Value::Int(i), Value::Int(j), Value::Int(k)]))
}

pub fn getitem(object: &Value, index: &Value) -> Res<Value> {
    match object {
        Value::List(items) => {
            let items = items.borrow();
            if is_slice(index) {
                let picked = slice_indices(index, items.len())?;
                return Ok(Value::list(picked.into_iter().map(|i| items[i].clone()).collect()));
            }
            Ok(items[index_of(index, items.len(), "list")?].clone())
        }
        Value::Tuple(items) => {
            if is_slice(index) {
                let picked = slice_indices(index, items.len())?;
                return Ok(Value::tuple(picked.into_iter().map(|i| items[i].clone()).collect()));
            }
            Ok(items[index_of(index, items.len(), "tuple")?].clone())
        }
        Value::Bytes(b) => {
            if is_slice(index) {
                let picked = slice_indices(index, b.len())?;
                return Ok(Value::Bytes(picked.into_iter().map(|i| b[i]).collect()));
            }
            Ok(Value::Int(i64::from(b[index_of(index, b.len(), "index")?])))
        }
        // (ASCII text is indexed by byte: a loop over a long str's characters is not
        // a walk from its start for each.)
        Value::Str(s) if s.is_ascii() => {
            if is_slice(index) {
                let (start, stop, step) = slice_bounds(index, s.len())?;
                if step == 1 {
                    let (start, stop) = (start as usize, (stop as usize).max(start as usize));
                    return Ok(Value::Str(s[start..stop].into()));
                }
                let picked = slice_indices(index, s.len())?;
                return Ok(Value::Str(
                    picked.into_iter().map(|i| char::from(s.as_bytes()[i])).collect::<String>().into(),
                ));
            }
            let i = index_of(index, s.len(), "str")?;
            Ok(Value::Str(s[i..=i].into()))
        }
        Value::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            if is_slice(index) {
                let picked = slice_indices(index, chars.len())?;
                return Ok(Value::Str(picked.into_iter().map(|i| chars[i]).collect::<String>().into()));
            }
            Ok(Value::Str(chars[index_of(index, chars.len(), "str")?].to_string().into()))
        }
        Value::Range(r) => {
            let (start, stop, step) = (&r.start, &r.stop, &r.step);
            let len = range_len(*start, *stop, *step) as usize;
            if is_slice(index) {
                // A range of its own, as CPython's `compute_slice` makes it.
                let (i, j, k) = slice_bounds(index, len)?;
                let range =
                    super::value::RangeValue { start: start + i * step, stop: start + j * step, step: step * k };
                return Ok(Value::Range(Rc::new(range)));
            }
            let i = index_of(index, len, "range object")?;
            Ok(Value::Int(start + step * i as i64))
        }
        Value::Dict(d) => {
            let key = key_of(index)?;
            d.borrow()
                .get(&key)
                .cloned()
                .map_or_else(|| Err(Unwind::Raise(Exception::new(ExcType::KeyError, vec![index.clone()]))), Ok)
        }
        Value::Type(t) => Ok(Value::Type(*t)),
        other => err(ExcType::TypeError, format!("'{}' object is not subscriptable", other.type_name())),
    }
}

pub fn setitem(interp: &Rc<Interp>, object: &Value, index: Value, value: Value) -> Res<()> {
    match object {
        Value::List(items) => {
            if is_slice(&index) {
                let new = interp.collect(&value)?;
                let mut items = items.borrow_mut();
                let picked = slice_indices(&index, items.len())?;
                let Value::Tuple(parts) = &index else { unreachable!() };
                if matches!(parts[3], Value::None | Value::Int(1)) {
                    let from = picked.first().copied().unwrap_or_else(|| {
                        slice_indices(&slice_value(parts[1].clone(), Value::None, Value::None), items.len())
                            .ok()
                            .and_then(|v| v.first().copied())
                            .unwrap_or(items.len())
                    });
                    items.splice(from..from + picked.len(), new);
                } else {
                    if new.len() != picked.len() {
                        return err(
                            ExcType::ValueError,
                            format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                new.len(),
                                picked.len()
                            ),
                        );
                    }
                    for (i, v) in picked.into_iter().zip(new) {
                        items[i] = v;
                    }
                }
                return Ok(());
            }
            let mut items = items.borrow_mut();
            let i = index_of(&index, items.len(), "list").map_err(|e| match e {
                Unwind::Raise(e) if e.kind == ExcType::IndexError => {
                    Unwind::Raise(Exception::with_message(ExcType::IndexError, "list assignment index out of range"))
                }
                other => other,
            })?;
            items[i] = value;
            Ok(())
        }
        Value::Dict(d) => dict_set(&mut d.borrow_mut(), index, value),
        other => err(ExcType::TypeError, format!("'{}' object does not support item assignment", other.type_name())),
    }
}

pub fn delitem(object: &Value, index: &Value) -> Res<()> {
    match object {
        Value::List(items) => {
            let mut items = items.borrow_mut();
            if is_slice(index) {
                let picked = slice_indices(index, items.len())?;
                for i in picked.into_iter().rev() {
                    items.remove(i);
                }
                return Ok(());
            }
            let i = index_of(index, items.len(), "list").map_err(|e| match e {
                Unwind::Raise(e) if e.kind == ExcType::IndexError => {
                    Unwind::Raise(Exception::with_message(ExcType::IndexError, "list assignment index out of range"))
                }
                other => other,
            })?;
            items.remove(i);
            Ok(())
        }
        Value::Dict(d) => {
            let key = key_of(index)?;
            match d.borrow_mut().remove(&key) {
                Some(_) => Ok(()),
                None => Err(Unwind::Raise(Exception::new(ExcType::KeyError, vec![index.clone()]))),
            }
        }
        other => err(ExcType::TypeError, format!("'{}' object doesn't support item deletion", other.type_name())),
    }
}

// ---- attributes ----

/// The builtin method `name` of a builtin type's value, if it has one.
pub fn method_of(object: &Value, name: &str) -> Option<Builtin> {
    // The methods called most, without a search.
    match (object, name) {
        (Value::List(_), "append") => return Some(Builtin::Append),
        (Value::Dict(_), "get") => return Some(Builtin::Get),
        (Value::Str(_), "join") => return Some(Builtin::Join),
        _ => {}
    }
    let methods = match object {
        Value::Str(_) => STR_METHODS,
        Value::Bytes(_) => BYTES_METHODS,
        Value::List(_) => LIST_METHODS,
        Value::Tuple(_) => TUPLE_METHODS,
        Value::Dict(_) => DICT_METHODS,
        Value::Set(d) if d.borrow().frozen => FROZENSET_METHODS,
        Value::Set(_) => SET_METHODS,
        Value::Int(_) | Value::Big(_) => {
            &[Builtin::BitLength, Builtin::BitCount, Builtin::AsIntegerRatio, Builtin::Conjugate, Builtin::ToBytes]
        }
        Value::Float(_) => &[Builtin::IsInteger, Builtin::AsIntegerRatio, Builtin::Conjugate, Builtin::FloatHex],
        _ => return None,
    };
    methods.iter().find(|b| b.name() == name).copied()
}

/// The calls programs make most, done without building their arguments (CPython 3.11
/// specializes the same: `len`, `list.append`, `str` of one value...). `None` when
/// `callee` and `args` are not one of them.
pub fn quick_call(callee: &Value, args: &[Value]) -> Option<Res<Value>> {
    Some(match (callee, args) {
        (Value::Builtin(Builtin::Append), [Value::List(list), item]) => {
            if let Err(e) = room::<Value>(list.borrow().len() + 1) {
                return Some(Err(e));
            }
            list.borrow_mut().push(item.clone());
            Ok(Value::None)
        }
        (Value::Builtin(Builtin::Get), [Value::Dict(d), key, rest @ ..]) if rest.len() <= 1 => {
            let key = match key_of(key) {
                Ok(k) => k,
                Err(e) => return Some(Err(e)),
            };
            Ok(d.borrow().get(&key).cloned().unwrap_or_else(|| rest.first().cloned().unwrap_or(Value::None)))
        }
        (Value::Builtin(Builtin::Len), [value]) => Ok(Value::Int(match value {
            Value::Str(s) => s.chars().count() as i64,
            Value::List(l) => l.borrow().len() as i64,
            Value::Tuple(t) => t.len() as i64,
            Value::Dict(d) | Value::Set(d) => d.borrow().len() as i64,
            Value::Range(r) => r.len(),
            _ => return None,
        })),
        (Value::Type(Type::Str), [Value::Int(n)]) => Ok(Value::Str(super::value::int_str(*n))),
        (Value::Type(Type::Str), [Value::Str(s)]) => Ok(Value::Str(s.clone())),
        (Value::Type(Type::Range), [Value::Int(stop)]) => Ok(Value::range(0, *stop, 1)),
        (Value::Type(Type::Range), [Value::Int(start), Value::Int(stop)]) => Ok(Value::range(*start, *stop, 1)),
        (Value::Builtin(Builtin::Abs), [Value::Int(n)]) => Ok(match n.checked_abs() {
            Some(n) => Value::Int(n),
            None => super::big::value(num_bigint::BigInt::from(*n).magnitude().clone().into()),
        }),
        _ => return None,
    })
}

/// The methods of generators, coroutines and async generators, and what awaiting an
/// awaitable by hand takes (`__await__`).
fn generator_method(object: &Value, name: &str) -> Option<&'static str> {
    use super::bytecode::CodeKind;
    let names: &[&'static str] = match object {
        Value::Generator(g) => match g.kind() {
            CodeKind::Coroutine => &["send", "throw", "close", "__await__"],
            CodeKind::AsyncGenerator => &["asend", "athrow", "aclose", "__anext__", "__aiter__"],
            _ => &["send", "throw", "close", "__next__", "__iter__"],
        },
        Value::Native(_) | Value::Task(_) | Value::Future(_) => &["__await__"],
        _ => &[],
    };
    names.iter().find(|n| **n == name).copied()
}

pub fn getattr(object: &Value, name: &str) -> Res<Value> {
    if let Some(method) = generator_method(object, name) {
        return Ok(Value::Bound(Rc::new((object.clone(), method))));
    }
    if let Some(found) = super::objects::getattr(object, name) {
        return found;
    }
    if let Some(b) = method_of(object, name) {
        return Ok(Value::Method(Rc::new((object.clone(), b))));
    }
    // A type's method, unbound: `str.lower`, called with the object first.
    let unbound = match object {
        Value::Type(Type::Str) => STR_METHODS,
        Value::Type(Type::Bytes) => BYTES_METHODS,
        Value::Type(Type::List) => LIST_METHODS,
        Value::Type(Type::Dict) => DICT_METHODS,
        Value::Type(Type::Set) => SET_METHODS,
        Value::Type(Type::Tuple) => TUPLE_METHODS,
        _ => &[],
    };
    if let Some(&b) = unbound.iter().find(|b| b.name() == name) {
        return Ok(Value::Method(Rc::new((Value::None, b))));
    }
    match (object, name) {
        (Value::Type(Type::Object(o)), "__setattr__" | "__delattr__" | "__new__") if **o == "object" => {
            let name = match name {
                "__setattr__" => "__setattr__",
                "__delattr__" => "__delattr__",
                _ => "__new__",
            };
            Ok(Value::Bound(Rc::new((object.clone(), name))))
        }
        // (`int.__new__(cls, value)` in an int enum's own `__new__`, and str's.)
        (Value::Type(Type::Int | Type::Str), "__new__") => Ok(Value::Bound(Rc::new((object.clone(), "__new__")))),
        (Value::Type(t), "__name__" | "__qualname__") => Ok(Value::str(t.name())),
        // The built-in classes' module (an exception's, asyncio's own classes' theirs).
        (Value::Type(t), "__module__") => Ok(Value::str(t.module())),
        (Value::Asyncio(f), "__module__") => {
            use super::asyncio::Fn;
            Ok(Value::str(match f {
                Fn::Lock | Fn::Event | Fn::Semaphore | Fn::BoundedSemaphore | Fn::Condition => "asyncio.locks",
                Fn::TaskGroup => "asyncio.taskgroups",
                Fn::Timeout => "asyncio.timeouts",
                Fn::Future | Fn::Task | Fn::GetRunningLoop | Fn::CurrentTask => "_asyncio",
                Fn::Run => "asyncio.runners",
                Fn::GetEventLoop | Fn::NewEventLoop | Fn::SetEventLoop => "asyncio.events",
                Fn::Time | Fn::Monotonic | Fn::PerfCounter | Fn::TimeSleep => "time",
                _ => "asyncio.tasks",
            }))
        }
        (Value::Type(t), "__mro__") => {
            // The built-in classes' order: an exception's ancestors (first parents first,
            // as single inheritance gives them), `bool` before `int`; `object` last.
            let mut order = vec![Value::Type(*t)];
            match t {
                Type::Bool => order.push(Value::Type(Type::Int)),
                Type::Exception(e) => {
                    let mut at = *e;
                    while let Some(parent) = at.parents().first() {
                        order.push(Value::Type(Type::Exception(*parent)));
                        at = *parent;
                    }
                }
                _ => {}
            }
            if !matches!(t, Type::Object(o) if **o == "object") {
                order.push(Value::Type(Type::Object(&"object")));
            }
            Ok(Value::tuple(order))
        }
        (Value::Type(Type::Dict), "fromkeys") => Ok(Value::Builtin(Builtin::FromKeys)),
        (Value::Type(Type::Int), "from_bytes") => Ok(Value::Builtin(Builtin::FromBytes)),
        (Value::Type(Type::Float) | Value::Float(_), "fromhex") => Ok(Value::Builtin(Builtin::FloatFromHex)),
        (Value::Type(Type::Bytes) | Value::Bytes(_), "fromhex") => Ok(Value::Builtin(Builtin::FromHex)),
        (Value::Type(Type::Str) | Value::Str(_), "maketrans") => Ok(Value::Builtin(Builtin::MakeTrans)),
        (Value::Function(f), _) if f.attr(name).is_some() => Ok(f.attr(name).expect("checked")),
        (Value::Function(f), "__name__") => Ok(Value::Str(f.code.name.clone())),
        (Value::Function(f), "__qualname__") => Ok(Value::Str(f.code.qualname.clone())),
        (Value::Function(f), "__doc__") => Ok(f.code.doc.clone().map_or(Value::None, Value::Str)),
        (Value::Function(f), "__annotations__") => {
            // Made when first asked for, as CPython does.
            let annotations = Value::Dict(Default::default());
            f.set_attr("__annotations__", annotations.clone());
            Ok(annotations)
        }
        (Value::Function(f), "__defaults__") => {
            Ok(if f.defaults.is_empty() { Value::None } else { Value::tuple(f.defaults.clone()) })
        }
        (Value::Function(f), "__kwdefaults__") => Ok(if f.kw_defaults.is_empty() {
            Value::None
        } else {
            let mut d = super::value::Dict::default();
            for (k, v) in &f.kw_defaults {
                d.insert(Key::Str(k.clone()), Value::Str(k.clone()), v.clone());
            }
            Value::Dict(Rc::new(RefCell::new(d)))
        }),
        (Value::Function(f), "__code__") => Ok(Value::Code(f.code.clone())),
        (Value::Code(c), _) if name.starts_with("co_") => code_attribute(c, name),
        (Value::Function(f), "__module__") => Ok(Value::str(f.code.module.map_or("__main__", |m| m.name()))),
        (Value::Generator(g), "__name__") => Ok(Value::Str(g.name.clone())),
        (Value::Generator(g), "gi_running" | "cr_running" | "ag_running") => Ok(Value::Bool(g.is_executing())),
        (Value::Generator(g), "gi_suspended" | "cr_suspended" | "ag_suspended") => {
            let suspended = matches!(*g.state.borrow(), super::vm::GenState::Suspended(_));
            Ok(Value::Bool(suspended || (g.is_running() && !g.is_executing())))
        }
        // (For inspect's getgeneratorstate and getcoroutinestate; a coroutine in a task
        // suspended at an await is suspended.)
        (Value::Generator(g), "_state") => Ok(Value::str(match &*g.state.borrow() {
            super::vm::GenState::Created(_) | super::vm::GenState::Scheduled(_) => "CREATED",
            super::vm::GenState::Suspended(_) => "SUSPENDED",
            super::vm::GenState::Running if !g.is_executing() => "SUSPENDED",
            super::vm::GenState::Running => "RUNNING",
            super::vm::GenState::Finished => "CLOSED",
        })),
        // (For inspect's isgeneratorfunction and its kind.)
        (Value::Function(f), "_kind") => Ok(Value::str(match f.code.kind {
            super::bytecode::CodeKind::Generator => "generator",
            super::bytecode::CodeKind::Coroutine => "coroutine",
            super::bytecode::CodeKind::AsyncGenerator => "async generator",
            _ => "function",
        })),
        (Value::Native(n), "__name__" | "__qualname__") if n.gathered.is_none() => Ok(Value::str(n.name)),
        (Value::Generator(g), "__qualname__") => Ok(Value::Str(g.qualname.clone())),
        (Value::Exception(e), "value") if e.kind == ExcType::StopIteration => {
            Ok(e.args.borrow().first().cloned().unwrap_or(Value::None))
        }
        (Value::Builtin(b), "__name__") => Ok(Value::str(b.name())),
        (Value::Bound(b), "__name__") => Ok(Value::str(b.1)),
        (Value::Asyncio(f), "__name__" | "__qualname__") => Ok(Value::str(f.name())),
        (Value::Bound(b), "__qualname__") if matches!(b.0, Value::Module(_)) => Ok(Value::str(b.1)),
        // A built-in object's method (`lock.release`, `[].append`): its object and name.
        (Value::Bound(b), "__qualname__") => Ok(Value::str(&format!("{}.{}", b.0.type_name(), b.1))),
        (Value::Bound(b), "__self__") => Ok(b.0.clone()),
        (Value::Method(m), "__name__") if !matches!(m.0, Value::None) => Ok(Value::str(m.1.name())),
        (Value::Method(m), "__qualname__") if !matches!(m.0, Value::None) => {
            Ok(Value::str(&format!("{}.{}", m.0.type_name(), m.1.name())))
        }
        (Value::Method(m), "__self__") if !matches!(m.0, Value::None) => Ok(m.0.clone()),
        (Value::Int(n), "real" | "numerator") => Ok(Value::Int(*n)),
        (Value::Bool(b), "real" | "numerator") => Ok(Value::Int(i64::from(*b))),
        (Value::Int(_) | Value::Bool(_), "imag") => Ok(Value::Int(0)),
        (Value::Int(_) | Value::Bool(_), "denominator") => Ok(Value::Int(1)),
        (Value::Float(x), "real") => Ok(Value::Float(*x)),
        (Value::Float(_), "imag") => Ok(Value::Float(0.0)),
        (Value::Exception(e), "args") => Ok(Value::tuple(e.args.borrow().clone())),
        (Value::Tuple(t), "start" | "stop" | "step") if is_slice_parts(t) => Ok(t[match name {
            "start" => 1,
            "stop" => 2,
            _ => 3,
        }]
        .clone()),
        (Value::Tuple(t), "indices") if is_slice_parts(t) => Ok(Value::Bound(Rc::new((object.clone(), "indices")))),
        // An OSError's parts, from its arguments (errno, strerror, filename).
        (Value::Exception(e), "errno" | "strerror" | "filename" | "filename2")
            if e.kind.is_subclass(ExcType::OSError) =>
        {
            let args = e.args.borrow();
            let at = match name {
                "errno" => 0,
                "strerror" => 1,
                "filename" => 2,
                _ => 4,
            };
            Ok(if (2..=5).contains(&args.len()) { args.get(at).cloned().unwrap_or(Value::None) } else { Value::None })
        }
        (Value::Exception(e), _) if e.attrs.borrow().get(&Key::Str(name.into())).is_some() => {
            Ok(e.attrs.borrow().get(&Key::Str(name.into())).cloned().expect("checked"))
        }
        (Value::Exception(e), "name") if e.kind.is_subclass(ExcType::ImportError) => Ok(Value::None),
        (Value::Exception(e), "code") if e.kind == ExcType::SystemExit => Ok(match &e.args.borrow()[..] {
            [] => Value::None,
            [one] => one.clone(),
            many => Value::tuple(many.to_vec()),
        }),
        (Value::Exception(e), "__suppress_context__") => Ok(Value::Bool(e.suppress_context.get())),
        (Value::Exception(e), "exceptions") if e.kind.is_group() => {
            Ok(Value::tuple(e.group.iter().map(|x| Value::Exception(x.clone())).collect()))
        }
        (Value::Exception(e), "message") if e.kind.is_group() => Ok(e.args.borrow()[0].clone()),
        (Value::Exception(e), "__traceback__") => Ok(super::objects::traceback_of(e)),
        (Value::Exception(e), "__cause__") => Ok(e.cause.borrow().clone().map_or(Value::None, Value::Exception)),
        (Value::Exception(e), "__context__") => Ok(e.context.borrow().clone().map_or(Value::None, Value::Exception)),
        (Value::Exception(e), "__class__") => Ok(match &e.class {
            Some(class) => Value::Class(class.clone()),
            None => Value::Type(Type::Exception(e.kind)),
        }),
        (Value::Module(m), _) => module_attribute(*m, name),
        (Value::Instance(i), "__class__") => Ok(Value::Class(i.class.clone())),
        (Value::Class(c), "__class__") => Ok(c.metaclass.clone().map_or(Value::Type(Type::Type), Value::Class)),
        (other, "__class__") => Ok(Value::Type(other.type_of())),
        _ => match value_dunder(object, name) {
            // (A list's, a dict's and a set's `__hash__` is None.)
            Some("__hash__")
                if object.key().is_none() && matches!(object, Value::List(_) | Value::Dict(_) | Value::Set(_)) =>
            {
                Ok(Value::None)
            }
            Some(name) => Ok(Value::Bound(Rc::new((object.clone(), name)))),
            None => no_attribute(object, name),
        },
    }
}

fn module_attribute(module: Module, name: &str) -> Res<Value> {
    if module == Module::Asyncio {
        for kind in [
            ExcType::CancelledError,
            ExcType::InvalidStateError,
            ExcType::QueueEmpty,
            ExcType::QueueFull,
            ExcType::TimeoutError,
        ] {
            if kind.name() == name {
                return Ok(Value::Type(Type::Exception(kind)));
            }
        }
    }
    if let Some(f) = super::asyncio::Fn::of_module(module == Module::Asyncio, name) {
        return Ok(Value::Asyncio(f));
    }
    // `asyncio.exceptions.TimeoutError`: the exceptions are asyncio's own names.
    if module == Module::Asyncio && name == "exceptions" {
        return Ok(Value::Module(Module::Asyncio));
    }
    if module == Module::Asyncio {
        let class: Option<&'static &'static str> = match name {
            "Handle" => Some(&"Handle"),
            "TimerHandle" => Some(&"TimerHandle"),
            "AbstractEventLoop" => Some(&"AbstractEventLoop"),
            "Timeout" => Some(&"Timeout"),
            "BaseEventLoop" => Some(&"BaseEventLoop"),
            "SelectorEventLoop" => Some(&"_UnixSelectorEventLoop"),
            _ => None,
        };
        if let Some(class) = class {
            return Ok(Value::Type(Type::Object(class)));
        }
    }
    if module == Module::Asyncio && matches!(name, "FIRST_COMPLETED" | "FIRST_EXCEPTION" | "ALL_COMPLETED") {
        return Ok(Value::str(name));
    }
    // (`import collections.abc` binds `collections`, whose `abc` is this.)
    if module == Module::Collections && name == "abc" {
        return Ok(Value::Module(Module::CollectionsAbc));
    }
    if module == Module::Logging && name == "handlers" {
        return Ok(Value::Module(Module::LoggingHandlers));
    }
    if module == Module::Os && name == "path" {
        return Ok(Value::Module(Module::OsPath));
    }
    if module == Module::Concurrent && name == "futures" {
        return Ok(Value::Module(Module::ConcurrentFutures));
    }
    if module == Module::Urllib && name == "parse" {
        return Ok(Value::Module(Module::UrllibParse));
    }
    let known: &[&str] = match module {
        Module::Asyncio => ASYNCIO_NAMES,
        Module::Time => &["time", "monotonic", "perf_counter", "sleep"],
        Module::String => {
            let text = match name {
                "ascii_letters" => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                "ascii_lowercase" => "abcdefghijklmnopqrstuvwxyz",
                "ascii_uppercase" => "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                "digits" => "0123456789",
                "hexdigits" => "0123456789abcdefABCDEF",
                "octdigits" => "01234567",
                "punctuation" => "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
                "whitespace" => " \t\n\r\x0b\x0c",
                "printable" => "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c",
                _ => "",
            };
            if !text.is_empty() {
                return Ok(Value::str(text));
            }
            &[]
        }
        Module::Traceback => {
            // (What the Python part needs of the machine: see `lib/traceback.py`.)
            if let Some(m) = ["_format", "_caller", "_line", "_frames", "_stack"].iter().find(|m| **m == name) {
                return Ok(Value::Bound(Rc::new((Value::Module(module), m))));
            }
            &[]
        }
        Module::Contextlib => {
            if let Some(m) = ["suppress", "nullcontext"].iter().find(|m| **m == name) {
                return Ok(Value::Bound(Rc::new((Value::Module(module), m))));
            }
            &[]
        }
        Module::Heapq | Module::Bisect => {
            let names = if module == Module::Heapq { super::stdlib::HEAPQ } else { super::stdlib::BISECT };
            if let Some(m) = names.iter().find(|m| **m == name) {
                return Ok(Value::Bound(Rc::new((Value::Module(module), m))));
            }
            &[]
        }
        Module::Math | Module::Functools | Module::Typing | Module::Sys => {
            if let Some(v) = super::stdlib::module_value(module, name) {
                return Ok(v);
            }
            let names = match module {
                Module::Math => super::stdlib::MATH,
                Module::Functools => super::stdlib::FUNCTOOLS,
                Module::Typing => super::stdlib::TYPING_FUNCTIONS,
                _ => super::stdlib::SYS_FUNCTIONS,
            };
            if let Some(m) = names.iter().find(|m| **m == name) {
                return Ok(Value::Bound(Rc::new((Value::Module(module), m))));
            }
            &[]
        }
        // (What the Python parts need: see `lib/hashlib.py` and `lib/re.py`.)
        Module::Hashlib => {
            if let Some(m) = ["_digest", "_pbkdf2"].iter().find(|m| **m == name) {
                return Ok(Value::Bound(Rc::new((Value::Module(module), m))));
            }
            &[]
        }
        Module::Weakref => {
            if let Some(m) = ["_ref", "_get", "_watch"].iter().find(|m| **m == name) {
                return Ok(Value::Bound(Rc::new((Value::Module(module), m))));
            }
            &[]
        }
        Module::Re => {
            if let Some(m) = ["_compile", "_scan"].iter().find(|m| **m == name) {
                return Ok(Value::Bound(Rc::new((Value::Module(module), m))));
            }
            &[]
        }
        Module::Random => {
            if let Some(m) = super::random::METHODS.iter().find(|m| **m == name) {
                return Ok(Value::Bound(Rc::new((Value::Module(module), m))));
            }
            if name == "Random" {
                return Ok(Value::Bound(Rc::new((Value::Module(module), "Random"))));
            }
            &[]
        }
        // The modules written in Python alone (`Module::in_python`): their names are
        // the Python part's (see `library`).
        _ => &[],
    };
    if known.contains(&name) {
        return Ok(Value::Builtin(Builtin::Unavailable));
    }
    let m = module.name();
    err(ExcType::AttributeError, format!("module '{m}' has no attribute '{name}'"))
}

/// `string`'s constants.
const STRING_CONSTANTS: &[&str] = &[
    "ascii_letters",
    "ascii_lowercase",
    "ascii_uppercase",
    "digits",
    "hexdigits",
    "octdigits",
    "punctuation",
    "whitespace",
    "printable",
];

/// `sys`'s values that are not functions (see `stdlib::module_value`).
const SYS_VALUES: &[&str] = &["argv", "version", "platform", "maxsize", "modules", "stdout", "stderr"];

/// The names of asyncio's Rust part that are not functions of `asyncio::Fn`.
const ASYNCIO_NAMES: &[&str] = &[
    "run",
    "sleep",
    "create_task",
    "gather",
    "TaskGroup",
    "wait_for",
    "timeout",
    "wait",
    "shield",
    "current_task",
    "all_tasks",
    "get_running_loop",
    "get_event_loop",
    "new_event_loop",
    "set_event_loop",
    "Lock",
    "Semaphore",
    "BoundedSemaphore",
    "Event",
    "Condition",
    "Future",
    "FIRST_COMPLETED",
    "FIRST_EXCEPTION",
    "ALL_COMPLETED",
];

/// The names of a module's Rust part, for `dir(module)` (the Python part's are globals).
pub fn rust_module_names(module: Module) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = match module {
        Module::Asyncio => ASYNCIO_NAMES.to_vec(),
        Module::Time => vec!["time", "monotonic", "perf_counter", "sleep"],
        Module::Math => super::stdlib::MATH.iter().chain(&["pi", "e", "tau", "inf", "nan"]).copied().collect(),
        Module::Random => super::random::METHODS.iter().chain(&["Random"]).copied().collect(),
        Module::Heapq => super::stdlib::HEAPQ.to_vec(),
        Module::Bisect => super::stdlib::BISECT.to_vec(),
        Module::Functools => super::stdlib::FUNCTOOLS.to_vec(),
        Module::Typing => super::stdlib::TYPING
            .iter()
            .filter_map(|t| t.strip_prefix("typing."))
            .chain(super::stdlib::TYPING_FUNCTIONS.iter().copied())
            .chain(["TYPE_CHECKING"])
            .collect(),
        Module::String => STRING_CONSTANTS.to_vec(),
        Module::Contextlib => vec!["suppress", "nullcontext"],
        Module::Sys => SYS_VALUES.iter().chain(super::stdlib::SYS_FUNCTIONS).copied().collect(),
        _ => Vec::new(),
    };
    names.retain(|n| !n.starts_with('_'));
    names
}

/// `import asyncio`: the module.
pub fn import(module: &str) -> Res<Value> {
    // (The parser refuses the modules the playground does not have, but where the
    // import is guarded by an `except ImportError`: there it fails, as without them.)
    match Module::named(module) {
        Some(m) => Ok(Value::Module(m)),
        None => {
            let top = module.split('.').next().unwrap_or(module);
            let missing = if Module::named(top).is_some() { module } else { top };
            let e = Exception::with_message(ExcType::ModuleNotFoundError, format!("No module named '{missing}'"));
            e.attrs.borrow_mut().insert(Key::Str("name".into()), Value::str("name"), Value::str(missing));
            Err(Unwind::Raise(e))
        }
    }
}

/// `from module import name`.
pub fn import_from(module: &Value, name: &str) -> Res<Value> {
    getattr(module, name).map_err(|e| {
        // (A name the playground's module lacks says so, and what to write instead.)
        if let Unwind::Raise(e) = &e {
            if e.kind == ExcType::ImportError {
                return Unwind::Raise(Exception::with_message(
                    ExcType::ImportError,
                    format!(
                        "cannot import name '{name}' from '{}': {}",
                        if let Value::Module(m) = module { m.name() } else { "?" },
                        e.message()
                    ),
                ));
            }
        }
        let m = if let Value::Module(m) = module { m.name() } else { "?" };
        Unwind::Raise(Exception::with_message(ExcType::ImportError, format!("cannot import name '{name}' from '{m}'")))
    })
}

/// `format(value, spec)` and an f-string's `{value:spec}`: an object's `__format__`,
/// or the format mini-language.
pub fn format_value(value: &Value, spec: &str) -> Res<String> {
    if let Value::Instance(i) = value {
        if let Some(result) = i.special("__format__", vec![Value::str(spec)]) {
            return match result? {
                Value::Str(s) => Ok(s.to_string()),
                other => err(ExcType::TypeError, format!("__format__ must return a str, not {}", other.type_name())),
            };
        }
        if !spec.is_empty() {
            return err(ExcType::TypeError, format!("unsupported format string passed to {}.__format__", i.class.name));
        }
    }
    format::format(value, spec).map_err(|m| Unwind::Raise(Exception::with_message(ExcType::ValueError, m)))
}

/// What `dir(object)` lists: its own attributes, its class's and their bases', and
/// what every object has from `object`; for a built-in value, its type's methods.
pub fn attribute_names(interp: &Rc<Interp>, object: &Value) -> Vec<Str> {
    const OBJECT: &[&str] = &[
        "__class__",
        "__delattr__",
        "__dir__",
        "__doc__",
        "__eq__",
        "__format__",
        "__ge__",
        "__getattribute__",
        "__getstate__",
        "__gt__",
        "__hash__",
        "__init__",
        "__init_subclass__",
        "__le__",
        "__lt__",
        "__ne__",
        "__new__",
        "__reduce__",
        "__reduce_ex__",
        "__repr__",
        "__setattr__",
        "__sizeof__",
        "__str__",
        "__subclasshook__",
    ];
    let mut names: Vec<Str> = OBJECT.iter().map(|n| Str::from(*n)).collect();
    let class_names = |class: &Rc<super::classes::Class>, names: &mut Vec<Str>| {
        for c in class.mro() {
            names.extend(c.dict.borrow().keys().iter().map(|k| Str::from(k.to_str())));
            names.extend(["__module__", "__dict__", "__weakref__", "__doc__"].map(Str::from));
        }
    };
    match object {
        Value::Instance(i) => {
            names.extend(i.dict.borrow().keys().iter().map(|k| Str::from(k.to_str())));
            class_names(&i.class, &mut names);
        }
        Value::Class(c) => class_names(c, &mut names),
        Value::Module(m) => {
            names = vec!["__doc__".into(), "__file__".into(), "__name__".into()];
            names.extend(rust_module_names(*m).into_iter().map(Str::from));
            // (The Python part's own names: its globals, but those it keeps to itself.)
            let global_names = interp.global_names.borrow();
            names.extend(
                global_names
                    .names
                    .iter()
                    .zip(&global_names.modules)
                    .filter(|(n, module)| **module == Some(*m) && !n.starts_with('_') && !names.contains(n))
                    .map(|(n, _)| n.clone())
                    .collect::<Vec<_>>(),
            );
        }
        other => {
            let methods = match other {
                Value::Str(_) | Value::Type(Type::Str) => STR_METHODS,
                Value::Bytes(_) | Value::Type(Type::Bytes) => BYTES_METHODS,
                Value::List(_) | Value::Type(Type::List) => LIST_METHODS,
                Value::Tuple(_) | Value::Type(Type::Tuple) => TUPLE_METHODS,
                Value::Dict(_) | Value::Type(Type::Dict) => DICT_METHODS,
                Value::Set(d) if d.borrow().frozen => FROZENSET_METHODS,
                Value::Type(Type::FrozenSet) => FROZENSET_METHODS,
                Value::Set(_) | Value::Type(Type::Set) => SET_METHODS,
                _ => &[],
            };
            names.extend(methods.iter().map(|b| Str::from(b.name())));
            // (The class methods reached through the type.)
            match other {
                Value::Str(_) | Value::Type(Type::Str) => names.push("maketrans".into()),
                Value::Dict(_) | Value::Type(Type::Dict) => names.push("fromkeys".into()),
                Value::Bytes(_) | Value::Type(Type::Bytes) => names.push("fromhex".into()),
                _ => {}
            }
            for dunder in
                ["__len__", "__contains__", "__iter__", "__getitem__", "__add__", "__mul__", "__mod__", "__sub__"]
            {
                if value_dunder(other, dunder).is_some() {
                    names.push(dunder.into());
                }
            }
        }
    }
    names
}

/// The special methods every object has from `object` (`__repr__`, `__eq__`…).
pub const OBJECT_DUNDERS: &[&str] =
    &["__repr__", "__str__", "__eq__", "__ne__", "__hash__", "__format__", "__lt__", "__le__", "__gt__", "__ge__"];

/// The special method `name` of a value of a built-in type (`(1, 2).__repr__`,
/// `"ab".__len__`, `(3).__add__`), or an object's from `object`: the name, if the
/// value's type has it.
pub fn value_dunder(object: &Value, name: &str) -> Option<&'static str> {
    const SIZED: &[&str] = &["__len__", "__contains__", "__iter__", "__getitem__"];
    const NUMBER: &[&str] = &[
        "__add__",
        "__sub__",
        "__mul__",
        "__truediv__",
        "__floordiv__",
        "__mod__",
        "__pow__",
        "__neg__",
        "__abs__",
        "__bool__",
    ];
    const SEQUENCE: &[&str] = &["__add__", "__mul__"];
    let has = |list: &[&'static str]| list.iter().copied().find(|n| *n == name);
    if let Some(found) = has(OBJECT_DUNDERS) {
        return Some(found);
    }
    match object {
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => {
            has(NUMBER).or_else(|| has(&["__index__", "__int__", "__float__"]))
        }
        Value::Float(_) => has(NUMBER).or_else(|| has(&["__int__", "__float__"])),
        Value::Str(_) | Value::Bytes(_) => has(SIZED).or_else(|| has(SEQUENCE)).or_else(|| has(&["__mod__"])),
        Value::List(_) | Value::Tuple(_) => has(SIZED).or_else(|| has(SEQUENCE)),
        Value::Dict(_) | Value::Range(_) => has(SIZED),
        Value::Set(_) => has(&["__len__", "__contains__", "__iter__"]),
        Value::Iterator(_) | Value::Generator(_) => has(&["__iter__", "__next__"]),
        Value::Object(o) if matches!(&**o, super::objects::Obj::DictView(..)) => {
            has(&["__len__", "__contains__", "__iter__"])
        }
        _ => None,
    }
}

/// Whether the program's (or a library's) `class` derives from built-in type `t` as
/// the playground has it derive: from dict or list on collections' bases for them
/// (UserDict and UserList stand on them too, and are not dicts or lists; collections'
/// own dicts are dicts), from str or int as an enum's mixin (`class Status(str, Enum)`).
fn derives_from(class: &super::classes::Class, t: Type) -> bool {
    match t {
        Type::Dict => {
            (class.stands_on("_DictBase") && !class.stands_on("UserDict"))
                || ["Counter", "OrderedDict", "defaultdict"].iter().any(|k| class.stands_on(k))
        }
        Type::List => class.stands_on("_ListBase") && !class.stands_on("UserList"),
        Type::Str => class.stands_on("_StrMixin") || class.stands_on("_StrBase"),
        Type::Int => class.stands_on("_IntMixin") || class.stands_on("_IntBase"),
        Type::Float => class.stands_on("_FloatBase"),
        Type::Tuple => class.stands_on("_TupleBase"),
        _ => false,
    }
}

/// A code object's attribute (`f.__code__.co_argcount`), as CPython's.
fn code_attribute(c: &Rc<super::bytecode::Code>, name: &str) -> Res<Value> {
    let names = |names: &[Str]| Value::tuple(names.iter().map(|n| Value::Str(n.clone())).collect());
    Ok(match name {
        "co_name" => Value::Str(c.name.clone()),
        "co_qualname" => Value::Str(c.qualname.clone()),
        "co_filename" => Value::str(if c.module.is_some() { "<frozen>" } else { "main.py" }),
        "co_firstlineno" => Value::Int(i64::from(c.first_line)),
        "co_argcount" => Value::Int(i64::from(c.argcount)),
        "co_posonlyargcount" => Value::Int(i64::from(c.posonlycount)),
        "co_kwonlyargcount" => Value::Int(i64::from(c.kwonlycount)),
        "co_nlocals" => Value::Int(c.varnames.len() as i64),
        "co_varnames" => {
            // (CPython's order: the keyword-only parameters before `*args`.)
            let mut order = c.varnames.to_vec();
            let (at, kwonly) = (c.argcount as usize, c.kwonlycount as usize);
            if c.varargs && kwonly > 0 && order.len() > at + kwonly {
                order[at..=at + kwonly].rotate_left(1);
            }
            names(&order)
        }
        "co_freevars" => names(&c.freevars),
        "co_cellvars" => {
            let own: Vec<Str> = c.cellvars.iter().filter(|(_, arg)| arg.is_none()).map(|(n, _)| n.clone()).collect();
            names(&own)
        }
        "co_names" => names(&c.names),
        // CPython's flags: optimized and new locals, *args, **kwargs, nested, and what kind.
        "co_flags" => {
            let kind = match c.kind {
                super::bytecode::CodeKind::Generator => 0x20,
                super::bytecode::CodeKind::Coroutine => 0x80,
                super::bytecode::CodeKind::AsyncGenerator => 0x200,
                _ => 0,
            };
            let nested = if c.qualname.contains("<locals>") { 0x10 } else { 0 };
            Value::Int(3 | if c.varargs { 4 } else { 0 } | if c.varkeywords { 8 } else { 0 } | nested | kind)
        }
        _ => return no_attribute(&Value::Code(c.clone()), name),
    })
}

/// The inverse of `base` modulo `|m|` (in 0..|m|), if they are coprime.
fn mod_inverse(base: &num_bigint::BigInt, m: &num_bigint::BigInt) -> Option<num_bigint::BigInt> {
    use num_bigint::BigInt;
    let m = if *m < BigInt::from(0) { -m.clone() } else { m.clone() };
    let (mut r0, mut r1) = (num_integer::Integer::mod_floor(base, &m), m.clone());
    let (mut s0, mut s1) = (BigInt::from(1), BigInt::from(0));
    while r1 != BigInt::from(0) {
        let q = num_integer::Integer::div_floor(&r0, &r1);
        (r0, r1) = (r1.clone(), r0 - &q * &r1);
        (s0, s1) = (s1.clone(), s0 - &q * &s1);
    }
    (r0 == BigInt::from(1) || m == BigInt::from(1)).then(|| num_integer::Integer::mod_floor(&s0, &m))
}

pub fn no_attribute<T>(object: &Value, name: &str) -> Res<T> {
    let message = match object {
        // (CPython names its C classes with their module here.)
        Value::Task(_) | Value::Future(_) => {
            format!("'_asyncio.{}' object has no attribute '{name}'", object.type_name())
        }
        Value::Type(t) => format!("type object '{}' has no attribute '{name}'", t.name()),
        Value::Class(c) => format!("type object '{}' has no attribute '{name}'", c.name),
        other => format!("'{}' object has no attribute '{name}'", other.type_name()),
    };
    err(ExcType::AttributeError, message)
}

pub fn setattr(object: &Value, name: &str) -> Res<()> {
    match object {
        Value::List(_)
        | Value::Dict(_)
        | Value::Set(_)
        | Value::Str(_)
        | Value::Tuple(_)
        | Value::Int(_)
        | Value::Float(_) => match getattr(object, name) {
            Ok(_) => {
                err(ExcType::AttributeError, format!("'{}' object attribute '{name}' is read-only", object.type_name()))
            }
            Err(_) => no_attribute(object, name),
        },
        other => err(
            ExcType::AttributeError,
            format!("the playground cannot set attributes ('{}' object, '{name}')", other.type_name()),
        ),
    }
}

// ---- operators ----

fn unsupported<T>(op: &str, a: &Value, b: &Value) -> Res<T> {
    err(
        ExcType::TypeError,
        format!("unsupported operand type(s) for {op}: '{}' and '{}'", a.type_name(), b.type_name()),
    )
}

/// Refuses, with a `MemoryError`, a new value of `count` things of type `T` that would take
/// the heap past the playground's limit (see `crate::memory`).
pub fn room<T>(count: usize) -> Res<()> {
    if crate::memory::fits(count.saturating_mul(std::mem::size_of::<T>())) {
        return Ok(());
    }
    err(ExcType::MemoryError, "the value would be larger than the playground allows")
}

fn repeat<T: Clone>(items: &[T], n: i64) -> Res<Vec<T>> {
    let n = n.max(0) as usize;
    room::<T>(items.len().saturating_mul(n))?;
    Ok(items.iter().cloned().cycle().take(items.len() * n).collect())
}

pub fn binop(op: BinOp, a: Value, b: Value) -> Res<Value> {
    use Value::*;
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return int_op(op, x, y);
    }
    if super::big::involved(&a, &b) {
        let (x, y) = (super::big::of(&a).expect("an int"), super::big::of(&b).expect("an int"));
        return super::big::op(op, &x, &y);
    }
    // A dict's keys or items as a set (`d.keys() & {"a"}`, `d1.items() - d2.items()`).
    if matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::Sub | BinOp::BitXor)
        && (set_like_view(&a) || set_like_view(&b))
    {
        let as_set = |v: Value| -> Res<Value> {
            match view_or_set(&v) {
                Some(set) => set,
                Option::None => new_set(interp_free_collect(&v)?),
            }
        };
        return binop(op, as_set(a)?, as_set(b)?);
    }
    if let (Some(x), Some(y)) = (a.as_float(), b.as_float()) {
        return float_op(op, x, y);
    }
    match (op, &a, &b) {
        // `int | None`: a union (`types.UnionType`), which isinstance takes.
        (BinOp::BitOr, Type(_) | Class(_) | None | Object(_), Type(_) | Class(_) | None | Object(_))
            if !matches!((&a, &b), (None, None))
                && super::objects::union_member(&a)
                && super::objects::union_member(&b) =>
        {
            Ok(super::objects::union(a, b))
        }
        (BinOp::Add, Str(x), Str(y)) => {
            room::<u8>(x.len() + y.len())?;
            let mut s = String::with_capacity(x.len() + y.len());
            s.push_str(x);
            s.push_str(y);
            Ok(Str(s.into()))
        }
        (BinOp::Add, Bytes(x), Bytes(y)) => {
            room::<u8>(x.len() + y.len())?;
            Ok(Bytes(x.iter().chain(y.iter()).copied().collect()))
        }
        (BinOp::Add, Bytes(_), other) => {
            err(ExcType::TypeError, format!("can't concat {} to bytes", other.type_name()))
        }
        (BinOp::Mult, Bytes(b), n) | (BinOp::Mult, n, Bytes(b)) if n.as_int().is_some() => {
            let n = n.as_int().expect("checked").max(0) as usize;
            room::<u8>(b.len().saturating_mul(n))?;
            Ok(Bytes(b.repeat(n).into()))
        }
        (BinOp::Add, Str(_), other) => {
            err(ExcType::TypeError, format!("can only concatenate str (not \"{}\") to str", other.type_name()))
        }
        (BinOp::Add, List(x), List(y)) => {
            room::<Value>(x.borrow().len() + y.borrow().len())?;
            let mut items = x.borrow().clone();
            items.extend(y.borrow().iter().cloned());
            Ok(Value::list(items))
        }
        (BinOp::Add, List(_), other) => {
            err(ExcType::TypeError, format!("can only concatenate list (not \"{}\") to list", other.type_name()))
        }
        (BinOp::Add, Tuple(x), Tuple(y)) => {
            room::<Value>(x.len() + y.len())?;
            Ok(Value::tuple(x.iter().chain(y.iter()).cloned().collect()))
        }
        (BinOp::Add, Tuple(_), other) => {
            err(ExcType::TypeError, format!("can only concatenate tuple (not \"{}\") to tuple", other.type_name()))
        }
        (BinOp::Mult, Str(s), n) | (BinOp::Mult, n, Str(s)) if n.as_int().is_some() => {
            let n = n.as_int().expect("checked").max(0) as usize;
            room::<u8>(s.len().saturating_mul(n))?;
            Ok(Str(s.repeat(n).into()))
        }
        (BinOp::Mult, List(items), n) | (BinOp::Mult, n, List(items)) if n.as_int().is_some() => {
            Ok(Value::list(repeat(&items.borrow(), n.as_int().expect("checked"))?))
        }
        (BinOp::Mult, Tuple(items), n) | (BinOp::Mult, n, Tuple(items)) if n.as_int().is_some() => {
            Ok(Value::tuple(repeat(items, n.as_int().expect("checked"))?))
        }
        (BinOp::Mult, Str(_) | Bytes(_) | List(_) | Tuple(_), other)
        | (BinOp::Mult, other, Str(_) | Bytes(_) | List(_) | Tuple(_)) => {
            err(ExcType::TypeError, format!("can't multiply sequence by non-int of type '{}'", other.type_name()))
        }
        (BinOp::Mod, Str(template), args) => percent_format(template, args),
        (BinOp::Mod, Bytes(template), args) => {
            // On the text standing for the bytes, each argument's bytes as their text.
            let args = match args {
                Tuple(items) => Value::tuple(items.iter().map(super::bytes::argument_lenient).collect()),
                one => super::bytes::argument_lenient(one),
            };
            let text: super::value::Str = super::bytes::as_text(template).into();
            percent_format(&text, &args).map(super::bytes::result)
        }
        (BinOp::BitOr, Dict(x), Dict(y)) => {
            let mut d = x.borrow().clone();
            for (k, v) in y.borrow().iter() {
                dict_set(&mut d, k.clone(), v.clone())?;
            }
            Ok(Dict(Rc::new(RefCell::new(d))))
        }
        (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Set(x), Set(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            let items: Vec<Value> = match op {
                BinOp::BitOr => x.keys().into_iter().chain(y.keys()).collect(),
                BinOp::BitAnd => {
                    x.keys().into_iter().filter(|k| k.key().is_some_and(|k| y.get(&k).is_some())).collect()
                }
                BinOp::Sub => x.keys().into_iter().filter(|k| k.key().is_some_and(|k| y.get(&k).is_none())).collect(),
                _ => {
                    let mut v: Vec<Value> =
                        x.keys().into_iter().filter(|k| k.key().is_some_and(|k| y.get(&k).is_none())).collect();
                    v.extend(y.keys().into_iter().filter(|k| k.key().is_some_and(|k| x.get(&k).is_none())));
                    v
                }
            };
            // (A frozenset's operators give frozensets; a set's, sets.)
            let frozen = x.frozen;
            let result = new_set(items)?;
            if let Value::Set(d) = &result {
                d.borrow_mut().frozen = frozen;
            }
            Ok(result)
        }
        _ => unsupported(op.operand_error_symbol(), &a, &b),
    }
}

fn int_op(op: BinOp, x: i64, y: i64) -> Res<Value> {
    // (What overflows an i64 is done again beyond it.)
    let big = || super::big::op(op, &x.into(), &y.into());
    let checked = |v: Option<i64>| v.map(Value::Int).map_or_else(big, Ok);
    match op {
        BinOp::Add => checked(x.checked_add(y)),
        BinOp::Sub => checked(x.checked_sub(y)),
        BinOp::Mult => checked(x.checked_mul(y)),
        BinOp::Div => {
            if y == 0 {
                return err(ExcType::ZeroDivisionError, "division by zero");
            }
            // (Beyond 2**53 an int is not a float exactly: divided exactly, rounded once.)
            const EXACT: u64 = 1 << 53;
            if x.unsigned_abs() > EXACT || y.unsigned_abs() > EXACT {
                return big();
            }
            Ok(Value::Float(x as f64 / y as f64))
        }
        BinOp::FloorDiv => {
            if y == 0 {
                return err(ExcType::ZeroDivisionError, "integer division or modulo by zero");
            }
            checked(x.checked_div_euclid(y).map(|_| floor_div(x, y)))
        }
        BinOp::Mod => {
            if y == 0 {
                return err(ExcType::ZeroDivisionError, "integer modulo by zero");
            }
            Ok(Value::Int(x - y * floor_div(x, y)))
        }
        BinOp::Pow => {
            if y < 0 {
                if x == 0 {
                    return err(ExcType::ZeroDivisionError, "0.0 cannot be raised to a negative power");
                }
                return Ok(Value::Float((x as f64).powf(y as f64)));
            }
            match u32::try_from(y) {
                Ok(y) => checked(x.checked_pow(y)),
                Err(_) => big(),
            }
        }
        BinOp::LShift => {
            if y < 0 {
                return err(ExcType::ValueError, "negative shift count");
            }
            let shifted = if y >= 64 { None } else { x.checked_shl(y as u32).filter(|v| v >> y == x) };
            if x == 0 {
                return Ok(Value::Int(0));
            }
            checked(shifted)
        }
        BinOp::RShift => {
            if y < 0 {
                return err(ExcType::ValueError, "negative shift count");
            }
            Ok(Value::Int(if y >= 64 {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> y
            }))
        }
        BinOp::BitOr => Ok(Value::Int(x | y)),
        BinOp::BitAnd => Ok(Value::Int(x & y)),
        BinOp::BitXor => Ok(Value::Int(x ^ y)),
        BinOp::MatMult => unsupported("@", &Value::Int(x), &Value::Int(y)),
    }
}

fn floor_div(x: i64, y: i64) -> i64 {
    let q = x / y;
    if (x % y != 0) && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    }
}

fn float_op(op: BinOp, x: f64, y: f64) -> Res<Value> {
    let v = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mult => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return err(ExcType::ZeroDivisionError, "float division by zero");
            }
            x / y
        }
        BinOp::FloorDiv | BinOp::Mod => {
            if y == 0.0 {
                let m = if op == BinOp::Mod { "float modulo" } else { "float floor division by zero" };
                return err(ExcType::ZeroDivisionError, m);
            }
            let (div, m) = float_divmod(x, y);
            if op == BinOp::Mod {
                m
            } else {
                div
            }
        }
        BinOp::Pow => {
            if x == 0.0 && y < 0.0 {
                return err(ExcType::ZeroDivisionError, "0.0 cannot be raised to a negative power");
            }
            let v = x.powf(y);
            if v.is_nan() && !x.is_nan() && !y.is_nan() {
                return err(ExcType::ValueError, "complex results are not supported in the playground");
            }
            if v.is_infinite() && x.is_finite() && y.is_finite() {
                return err(ExcType::OverflowError, "(34, 'Numerical result out of range')");
            }
            v
        }
        _ => return unsupported(op.operand_error_symbol(), &Value::Float(x), &Value::Float(y)),
    };
    Ok(Value::Float(v))
}

/// CPython's `float_divmod`.
fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

/// `'%s and %d' % args`.
/// `template % args`, as text.
pub fn percent(template: &str, args: &Value) -> Res<String> {
    Ok(percent_format(template, args)?.to_str())
}

pub fn percent_format(template: &str, args: &Value) -> Res<Value> {
    // `%(name)s` takes its value from a mapping; otherwise the values are a tuple's,
    // or the one value that is not a tuple.
    let mapping = match args {
        Value::Dict(d) => Some(d.clone()),
        _ => None,
    };
    let items: Vec<Value> = match args {
        Value::Tuple(items) => items.to_vec(),
        other => vec![other.clone()],
    };
    let mut used_mapping = false;
    let mut out = String::new();
    let mut args = items.into_iter();
    let mut chars = template.chars().peekable();
    let next_arg = |args: &mut std::vec::IntoIter<Value>| {
        args.next().ok_or_else(|| {
            Unwind::Raise(Exception::with_message(ExcType::TypeError, "not enough arguments for format string"))
        })
    };
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut key = None;
        if chars.peek() == Some(&'(') {
            chars.next();
            let mut depth = 1;
            let mut name = String::new();
            loop {
                let Some(c) = chars.next() else {
                    return err(ExcType::ValueError, "incomplete format key");
                };
                // (The name's own parentheses are part of it.)
                if c == '(' {
                    depth += 1;
                } else if c == ')' {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                name.push(c);
            }
            key = Some(name);
        }
        let mut flags = String::new();
        while let Some(&f) = chars.peek().filter(|c| matches!(c, '-' | '+' | ' ' | '0' | '#')) {
            flags.push(f);
            chars.next();
        }
        let mut width = String::new();
        if chars.peek() == Some(&'*') {
            chars.next();
            width = next_arg(&mut args)?.as_int().map(|w| w.to_string()).unwrap_or_default();
        }
        while let Some(&d) = chars.peek().filter(|c| c.is_ascii_digit()) {
            width.push(d);
            chars.next();
        }
        let mut precision = None;
        if chars.peek() == Some(&'.') {
            chars.next();
            let mut p = String::new();
            if chars.peek() == Some(&'*') {
                chars.next();
                p = next_arg(&mut args)?.as_int().map(|w| w.to_string()).unwrap_or_default();
            }
            while let Some(&d) = chars.peek().filter(|c| c.is_ascii_digit()) {
                p.push(d);
                chars.next();
            }
            precision = Some(p.parse::<usize>().unwrap_or(0));
        }
        let Some(kind) = chars.next() else {
            return err(ExcType::ValueError, "incomplete format");
        };
        if kind == '%' && key.is_none() {
            out.push('%');
            continue;
        }
        let arg = match &key {
            Some(name) => {
                let Some(d) = &mapping else {
                    return err(ExcType::TypeError, "format requires a mapping");
                };
                used_mapping = true;
                match d.borrow().get(&Key::Str(name.as_str().into())) {
                    Some(v) => v.clone(),
                    None => return Err(Unwind::Raise(Exception::new(ExcType::KeyError, vec![Value::str(name)]))),
                }
            }
            None => next_arg(&mut args)?,
        };
        let left = flags.contains('-');
        let zero = flags.contains('0') && !left;
        let sign = if flags.contains('+') {
            "+"
        } else if flags.contains(' ') {
            " "
        } else {
            ""
        };
        let alt = if flags.contains('#') { "#" } else { "" };
        // (An object of a class derived from int or float formats as its number.)
        let arg = match arg.plain_value() {
            Some(plain) if !matches!(kind, 's' | 'r' | 'a') => plain,
            _ => arg,
        };
        let text = match kind {
            's' | 'r' | 'a' => {
                let mut text = if kind == 's' { arg.to_str() } else { arg.repr() };
                if let Some(p) = precision {
                    text = text.chars().take(p).collect();
                }
                Ok(text)
            }
            'c' => match &arg {
                Value::Str(s) if s.chars().count() == 1 => Ok(s.to_string()),
                v => match v.as_int().and_then(|n| u32::try_from(n).ok()).and_then(char::from_u32) {
                    Some(c) => Ok(c.to_string()),
                    None => return err(ExcType::TypeError, "%c requires an int or a unicode character"),
                },
            },
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                let n = match &arg {
                    Value::Float(x) if matches!(kind, 'd' | 'i' | 'u') => {
                        super::big::from_float(*x).map_or(Value::Int(0), super::big::value)
                    }
                    v if super::big::is_int(v) => v.clone(),
                    v => {
                        let what = if matches!(kind, 'd' | 'i' | 'u') {
                            format!("%{kind} format: a real number is required, not {}", v.type_name())
                        } else {
                            format!("%{kind} format: an integer is required, not {}", v.type_name())
                        };
                        return err(ExcType::TypeError, what);
                    }
                };
                let radix = match kind {
                    'o' => 8,
                    'x' | 'X' => 16,
                    _ => 10,
                };
                let (mut digits, negative) = super::format::int_digits(&n, radix);
                let prefix = match kind {
                    'o' => "0o",
                    'x' => "0x",
                    'X' => {
                        digits = digits.to_ascii_uppercase();
                        "0X"
                    }
                    _ => "",
                };
                if let Some(p) = precision {
                    while digits.len() < p {
                        digits.insert(0, '0');
                    }
                }
                let sign = if negative { "-" } else { sign };
                let head = format!("{sign}{}", if alt.is_empty() { "" } else { prefix });
                let width: usize = width.parse().unwrap_or(0);
                let pad = width.saturating_sub(head.len() + digits.len());
                Ok(if left {
                    format!("{head}{digits}{}", " ".repeat(pad))
                } else if zero {
                    format!("{head}{}{digits}", "0".repeat(pad))
                } else {
                    format!("{}{head}{digits}", " ".repeat(pad))
                })
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let Some(x) = arg.as_float() else {
                    return err(ExcType::TypeError, format!("must be real number, not {}", arg.type_name()));
                };
                let spec = {
                    let align = if left { "<" } else { "" };
                    let zero = if zero { "0" } else { "" };
                    format!("{align}{sign}{alt}{zero}{width}.{}{kind}", precision.unwrap_or(6))
                };
                format::format(&Value::Float(x), &spec)
            }
            other => {
                return err(
                    ExcType::ValueError,
                    format!("unsupported format character '{other}' (0x{:x}) at index {}", other as u32, out.len()),
                )
            }
        };
        let text = text.map_err(|m| Unwind::Raise(Exception::with_message(ExcType::TypeError, m)))?;
        // Strings are padded here: numbers were padded by their spec.
        let width: usize = width.parse().unwrap_or(0);
        let pad = width.saturating_sub(text.chars().count());
        if matches!(kind, 's' | 'r' | 'a' | 'c') && pad > 0 {
            if left {
                out.push_str(&text);
                out.extend(std::iter::repeat_n(' ', pad));
            } else {
                out.extend(std::iter::repeat_n(' ', pad));
                out.push_str(&text);
            }
        } else {
            out.push_str(&text);
        }
    }
    if !used_mapping && args.next().is_some() && mapping.is_none() {
        return err(ExcType::TypeError, "not all arguments converted during string formatting");
    }
    Ok(Value::Str(out.into()))
}

pub fn unaryop(op: UnaryOp, a: Value) -> Res<Value> {
    match (op, &a) {
        (UnaryOp::Not, v) => Ok(Value::Bool(!v.truthy())),
        (UnaryOp::USub, v) if v.as_int().is_some() => {
            let n = v.as_int().expect("checked");
            Ok(n.checked_neg().map_or_else(|| super::big::value(-num_bigint::BigInt::from(n)), Value::Int))
        }
        (UnaryOp::USub, Value::Big(n)) => Ok(super::big::value(-(**n).clone())),
        (UnaryOp::UAdd, Value::Big(_)) => Ok(a.clone()),
        (UnaryOp::Invert, Value::Big(n)) => Ok(super::big::value(!(**n).clone())),
        (UnaryOp::USub, Value::Float(x)) => Ok(Value::Float(-x)),
        (UnaryOp::UAdd, v) if v.as_int().is_some() => Ok(Value::Int(v.as_int().expect("checked"))),
        (UnaryOp::UAdd, Value::Float(x)) => Ok(Value::Float(*x)),
        (UnaryOp::Invert, v) if v.as_int().is_some() => Ok(Value::Int(!v.as_int().expect("checked"))),
        _ => {
            let symbol = match op {
                UnaryOp::USub => "-",
                UnaryOp::UAdd => "+",
                _ => "~",
            };
            err(ExcType::TypeError, format!("bad operand type for unary {symbol}: '{}'", a.type_name()))
        }
    }
}

/// Orders two values as `<` does, or says they cannot be ordered.
pub fn order(interp: &Rc<Interp>, op: &str, a: &Value, b: &Value) -> Res<Ordering> {
    if let (Value::Object(x), Value::Object(y)) = (a, b) {
        use super::objects::Obj;
        if let (Obj::CmpToKey(f, Some(x)), Obj::CmpToKey(_, Some(y))) = (&**x, &**y) {
            // `cmp_to_key(f)`: f(x, y) below, at or above zero.
            let r = interp.call_value(f.clone(), vec![x.clone(), y.clone()], Vec::new())?;
            return order(interp, op, &r, &Value::Int(0));
        }
    }
    if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) {
        // By `<` (reflected, `>`) as the classes define it.
        let lt = |x: &Value, y: &Value| -> Res<bool> {
            match interp.rich_compare(CmpOp::Lt, x, y) {
                Err(Unwind::Raise(e)) if e.kind == ExcType::TypeError => err(
                    ExcType::TypeError,
                    format!("'{op}' not supported between instances of '{}' and '{}'", a.type_name(), b.type_name()),
                ),
                other => Ok(other?.unwrap_or(false)),
            }
        };
        return Ok(if lt(a, b)? {
            Ordering::Less
        } else if lt(b, a)? {
            Ordering::Greater
        } else {
            Ordering::Equal
        });
    }
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Ok(x.cmp(&y));
    }
    if super::big::involved(a, b) {
        return Ok(super::big::of(a).cmp(&super::big::of(b)));
    }
    if let (Some(x), Some(y)) = (a.as_float(), b.as_float()) {
        return Ok(x.partial_cmp(&y).unwrap_or(Ordering::Equal));
    }
    let sequences = |x: &[Value], y: &[Value]| -> Res<Ordering> {
        for (p, q) in x.iter().zip(y) {
            if !(p.is(q) || p.equals(q)) {
                return order(interp, op, p, q);
            }
        }
        Ok(x.len().cmp(&y.len()))
    };
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Ok(x.cmp(y)),
        (Value::Bytes(x), Value::Bytes(y)) => Ok(x.cmp(y)),
        (Value::List(x), Value::List(y)) => sequences(&x.borrow(), &y.borrow()),
        (Value::Tuple(x), Value::Tuple(y)) => sequences(x, y),
        _ => err(
            ExcType::TypeError,
            format!("'{op}' not supported between instances of '{}' and '{}'", a.type_name(), b.type_name()),
        ),
    }
}

fn contains(interp: &Rc<Interp>, container: &Value, item: &Value) -> Res<bool> {
    match container {
        Value::Instance(i) => interp.instance_contains(i, item),
        Value::Class(c) if c.meta_method("__contains__").is_some() => {
            Ok(c.meta_special("__contains__", vec![item.clone()]).expect("checked")?.truthy())
        }
        Value::Bytes(b) => match item {
            Value::Bytes(sub) => Ok(sub.is_empty() || b.windows(sub.len()).any(|w| w == &**sub)),
            v if v.as_int().is_some() => match v.as_int().expect("checked") {
                n @ 0..=255 => Ok(b.contains(&(n as u8))),
                _ => err(ExcType::ValueError, "byte must be in range(0, 256)"),
            },
            other => err(ExcType::TypeError, format!("a bytes-like object is required, not '{}'", other.type_name())),
        },
        Value::Str(s) => match item {
            Value::Str(sub) => Ok(s.contains(&**sub)),
            other => err(
                ExcType::TypeError,
                format!("'in <string>' requires string as left operand, not {}", other.type_name()),
            ),
        },
        Value::List(items) => Ok(items.borrow().iter().any(|x| x.is(item) || x.equals(item))),
        Value::Tuple(items) => Ok(items.iter().any(|x| x.is(item) || x.equals(item))),
        Value::Dict(d) | Value::Set(d) => Ok(d.borrow().get(&key_of(item)?).is_some()),
        Value::Object(o) if o.view_items().is_some() => {
            use super::objects::{Obj, ViewKind};
            let Obj::DictView(kind, d) = &**o else { unreachable!("a view") };
            match (kind, item) {
                (ViewKind::Keys, _) => Ok(d.borrow().get(&key_of(item)?).is_some()),
                (ViewKind::Items, Value::Tuple(pair)) if pair.len() == 2 => {
                    let found = match pair[0].key() {
                        Some(k) => d.borrow().get(&k).cloned(),
                        None => None,
                    };
                    Ok(found.is_some_and(|v| v.is(&pair[1]) || v.equals(&pair[1])))
                }
                (ViewKind::Items, _) => Ok(false),
                (ViewKind::Values, _) => {
                    Ok(o.view_items().expect("a view").iter().any(|v| v.is(item) || v.equals(item)))
                }
            }
        }
        Value::Range(r) => Ok(match item.as_int() {
            Some(n) => {
                let (start, stop, step) = (r.start, r.stop, r.step);
                let within = if step > 0 { start <= n && n < stop } else { stop < n && n <= start };
                within && (n - start) % step == 0
            }
            None => false,
        }),
        Value::Iterator(_) | Value::Generator(_) => {
            // Consumed up to the item, as Python's `in` does.
            let it = interp.iter_of(container.clone())?;
            while let Some(x) = interp.next_of(&it)? {
                if x.is(item) || x.equals(item) {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        other => err(ExcType::TypeError, format!("argument of type '{}' is not iterable", other.type_name())),
    }
}

pub fn compare(interp: &Rc<Interp>, op: CmpOp, a: &Value, b: &Value) -> Res<bool> {
    if let Some(result) = interp.rich_compare(op, a, b)? {
        return Ok(result);
    }
    Ok(match op {
        CmpOp::Eq => a.equals(b),
        CmpOp::NotEq => !a.equals(b),
        CmpOp::Is => a.is(b),
        CmpOp::IsNot => !a.is(b),
        CmpOp::In => contains(interp, b, a)?,
        CmpOp::NotIn => !contains(interp, b, a)?,
        // Sets by inclusion: `a <= b` is a subset.
        CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE if matches!((a, b), (Value::Set(_), Value::Set(_))) => {
            let (Value::Set(x), Value::Set(y)) = (a, b) else { unreachable!("sets") };
            let within = |x: &Rc<RefCell<Dict>>, y: &Rc<RefCell<Dict>>| {
                let y = y.borrow();
                x.borrow().set_keys().iter().all(|k| key_of(k).is_ok_and(|k| y.get(&k).is_some()))
            };
            let (lx, ly) = (x.borrow().len(), y.borrow().len());
            match op {
                CmpOp::Lt => lx < ly && within(x, y),
                CmpOp::LtE => within(x, y),
                CmpOp::Gt => lx > ly && within(y, x),
                _ => within(y, x),
            }
        }
        CmpOp::Lt => {
            if let (Value::Float(x), Value::Float(y)) = (a, b) {
                return Ok(x < y);
            }
            order(interp, "<", a, b)? == Ordering::Less
        }
        CmpOp::LtE => {
            if let (Value::Float(x), Value::Float(y)) = (a, b) {
                return Ok(x <= y);
            }
            order(interp, "<=", a, b)? != Ordering::Greater
        }
        CmpOp::Gt => {
            if let (Value::Float(x), Value::Float(y)) = (a, b) {
                return Ok(x > y);
            }
            order(interp, ">", a, b)? == Ordering::Greater
        }
        CmpOp::GtE => {
            if let (Value::Float(x), Value::Float(y)) = (a, b) {
                return Ok(x >= y);
            }
            order(interp, ">=", a, b)? != Ordering::Less
        }
    })
}

// ---- calls ----

/// Arguments as a builtin receives them, with helpers that name the function in errors.
struct Args<'a> {
    name: &'a str,
    args: Vec<Value>,
    kwargs: Vec<(Str, Value)>,
}

impl Args<'_> {
    fn count(&self, min: usize, max: usize) -> Res<()> {
        let n = self.args.len();
        if n >= min && n <= max {
            return Ok(());
        }
        let name = self.name;
        if min == max {
            let plural = if min == 1 { "" } else { "s" };
            if min == 0 {
                return err(ExcType::TypeError, format!("{name}() takes no arguments ({n} given)"));
            }
            return err(ExcType::TypeError, format!("{name}() takes exactly {min} argument{plural} ({n} given)"));
        }
        if n < min {
            let plural = if min == 1 { "" } else { "s" };
            return err(ExcType::TypeError, format!("{name}() takes at least {min} argument{plural} ({n} given)"));
        }
        let plural = if max == 1 { "" } else { "s" };
        err(ExcType::TypeError, format!("{name}() takes at most {max} argument{plural} ({n} given)"))
    }

    fn kwarg(&mut self, key: &str) -> Option<Value> {
        let i = self.kwargs.iter().position(|(k, _)| &**k == key)?;
        Some(self.kwargs.remove(i).1)
    }

    fn no_kwargs(&self) -> Res<()> {
        match self.kwargs.first() {
            None => Ok(()),
            Some((k, _)) => {
                err(ExcType::TypeError, format!("{}() got an unexpected keyword argument '{k}'", self.name))
            }
        }
    }

    fn int(&self, i: usize) -> Res<i64> {
        let v = &self.args[i];
        v.as_int().map_or_else(
            || err(ExcType::TypeError, format!("'{}' object cannot be interpreted as an integer", v.type_name())),
            Ok,
        )
    }

    fn str(&self, i: usize) -> Res<Str> {
        match &self.args[i] {
            Value::Str(s) => Ok(s.clone()),
            other => {
                err(ExcType::TypeError, format!("{}() argument must be str, not {}", self.name, other.type_name()))
            }
        }
    }
}

/// Calls builtin `b`, a method if `this` is its object.
pub fn call(
    interp: &Rc<Interp>,
    b: Builtin,
    this: Option<Value>,
    args: Vec<Value>,
    kwargs: Vec<(Str, Value)>,
) -> Res<Value> {
    let name = b.name();
    let mut a = Args { name, args, kwargs };
    if b == Builtin::Unavailable {
        // (However it was reached: bound or not, its arguments are not a method's.)
        return err(ExcType::NotImplementedError, "this part of asyncio and time needs the event loop");
    }
    if let Some(this) = this {
        if matches!(this, Value::None) {
            // Unbound (`str.lower(x)`): the object is the first argument.
            if a.args.is_empty() {
                return err(ExcType::TypeError, format!("unbound method {name}() needs an argument"));
            }
            let this = a.args.remove(0);
            return method(interp, b, this, a);
        }
        return method(interp, b, this, a);
    }
    match b {
        Builtin::Print => {
            let sep = match a.kwarg("sep") {
                None | Some(Value::None) => " ".to_owned(),
                Some(Value::Str(s)) => s.to_string(),
                Some(other) => {
                    return err(ExcType::TypeError, format!("sep must be None or a string, not {}", other.type_name()))
                }
            };
            let end = match a.kwarg("end") {
                None | Some(Value::None) => "\n".to_owned(),
                Some(Value::Str(s)) => s.to_string(),
                Some(other) => {
                    return err(ExcType::TypeError, format!("end must be None or a string, not {}", other.type_name()))
                }
            };
            a.kwarg("flush");
            let file = a.kwarg("file");
            a.no_kwargs()?;
            let text: Vec<String> = a.args.iter().map(Value::to_str).collect();
            // (A `__str__` that raised: nothing is printed.)
            let kept = interp.take_kept();
            if let Some(e) = kept {
                return Err(e);
            }
            let file = match file {
                None | Some(Value::None) => interp.streams.borrow()[0].clone(),
                given => given,
            };
            // A stream whose `write` the program replaced, or an object of its own: its
            // `write` called for each piece (each value, separator and the end), as
            // CPython's print calls it.
            let replaced = |to_stderr: bool| interp.stream_writes.borrow()[usize::from(to_stderr)].clone();
            let write = match &file {
                None | Some(Value::None) => replaced(false),
                Some(Value::Object(o)) => match &**o {
                    super::objects::Obj::Stream(to_stderr) => replaced(*to_stderr),
                    _ => Some(interp.load_attr(file.as_ref().expect("given"), "write")?),
                },
                Some(other) => Some(interp.load_attr(other, "write")?),
            };
            if let Some(write) = write {
                for (i, piece) in text.iter().enumerate() {
                    if i > 0 {
                        interp.call_value(write.clone(), vec![Value::str(&sep)], Vec::new())?;
                    }
                    interp.call_value(write.clone(), vec![Value::str(piece)], Vec::new())?;
                }
                interp.call_value(write, vec![Value::str(&end)], Vec::new())?;
                return Ok(Value::None);
            }
            let text = text.join(&sep) + &end;
            match file {
                None | Some(Value::None) => interp.write(&text)?,
                Some(Value::Object(o)) if matches!(&*o, super::objects::Obj::Stream(true)) => {
                    interp.write_stderr_text(&text)?;
                }
                Some(Value::Object(o)) if matches!(&*o, super::objects::Obj::Stream(false)) => interp.write(&text)?,
                // Any object with a `write` method (a class of the program's).
                Some(other) => {
                    let write = interp.load_attr(&other, "write")?;
                    interp.call_value(write, vec![Value::str(&text)], Vec::new())?;
                }
            }
            Ok(Value::None)
        }
        Builtin::Len => {
            a.count(1, 1)?;
            let n = match &a.args[0] {
                Value::Str(s) => s.chars().count(),
                Value::Bytes(b) => b.len(),
                Value::List(l) => l.borrow().len(),
                Value::Tuple(t) => t.len(),
                Value::Dict(d) | Value::Set(d) => d.borrow().len(),
                Value::Object(o) if matches!(&**o, super::objects::Obj::DictView(..)) => {
                    let super::objects::Obj::DictView(_, d) = &**o else { unreachable!("a view") };
                    d.borrow().len()
                }
                Value::Range(r) => r.len() as usize,
                Value::Instance(i) if i.class.lookup("__len__").is_some() => {
                    return Ok(Value::Int(interp.instance_len(i)?.unwrap_or(0)));
                }
                Value::Class(c) if c.meta_method("__len__").is_some() => {
                    return c.meta_special("__len__", Vec::new()).expect("checked");
                }
                other => {
                    return err(ExcType::TypeError, format!("object of type '{}' has no len()", other.type_name()))
                }
            };
            Ok(Value::Int(n as i64))
        }
        Builtin::Enumerate => {
            let start = a.kwarg("start").map_or(Ok(0), |v| {
                v.as_int().map_or_else(|| err(ExcType::TypeError, "'start' must be an integer"), Ok)
            })?;
            a.count(1, 2)?;
            let start = if a.args.len() == 2 { a.int(1)? } else { start };
            let source = interp.iter_of(a.args[0].clone())?;
            Ok(Value::Iterator(Rc::new(RefCell::new(Iter::Enumerate(source, start)))))
        }
        Builtin::Zip => {
            let strict = a.kwarg("strict").is_some_and(|v| v.truthy());
            a.no_kwargs()?;
            let sources: Vec<Value> = a.args.iter().map(|v| interp.iter_of(v.clone())).collect::<Res<_>>()?;
            Ok(Value::Iterator(Rc::new(RefCell::new(Iter::Zip(sources, strict)))))
        }
        Builtin::Sorted => {
            let key = a.kwarg("key");
            let reverse = a.kwarg("reverse").is_some_and(|v| v.truthy());
            a.no_kwargs()?;
            a.count(1, 1)?;
            let items = interp.collect(&a.args[0])?;
            Ok(Value::list(sort(interp, items, key, reverse)?))
        }
        Builtin::Reversed => {
            a.count(1, 1)?;
            if let Value::Range(r) = &a.args[0] {
                let (start, stop, step) = (r.start, r.stop, r.step);
                let n = range_len(start, stop, step);
                let last = start + (n - 1) * step;
                return Ok(Value::Iterator(Rc::new(RefCell::new(Iter::Range {
                    next: last,
                    stop: start - step,
                    step: -step,
                }))));
            }
            let mut items = match &a.args[0] {
                v @ (Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Dict(_)) => interp.collect(v)?,
                v @ Value::Instance(i) if i.class.lookup("__reversed__").is_some() => {
                    let method = interp.load_attr(v, "__reversed__")?;
                    return interp.call_value(method, Vec::new(), Vec::new());
                }
                Value::Class(c) if c.meta_method("__reversed__").is_some() => {
                    return c.meta_special("__reversed__", Vec::new()).expect("checked");
                }
                // The sequence protocol: `obj[len(obj) - 1]` down to `obj[0]`.
                Value::Instance(i)
                    if i.class.lookup("__len__").is_some() && i.class.lookup("__getitem__").is_some() =>
                {
                    let n = interp.instance_len(i)?.unwrap_or(0);
                    let mut items = Vec::with_capacity(n as usize);
                    for at in (0..n).rev() {
                        items.push(interp.subscript(a.args[0].clone(), Value::Int(at))?);
                    }
                    return Ok(iterator(items, &"reversed"));
                }
                other => return err(ExcType::TypeError, format!("'{}' object is not reversible", other.type_name())),
            };
            items.reverse();
            let name = match &a.args[0] {
                Value::List(_) => &"list_reverseiterator",
                Value::Range(_) => &"range_iterator",
                Value::Dict(_) => &"dict_reversekeyiterator",
                _ => &"reversed",
            };
            Ok(iterator(items, name))
        }
        Builtin::Min | Builtin::Max => {
            let key = a.kwarg("key");
            let default = a.kwarg("default");
            a.no_kwargs()?;
            if a.args.is_empty() {
                return err(ExcType::TypeError, format!("{name} expected at least 1 argument, got 0"));
            }
            let items = if a.args.len() == 1 { interp.collect(&a.args[0])? } else { a.args.clone() };
            if items.is_empty() {
                return default
                    .map_or_else(|| err(ExcType::ValueError, format!("{name}() arg is an empty sequence")), Ok);
            }
            let keys = keys_of(interp, &items, key.as_ref())?;
            let mut best = 0;
            for i in 1..items.len() {
                let ord = order(interp, if b == Builtin::Min { "<" } else { ">" }, &keys[i], &keys[best])?;
                if (b == Builtin::Min && ord == Ordering::Less) || (b == Builtin::Max && ord == Ordering::Greater) {
                    best = i;
                }
            }
            Ok(items[best].clone())
        }
        Builtin::Sum => {
            let start = a.kwarg("start");
            a.no_kwargs()?;
            a.count(1, 2)?;
            let mut total = start.or_else(|| a.args.get(1).cloned()).unwrap_or(Value::Int(0));
            if let Value::Str(_) = total {
                return err(ExcType::TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
            }
            for item in interp.collect(&a.args[0])? {
                total = match interp.instance_binop(BinOp::Add, &total, &item)? {
                    Some(v) => v,
                    None => binop(BinOp::Add, total, item)?,
                };
            }
            Ok(total)
        }
        Builtin::Abs => {
            a.count(1, 1)?;
            if let Value::Instance(i) = &a.args[0] {
                if let Some(result) = i.special("__abs__", Vec::new()) {
                    return result;
                }
            }
            match &a.args[0] {
                Value::Float(x) => Ok(Value::Float(x.abs())),
                v if v.as_int().is_some() => {
                    let n = v.as_int().expect("checked");
                    Ok(n.checked_abs().map_or_else(
                        || super::big::value(num_bigint::BigInt::from(n).magnitude().clone().into()),
                        Value::Int,
                    ))
                }
                Value::Big(n) => Ok(super::big::value(n.magnitude().clone().into())),
                other => err(ExcType::TypeError, format!("bad operand type for abs(): '{}'", other.type_name())),
            }
        }
        Builtin::Round => {
            let ndigits = a.kwarg("ndigits");
            a.no_kwargs()?;
            a.count(1, 2)?;
            let ndigits = ndigits.or_else(|| a.args.get(1).cloned()).filter(|v| !matches!(v, Value::None));
            // An object's own `__round__`, given `ndigits` if it was.
            if let Value::Instance(i) = &a.args[0] {
                if let Some(result) = i.special("__round__", ndigits.clone().into_iter().collect()) {
                    return result;
                }
            }
            round(&a.args[0], ndigits)
        }
        Builtin::Repr => {
            a.count(1, 1)?;
            Ok(Value::Str(a.args[0].repr().into()))
        }
        // `ascii(x)`: the repr, with what is not ASCII escaped.
        Builtin::Ascii => {
            a.count(1, 1)?;
            let mut out = String::new();
            for c in a.args[0].repr().chars() {
                match c as u32 {
                    0..=0x7f => out.push(c),
                    n @ 0..=0xff => out.push_str(&format!("\\x{n:02x}")),
                    n @ 0..=0xffff => out.push_str(&format!("\\u{n:04x}")),
                    n => out.push_str(&format!("\\U{n:08x}")),
                }
            }
            Ok(Value::str(&out))
        }
        Builtin::IsInstance => {
            a.count(2, 2)?;
            typing_as_class(interp, &mut a.args[1])?;
            let t = a.args[0].type_of();
            let object = &a.args[0];
            let check = |class: &Value| -> Res<bool> {
                // A metaclass's `__instancecheck__` decides (collections.abc's classes).
                if let Value::Class(c) = class {
                    if let Some(result) = c.meta_special("__instancecheck__", vec![object.clone()]) {
                        return Ok(result?.truthy());
                    }
                }
                match class {
                    // A `@runtime_checkable` protocol: an object with all its members is one.
                    Value::Class(c) if c.dict.borrow().get(&Key::Str("_is_runtime_protocol".into())).is_some() => {
                        let members: Vec<String> = c
                            .dict
                            .borrow()
                            .keys()
                            .into_iter()
                            .filter_map(|k| match k {
                                Value::Str(name) if !name.starts_with('_') => Some(name.to_string()),
                                _ => None,
                            })
                            .collect();
                        for name in members {
                            match interp.load_attr(object, &name) {
                                Ok(_) => {}
                                Err(Unwind::Raise(e)) if e.kind.is_subclass(ExcType::AttributeError) => {
                                    return Ok(false)
                                }
                                Err(e) => return Err(e),
                            }
                        }
                        Ok(true)
                    }
                    Value::Class(c) => Ok(match object {
                        Value::Instance(i) => i.class.is_subclass(c),
                        Value::Exception(e) => e.class.as_ref().is_some_and(|k| k.is_subclass(c)),
                        // A class is an instance of its metaclass.
                        Value::Class(k) => k.metaclass.as_ref().is_some_and(|m| m.is_subclass(c)),
                        _ => false,
                    }),
                    // A class derived from dict, list, str, int, float or tuple, a str or int
                    // enum: see `derives_from`.
                    Value::Type(c @ (Type::Dict | Type::List | Type::Str | Type::Int | Type::Float | Type::Tuple))
                        if matches!(object, Value::Instance(_)) =>
                    {
                        Ok(matches!(object, Value::Instance(i) if derives_from(&i.class, *c)))
                    }
                    Value::Type(c) => Ok(t.is_subtype(*c)),
                    // The descriptors' types, which the playground makes as functions do.
                    Value::Builtin(b @ (Builtin::Property | Builtin::StaticMethod | Builtin::ClassMethod)) => {
                        Ok(object.type_name() == b.name())
                    }
                    // asyncio's classes made in Rust (`asyncio.Future`, `asyncio.Lock`).
                    Value::Asyncio(f) if f.name().starts_with(|c: char| c.is_ascii_uppercase()) => Ok(match f.name() {
                        // (A class derived from one of them stands on asyncio's Python base.)
                        "Future" | "Task" if matches!(object, Value::Instance(_)) => {
                            let base = if f.name() == "Task" { "_TaskSubclass" } else { "_FutureSubclass" };
                            matches!(object, Value::Instance(i) if i.class.stands_on(base))
                        }
                        // (gather's outcome is a future, `_GatheringFuture`.)
                        "Future" => {
                            matches!(t, Type::Future | Type::Task)
                                || matches!(object, Value::Native(n) if n.gathered.is_some())
                        }
                        name => t.name() == name,
                    }),
                    Value::Object(o) => match &**o {
                        super::objects::Obj::Alias(a) if a.typing.is_some() => err(
                            ExcType::TypeError,
                            "Subscripted generics cannot be used with class and instance checks",
                        ),
                        super::objects::Obj::Alias(_) => {
                            err(ExcType::TypeError, "isinstance() argument 2 cannot be a parameterized generic")
                        }
                        _ => err(ExcType::TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union"),
                    },
                    _ => err(ExcType::TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union"),
                }
            };
            any_class(&a.args[1], check)
        }
        Builtin::HasAttr | Builtin::GetAttr | Builtin::SetAttr => {
            let name = b.name();
            let (min, max) = match b {
                Builtin::HasAttr => (2, 2),
                Builtin::GetAttr => (2, 3),
                _ => (3, 3),
            };
            let n = a.args.len();
            if n < min || n > max {
                let message = match (min == max, n < min) {
                    (true, _) => format!("{name} expected {min} arguments, got {n}"),
                    (false, true) => format!("{name} expected at least {min} arguments, got {n}"),
                    (false, false) => format!("{name} expected at most {max} arguments, got {n}"),
                };
                return err(ExcType::TypeError, message);
            }
            let Value::Str(attr) = &a.args[1] else {
                return err(ExcType::TypeError, "attribute name must be string");
            };
            if b == Builtin::SetAttr {
                let value = a.args[2].clone();
                interp.store_attr(&a.args[0], attr, value)?;
                return Ok(Value::None);
            }
            match interp.load_attr(&a.args[0], attr) {
                Ok(v) if b == Builtin::GetAttr => Ok(v),
                Ok(_) => Ok(Value::Bool(true)),
                Err(Unwind::Raise(e)) if e.kind.is_subclass(ExcType::AttributeError) => match (b, a.args.get(2)) {
                    (Builtin::HasAttr, _) => Ok(Value::Bool(false)),
                    (_, Some(default)) => Ok(default.clone()),
                    _ => Err(Unwind::Raise(e)),
                },
                Err(e) => Err(e),
            }
        }
        Builtin::DelAttr => {
            a.count(2, 2)?;
            let Value::Str(attr) = &a.args[1] else {
                return err(ExcType::TypeError, "attribute name must be string");
            };
            interp.delete_attr(&a.args[0], attr)?;
            Ok(Value::None)
        }
        Builtin::MakeTrans => {
            // `str.maketrans(mapping)` or `str.maketrans(from, to[, delete])`: a dict
            // from code points to code points, texts or None.
            a.count(1, 3)?;
            let mut table = Dict::default();
            let point = |c: char| Value::Int(i64::from(u32::from(c)));
            match &a.args[..] {
                [Value::Dict(d)] => {
                    for (k, v) in d.borrow().iter() {
                        let key = match &k {
                            Value::Str(s) if s.chars().count() == 1 => point(s.chars().next().expect("one")),
                            Value::Int(_) => k.clone(),
                            _ => return err(ExcType::ValueError, "string keys in translate table must be of length 1"),
                        };
                        dict_set(&mut table, key, v.clone())?;
                    }
                }
                [_] => return err(ExcType::TypeError, "if you give only one argument to maketrans it must be a dict"),
                [from, to, rest @ ..] => {
                    let (Value::Str(from), Value::Str(to)) = (from, to) else {
                        return err(ExcType::TypeError, "maketrans() argument 2 must be str");
                    };
                    if from.chars().count() != to.chars().count() {
                        return err(ExcType::ValueError, "the first two maketrans arguments must have equal length");
                    }
                    for (f, t) in from.chars().zip(to.chars()) {
                        dict_set(&mut table, point(f), point(t))?;
                    }
                    if let Some(Value::Str(delete)) = rest.first() {
                        for c in delete.chars() {
                            dict_set(&mut table, point(c), Value::None)?;
                        }
                    }
                }
                [] => unreachable!("counted"),
            }
            Ok(Value::Dict(Rc::new(RefCell::new(table))))
        }
        Builtin::FromBytes => int_from_bytes(interp, a),
        Builtin::FromHex => bytes_fromhex(a),
        Builtin::FloatFromHex => {
            a.no_kwargs()?;
            a.count(1, 1)?;
            let Value::Str(text) = &a.args[0] else {
                return err(ExcType::TypeError, format!("must be str, not {}", a.args[0].type_name()));
            };
            match float_from_hex(text) {
                Some(Ok(x)) => Ok(Value::Float(x)),
                Some(Err(())) => err(ExcType::OverflowError, "hexadecimal value too large to represent as a float"),
                None => err(ExcType::ValueError, "invalid hexadecimal floating-point string"),
            }
        }
        Builtin::FromKeys => {
            // `dict.fromkeys(keys, value=None)`.
            a.count(1, 2)?;
            let value = a.args.get(1).cloned().unwrap_or(Value::None);
            let mut d = Dict::default();
            for key in interp.collect(&a.args[0])? {
                dict_set(&mut d, key, value.clone())?;
            }
            Ok(Value::Dict(Rc::new(RefCell::new(d))))
        }
        Builtin::Locals | Builtin::Globals => {
            // (Called from Python, the machine answers with the running frame's.)
            err(ExcType::RuntimeError, format!("{}() needs the frame that calls it", b.name()))
        }
        Builtin::Eval | Builtin::Exec | Builtin::Compile | Builtin::Import => {
            match interp.text_call(None, b, a.args, a.kwargs)? {
                super::vm::TextCall::Run(function, args) => {
                    interp.call_value(Value::Function(function), args, Vec::new())
                }
                super::vm::TextCall::Done(value) => Ok(value),
            }
        }
        Builtin::Dir => dir_of(interp, a),
        Builtin::Vars => {
            a.count(1, 1)?;
            match &a.args[0] {
                Value::Instance(i) => Ok(Value::Dict(i.dict.clone())),
                Value::Class(c) => Ok(Value::Dict(Rc::new(RefCell::new(c.dict.borrow().clone())))),
                // A module's namespace (`env.update(vars(math))`), as it stands now.
                module @ Value::Module(_) => {
                    let mut d = Dict::default();
                    let mut names = attribute_names(interp, module);
                    names.sort();
                    names.dedup();
                    for name in names {
                        match interp.load_attr(module, &name) {
                            Ok(value) => dict_set(&mut d, Value::Str(name), value)?,
                            Err(Unwind::Raise(e)) if e.kind.is_subclass(ExcType::AttributeError) => {}
                            Err(other) => return Err(other),
                        }
                    }
                    Ok(Value::Dict(Rc::new(RefCell::new(d))))
                }
                _ => err(ExcType::TypeError, "vars() argument must have __dict__ attribute"),
            }
        }
        Builtin::IsSubclass => {
            a.count(2, 2)?;
            typing_as_class(interp, &mut a.args[1])?;
            let derived = &a.args[0];
            if !matches!(derived, Value::Class(_) | Value::Type(_)) {
                return err(ExcType::TypeError, "issubclass() arg 1 must be a class");
            }
            let check = |class: &Value| -> Res<bool> {
                if let Value::Class(c) = class {
                    if let Some(result) = c.meta_special("__subclasscheck__", vec![derived.clone()]) {
                        return Ok(result?.truthy());
                    }
                }
                match (derived, class) {
                    (Value::Class(d), Value::Class(c)) => Ok(d.is_subclass(c)),
                    (Value::Class(_), Value::Type(Type::Object(&"object"))) => Ok(true),
                    (Value::Class(d), Value::Type(Type::Exception(k))) => {
                        Ok(d.exception.is_some_and(|e| e.is_subclass(*k)))
                    }
                    (Value::Class(d), Value::Type(t)) => Ok(derives_from(d, *t)),
                    (Value::Type(d), Value::Type(c)) => Ok(d.is_subtype(*c)),
                    (Value::Type(_), Value::Class(_)) => Ok(false),
                    _ => err(ExcType::TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union"),
                }
            };
            any_class(&a.args[1], check)
        }
        Builtin::Iter => {
            a.count(1, 2)?;
            if a.args.len() == 2 {
                if !is_callable(&a.args[0]) {
                    return err(ExcType::TypeError, "iter(v, w): v must be callable");
                }
                let items = super::value::Iter::Callable(a.args[0].clone(), a.args[1].clone());
                return Ok(Value::Iterator(Rc::new(RefCell::new(items))));
            }
            interp.iter_of(a.args[0].clone())
        }
        Builtin::Next => {
            a.count(1, 2)?;
            if !matches!(&a.args[0], Value::Iterator(_) | Value::Generator(_))
                && !matches!(&a.args[0], Value::Instance(i) if i.class.lookup("__next__").is_some())
            {
                return err(ExcType::TypeError, format!("'{}' object is not an iterator", a.args[0].type_name()));
            }
            match (interp.next_of(&a.args[0])?, a.args.get(1)) {
                (Some(v), _) => Ok(v),
                (None, Some(default)) => Ok(default.clone()),
                (None, None) => Err(Unwind::Raise(Exception::new(ExcType::StopIteration, Vec::new()))),
            }
        }
        Builtin::Aiter => {
            a.count(1, 1)?;
            match &a.args[0] {
                Value::Generator(g) if g.kind() == super::bytecode::CodeKind::AsyncGenerator => Ok(a.args[0].clone()),
                // An object of the program's own with `__aiter__`.
                Value::Instance(i) if i.class.lookup("__aiter__").is_some() => {
                    let aiter = interp.load_attr(&a.args[0], "__aiter__")?;
                    interp.call_value(aiter, Vec::new(), Vec::new())
                }
                other => err(ExcType::TypeError, format!("'{}' object is not an async iterable", other.type_name())),
            }
        }
        Builtin::Anext => {
            a.count(1, 2)?;
            match &a.args[0] {
                Value::Generator(g) if g.kind() == super::bytecode::CodeKind::AsyncGenerator => {
                    let step = interp.anext(&a.args[0], None)?;
                    match a.args.get(1) {
                        None => Ok(step),
                        Some(default) => Ok(super::asyncio::anext_default(interp, step, default.clone())),
                    }
                }
                // An object of the program's own with `__anext__`.
                Value::Instance(i) if i.class.lookup("__anext__").is_some() => {
                    let anext = interp.load_attr(&a.args[0], "__anext__")?;
                    let step = interp.call_value(anext, Vec::new(), Vec::new())?;
                    match a.args.get(1) {
                        None => Ok(step),
                        Some(default) => Ok(super::asyncio::anext_default(interp, step, default.clone())),
                    }
                }
                other => err(ExcType::TypeError, format!("'{}' object is not an async iterator", other.type_name())),
            }
        }
        Builtin::Pow => {
            let modulo = a.kwarg("mod");
            a.no_kwargs()?;
            a.count(2, 3)?;
            let modulo = modulo.or_else(|| a.args.get(2).cloned()).filter(|m| !matches!(m, Value::None));
            let Some(m) = modulo else {
                return binop(BinOp::Pow, a.args[0].clone(), a.args[1].clone());
            };
            if [&a.args[0], &a.args[1], &m].iter().any(|v| matches!(v, Value::Big(_))) {
                let (Some(base), Some(exp), Some(m)) =
                    (super::big::of(&a.args[0]), super::big::of(&a.args[1]), super::big::of(&m))
                else {
                    return err(ExcType::TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
                };
                if m == num_bigint::BigInt::from(0) {
                    return err(ExcType::ValueError, "pow() 3rd argument cannot be 0");
                }
                // A negative power is one of the base's inverse modulo |m|.
                let (base, exp) = if exp < num_bigint::BigInt::from(0) {
                    let Some(inverse) = mod_inverse(&base, &m) else {
                        return err(ExcType::ValueError, "base is not invertible for the given modulus");
                    };
                    (inverse, -exp)
                } else {
                    (base, exp)
                };
                let r = base.modpow(&exp, &m);
                // (Python's result has the modulus's sign.)
                let r = if m < num_bigint::BigInt::from(0) && r > num_bigint::BigInt::from(0) { r + m } else { r };
                return Ok(super::big::value(r));
            }
            let (Some(base), Some(exp), Some(m)) = (a.args[0].as_int(), a.args[1].as_int(), m.as_int()) else {
                return err(ExcType::TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
            };
            if m == 0 {
                return err(ExcType::ValueError, "pow() 3rd argument cannot be 0");
            }
            if exp < 0 {
                let wide = [a.args[0].clone(), a.args[1].clone(), Value::Big(Rc::new(m.into()))];
                return call(interp, Builtin::Pow, None, wide.to_vec(), Vec::new());
            }
            // By squaring, in 128 bits: no overflow on the way.
            let (mut result, mut base, mut exp, m128) =
                (1i128, i128::from(base).rem_euclid(i128::from(m)), exp, i128::from(m));
            while exp > 0 {
                if exp & 1 == 1 {
                    result = (result * base).rem_euclid(m128);
                }
                base = (base * base).rem_euclid(m128);
                exp >>= 1;
            }
            // Python's result has the modulus's sign.
            let r = if m < 0 && result > 0 { result + m128 } else { result };
            Ok(Value::Int(r as i64))
        }
        Builtin::Divmod => {
            a.count(2, 2)?;
            // An object's own `__divmod__`, or the other's `__rdivmod__`.
            for (this, other, name) in [(0, 1, "__divmod__"), (1, 0, "__rdivmod__")] {
                if let Value::Instance(i) = &a.args[this] {
                    if let Some(result) = i.special(name, vec![a.args[other].clone()]) {
                        let result = result?;
                        if !super::classes::is_not_implemented(&result) {
                            return Ok(result);
                        }
                    }
                }
            }
            let q = binop(BinOp::FloorDiv, a.args[0].clone(), a.args[1].clone())?;
            let r = binop(BinOp::Mod, a.args[0].clone(), a.args[1].clone())?;
            Ok(Value::tuple(vec![q, r]))
        }
        Builtin::Any | Builtin::All => {
            a.count(1, 1)?;
            // Item by item: the first that decides ends it (a generator is left there).
            let it = interp.iter_of(a.args[0].clone())?;
            let any = b == Builtin::Any;
            while let Some(item) = interp.next_of(&it)? {
                if item.truthy() == any {
                    return Ok(Value::Bool(any));
                }
            }
            Ok(Value::Bool(!any))
        }
        Builtin::Hash => {
            a.count(1, 1)?;
            // (A class derived from int, float, str or tuple hashes as its value.)
            if let Some(plain) = a.args[0].hashed_as_value() {
                a.args[0] = plain;
            }
            let key = key_of(&a.args[0])?;
            Ok(Value::Int(match &a.args[0] {
                Value::Big(n) => super::big::hash(n),
                // (Modulo 2**61 - 1, as CPython hashes ints; -1 is its error code: -2.)
                v if v.as_int().is_some() => super::big::hash_small(v.as_int().expect("checked")),
                // As CPython's: a float equal to an int or a fraction hashes as it does.
                Value::Float(f) => super::big::hash_float(*f),
                _ => match key {
                    Key::Custom(c) => c.hash,
                    // (CPython hashes an object by its address, shifted past its alignment.)
                    Key::Object(identity) => (identity >> 4) as i64,
                    // Equal values hash alike (a tuple's items, a string's text).
                    key => {
                        use std::hash::{BuildHasher, BuildHasherDefault};
                        let h = BuildHasherDefault::<super::value::Fnv>::default().hash_one(&key) as i64 >> 4;
                        if h == -1 {
                            -2
                        } else {
                            h
                        }
                    }
                },
            }))
        }
        Builtin::Format => {
            a.count(1, 2)?;
            if a.args.len() == 2 {
                a.str(1)?;
            }
            let spec = if a.args.len() == 2 { a.str(1)?.to_string() } else { String::new() };
            format_value(&a.args[0], &spec).map(|s| Value::Str(s.into()))
        }
        Builtin::Map => {
            if a.args.len() < 2 {
                return err(ExcType::TypeError, "map() must have at least two arguments.");
            }
            let f = a.args[0].clone();
            let sources: Vec<Value> = a.args[1..].iter().map(|v| interp.iter_of(v.clone())).collect::<Res<_>>()?;
            Ok(Value::Iterator(Rc::new(RefCell::new(Iter::Map(f, sources)))))
        }
        Builtin::Filter => {
            a.count(2, 2)?;
            let source = interp.iter_of(a.args[1].clone())?;
            Ok(Value::Iterator(Rc::new(RefCell::new(Iter::Filter(a.args[0].clone(), source)))))
        }
        Builtin::NotImplemented => err(ExcType::TypeError, "'NotImplementedType' object is not callable"),
        Builtin::Property | Builtin::StaticMethod | Builtin::ClassMethod | Builtin::Super => {
            super::classes::make_descriptor(b, a.args, a.kwargs)
        }
        Builtin::Callable => {
            a.count(1, 1)?;
            Ok(Value::Bool(is_callable(&a.args[0])))
        }
        Builtin::Id => {
            a.count(1, 1)?;
            Ok(Value::Int(a.args[0].identity() as i64))
        }
        Builtin::Hex | Builtin::Bin | Builtin::Oct => {
            a.count(1, 1)?;
            // An object's own `__index__` (an `IntEnum`'s member).
            if let Value::Instance(i) = &a.args[0] {
                if let Some(n) = i.special("__index__", Vec::new()) {
                    a.args[0] = n?;
                }
            }
            if !super::big::is_int(&a.args[0]) {
                let message = format!("'{}' object cannot be interpreted as an integer", a.args[0].type_name());
                return err(ExcType::TypeError, message);
            }
            let (radix, prefix) = match b {
                Builtin::Hex => (16, "0x"),
                Builtin::Bin => (2, "0b"),
                _ => (8, "0o"),
            };
            let (digits, negative) = super::format::int_digits(&a.args[0], radix);
            Ok(Value::str(&format!("{}{prefix}{digits}", if negative { "-" } else { "" })))
        }
        Builtin::Chr => {
            a.count(1, 1)?;
            let n = a.int(0)?;
            u32::try_from(n)
                .ok()
                .and_then(char::from_u32)
                .map(|c| Value::Str(c.to_string().into()))
                .map_or_else(|| err(ExcType::ValueError, "chr() arg not in range(0x110000)"), Ok)
        }
        Builtin::Ord => {
            a.count(1, 1)?;
            let s = a.str(0)?;
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => err(
                    ExcType::TypeError,
                    format!("ord() expected a character, but string of length {} found", s.chars().count()),
                ),
            }
        }
        Builtin::Unavailable => err(ExcType::NotImplementedError, "this part of asyncio and time needs the event loop"),
        _ => unreachable!("methods are called with their object"),
    }
}

fn iterator(items: Vec<Value>, name: &'static &'static str) -> Value {
    Value::Iterator(Rc::new(RefCell::new(Iter::Values(items, 0, name))))
}

/// What `sorted`, `min` and `max` compare: `key(item)` for each item, or the items
/// themselves when there is no key (or it is `None`).
fn keys_of(interp: &Rc<Interp>, items: &[Value], key: Option<&Value>) -> Res<Vec<Value>> {
    match key {
        Some(k) if !matches!(k, Value::None) => {
            let mut keys = Vec::with_capacity(items.len());
            for item in items {
                keys.push(interp.call_value(k.clone(), vec![item.clone()], Vec::new())?);
            }
            Ok(keys)
        }
        _ => Ok(items.to_vec()),
    }
}

/// A stable sort by `<`, through `key` if given: the first error stops it.
/// `sorted(items, key=key, reverse=reverse)`.
pub fn sorted(interp: &Rc<Interp>, items: Vec<Value>, key: Option<Value>, reverse: bool) -> Res<Vec<Value>> {
    sort(interp, items, key, reverse)
}

fn sort(interp: &Rc<Interp>, items: Vec<Value>, key: Option<Value>, reverse: bool) -> Res<Vec<Value>> {
    let keys = keys_of(interp, &items, key.as_ref())?;
    let mut order_: Vec<usize> = (0..items.len()).collect();
    let mut failure = None;
    order_.sort_by(|&i, &j| {
        if failure.is_some() {
            return Ordering::Equal;
        }
        // Python sorts by `<` alone; `reverse` keeps equal items in their order.
        let (x, y) = if reverse { (&keys[j], &keys[i]) } else { (&keys[i], &keys[j]) };
        match order(interp, "<", x, y) {
            Ok(o) => o,
            Err(e) => {
                failure = Some(e);
                Ordering::Equal
            }
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    Ok(order_.into_iter().map(|i| items[i].clone()).collect())
}

fn round(value: &Value, ndigits: Option<Value>) -> Res<Value> {
    let digits = match &ndigits {
        Some(d) => Some(d.as_int().map_or_else(
            || err(ExcType::TypeError, format!("'{}' object cannot be interpreted as an integer", d.type_name())),
            Ok,
        )?),
        None => None,
    };
    match value {
        Value::Big(n) => match digits {
            Some(d) if d < 0 => {
                // To a multiple of 10**-d, a half to the even multiple, as CPython rounds.
                let p = num_traits::pow(num_bigint::BigInt::from(10), (-d) as usize);
                let (q, r) = num_integer::Integer::div_mod_floor(&**n, &p);
                let twice = &r * 2;
                let up = twice > p || (twice == p && num_integer::Integer::is_odd(&q));
                Ok(super::big::value((if up { q + 1 } else { q }) * p))
            }
            _ => Ok(value.clone()),
        },
        v if v.as_int().is_some() => {
            let n = v.as_int().expect("checked");
            match digits {
                Some(d) if d < 0 => {
                    let p = 10i64.checked_pow((-d) as u32).unwrap_or(i64::MAX);
                    let r = n - n.rem_euclid(p);
                    let rest = n.rem_euclid(p);
                    let up = rest * 2 > p || (rest * 2 == p && (r / p) % 2 != 0);
                    Ok(Value::Int(if up { r + p } else { r }))
                }
                _ => Ok(Value::Int(n)),
            }
        }
        Value::Float(x) => match digits {
            None => {
                if !x.is_finite() {
                    let m = if x.is_nan() {
                        "cannot convert float NaN to integer"
                    } else {
                        "cannot convert float infinity to integer"
                    };
                    return err(if x.is_nan() { ExcType::ValueError } else { ExcType::OverflowError }, m);
                }
                Ok(Value::Int(x.round_ties_even() as i64))
            }
            Some(d) => {
                // Correctly rounded, as CPython: through the exact decimal text.
                if !(-308..=308).contains(&d) {
                    return Ok(Value::Float(if d > 0 { *x } else { 0.0 * x }));
                }
                if d >= 0 {
                    let text = format!("{:.*}", d as usize, x);
                    Ok(Value::Float(text.parse().expect("a formatted float reads back")))
                } else {
                    let p = 10f64.powi((-d) as i32);
                    Ok(Value::Float((x / p).round_ties_even() * p))
                }
            }
        },
        other => err(ExcType::TypeError, format!("type {} doesn't define __round__ method", other.type_name())),
    }
}

fn method(interp: &Rc<Interp>, b: Builtin, this: Value, mut a: Args<'_>) -> Res<Value> {
    match &this {
        Value::Str(s) => str_method(interp, b, s, a),
        Value::Bytes(bytes) => bytes_method(interp, b, bytes, a),
        Value::List(list) => {
            match b {
                Builtin::Sort => {
                    let key = a.kwarg("key");
                    let reverse = a.kwarg("reverse").is_some_and(|v| v.truthy());
                    a.no_kwargs()?;
                    a.count(0, 0)?;
                    let items = std::mem::take(&mut *list.borrow_mut());
                    let sorted = sort(interp, items.clone(), key, reverse);
                    match sorted {
                        Ok(sorted) => *list.borrow_mut() = sorted,
                        Err(e) => {
                            *list.borrow_mut() = items;
                            return Err(e);
                        }
                    }
                    return Ok(Value::None);
                }
                _ => a.no_kwargs()?,
            }
            list_method(interp, b, list, &this, a)
        }
        Value::Tuple(items) => {
            a.no_kwargs()?;
            if b == Builtin::Count {
                a.count(1, 1)?;
            } else {
                a.count(1, 3)?;
            }
            let x = &a.args[0];
            match b {
                Builtin::Count => Ok(Value::Int(items.iter().filter(|v| v.is(x) || v.equals(x)).count() as i64)),
                _ => {
                    let (start, stop) = index_range(&a.args[1..], items.len())?;
                    items[start..stop]
                        .iter()
                        .position(|v| v.is(x) || v.equals(x))
                        .map(|i| Value::Int((start + i) as i64))
                        .map_or_else(|| err(ExcType::ValueError, "tuple.index(x): x not in tuple"), Ok)
                }
            }
        }
        Value::Dict(d) => dict_method(interp, b, d, a),
        Value::Set(d) => {
            a.no_kwargs()?;
            set_method(interp, b, d, a)
        }
        Value::Int(_) | Value::Big(_) if b == Builtin::ToBytes => {
            // `n.to_bytes(length=1, byteorder="big", *, signed=False)`.
            let signed = a.kwarg("signed").is_some_and(|v| v.truthy());
            let length = a.kwarg("length").or_else(|| a.args.first().cloned()).unwrap_or(Value::Int(1));
            let order = a.kwarg("byteorder").or_else(|| a.args.get(1).cloned()).unwrap_or_else(|| Value::str("big"));
            a.no_kwargs()?;
            a.count(0, 2)?;
            let Some(length) = length.as_int() else {
                return err(
                    ExcType::TypeError,
                    format!("'{}' object cannot be interpreted as an integer", length.type_name()),
                );
            };
            if length < 0 {
                return err(ExcType::ValueError, "length argument must be non-negative");
            }
            let little = byte_order(&order)?;
            let n = super::big::of(&this).expect("an int");
            if n.sign() == num_bigint::Sign::Minus && !signed {
                return err(ExcType::OverflowError, "can't convert negative int to unsigned");
            }
            // Two's complement when signed, as few bytes as hold it, then widened.
            let mut out = match (n.sign(), signed) {
                (num_bigint::Sign::NoSign, _) => Vec::new(),
                (_, true) => n.to_signed_bytes_be(),
                (_, false) => n.to_bytes_be().1,
            };
            let length = length as usize;
            if out.len() > length {
                return err(ExcType::OverflowError, "int too big to convert");
            }
            room::<u8>(length)?;
            let fill = if n.sign() == num_bigint::Sign::Minus { 0xFF } else { 0 };
            out.splice(0..0, std::iter::repeat_n(fill, length - out.len()));
            if little {
                out.reverse();
            }
            Ok(Value::Bytes(out.into()))
        }
        Value::Big(n) => {
            a.count(0, 0)?;
            Ok(match b {
                Builtin::BitCount => Value::Int(n.magnitude().count_ones() as i64),
                Builtin::AsIntegerRatio => Value::tuple(vec![this.clone(), Value::Int(1)]),
                Builtin::Conjugate => this.clone(),
                _ => Value::Int(n.bits() as i64),
            })
        }
        Value::Int(n) => {
            a.count(0, 0)?;
            Ok(match b {
                Builtin::BitCount => Value::Int(i64::from(n.unsigned_abs().count_ones())),
                Builtin::AsIntegerRatio => Value::tuple(vec![Value::Int(*n), Value::Int(1)]),
                Builtin::Conjugate => Value::Int(*n),
                _ => Value::Int(i64::from(64 - n.unsigned_abs().leading_zeros() as i32)),
            })
        }
        Value::Float(x) => {
            a.count(0, 0)?;
            match b {
                Builtin::Conjugate => Ok(Value::Float(*x)),
                Builtin::AsIntegerRatio => float_ratio(*x),
                Builtin::FloatHex => Ok(Value::str(&float_hex(*x))),
                _ => Ok(Value::Bool(x.is_finite() && x.fract() == 0.0)),
            }
        }
        _ => unreachable!("methods exist only on these types"),
    }
}

/// `float.hex()`: CPython's spelling, `0x1.8000000000000p+1`.
fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7FF) as i64;
    let mantissa = bits & ((1 << 52) - 1);
    let (lead, exponent) = if exponent == 0 { (0, -1022) } else { (1, exponent - 1023) };
    format!("{sign}0x{lead}.{mantissa:013x}p{exponent:+}")
}

/// `float.fromhex(text)`: `None` for text that is no hexadecimal float, `Err` for one
/// too large.
fn float_from_hex(text: &str) -> Option<Result<f64, ()>> {
    let t = text.trim();
    let (negative, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let signed = |x: f64| if negative { -x } else { x };
    let lower = t.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Some(Ok(signed(f64::INFINITY)));
    }
    if lower == "nan" {
        return Some(Ok(signed(f64::NAN)));
    }
    let t = lower.strip_prefix("0x").unwrap_or(&lower);
    let (digits, exponent) = match t.split_once('p') {
        Some((d, e)) => (d, e.parse::<i64>().ok()?),
        None => (t, 0),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    // (Fifteen significant digits, 60 bits, are more than a float holds; the rest
    // only round, through the sticky bit.)
    let mut mantissa: u64 = 0;
    let mut shift: i64 = 0;
    let mut significant = 0;
    let mut sticky = false;
    for (i, c) in whole.chars().chain(fraction.chars()).enumerate() {
        let d = u64::from(c.to_digit(16)?);
        let in_fraction = i >= whole.len();
        if significant < 15 {
            mantissa = mantissa * 16 + d;
            if mantissa > 0 {
                significant += 1;
            }
            if in_fraction {
                shift -= 4;
            }
        } else {
            sticky |= d != 0;
            if !in_fraction {
                shift += 4;
            }
        }
    }
    let mantissa = mantissa * 2 + u64::from(sticky);
    // (Scaled in steps a float can hold: 2**-1075 alone is zero.)
    let mut value = mantissa as f64;
    let mut scale = (exponent + shift - 1).clamp(-1300, 1300);
    while scale != 0 {
        let step = scale.clamp(-1000, 1000);
        value *= 2f64.powi(step as i32);
        scale -= step;
    }
    if value.is_infinite() {
        return Some(Err(()));
    }
    Some(Ok(signed(value)))
}

/// A method of bytes: their own, or `str`'s run on the text that stands for them.
fn bytes_method(interp: &Rc<Interp>, b: Builtin, bytes: &Rc<[u8]>, mut a: Args<'_>) -> Res<Value> {
    match b {
        Builtin::BytesHex => {
            let sep = a.kwarg("sep").or_else(|| a.args.first().cloned());
            let per = a.kwarg("bytes_per_sep").or_else(|| a.args.get(1).cloned());
            a.no_kwargs()?;
            a.count(0, 2)?;
            let sep = match sep {
                None => None,
                Some(Value::Str(s)) => Some(s.to_string()),
                Some(Value::Bytes(b)) => Some(String::from_utf8_lossy(&b).into_owned()),
                Some(other) => {
                    return err(ExcType::TypeError, format!("sep must be str or bytes, not {}", other.type_name()))
                }
            };
            let per = per.map_or(Ok(1), |v| {
                v.as_int().ok_or(()).or_else(|_| err(ExcType::TypeError, "an integer is required"))
            })?;
            Ok(Value::str(&super::bytes::hex(bytes, sep.as_deref(), per)?))
        }
        Builtin::Decode => {
            let encoding = a.kwarg("encoding").or_else(|| a.args.first().cloned());
            let errors = a.kwarg("errors").or_else(|| a.args.get(1).cloned());
            a.no_kwargs()?;
            a.count(0, 2)?;
            let (encoding, errors) = codec_args("decode", encoding, errors)?;
            Ok(Value::str(&super::bytes::decode(bytes, &encoding, &errors)?))
        }
        Builtin::Join => {
            a.count(1, 1)?;
            let mut out = Vec::new();
            for (i, item) in interp.collect(&a.args[0])?.into_iter().enumerate() {
                let Value::Bytes(piece) = item else {
                    let message =
                        format!("sequence item {i}: expected a bytes-like object, {} found", item.type_name());
                    return err(ExcType::TypeError, message);
                };
                if i > 0 {
                    out.extend_from_slice(bytes);
                }
                out.extend_from_slice(&piece);
            }
            Ok(Value::Bytes(out.into()))
        }
        _ => {
            a.args = a.args.iter().map(super::bytes::argument).collect::<Res<_>>()?;
            for (_, v) in a.kwargs.iter_mut() {
                *v = super::bytes::argument(v)?;
            }
            let text: Str = super::bytes::as_text(bytes).into();
            str_method(interp, b, &text, a).map(super::bytes::result)
        }
    }
}

/// `int.from_bytes(bytes, byteorder="big", *, signed=False)`. (This and the two below
/// are kept out of `call`, whose frame every call from Rust back into Python stacks:
/// see `NESTED_LIMIT`.)
#[inline(never)]
fn int_from_bytes(interp: &Rc<Interp>, mut a: Args<'_>) -> Res<Value> {
    // `int.from_bytes(bytes, byteorder="big", *, signed=False)`.
    let signed = a.kwarg("signed").is_some_and(|v| v.truthy());
    let order = a.kwarg("byteorder").or_else(|| a.args.get(1).cloned()).unwrap_or_else(|| Value::str("big"));
    let source = a.kwarg("bytes").or_else(|| a.args.first().cloned());
    a.no_kwargs()?;
    a.count(0, 2)?;
    let bytes: Vec<u8> = match source {
        Some(Value::Bytes(b)) => b.to_vec(),
        Some(v @ (Value::List(_) | Value::Tuple(_))) => {
            let Value::Bytes(b) = construct(interp, Type::Bytes, vec![v], Vec::new())? else { unreachable!("bytes") };
            b.to_vec()
        }
        Some(other) => {
            return err(ExcType::TypeError, format!("cannot convert '{}' object to bytes", other.type_name()))
        }
        None => return err(ExcType::TypeError, "from_bytes() missing required argument 'bytes' (pos 1)"),
    };
    let mut bytes = bytes;
    if byte_order(&order)? {
        bytes.reverse();
    }
    let n = if signed {
        num_bigint::BigInt::from_signed_bytes_be(&bytes)
    } else {
        num_bigint::BigInt::from_bytes_be(num_bigint::Sign::Plus, &bytes)
    };
    Ok(super::big::value(n))
}

/// `bytes.fromhex(text)`.
#[inline(never)]
fn bytes_fromhex(a: Args<'_>) -> Res<Value> {
    a.no_kwargs()?;
    a.count(1, 1)?;
    let Value::Str(text) = &a.args[0] else {
        return err(ExcType::TypeError, format!("fromhex() argument must be str, not {}", a.args[0].type_name()));
    };
    Ok(Value::Bytes(super::bytes::fromhex(text)?.into()))
}

/// `dir(object)` (`dir()` is the machine's: it needs the calling frame).
#[inline(never)]
fn dir_of(interp: &Rc<Interp>, a: Args<'_>) -> Res<Value> {
    a.count(0, 1)?;
    let Some(object) = a.args.first() else {
        return err(ExcType::RuntimeError, "dir() needs the frame that calls it");
    };
    let mut names = attribute_names(interp, object);
    names.sort();
    names.dedup();
    Ok(Value::list(names.into_iter().map(Value::Str).collect()))
}

/// A codec's argument (`encoding` or `errors`) to `function` as text, if given.
fn codec_arg(function: &str, what: &str, v: Option<Value>) -> Res<Option<String>> {
    match v {
        None => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.to_string())),
        Some(other) => {
            err(ExcType::TypeError, format!("{function}() argument '{what}' must be str, not {}", other.type_name()))
        }
    }
}

/// The encoding and error handler `encode`, `decode` and `str(b, …)` take, with their
/// defaults ("utf-8", "strict").
fn codec_args(function: &str, encoding: Option<Value>, errors: Option<Value>) -> Res<(String, String)> {
    let encoding = codec_arg(function, "encoding", encoding)?.unwrap_or_else(|| "utf-8".to_owned());
    let errors = codec_arg(function, "errors", errors)?.unwrap_or_else(|| "strict".to_owned());
    Ok((encoding, errors))
}

/// `to_bytes`' and `from_bytes`' byte order: whether it is "little".
fn byte_order(order: &Value) -> Res<bool> {
    match order {
        Value::Str(s) if &**s == "little" => Ok(true),
        Value::Str(s) if &**s == "big" => Ok(false),
        Value::Str(_) => err(ExcType::ValueError, "byteorder must be either 'little' or 'big'"),
        other => {
            err(ExcType::TypeError, format!("to_bytes() argument 'byteorder' must be str, not {}", other.type_name()))
        }
    }
}

fn str_method(interp: &Rc<Interp>, b: Builtin, s: &Str, mut a: Args<'_>) -> Res<Value> {
    let text = |t: String| Ok(Value::Str(t.into()));
    match b {
        Builtin::Encode => {
            let encoding = a.kwarg("encoding").or_else(|| a.args.first().cloned());
            let errors = a.kwarg("errors").or_else(|| a.args.get(1).cloned());
            a.no_kwargs()?;
            a.count(0, 2)?;
            let (encoding, errors) = codec_args("encode", encoding, errors)?;
            return Ok(Value::Bytes(super::bytes::encode(s, &encoding, &errors)?.into()));
        }
        Builtin::StrFormat | Builtin::FormatMap => {
            let mut kwargs: Vec<(String, Value)> = a.kwargs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
            let mut args = a.args.clone();
            if b == Builtin::FormatMap {
                a.count(1, 1)?;
                let Value::Dict(d) = &a.args[0] else {
                    return err(ExcType::TypeError, "the playground's format_map takes a dict");
                };
                kwargs = d.borrow().iter().map(|(k, v)| (k.to_str(), v.clone())).collect();
                args.clear();
            }
            // `{0.name}` and `{0[key]}`: an attribute, or an item by number or by text.
            let item = |value: &Value, part: format::Part<'_>| -> Res<Value> {
                match part {
                    format::Part::Attribute(name) => interp.load_attr(value, name),
                    format::Part::Index(key) => {
                        let key = key.parse::<i64>().map_or_else(|_| Value::str(key), Value::Int);
                        interp.subscript(value.clone(), key)
                    }
                }
            };
            return format::str_format(s, &args, &kwargs, &item, &format_value).map(|t| Value::Str(t.into()));
        }
        Builtin::Split => {
            let sep = a.kwarg("sep");
            let maxsplit = a.kwarg("maxsplit");
            a.no_kwargs()?;
            a.count(0, 2)?;
            let sep = sep.or_else(|| a.args.first().cloned()).unwrap_or(Value::None);
            let maxsplit = maxsplit.or_else(|| a.args.get(1).cloned()).and_then(|v| v.as_int()).unwrap_or(-1);
            let limit = if maxsplit < 0 { usize::MAX } else { maxsplit as usize + 1 };
            let parts: Vec<Value> = match sep {
                Value::None => {
                    let mut parts = Vec::new();
                    let space = super::text::is_space;
                    let mut rest = s.trim_start_matches(space);
                    while !rest.is_empty() {
                        if parts.len() + 1 == limit {
                            // (The rest as it is, its trailing spaces included.)
                            parts.push(Value::str(rest));
                            break;
                        }
                        let end = rest.find(space).unwrap_or(rest.len());
                        parts.push(Value::str(&rest[..end]));
                        rest = rest[end..].trim_start_matches(space);
                    }
                    parts
                }
                Value::Str(sep) if sep.is_empty() => return err(ExcType::ValueError, "empty separator"),
                Value::Str(sep) => s.splitn(limit, &*sep).map(Value::str).collect(),
                other => return err(ExcType::TypeError, format!("must be str or None, not {}", other.type_name())),
            };
            return Ok(Value::list(parts));
        }
        Builtin::RSplit => {
            let sep = a.kwarg("sep");
            let maxsplit = a.kwarg("maxsplit");
            a.no_kwargs()?;
            a.count(0, 2)?;
            let sep = sep.or_else(|| a.args.first().cloned()).unwrap_or(Value::None);
            let maxsplit = maxsplit.or_else(|| a.args.get(1).cloned()).and_then(|v| v.as_int()).unwrap_or(-1);
            let limit = if maxsplit < 0 { usize::MAX } else { maxsplit as usize + 1 };
            let mut parts: Vec<Value> = match sep {
                Value::None => {
                    let mut parts = Vec::new();
                    let space = super::text::is_space;
                    let mut rest = s.trim_end_matches(space);
                    while !rest.is_empty() {
                        if parts.len() + 1 == limit {
                            parts.push(Value::str(rest));
                            break;
                        }
                        let start =
                            rest.rfind(space).map_or(0, |i| i + rest[i..].chars().next().map_or(1, char::len_utf8));
                        parts.push(Value::str(&rest[start..]));
                        rest = rest[..start].trim_end_matches(space);
                    }
                    parts
                }
                Value::Str(sep) if sep.is_empty() => return err(ExcType::ValueError, "empty separator"),
                Value::Str(sep) => s.rsplitn(limit, &*sep).map(Value::str).collect(),
                other => return err(ExcType::TypeError, format!("must be str or None, not {}", other.type_name())),
            };
            parts.reverse();
            return Ok(Value::list(parts));
        }
        Builtin::SplitLines => {
            let keepends = a.kwarg("keepends");
            a.no_kwargs()?;
            a.count(0, 1)?;
            let keepends = keepends.or_else(|| a.args.first().cloned()).is_some_and(|v| v.truthy());
            // At every line boundary CPython knows, `\r\n` being one.
            let chars: Vec<char> = s.chars().collect();
            let mut lines = Vec::new();
            let (mut start, mut i) = (0, 0);
            while i < chars.len() {
                let c = chars[i];
                let boundary = matches!(
                    c,
                    '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}'
                );
                if !boundary {
                    i += 1;
                    continue;
                }
                let end = if c == '\r' && chars.get(i + 1) == Some(&'\n') { i + 2 } else { i + 1 };
                let line: String = chars[start..if keepends { end } else { i }].iter().collect();
                lines.push(Value::str(&line));
                start = end;
                i = end;
            }
            if start < chars.len() {
                lines.push(Value::str(&chars[start..].iter().collect::<String>()));
            }
            return Ok(Value::list(lines));
        }
        _ => {}
    }
    a.no_kwargs()?;
    let chars_arg = |a: &Args<'_>| -> Res<Option<Str>> {
        match a.args.first() {
            None | Some(Value::None) => Ok(None),
            Some(Value::Str(c)) => Ok(Some(c.clone())),
            Some(other) => err(
                ExcType::TypeError,
                format!("{} arg must be None or str", a.name)
                    .replace("arg", &format!("arg ({})", other.type_name()))
                    .replace(&format!(" ({})", other.type_name()), ""),
            ),
        }
    };
    match b {
        Builtin::Join => {
            a.count(1, 1)?;
            let mut items = interp.collect(&a.args[0])?;
            // (An object of a class derived from str joins as its text.)
            for item in items.iter_mut().filter(|item| matches!(item, Value::Instance(_))) {
                if let Some(text @ Value::Str(_)) = item.plain_value() {
                    *item = text;
                }
            }
            let mut size = 0;
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::Str(p) => size += p.len() + s.len(),
                    other => {
                        return err(
                            ExcType::TypeError,
                            format!("sequence item {i}: expected str instance, {} found", other.type_name()),
                        )
                    }
                }
            }
            room::<u8>(size)?;
            let mut joined = String::with_capacity(size);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    joined.push_str(s);
                }
                if let Value::Str(p) = item {
                    joined.push_str(p);
                }
            }
            text(joined)
        }
        Builtin::Upper => {
            a.count(0, 0)?;
            text(super::text::upper(s))
        }
        Builtin::Lower => {
            a.count(0, 0)?;
            text(super::text::lower(s))
        }
        Builtin::Strip | Builtin::LStrip | Builtin::RStrip => {
            a.count(0, 1)?;
            let set = chars_arg(&a)?;
            let matches = |c: char| set.as_ref().map_or(super::text::is_space(c), |set| set.contains(c));
            text(
                match b {
                    Builtin::Strip => s.trim_matches(matches),
                    Builtin::LStrip => s.trim_start_matches(matches),
                    _ => s.trim_end_matches(matches),
                }
                .to_owned(),
            )
        }
        Builtin::StartsWith | Builtin::EndsWith => {
            a.count(1, 3)?;
            let options = match &a.args[0] {
                Value::Str(p) => vec![p.clone()],
                Value::Tuple(ps) => ps
                    .iter()
                    .map(|p| match p {
                        Value::Str(p) => Ok(p.clone()),
                        other => err(
                            ExcType::TypeError,
                            format!("tuple for {} must only contain str, not {}", a.name, other.type_name()),
                        ),
                    })
                    .collect::<Res<_>>()?,
                other => {
                    return err(
                        ExcType::TypeError,
                        format!("{} first arg must be str or a tuple of str, not {}", a.name, other.type_name()),
                    )
                }
            };
            let Some((from, to, _)) = text_range(s, &a.args[1..])? else { return Ok(Value::Bool(false)) };
            let s = &s[from..to];
            let found =
                options.iter().any(|p| if b == Builtin::StartsWith { s.starts_with(&**p) } else { s.ends_with(&**p) });
            Ok(Value::Bool(found))
        }
        Builtin::Replace => {
            a.count(2, 3)?;
            let (old, new) = (a.str(0)?, a.str(1)?);
            let count = if a.args.len() == 3 { a.int(2)? } else { -1 };
            text(if count < 0 { s.replace(&*old, &new) } else { s.replacen(&*old, &new, count as usize) })
        }
        Builtin::RemovePrefix | Builtin::RemoveSuffix => {
            a.count(1, 1)?;
            let part = a.str(0)?;
            let kept = if b == Builtin::RemovePrefix { s.strip_prefix(&*part) } else { s.strip_suffix(&*part) };
            text(kept.unwrap_or(s).to_owned())
        }
        Builtin::Translate => {
            a.count(1, 1)?;
            let Value::Dict(table) = &a.args[0] else {
                return err(
                    ExcType::TypeError,
                    "the playground's str.translate takes a dict (str.maketrans makes one)",
                );
            };
            let table = table.borrow();
            let mut out = String::new();
            for c in s.chars() {
                match table.get(&Key::Int(i64::from(u32::from(c)))) {
                    None => out.push(c),
                    Some(Value::None) => {}
                    Some(Value::Str(t)) => out.push_str(t),
                    Some(v) => match v.as_int().and_then(|n| u32::try_from(n).ok()).and_then(char::from_u32) {
                        Some(t) => out.push(t),
                        None => return err(ExcType::TypeError, "character mapping must return integer, None or str"),
                    },
                }
            }
            text(out)
        }
        Builtin::IsAscii => {
            a.count(0, 0)?;
            Ok(Value::Bool(s.is_ascii()))
        }
        Builtin::ExpandTabs => {
            a.count(0, 1)?;
            let size = if a.args.is_empty() { 8 } else { a.int(0)? };
            let mut out = String::new();
            let mut column = 0i64;
            for c in s.chars() {
                match c {
                    '\t' => {
                        let spaces = if size > 0 { size - column % size } else { 0 };
                        out.extend(std::iter::repeat_n(' ', spaces as usize));
                        column += spaces;
                    }
                    '\n' | '\r' => {
                        out.push(c);
                        column = 0;
                    }
                    _ => {
                        out.push(c);
                        column += 1;
                    }
                }
            }
            text(out)
        }
        Builtin::CaseFold => {
            a.count(0, 0)?;
            // Lower case, and the full foldings lower case leaves (`ß` is `ss`).
            let mut folded = String::with_capacity(s.len());
            for c in super::text::lower(s).chars() {
                match c {
                    'ß' | 'ẞ' => folded.push_str("ss"),
                    'ﬀ' => folded.push_str("ff"),
                    'ﬁ' => folded.push_str("fi"),
                    'ﬂ' => folded.push_str("fl"),
                    'ﬃ' => folded.push_str("ffi"),
                    'ﬄ' => folded.push_str("ffl"),
                    'ﬅ' | 'ﬆ' => folded.push_str("st"),
                    'ς' => folded.push('σ'),
                    'ſ' => folded.push('s'),
                    'ŉ' => folded.push_str("ʼn"),
                    c => folded.push(c),
                }
            }
            text(folded)
        }
        Builtin::SwapCase => {
            a.count(0, 0)?;
            let mut out = String::new();
            for c in s.chars() {
                let piece = c.encode_utf8(&mut [0; 4]).to_owned();
                if super::text::is_upper(c) {
                    out.push_str(&super::text::lower(&piece));
                } else if super::text::is_lower(c) {
                    out.push_str(&super::text::upper(&piece));
                } else {
                    out.push(c);
                }
            }
            text(out)
        }
        Builtin::IsNumeric | Builtin::IsDecimal => {
            a.count(0, 0)?;
            Ok(Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())))
        }
        Builtin::Partition | Builtin::RPartition => {
            a.count(1, 1)?;
            let sep = a.str(0)?;
            if sep.is_empty() {
                return err(ExcType::ValueError, "empty separator");
            }
            let found = if b == Builtin::Partition { s.find(&*sep) } else { s.rfind(&*sep) };
            let parts = match found {
                Some(at) => [&s[..at], &*sep, &s[at + sep.len()..]],
                None if b == Builtin::Partition => [&**s, "", ""],
                None => ["", "", &**s],
            };
            Ok(Value::tuple(parts.iter().map(|p| Value::str(p)).collect()))
        }
        Builtin::Find | Builtin::RFind | Builtin::StrIndex | Builtin::RIndex => {
            a.count(1, 3)?;
            let sub = a.str(0)?;
            let found = match text_range(s, &a.args[1..])? {
                Some((from, to, chars_before)) => {
                    let part = &s[from..to];
                    let at = if matches!(b, Builtin::RFind | Builtin::RIndex) {
                        part.rfind(&*sub)
                    } else {
                        part.find(&*sub)
                    };
                    at.map(|byte| chars_before + part[..byte].chars().count() as i64)
                }
                None => None,
            };
            match found {
                Some(at) => Ok(Value::Int(at)),
                None if matches!(b, Builtin::StrIndex | Builtin::RIndex) => {
                    err(ExcType::ValueError, "substring not found")
                }
                None => Ok(Value::Int(-1)),
            }
        }
        Builtin::StrCount => {
            a.count(1, 3)?;
            let sub = a.str(0)?;
            let Some((from, to, _)) = text_range(s, &a.args[1..])? else { return Ok(Value::Int(0)) };
            let part = &s[from..to];
            let n = if sub.is_empty() { part.chars().count() + 1 } else { part.matches(&*sub).count() };
            Ok(Value::Int(n as i64))
        }
        Builtin::Title | Builtin::Capitalize => {
            a.count(0, 0)?;
            let mut out = String::new();
            let mut start = true;
            for (i, c) in s.chars().enumerate() {
                let upper = if b == Builtin::Title { start } else { i == 0 };
                if upper {
                    out.push_str(&super::text::upper(c.encode_utf8(&mut [0; 4])));
                } else {
                    out.push_str(&super::text::lower(c.encode_utf8(&mut [0; 4])));
                }
                start = !super::text::is_alpha(c);
            }
            text(out)
        }
        Builtin::IsDigit | Builtin::IsAlpha | Builtin::IsSpace | Builtin::IsAlnum => {
            a.count(0, 0)?;
            let class = |c: char| match b {
                Builtin::IsDigit => c.is_ascii_digit(),
                Builtin::IsAlpha => super::text::is_alpha(c),
                Builtin::IsSpace => super::text::is_space(c),
                _ => super::text::is_alnum(c),
            };
            Ok(Value::Bool(!s.is_empty() && s.chars().all(class)))
        }
        // What repr writes as itself: no control, format or private-use character, and no
        // space but the ASCII one.
        Builtin::IsPrintable => {
            a.count(0, 0)?;
            let printable = |c: char| {
                let format = matches!(c as u32, 0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F
                    | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF);
                c == ' ' || !(c.is_control() || format || super::text::is_space(c))
            };
            Ok(Value::Bool(s.chars().all(printable)))
        }
        Builtin::IsIdentifier => {
            a.count(0, 0)?;
            // As the lexer reads a name: a letter or `_`, then letters, digits and `_`.
            let mut chars = s.chars();
            let first = chars.next().is_some_and(|c| c == '_' || super::text::is_alpha(c));
            Ok(Value::Bool(first && chars.all(|c| c == '_' || super::text::is_alnum(c))))
        }
        // Title case: each cased run begins with its one upper (or title) case letter.
        Builtin::IsTitle => {
            a.count(0, 0)?;
            let (mut cased, mut previous_cased) = (false, false);
            for c in s.chars() {
                let (is_upper, is_lower) = (super::text::is_upper(c), super::text::is_lower(c));
                if is_upper {
                    if previous_cased {
                        return Ok(Value::Bool(false));
                    }
                    previous_cased = true;
                    cased = true;
                } else if is_lower {
                    if !previous_cased {
                        return Ok(Value::Bool(false));
                    }
                    previous_cased = true;
                    cased = true;
                } else {
                    previous_cased = false;
                }
            }
            Ok(Value::Bool(cased))
        }
        Builtin::IsUpper | Builtin::IsLower => {
            a.count(0, 0)?;
            // True when there is a cased character and none of the other case.
            let (mut cased, upper) = (false, b == Builtin::IsUpper);
            for c in s.chars() {
                let (is_upper, is_lower) = (super::text::is_upper(c), super::text::is_lower(c));
                if is_upper || is_lower {
                    if is_upper != upper {
                        return Ok(Value::Bool(false));
                    }
                    cased = true;
                }
            }
            Ok(Value::Bool(cased))
        }
        Builtin::Center | Builtin::LJust | Builtin::RJust => {
            a.count(1, 2)?;
            let width = a.int(0)?.max(0) as usize;
            let fill = if a.args.len() == 2 { a.str(1)?.chars().next().unwrap_or(' ') } else { ' ' };
            let len = s.chars().count();
            if len >= width {
                return text(s.to_string());
            }
            let pad = width - len;
            let fills = |n: usize| fill.to_string().repeat(n);
            text(match b {
                Builtin::LJust => format!("{s}{}", fills(pad)),
                Builtin::RJust => format!("{}{s}", fills(pad)),
                // CPython puts the odd space on the right, unless the width is odd.
                _ => {
                    let left = pad / 2 + (pad & width & 1);
                    format!("{}{s}{}", fills(left), fills(pad - left))
                }
            })
        }
        Builtin::ZFill => {
            a.count(1, 1)?;
            let width = a.int(0)?.max(0) as usize;
            let len = s.chars().count();
            if len >= width {
                return text(s.to_string());
            }
            let (sign, digits) = match s.chars().next() {
                Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
                _ => (String::new(), &s[..]),
            };
            text(format!("{sign}{}{digits}", "0".repeat(width - len)))
        }
        _ => unreachable!("str methods are these"),
    }
}

fn list_method(
    interp: &Rc<Interp>,
    b: Builtin,
    list: &Rc<super::value::List>,
    this: &Value,
    a: Args<'_>,
) -> Res<Value> {
    match b {
        Builtin::Append => {
            a.count(1, 1)?;
            list.borrow_mut().push(a.args[0].clone());
            Ok(Value::None)
        }
        Builtin::Extend => {
            a.count(1, 1)?;
            let items = interp.collect(&a.args[0])?;
            list.borrow_mut().extend(items);
            Ok(Value::None)
        }
        Builtin::Insert => {
            a.count(2, 2)?;
            let mut items = list.borrow_mut();
            let len = items.len() as i64;
            let i = a.int(0)?;
            let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
            items.insert(i as usize, a.args[1].clone());
            Ok(Value::None)
        }
        Builtin::Pop => {
            a.count(0, 1)?;
            let mut items = list.borrow_mut();
            if items.is_empty() {
                return err(ExcType::IndexError, "pop from empty list");
            }
            let i = if a.args.is_empty() {
                items.len() - 1
            } else {
                index_of(&a.args[0], items.len(), "list").map_err(|_| {
                    Unwind::Raise(Exception::with_message(ExcType::IndexError, "pop index out of range"))
                })?
            };
            Ok(items.remove(i))
        }
        Builtin::Remove => {
            a.count(1, 1)?;
            let mut items = list.borrow_mut();
            let x = &a.args[0];
            match items.iter().position(|v| v.is(x) || v.equals(x)) {
                Some(i) => {
                    items.remove(i);
                    Ok(Value::None)
                }
                None => err(ExcType::ValueError, "list.remove(x): x not in list"),
            }
        }
        Builtin::Index => {
            a.count(1, 3)?;
            let x = &a.args[0];
            let items = list.borrow();
            let (start, stop) = index_range(&a.args[1..], items.len())?;
            items[start..stop]
                .iter()
                .position(|v| v.is(x) || v.equals(x))
                .map(|i| Value::Int((start + i) as i64))
                .map_or_else(|| err(ExcType::ValueError, format!("{} is not in list", x.repr())), Ok)
        }
        Builtin::Count => {
            a.count(1, 1)?;
            let x = &a.args[0];
            Ok(Value::Int(list.borrow().iter().filter(|v| v.is(x) || v.equals(x)).count() as i64))
        }
        Builtin::Reverse => {
            a.count(0, 0)?;
            list.borrow_mut().reverse();
            Ok(Value::None)
        }
        Builtin::Copy => {
            a.count(0, 0)?;
            Ok(Value::list(list.borrow().clone()))
        }
        Builtin::Clear => {
            a.count(0, 0)?;
            list.borrow_mut().clear();
            let _ = this;
            Ok(Value::None)
        }
        _ => unreachable!("list methods are these"),
    }
}

fn dict_method(interp: &Rc<Interp>, b: Builtin, d: &Rc<RefCell<Dict>>, mut a: Args<'_>) -> Res<Value> {
    match b {
        Builtin::Update => {
            a.count(0, 1)?;
            if let Some(other) = a.args.first() {
                let pairs: Vec<(Value, Value)> = match other {
                    Value::Dict(o) => o.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                    // A mapping of the program's (`Counter`, `defaultdict`): its keys, and
                    // the value of each, as CPython takes any object with `keys`.
                    other @ Value::Instance(i) if i.class.lookup("keys").is_some() => {
                        let keys = interp.load_attr(other, "keys")?;
                        let keys = interp.call_value(keys, Vec::new(), Vec::new())?;
                        let get = interp.load_attr(other, "__getitem__")?;
                        let mut pairs = Vec::new();
                        for k in interp.collect(&keys)? {
                            let v = interp.call_value(get.clone(), vec![k.clone()], Vec::new())?;
                            pairs.push((k, v));
                        }
                        pairs
                    }
                    other => interp
                        .collect(other)?
                        .into_iter()
                        .map(|pair| {
                            let items = interp.collect(&pair)?;
                            match &items[..] {
                                [k, v] => Ok((k.clone(), v.clone())),
                                _ => err(ExcType::ValueError, "dictionary update sequence element has wrong length"),
                            }
                        })
                        .collect::<Res<_>>()?,
                };
                for (k, v) in pairs {
                    dict_set(&mut d.borrow_mut(), k, v)?;
                }
            }
            for (k, v) in std::mem::take(&mut a.kwargs) {
                dict_set(&mut d.borrow_mut(), Value::Str(k), v)?;
            }
            return Ok(Value::None);
        }
        _ => a.no_kwargs()?,
    }
    match b {
        Builtin::Items | Builtin::Keys | Builtin::Values => {
            a.count(0, 0)?;
            use super::objects::{Obj, ViewKind};
            let kind = match b {
                Builtin::Items => ViewKind::Items,
                Builtin::Keys => ViewKind::Keys,
                _ => ViewKind::Values,
            };
            Ok(Value::Object(Rc::new(Obj::DictView(kind, d.clone()))))
        }
        Builtin::Get => {
            a.count(1, 2)?;
            let key = key_of(&a.args[0])?;
            Ok(d.borrow().get(&key).cloned().unwrap_or_else(|| a.args.get(1).cloned().unwrap_or(Value::None)))
        }
        Builtin::Pop => {
            a.count(1, 2)?;
            let key = key_of(&a.args[0])?;
            let removed = d.borrow_mut().remove(&key);
            match (removed, a.args.get(1)) {
                (Some((_, v)), _) => Ok(v),
                (None, Some(default)) => Ok(default.clone()),
                (None, None) => Err(Unwind::Raise(Exception::new(ExcType::KeyError, vec![a.args[0].clone()]))),
            }
        }
        Builtin::SetDefault => {
            a.count(1, 2)?;
            let key = key_of(&a.args[0])?;
            let existing = d.borrow().get(&key).cloned();
            match existing {
                Some(v) => Ok(v),
                None => {
                    let v = a.args.get(1).cloned().unwrap_or(Value::None);
                    d.borrow_mut().insert(key, a.args[0].clone(), v.clone());
                    Ok(v)
                }
            }
        }
        Builtin::PopItem => {
            a.count(0, 0)?;
            let last = d.borrow_mut().pop_last();
            match last {
                Some((k, v)) => Ok(Value::tuple(vec![k, v])),
                None => err(ExcType::KeyError, "popitem(): dictionary is empty"),
            }
        }
        Builtin::Copy => Ok(Value::Dict(Rc::new(RefCell::new(d.borrow().clone())))),
        Builtin::Clear => {
            d.borrow_mut().clear();
            Ok(Value::None)
        }
        _ => unreachable!("dict methods are these"),
    }
}

fn set_method(interp: &Rc<Interp>, b: Builtin, d: &Rc<RefCell<Dict>>, a: Args<'_>) -> Res<Value> {
    match b {
        Builtin::Add => {
            a.count(1, 1)?;
            set_add(&mut d.borrow_mut(), a.args[0].clone())?;
            Ok(Value::None)
        }
        Builtin::Remove | Builtin::Discard => {
            a.count(1, 1)?;
            let key = key_of(&a.args[0])?;
            let removed = d.borrow_mut().remove(&key);
            if removed.is_none() && b == Builtin::Remove {
                return Err(Unwind::Raise(Exception::new(ExcType::KeyError, vec![a.args[0].clone()])));
            }
            Ok(Value::None)
        }
        Builtin::Pop => {
            a.count(0, 0)?;
            let first = d.borrow().keys().into_iter().next();
            match first {
                Some(k) => {
                    d.borrow_mut().remove(&key_of(&k)?);
                    Ok(k)
                }
                None => err(ExcType::KeyError, "'pop from an empty set'"),
            }
        }
        Builtin::IsSubset | Builtin::IsSuperset | Builtin::IsDisjoint => {
            a.count(1, 1)?;
            let other = interp.collect(&a.args[0])?;
            let this = d.borrow();
            Ok(Value::Bool(match b {
                Builtin::IsSubset => {
                    let other = new_set(other)?;
                    let Value::Set(o) = &other else { unreachable!("a set") };
                    let o = o.borrow();
                    this.set_keys().iter().all(|k| key_of(k).is_ok_and(|k| o.get(&k).is_some()))
                }
                Builtin::IsSuperset => other.iter().all(|k| key_of(k).is_ok_and(|k| this.get(&k).is_some())),
                _ => !other.iter().any(|k| key_of(k).is_ok_and(|k| this.get(&k).is_some())),
            }))
        }
        Builtin::Union | Builtin::Intersection | Builtin::Difference | Builtin::SymmetricDifference => {
            if b == Builtin::SymmetricDifference {
                a.count(1, 1)?;
            }
            let mut result = Value::Set(Rc::new(RefCell::new(d.borrow().clone())));
            for other in &a.args {
                let other = new_set(interp.collect(other)?)?;
                let op = match b {
                    Builtin::Union => BinOp::BitOr,
                    Builtin::Intersection => BinOp::BitAnd,
                    Builtin::SymmetricDifference => BinOp::BitXor,
                    _ => BinOp::Sub,
                };
                result = binop(op, result, other)?;
            }
            Ok(result)
        }
        Builtin::DifferenceUpdate | Builtin::IntersectionUpdate | Builtin::SymmetricDifferenceUpdate => {
            if b == Builtin::SymmetricDifferenceUpdate {
                a.count(1, 1)?;
            }
            let op = match b {
                Builtin::DifferenceUpdate => BinOp::Sub,
                Builtin::IntersectionUpdate => BinOp::BitAnd,
                _ => BinOp::BitXor,
            };
            let mut result = Value::Set(Rc::new(RefCell::new(d.borrow().clone())));
            for other in &a.args {
                result = binop(op, result, new_set(interp.collect(other)?)?)?;
            }
            let Value::Set(result) = result else { unreachable!("a set's operators give sets") };
            let result = result.borrow().clone();
            *d.borrow_mut() = result;
            Ok(Value::None)
        }
        Builtin::Update => {
            // (Each iterable collected first: a set may be updated with itself.)
            for other in &a.args {
                for item in interp.collect(other)? {
                    set_add(&mut d.borrow_mut(), item)?;
                }
            }
            Ok(Value::None)
        }
        Builtin::Copy => Ok(Value::Set(Rc::new(RefCell::new(d.borrow().clone())))),
        Builtin::Clear => {
            d.borrow_mut().clear();
            Ok(Value::None)
        }
        _ => unreachable!("set methods are these"),
    }
}

/// `x.as_integer_ratio()`: the fraction a float is exactly, in lowest terms (within
/// the playground's 64-bit integers).
fn float_ratio(x: f64) -> Res<Value> {
    if x.is_nan() {
        return err(ExcType::ValueError, "cannot convert NaN to integer ratio");
    }
    if x.is_infinite() {
        return err(ExcType::OverflowError, "cannot convert Infinity to integer ratio");
    }
    let (mut num, mut den) = (x, 1i64);
    while num.fract() != 0.0 {
        num *= 2.0;
        den = match den.checked_mul(2) {
            Some(d) => d,
            None => return err(ExcType::OverflowError, "integer too large for the playground's 64 bits"),
        };
    }
    if num.abs() >= 9.2e18 {
        return err(ExcType::OverflowError, "integer too large for the playground's 64 bits");
    }
    Ok(Value::tuple(vec![Value::Int(num as i64), Value::Int(den)]))
}

/// `int(text, base)`: base 2 to 36, or 0 for a literal's own prefix (`0x1f`).
fn int_with_base(a: &Args) -> Res<Value> {
    let base = match (a.args.get(1), a.kwargs.iter().find(|(k, _)| &**k == "base")) {
        (Some(b), None) | (None, Some((_, b))) => b.as_int(),
        _ => return err(ExcType::TypeError, "int() takes at most 2 arguments"),
    };
    let Some(mut base) = base.filter(|b| *b == 0 || (2..=36).contains(b)) else {
        return err(ExcType::ValueError, "int() base must be >= 2 and <= 36, or 0");
    };
    let Some(Value::Str(s)) = a.args.first() else {
        return err(ExcType::TypeError, "int() can't convert non-string with explicit base");
    };
    let given = base;
    let invalid = || {
        let text = Value::Str(s.clone()).repr();
        err(ExcType::ValueError, format!("invalid literal for int() with base {given}: {text}"))
    };
    let text = s.trim();
    let (negative, mut digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let lower = digits.to_ascii_lowercase();
    for (prefix, b) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if lower.starts_with(prefix) && (base == b || base == 0) {
            base = b;
            digits = &digits[2..];
            break;
        }
    }
    if base == 0 {
        if digits.len() > 1 && digits.starts_with('0') && digits.chars().any(|c| c != '0' && c != '_') {
            return invalid();
        }
        base = 10;
    }
    let cleaned: String = digits.trim_start_matches('_').chars().filter(|c| *c != '_').collect();
    if cleaned.is_empty() || digits.ends_with('_') || digits.contains("__") {
        return invalid();
    }
    match i64::from_str_radix(&cleaned, base as u32) {
        Ok(n) => Ok(Value::Int(if negative { -n } else { n })),
        Err(e) if matches!(e.kind(), std::num::IntErrorKind::PosOverflow) => {
            if base == 10 && cleaned.len() > super::big::MAX_STR_DIGITS {
                return err(ExcType::ValueError, format!("Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit", super::big::MAX_STR_DIGITS, cleaned.len()));
            }
            match super::big::parse(&cleaned, base as u32) {
                Some(n) => Ok(super::big::value(if negative { -n } else { n })),
                None => invalid(),
            }
        }
        Err(_) => invalid(),
    }
}

/// `int(x)`, `str(x)`, `list(x)`, `ValueError(...)`: calling a type.
pub fn construct(interp: &Rc<Interp>, t: Type, args: Vec<Value>, kwargs: Vec<(Str, Value)>) -> Res<Value> {
    let a = Args { name: t.name(), args, kwargs };
    if let Type::Exception(kind) = t {
        a.no_kwargs()?;
        return Ok(Value::Exception(match kind {
            ExcType::ExceptionGroup | ExcType::BaseExceptionGroup => {
                a.count(2, 2)?;
                let Value::Str(message) = &a.args[0] else {
                    return err(ExcType::TypeError, "argument 1 must be str, not ".to_owned() + a.args[0].type_name());
                };
                let mut members = Vec::new();
                for (i, item) in interp.collect(&a.args[1])?.into_iter().enumerate() {
                    match item {
                        Value::Exception(e) => members.push(e),
                        _ => {
                            return err(
                                ExcType::ValueError,
                                format!("Item {i} of second argument (exceptions) is not an exception"),
                            )
                        }
                    }
                }
                if members.is_empty() {
                    return err(ExcType::ValueError, "second argument (exceptions) must be a non-empty sequence");
                }
                // A BaseExceptionGroup of Exceptions only is an ExceptionGroup; an
                // ExceptionGroup takes Exceptions only.
                let all_exceptions = members.iter().all(|e| e.kind.is_subclass(ExcType::Exception));
                let kind = match kind {
                    ExcType::BaseExceptionGroup if all_exceptions => ExcType::ExceptionGroup,
                    ExcType::ExceptionGroup if !all_exceptions => {
                        return err(ExcType::TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
                    }
                    kind => kind,
                };
                Exception::group(kind, message, members)
            }
            // `OSError(errno, strerror)` is the subclass that errno stands for.
            ExcType::OSError if a.args.len() >= 2 => {
                let kind = match a.args[0].as_int() {
                    Some(1 | 13) => ExcType::PermissionError,
                    Some(2) => ExcType::FileNotFoundError,
                    Some(3) => ExcType::ProcessLookupError,
                    Some(4) => ExcType::InterruptedError,
                    Some(10) => ExcType::ChildProcessError,
                    Some(11 | 114 | 115) => ExcType::BlockingIOError,
                    Some(17) => ExcType::FileExistsError,
                    Some(20) => ExcType::NotADirectoryError,
                    Some(21) => ExcType::IsADirectoryError,
                    Some(32 | 108) => ExcType::BrokenPipeError,
                    Some(103) => ExcType::ConnectionAbortedError,
                    Some(104) => ExcType::ConnectionResetError,
                    Some(110) => ExcType::TimeoutError,
                    Some(111) => ExcType::ConnectionRefusedError,
                    _ => ExcType::OSError,
                };
                Exception::new(kind, a.args)
            }
            kind => Exception::new(kind, a.args),
        }));
    }
    if t == Type::Type && a.args.len() == 3 && a.kwargs.is_empty() {
        // `type(name, bases, namespace)`: a class made as a `class` statement makes it.
        let [name, bases, namespace] = <[Value; 3]>::try_from(a.args).expect("three");
        let (Value::Str(name), Value::Tuple(bases), Value::Dict(namespace)) = (name, bases, namespace) else {
            return err(ExcType::TypeError, "type.__new__() argument 1 must be str, 2 a tuple, 3 a dict");
        };
        let namespace = namespace.borrow().clone();
        return super::classes::build_class(interp, name, bases.to_vec(), namespace, None, None, Vec::new());
    }
    if t == Type::Object(&"slice") {
        // `slice(stop)`, `slice(start, stop[, step])`.
        a.no_kwargs()?;
        let mut parts = a.args.into_iter();
        return Ok(match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(stop), None, None, None) => slice_value(Value::None, stop, Value::None),
            (Some(start), Some(stop), step, None) => slice_value(start, stop, step.unwrap_or(Value::None)),
            (None, ..) => return err(ExcType::TypeError, "slice expected at least 1 argument, got 0"),
            _ => return err(ExcType::TypeError, "slice expected at most 3 arguments, got 4"),
        });
    }
    if t == Type::Bytes {
        let mut a = a;
        let encoding = a.kwarg("encoding");
        let errors = a.kwarg("errors");
        let source = a.kwarg("source");
        a.no_kwargs()?;
        a.count(0, 3)?;
        let mut given = a.args.into_iter();
        let source = source.or_else(|| given.next());
        let encoding = encoding.or_else(|| given.next());
        let errors = errors.or_else(|| given.next());
        let encoding = codec_arg("bytes", "encoding", encoding)?;
        let errors = codec_arg("bytes", "errors", errors)?;
        let items = match &source {
            None | Some(Value::Str(_) | Value::Bytes(_)) => None,
            Some(v) if v.as_int().is_some() => None,
            Some(v) if super::vm::is_iterable(v) => Some(interp.collect(v)?),
            Some(v) => return err(ExcType::TypeError, format!("cannot convert '{}' object to bytes", v.type_name())),
        };
        return super::bytes::construct(items, source.as_ref(), encoding.as_deref(), errors.as_deref());
    }
    if t == Type::Str && a.args.len() >= 2 {
        // `str(b, encoding, errors)`: the bytes decoded.
        a.no_kwargs()?;
        a.count(2, 3)?;
        let Value::Bytes(bytes) = &a.args[0] else {
            return err(
                ExcType::TypeError,
                format!("decoding to str: need a bytes-like object, {} found", a.args[0].type_name()),
            );
        };
        let (encoding, errors) = codec_args("str", a.args.get(1).cloned(), a.args.get(2).cloned())?;
        return Ok(Value::str(&super::bytes::decode(bytes, &encoding, &errors)?));
    }
    if t == Type::Dict {
        a.count(0, 1)?;
        let d = Rc::new(RefCell::new(Dict::default()));
        dict_method(interp, Builtin::Update, &d, Args { name: "dict", args: a.args, kwargs: a.kwargs })?;
        return Ok(Value::Dict(d));
    }
    if t == Type::Int && (a.args.len() == 2 || a.kwargs.iter().any(|(k, _)| &**k == "base")) {
        return int_with_base(&a);
    }
    a.no_kwargs()?;
    a.count(0, if t == Type::Range { 3 } else { 1 })?;
    let arg = a.args.first();
    Ok(match t {
        Type::Int | Type::Float if matches!(arg, Some(Value::Instance(_))) => {
            let Some(Value::Instance(i)) = arg else { unreachable!("matched") };
            let names: &[&str] = if t == Type::Int { &["__int__", "__index__"] } else { &["__float__", "__index__"] };
            let Some(name) = names.iter().find(|n| i.class.lookup(n).is_some()) else {
                let what = if t == Type::Int {
                    "int() argument must be a string, a bytes-like object or a real number"
                } else {
                    "float() argument must be a string or a real number"
                };
                return err(ExcType::TypeError, format!("{what}, not '{}'", i.class.name));
            };
            let v = i.special(name, Vec::new()).expect("looked up")?;
            match (t, v) {
                (Type::Int, v @ (Value::Int(_) | Value::Big(_))) => v,
                (Type::Int, Value::Bool(b)) => Value::Int(i64::from(b)),
                (Type::Float, Value::Float(x)) => Value::Float(x),
                (Type::Float, Value::Int(n)) if *name == "__index__" => Value::Float(n as f64),
                (_, other) => {
                    let message = format!("{name} returned non-{} (type {})", t.name(), other.type_name());
                    return err(ExcType::TypeError, message);
                }
            }
        }
        Type::Int => match arg {
            None => Value::Int(0),
            Some(Value::Str(s)) => {
                let cleaned: String = s.trim().chars().filter(|c| *c != '_').collect();
                let digits = cleaned.trim_start_matches(['+', '-']);
                let well_formed = !s.trim().starts_with('_')
                    && !s.trim().ends_with('_')
                    && !s.contains("__")
                    && !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit());
                match cleaned.parse::<i64>() {
                    Ok(n) if !s.trim().starts_with('_') && !s.trim().ends_with('_') => Value::Int(n),
                    Err(_) if well_formed && digits.len() > super::big::MAX_STR_DIGITS => {
                        return err(ExcType::ValueError, format!("Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit", super::big::MAX_STR_DIGITS, digits.len()));
                    }
                    Err(_) if well_formed => {
                        let n = super::big::parse(digits, 10).expect("digits");
                        super::big::value(if cleaned.starts_with('-') { -n } else { n })
                    }
                    _ => {
                        return err(
                            ExcType::ValueError,
                            format!("invalid literal for int() with base 10: {}", Value::Str(s.clone()).repr()),
                        )
                    }
                }
            }
            Some(Value::Float(x)) => {
                if x.is_nan() {
                    return err(ExcType::ValueError, "cannot convert float NaN to integer");
                }
                if !x.is_finite() {
                    return err(ExcType::OverflowError, "cannot convert float infinity to integer");
                }
                if x.abs() >= 9.2e18 {
                    super::big::value(super::big::from_float(*x).expect("a finite float"))
                } else {
                    Value::Int(x.trunc() as i64)
                }
            }
            Some(v) if v.as_int().is_some() => Value::Int(v.as_int().expect("checked")),
            Some(Value::Big(n)) => Value::Big(n.clone()),
            Some(other) => {
                return err(
                    ExcType::TypeError,
                    format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                        other.type_name()
                    ),
                )
            }
        },
        Type::Float => match arg {
            None => Value::Float(0.0),
            Some(Value::Big(n)) => Value::Float(super::big::to_float(n)?),
            Some(Value::Str(s)) => {
                let t = s.trim().to_ascii_lowercase();
                let parsed = match t.trim_start_matches(['+', '-']) {
                    "inf" | "infinity" | "nan" => t.replace("infinity", "inf").parse::<f64>().ok(),
                    body if body.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-' | '_'))
                        && body.chars().any(|c| c.is_ascii_digit()) =>
                    {
                        t.replace('_', "").parse::<f64>().ok()
                    }
                    _ => None,
                };
                match parsed {
                    Some(x) => Value::Float(x),
                    None => {
                        return err(
                            ExcType::ValueError,
                            format!("could not convert string to float: {}", Value::Str(s.clone()).repr()),
                        )
                    }
                }
            }
            Some(v) if v.as_float().is_some() => Value::Float(v.as_float().expect("checked")),
            Some(other) => {
                return err(
                    ExcType::TypeError,
                    format!("float() argument must be a string or a real number, not '{}'", other.type_name()),
                )
            }
        },
        Type::Str => Value::Str(arg.map_or(String::new(), Value::to_str).into()),
        Type::Bool => Value::Bool(arg.is_some_and(Value::truthy)),
        Type::List => Value::list(arg.map_or(Ok(Vec::new()), |v| interp.collect(v))?),
        Type::Tuple => Value::tuple(arg.map_or(Ok(Vec::new()), |v| interp.collect(v))?),
        Type::Set => new_set(arg.map_or(Ok(Vec::new()), |v| interp.collect(v))?)?,
        Type::FrozenSet => match arg {
            Some(v @ Value::Set(d)) if d.borrow().frozen => v.clone(),
            _ => {
                let set = new_set(arg.map_or(Ok(Vec::new()), |v| interp.collect(v))?)?;
                if let Value::Set(d) = &set {
                    d.borrow_mut().frozen = true;
                }
                set
            }
        },
        Type::Range => {
            let ints: Vec<i64> = (0..a.args.len()).map(|i| a.int(i)).collect::<Res<_>>()?;
            match ints[..] {
                [stop] => Value::range(0, stop, 1),
                [start, stop] => Value::range(start, stop, 1),
                [_, _, 0] => return err(ExcType::ValueError, "range() arg 3 must not be zero"),
                [start, stop, step] => Value::range(start, stop, step),
                _ => return err(ExcType::TypeError, "range expected at least 1 argument, got 0"),
            }
        }
        Type::Type => match arg {
            Some(Value::Instance(i)) => Value::Class(i.class.clone()),
            // A class's type is its metaclass.
            Some(Value::Class(c)) if c.metaclass.is_some() => Value::Class(c.metaclass.clone().expect("checked")),
            Some(Value::Exception(e)) if e.class.is_some() => Value::Class(e.class.clone().expect("checked")),
            Some(v) => Value::Type(v.type_of()),
            None => return err(ExcType::TypeError, "type() takes 1 or 3 arguments"),
        },
        Type::Object(o) if *o == "object" => match arg {
            None => Value::Object(Rc::new(super::objects::Obj::Bare)),
            Some(_) => return err(ExcType::TypeError, "object() takes no arguments"),
        },
        other => return err(ExcType::TypeError, format!("cannot create '{}' instances", other.name())),
    })
}
