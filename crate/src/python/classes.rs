//! The classes a program defines, and their instances: a class statement's namespace
//! becomes the class's dict, its bases give its method resolution order (C3, as
//! CPython's), an instance keeps its attributes in a dict of its own, and a function
//! found on the class is a method bound to the instance it was looked up on.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::exceptions::ExcType;
use super::interp::{raise, Interp, Res};
use super::value::{Dict, Key, Str, Type, Value};

pub struct Class {
    pub name: Str,
    /// `outer.<locals>.Name`, as its repr writes it.
    pub qualname: Str,
    /// Its name for messages that name a value's type, which are static strings.
    pub static_name: &'static &'static str,
    pub bases: Vec<Rc<Class>>,
    /// Its ancestors in its method resolution order, itself not included.
    pub ancestors: Vec<Rc<Class>>,
    pub dict: RefCell<Dict>,
    /// The built-in exception class it derives from, if it does (`class E(Exception)`):
    /// its instances are exceptions, which `raise` and `except` take.
    pub exception: Option<ExcType>,
    /// The machine whose program made it: its special methods (`__repr__`, `__eq__`...)
    /// run there, also when Rust asks for them (a list's repr, an equality).
    pub interp: std::rc::Weak<Interp>,
    /// The module written in Python that made it (see `library`), or the program.
    pub module: Option<super::value::Module>,
    /// Its metaclass (`metaclass=M`, or its bases'), if not `type`: the special
    /// methods of the class itself (calling it, iterating over it...) are M's.
    pub metaclass: Option<Rc<Class>>,
    /// The attributes its instances may have, when it and every ancestor declare
    /// `__slots__` (without `__dict__`): an instance has no other.
    pub slots: Option<Vec<Str>>,
    /// Whether it or an ancestor defines `__del__` (see `Drop for Instance`).
    pub finalizer: bool,
    /// Whether an object of it was given a weak reference's callback or a
    /// `weakref.finalize`: its objects, as they are freed, look for theirs
    /// (`Interp::weak_watches`).
    pub watched: std::cell::Cell<bool>,
    /// Whether it derives from `type`: a metaclass, whose `super().__new__` is
    /// `type.__new__`.
    pub is_meta: std::cell::Cell<bool>,
    /// The classes made with it among their bases, in the order they were made
    /// (`__subclasses__()`), as long as they live.
    pub children: RefCell<Vec<std::rc::Weak<Class>>>,
}

/// The attributes allowed by `__slots__` in `dict` and the bases' slots, if every one
/// restricts them (see [`Class::slots`]).
fn slots_of(dict: &Dict, bases: &[Rc<Class>]) -> Option<Vec<Str>> {
    let declared = dict.get(&Key::Str("__slots__".into()))?;
    let mut names: Vec<Str> = match declared {
        Value::Str(name) => vec![name.clone()],
        Value::Tuple(items) => {
            items.iter().filter_map(|v| if let Value::Str(s) = v { Some(s.clone()) } else { None }).collect()
        }
        Value::List(items) => {
            items.borrow().iter().filter_map(|v| if let Value::Str(s) = v { Some(s.clone()) } else { None }).collect()
        }
        _ => return None,
    };
    for base in bases {
        names.extend(base.slots.clone()?);
    }
    (!names.iter().any(|n| &**n == "__dict__")).then_some(names)
}

impl Class {
    /// Whether it is, or derives from, the library's class `name` (a base written in
    /// Python that a class derived from `dict`, `list` or `asyncio.Task` stands on).
    pub fn stands_on(&self, name: &str) -> bool {
        std::iter::once(self).chain(self.ancestors.iter().map(|a| &**a)).any(|c| c.module.is_some() && &*c.name == name)
    }

    /// Whether attribute `name` is found first in the library's class `base` (see
    /// [`Class::stands_on`]), not in a class before it in the method resolution order.
    pub fn defined_by(&self, name: &str, base: &str) -> bool {
        let key = Key::Str(name.into());
        std::iter::once(self)
            .chain(self.ancestors.iter().map(|a| &**a))
            .find(|c| c.dict.borrow().get(&key).is_some())
            .is_some_and(|c| c.module.is_some() && &*c.name == base)
    }

    /// Its module's name, as its repr and `__module__` give it.
    pub fn module_name(&self) -> &'static str {
        self.module.map_or("__main__", |m| m.name())
    }

    /// Its `__module__`: a library's class may name the module CPython's lives in.
    pub fn module_text(&self) -> String {
        match self.dict.borrow().get(&Key::Str("__module__".into())) {
            Some(Value::Str(m)) => m.to_string(),
            _ => self.module_name().to_owned(),
        }
    }
}

pub struct Instance {
    pub class: Rc<Class>,
    /// Its attributes: shared, as `obj.__dict__` and `vars(obj)` give them.
    pub dict: Rc<RefCell<Dict>>,
    /// Whether its `__del__` was called (once, as CPython calls it, even if the
    /// object lives on after it).
    pub finalized: std::cell::Cell<bool>,
}

/// An object whose class has `__del__`, dropped by the program: it lives on as an heir
/// (the same class and attributes), queued for the machine to call `__del__` at its
/// next safe point, as CPython calls it when the object's count falls to zero.
/// An object of a watched class (see [`Class::watched`]) hands its weak references'
/// callbacks and finalizers to the machine as it goes (after its `__del__`, by its
/// heir), to be called at the same safe point.
impl Drop for Instance {
    fn drop(&mut self) {
        let deleting = self.class.finalizer && !self.finalized.get();
        if !deleting && !self.class.watched.get() {
            return;
        }
        let Some(interp) = self.class.interp.upgrade() else { return };
        if interp.halted().is_some() {
            return;
        }
        let me = self as *const Instance as usize;
        if !deleting {
            interp.weak_freed(me);
            return;
        }
        let heir = Rc::new(Instance {
            class: self.class.clone(),
            dict: self.dict.clone(),
            finalized: std::cell::Cell::new(true),
        });
        if self.class.watched.get() {
            interp.weak_moved(me, Rc::as_ptr(&heir) as usize);
        }
        let queued = interp.deleting.try_borrow_mut().map(|mut queue| queue.push(heir)).is_ok();
        if queued {
            interp.finalize_due.set(true);
        }
    }
}

/// A function looked up on an instance, bound to it: `counter.add`.
pub struct BoundMethod {
    pub this: Value,
    pub function: Value,
}

thread_local! {
    static NAMES: RefCell<HashMap<String, &'static &'static str>> = RefCell::default();
}

/// `name` as a static string, made once for each name a class has had.
pub fn intern(name: &str) -> &'static &'static str {
    NAMES.with(|names| {
        *names.borrow_mut().entry(name.to_owned()).or_insert_with(|| {
            let text: &'static str = Box::leak(name.to_owned().into_boxed_str());
            Box::leak(Box::new(text))
        })
    })
}

/// The classes of the modules written in Python that CPython writes in C, by module.
const C_TYPES: &[(&str, &str)] = &[
    ("decimal", "Decimal"),
    ("decimal", "Context"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("datetime", "tzinfo"),
    ("collections", "deque"),
    ("collections", "defaultdict"),
    ("collections", "OrderedDict"),
    ("re", "Pattern"),
    ("re", "Match"),
    ("contextvars", "ContextVar"),
    ("contextvars", "Context"),
    ("contextvars", "Token"),
];

impl Class {
    /// The class a `class` statement makes of its namespace and its bases, or what
    /// CPython says when they cannot be ordered.
    pub fn new(
        qualname: Str,
        bases: Vec<Rc<Class>>,
        dict: Dict,
        interp: std::rc::Weak<Interp>,
        exception: Option<ExcType>,
        module: Option<super::value::Module>,
        metaclass: Option<Rc<Class>>,
    ) -> Result<Rc<Class>, String> {
        let is_meta = std::cell::Cell::new(bases.iter().any(|b| b.is_meta.get()));
        let name: Str = qualname.rsplit('.').next().unwrap_or(&qualname).into();
        for (i, base) in bases.iter().enumerate() {
            if bases[..i].iter().any(|b| Rc::ptr_eq(b, base)) {
                return Err(format!("duplicate base class {}", base.name));
            }
        }
        let mut lists: Vec<Vec<Rc<Class>>> = bases.iter().map(|b| b.mro()).collect();
        lists.push(bases.clone());
        let ancestors = merge(lists).ok_or_else(|| {
            let names: Vec<&str> = bases.iter().map(|b| &*b.name).collect();
            // (CPython 3.11 breaks the line there.)
            format!("Cannot create a consistent method resolution\norder (MRO) for bases {}", names.join(", "))
        })?;
        // Every class has its own `__doc__` (a docstring is not inherited): None
        // without one, as `type` makes it.
        let mut dict = dict;
        if dict.get(&Key::Str("__doc__".into())).is_none() {
            dict.insert(Key::Str("__doc__".into()), Value::str("__doc__"), Value::None);
        }
        let slots = slots_of(&dict, &bases);
        let dict = RefCell::new(dict);
        let exception = exception.or_else(|| bases.iter().find_map(|b| b.exception));
        // A class CPython writes in C is named with its module where a message names
        // a value's type (`'decimal.Decimal' and 'float'`).
        let static_name = match module.map(|m| m.name()) {
            Some(m) if C_TYPES.iter().any(|(cm, cn)| *cm == m && **cn == *name) => {
                intern(&format!("{}.{name}", if m == "contextvars" { "_contextvars" } else { m }))
            }
            _ => intern(&name),
        };
        let del = Key::Str("__del__".into());
        let finalizer =
            dict.borrow().get(&del).is_some() || ancestors.iter().any(|a| a.dict.borrow().get(&del).is_some());
        let class = Rc::new(Class {
            slots,
            finalizer,
            watched: std::cell::Cell::new(false),
            static_name,
            name,
            qualname,
            bases,
            ancestors,
            dict,
            interp,
            exception,
            module,
            metaclass,
            is_meta,
            children: RefCell::default(),
        });
        for base in &class.bases {
            let mut children = base.children.borrow_mut();
            children.retain(|c| c.strong_count() > 0);
            children.push(Rc::downgrade(&class));
        }
        Ok(class)
    }

    /// The class and its ancestors, in method resolution order (`__mro__`).
    pub fn mro(self: &Rc<Self>) -> Vec<Rc<Class>> {
        std::iter::once(self.clone()).chain(self.ancestors.iter().cloned()).collect()
    }

    /// `name` in the class's dict or its ancestors', in method resolution order.
    pub fn lookup(&self, name: &str) -> Option<Value> {
        let key = Key::Str(name.into());
        if let Some(v) = self.dict.borrow().get(&key) {
            return Some(v.clone());
        }
        self.ancestors.iter().find_map(|c| c.dict.borrow().get(&key).cloned())
    }

    /// Whether it is `other` or derives from it.
    pub fn is_subclass(&self, other: &Rc<Class>) -> bool {
        std::ptr::eq(self, &**other) || self.ancestors.iter().any(|c| Rc::ptr_eq(c, other))
    }
}

/// C3's merge of the bases' orders and the bases: each next class is the first head of
/// a list that is in no list's tail. `None` if no head is.
fn merge(mut lists: Vec<Vec<Rc<Class>>>) -> Option<Vec<Rc<Class>>> {
    let mut out = Vec::new();
    loop {
        lists.retain(|l| !l.is_empty());
        if lists.is_empty() {
            return Some(out);
        }
        let head = lists
            .iter()
            .map(|l| l[0].clone())
            .find(|h| !lists.iter().any(|l| l[1..].iter().any(|c| Rc::ptr_eq(c, h))))?;
        for l in &mut lists {
            if Rc::ptr_eq(&l[0], &head) {
                l.remove(0);
            }
        }
        out.push(head);
    }
}

/// `BuildClass`: the class named `qualname` with `bases` (classes the program made, or
/// `object`) and the namespace its body filled.
pub fn build_class(
    interp: &Rc<Interp>,
    qualname: Str,
    bases: Vec<Value>,
    namespace: Dict,
    module: Option<super::value::Module>,
    metaclass: Option<Value>,
    keywords: Vec<(Str, Value)>,
) -> Res<Value> {
    // A metaclass of the program's with `__new__` or `__init__`: they make and
    // initialize the class (its `super().__new__` is `type.__new__`, which builds it).
    let meta = match &metaclass {
        Some(Value::Class(m)) => Some(m.clone()),
        Some(_) => None,
        None => bases.iter().find_map(|b| if let Value::Class(c) = b { c.metaclass.clone() } else { None }),
    };
    if let Some(meta) = meta.filter(|m| m.module.is_none()) {
        let (new, init) = (meta.lookup("__new__"), meta.lookup("__init__"));
        if new.is_some() || init.is_some() {
            let name: Str = qualname.rsplit('.').next().unwrap_or(&qualname).into();
            let bases_value = Value::tuple(bases.clone());
            let ns = Value::Dict(Rc::new(RefCell::new(namespace.clone())));
            let class = match new {
                Some(new) => {
                    let new = static_function(new);
                    let args =
                        vec![Value::Class(meta.clone()), Value::Str(name.clone()), bases_value.clone(), ns.clone()];
                    interp.call_value(new, args, keywords.clone())?
                }
                None => build_made(
                    interp,
                    qualname,
                    bases,
                    namespace,
                    module,
                    Some(Value::Class(meta.clone())),
                    keywords.clone(),
                )?,
            };
            // `__init__` runs if what `__new__` gave is a class of the metaclass.
            let ours = matches!(&class, Value::Class(c) if c.metaclass.as_ref().is_some_and(|m| m.is_subclass(&meta)));
            if let (Some(init), true) = (init, ours) {
                interp.call_value(init, vec![class.clone(), Value::Str(name), bases_value, ns], keywords)?;
            }
            return Ok(class);
        }
    }
    build_made(interp, qualname, bases, namespace, module, metaclass, keywords)
}

/// A class's `__new__` as it is called: the function inside its `staticmethod`.
pub fn static_function(new: Value) -> Value {
    match new {
        Value::Object(o) => match &*o {
            super::objects::Obj::StaticMethod(f) => f.clone(),
            _ => Value::Object(o.clone()),
        },
        other => other,
    }
}

/// `type.__new__(metaclass, name, bases, namespace)`: the class, made as `type` makes it.
pub fn type_new(interp: &Rc<Interp>, args: Vec<Value>, keywords: Vec<(Str, Value)>) -> Res<Value> {
    let [meta, name, bases, namespace] = <[Value; 4]>::try_from(args).map_err(|_| {
        super::interp::Unwind::Raise(super::exceptions::Exception::with_message(
            ExcType::TypeError,
            "type.__new__() takes exactly 3 arguments",
        ))
    })?;
    let (Value::Class(_), Value::Str(name), Value::Tuple(bases), Value::Dict(namespace)) =
        (&meta, name, bases, namespace)
    else {
        return raise(
            ExcType::TypeError,
            "type.__new__(X): X is not a type object, or its arguments are not a name, bases and a dict",
        );
    };
    let namespace = namespace.borrow().clone();
    build_made(interp, name, bases.to_vec(), namespace, None, Some(meta), keywords)
}

/// See `build_class`: the class itself.
fn build_made(
    interp: &Rc<Interp>,
    qualname: Str,
    bases: Vec<Value>,
    namespace: Dict,
    module: Option<super::value::Module>,
    metaclass: Option<Value>,
    keywords: Vec<(Str, Value)>,
) -> Res<Value> {
    let mut namespace = namespace;
    let is_alias = |b: &Value| matches!(b, Value::Object(o) if matches!(&**o, super::objects::Obj::Alias(_)));
    if bases.iter().any(|b| matches!(b, Value::Type(Type::Object(name)) if name.starts_with("typing.")) || is_alias(b))
    {
        // `class Box(Generic[T])`: generic, so `Box[int]` is an alias (see `subscript`).
        namespace.insert(Key::Str("__orig_bases__".into()), Value::str("__orig_bases__"), Value::tuple(bases.clone()));
    }
    // `class Ints(list[int])`, `class Box(Generic[T])`: the class an alias subscripts.
    let bases: Vec<Value> = bases
        .into_iter()
        .map(|b| match &b {
            Value::Object(o) => match &**o {
                super::objects::Obj::Alias(a) => a.origin_class(),
                _ => b,
            },
            _ => b,
        })
        .collect();
    if namespace.get(&Key::Str("__eq__".into())).is_some() && namespace.get(&Key::Str("__hash__".into())).is_none() {
        // A class that defines `__eq__` and not `__hash__` makes unhashable objects.
        namespace.insert(Key::Str("__hash__".into()), Value::str("__hash__"), Value::None);
    }
    let is_meta = bases.iter().any(|b| matches!(b, Value::Type(Type::Type)));
    let mut classes = Vec::new();
    let mut exception = None;
    // `class Color(str, Enum)`: str (or int) beside an Enum is enum's mixin for it.
    let of_enum = |c: &Rc<Class>| {
        let enum_module = Some(super::value::Module::Enum);
        c.module == enum_module || c.ancestors.iter().any(|a| a.module == enum_module)
    };
    let enum_base = bases.iter().any(|b| matches!(b, Value::Class(c) if of_enum(c)));
    for base in bases {
        match base {
            Value::Class(c) => classes.push(c),
            Value::Type(t @ (Type::Str | Type::Int)) if enum_base => {
                let mixin = if t == Type::Str { "enum._StrMixin" } else { "enum._IntMixin" };
                match interp.global(mixin) {
                    Some(Value::Class(c)) => classes.push(c),
                    _ => unreachable!("enum is loaded where an Enum is"),
                }
            }
            Value::Type(Type::Object(&"object")) => {}
            // `class Registry(dict)`, `class Stack(list)`, `class Distance(float)`: on
            // collections' bases for them.
            Value::Type(t @ (Type::Dict | Type::List | Type::Float | Type::Int | Type::Str | Type::Tuple)) => {
                let base = match t {
                    Type::Dict => "collections._DictBase",
                    Type::List => "collections._ListBase",
                    Type::Float => "collections._FloatBase",
                    Type::Int => "collections._IntBase",
                    Type::Str => "collections._StrBase",
                    _ => "collections._TupleBase",
                };
                match interp.global(base) {
                    Some(Value::Class(c)) => classes.push(c),
                    _ => {
                        let message = format!(
                            "the playground's classes cannot derive from the built-in type '{}' here",
                            t.name()
                        );
                        return raise(ExcType::TypeError, message);
                    }
                }
            }
            // `class MyTask(asyncio.Task)`: on asyncio's Python base for them.
            Value::Asyncio(f @ (super::asyncio::Fn::Task | super::asyncio::Fn::Future)) => {
                let base =
                    if f == super::asyncio::Fn::Task { "asyncio._TaskSubclass" } else { "asyncio._FutureSubclass" };
                match interp.global(base) {
                    Some(Value::Class(c)) => classes.push(c),
                    _ => unreachable!("asyncio's Python part is loaded where asyncio is"),
                }
            }
            // A metaclass (`class Meta(type)`): its methods are its classes'.
            Value::Type(Type::Type) => {}
            // `Generic[T]`, `Protocol`: for type checkers, which the playground is not.
            Value::Type(Type::Object(name)) if name.starts_with("typing.") => {}
            Value::Type(Type::Exception(kind)) => {
                exception.get_or_insert(kind);
            }
            Value::Type(t) => {
                return raise(
                    ExcType::TypeError,
                    format!("the playground's classes cannot derive from the built-in type '{}' yet", t.name()),
                )
            }
            other => {
                return raise(ExcType::TypeError, format!("bases must be types, not {}", other.type_name()));
            }
        }
    }
    let metaclass = match metaclass {
        None => classes.iter().find_map(|c| c.metaclass.clone()),
        Some(Value::Class(m)) => Some(m),
        Some(Value::Type(Type::Type)) => None,
        Some(other) => {
            let message = format!("the playground's metaclasses are classes deriving from type, not {}", other.repr());
            return raise(ExcType::TypeError, message);
        }
    };
    let class = match Class::new(qualname, classes, namespace, Rc::downgrade(interp), exception, module, metaclass) {
        Ok(class) => class,
        Err(message) => return raise(ExcType::TypeError, message),
    };
    if is_meta {
        class.is_meta.set(true);
    }
    // Each attribute whose class has `__set_name__` learns its owner and name.
    let attributes: Vec<(Value, Value)> = class.dict.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (key, value) in attributes {
        if let (Value::Str(name), Value::Instance(i)) = (&key, &value) {
            if let Some(set_name) = i.class.lookup("__set_name__") {
                let args = vec![value.clone(), Value::Class(class.clone()), Value::Str(name.clone())];
                interp.call_value(set_name, args, Vec::new())?;
            }
        }
    }
    // `__init_subclass__` of the classes it derives from, as a class method.
    if let Some(hook) =
        class.ancestors.iter().find_map(|c| c.dict.borrow().get(&Key::Str("__init_subclass__".into())).cloned())
    {
        let hook = match hook {
            Value::Object(o) => match &*o {
                super::objects::Obj::ClassMethod(f) => f.clone(),
                _ => Value::Object(o.clone()),
            },
            other => other,
        };
        interp.call_value(hook, vec![Value::Class(class.clone())], keywords)?;
    } else if !keywords.is_empty() {
        let message = format!("{}.__init_subclass__() takes no keyword arguments", class.name);
        return raise(ExcType::TypeError, message);
    }
    Ok(Value::Class(class))
}

impl Class {
    /// The special method `name` of its metaclass, if it has one that defines it.
    pub fn meta_method(&self, name: &str) -> Option<Value> {
        self.metaclass.as_ref()?.lookup(name)
    }

    /// Calls its metaclass's special method `name` on it, if there is one.
    pub fn meta_special(self: &Rc<Self>, name: &str, args: Vec<Value>) -> Option<Res<Value>> {
        let metaclass = self.metaclass.as_ref()?;
        call_special(metaclass, Value::Class(self.clone()), name, args)
    }

    /// Its repr as its metaclass's `__repr__` writes it, if it has one.
    pub fn meta_repr(self: &Rc<Self>) -> Option<String> {
        let metaclass = self.metaclass.as_ref()?;
        text_of(metaclass, Value::Class(self.clone()), "__repr__", "__repr__")
    }
}

impl Instance {
    pub fn new(class: Rc<Class>) -> Rc<Instance> {
        Rc::new(Instance { class, dict: Rc::default(), finalized: std::cell::Cell::new(false) })
    }

    /// Calls the special method `name` of its class with `args`, if the class has one.
    pub fn special(self: &Rc<Self>, name: &str, args: Vec<Value>) -> Option<Res<Value>> {
        call_special(&self.class, Value::Instance(self.clone()), name, args)
    }

    /// [`Instance::special`] for Rust that cannot raise (a repr inside a list's, a
    /// truth value): an error it raises is kept for the machine to raise as soon as
    /// the instruction that asked is over, and the answer is then `None`.
    pub fn special_or_keep(self: &Rc<Self>, name: &str, args: Vec<Value>) -> Option<Value> {
        match self.special(name, args)? {
            Ok(v) => Some(v),
            Err(e) => {
                if let Some(interp) = self.class.interp.upgrade() {
                    interp.keep_error(e);
                }
                None
            }
        }
    }

    /// `__repr__` or `__str__` (`name`) as text, if its class defines it; a result that
    /// is not a string is an error naming `asked` (`str()` of a class with only a
    /// `__repr__` names `__str__`, as CPython's does).
    pub fn text(self: &Rc<Self>, name: &str, asked: &str) -> Option<String> {
        text_of(&self.class, Value::Instance(self.clone()), name, asked)
    }
}

/// Calls the special method `name` of `class` on `this` (an instance of it, or an
/// exception of it) with `args`, if the class has one.
pub fn call_special(class: &Rc<Class>, this: Value, name: &str, args: Vec<Value>) -> Option<Res<Value>> {
    let method = class.lookup(name)?;
    let interp = class.interp.upgrade()?;
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(this);
    all.extend(args);
    Some(interp.call_value(method, all, Vec::new()))
}

/// A text special method's result where Rust cannot raise: an error is kept for the
/// machine (see `special_or_keep`), and the text is then empty.
fn text_of(class: &Rc<Class>, this: Value, name: &str, asked: &str) -> Option<String> {
    let keep = |e: super::interp::Unwind| {
        if let Some(interp) = class.interp.upgrade() {
            interp.keep_error(e);
        }
    };
    match call_special(class, this, name, Vec::new())? {
        Ok(Value::Str(s)) => Some(s.to_string()),
        Ok(other) => {
            let message = format!("{asked} returned non-string (type {})", other.type_name());
            keep(super::interp::Unwind::Raise(super::exceptions::Exception::with_message(ExcType::TypeError, message)));
            Some(String::new())
        }
        Err(e) => {
            keep(e);
            Some(String::new())
        }
    }
}

/// `str(e)` for an exception of a class with `__str__`.
pub fn special_text(class: &Rc<Class>, this: Value, name: &str) -> Option<String> {
    text_of(class, this, name, name)
}

/// An attribute of an instance: its own, or its class's (a function bound to it).
pub fn instance_attribute(this: &Rc<Instance>, name: &str) -> Option<Value> {
    if name == "__class__" {
        return Some(Value::Class(this.class.clone()));
    }
    if let Some(v) = this.dict.borrow().get(&Key::Str(name.into())) {
        return Some(v.clone());
    }
    let found = this.class.lookup(name)?;
    Some(match found {
        Value::Function(_) => {
            Value::BoundMethod(Rc::new(BoundMethod { this: Value::Instance(this.clone()), function: found }))
        }
        other => other,
    })
}

/// The keys a `%`-format names (`%(name)s`), in order.
fn percent_keys(template: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        match chars.peek() {
            Some('%') => {
                chars.next();
            }
            Some('(') => {
                chars.next();
                let (mut depth, mut name) = (1, String::new());
                for c in chars.by_ref() {
                    depth += i32::from(c == '(') - i32::from(c == ')');
                    if depth == 0 {
                        break;
                    }
                    name.push(c);
                }
                keys.push(name);
            }
            _ => {}
        }
    }
    keys
}

/// An attribute of a class: its dict's or its ancestors', or what every class has.
pub fn class_attribute(class: &Rc<Class>, name: &str) -> Option<Value> {
    if let Some(v) = class.lookup(name) {
        return Some(v);
    }
    Some(match name {
        "__name__" => Value::Str(class.name.clone()),
        "__qualname__" => Value::Str(class.qualname.clone()),
        "__module__" => Value::str(&class.module_text()),
        "__annotations__" => Value::Dict(Default::default()),
        "__dict__" => Value::Dict(Rc::new(RefCell::new(class.dict.borrow().clone()))),
        "mro" => Value::Bound(Rc::new((Value::Class(class.clone()), "mro"))),
        "__subclasses__" => Value::Bound(Rc::new((Value::Class(class.clone()), "__subclasses__"))),
        // `object.__new__`, for a class that does not define one (given the class, an
        // object of it, not initialized).
        "__new__" if class.exception.is_none() && !class.is_meta.get() => {
            super::builtins::getattr(&Value::Type(Type::Object(&"object")), "__new__").ok()?
        }
        "__base__" => class.bases.first().map_or(Value::Type(Type::Object(&"object")), |b| Value::Class(b.clone())),
        "__bases__" if class.bases.is_empty() => Value::tuple(vec![Value::Type(Type::Object(&"object"))]),
        "__bases__" => Value::tuple(class.bases.iter().map(|b| Value::Class(b.clone())).collect()),
        "__mro__" => {
            // An exception class's built-in ancestors follow its own (`Exception`,
            // `BaseException`), then `object`.
            let mut built_in = Vec::new();
            let mut kind = class.exception;
            while let Some(k) = kind {
                built_in.push(Value::Type(Type::Exception(k)));
                kind = k.parents().first().copied();
            }
            Value::tuple(
                class
                    .mro()
                    .into_iter()
                    .map(Value::Class)
                    .chain(built_in)
                    .chain([Value::Type(Type::Object(&"object"))])
                    .collect(),
            )
        }
        _ => return None,
    })
}

/// Sets `name` on an instance or a class, as `obj.name = value` does.
pub fn set_attribute(object: &Value, name: &str, value: Value) -> bool {
    let dict = match object {
        Value::Instance(i) => &i.dict,
        Value::Class(c) => &c.dict,
        Value::Function(f) => {
            f.set_attr(name, value);
            return true;
        }
        _ => return false,
    };
    dict.borrow_mut().insert(Key::Str(name.into()), Value::str(name), value);
    true
}

impl Interp {
    /// `del object.name`: the class's `__delattr__`, or the attribute itself.
    pub fn delete_attr(self: &Rc<Self>, object: &Value, name: &str) -> Res<()> {
        if let Value::Class(c) = object {
            if let Some(delattr) = c.meta_method("__delattr__") {
                self.call_value(delattr, vec![object.clone(), Value::str(name)], Vec::new())?;
                return Ok(());
            }
        }
        if let Value::Instance(i) = object {
            if let Some(delattr) = i.class.lookup("__delattr__") {
                self.call_value(delattr, vec![object.clone(), Value::str(name)], Vec::new())?;
                return Ok(());
            }
            // A property: its deleter, if it has one.
            if let Some(Value::Object(o)) = i.class.lookup(name) {
                if let super::objects::Obj::Property { fdel, .. } = &*o {
                    if let Value::None = fdel {
                        let message = format!("property '{name}' of '{}' object has no deleter", i.class.name);
                        return raise(ExcType::AttributeError, message);
                    }
                    self.call_value(fdel.clone(), vec![object.clone()], Vec::new())?;
                    return Ok(());
                }
            }
        }
        if let Value::Module(module) = object {
            // (What the program set on it: see `set_attr`.)
            let mut overrides = self.module_overrides.borrow_mut();
            if let Some(at) = overrides.iter().position(|(m, n, _)| m == module && &**n == name) {
                drop(overrides.remove(at));
                return Ok(());
            }
            drop(overrides);
            if let Some(slot) = self.global_names.borrow().find(&format!("{}.{name}", module.name())) {
                let old = std::mem::replace(&mut self.globals.borrow_mut()[slot as usize], Value::Unbound);
                if !matches!(old, Value::Unbound) {
                    return Ok(());
                }
            }
            return raise(ExcType::AttributeError, format!("module '{}' has no attribute '{name}'", module.name()));
        }
        match delete_attribute(object, name) {
            Some(true) => Ok(()),
            Some(false) => super::builtins::no_attribute(object, name),
            None => super::builtins::setattr(object, name),
        }
    }

    /// `object.__setattr__(this, name, value)` and `object.__delattr__(this, name)`
    /// (also through `super()`): the instance's own attributes, whatever its class's
    /// `__setattr__` says.
    pub fn object_setattr(self: &Rc<Self>, method: &str, args: Vec<Value>) -> Res<Value> {
        let n = if method == "__setattr__" { 3 } else { 2 };
        if args.len() != n {
            let message = format!("expected {n} arguments, got {}", args.len());
            return raise(ExcType::TypeError, message);
        }
        let Value::Str(name) = &args[1] else {
            let message = format!("attribute name must be string, not '{}'", args[1].type_name());
            return raise(ExcType::TypeError, message);
        };
        let name = name.clone();
        let mut args = args;
        if method == "__setattr__" {
            let value = args.pop().expect("three");
            if !set_attribute(&args[0], &name, value) {
                super::builtins::setattr(&args[0], &name)?;
            }
            return Ok(Value::None);
        }
        match delete_attribute(&args[0], &name) {
            Some(true) => Ok(Value::None),
            Some(false) => super::builtins::no_attribute(&args[0], &name),
            None => super::builtins::setattr(&args[0], &name).map(|()| Value::None),
        }
    }
}

/// Deletes `name` from an instance's or a class's own attributes: whether it was there.
pub fn delete_attribute(object: &Value, name: &str) -> Option<bool> {
    let dict = match object {
        Value::Instance(i) => &i.dict,
        Value::Class(c) => &c.dict,
        _ => return None,
    };
    let removed = dict.borrow_mut().remove(&Key::Str(name.into()));
    Some(removed.is_some())
}

/// Whose method resolution order `super(class, this)` walks: `this`'s class (or
/// `this` itself, a class), or for a class whose metaclass derives from `class`, the
/// metaclass (`super().__call__` in a metaclass's `__call__`). `None`: neither.
fn super_of(class: &Rc<Class>, this: &Value) -> Option<Rc<Class>> {
    let has = |c: &Rc<Class>| c.mro().iter().any(|k| Rc::ptr_eq(k, class));
    let of = match this {
        Value::Instance(i) => i.class.clone(),
        Value::Class(c) => {
            if !has(c) {
                return c.metaclass.clone().filter(has);
            }
            c.clone()
        }
        Value::Exception(e) => e.class.clone()?,
        _ => return None,
    };
    has(&of).then_some(of)
}

/// `property(...)`, `staticmethod(f)`, `classmethod(f)` and `super(class, this)`.
pub fn make_descriptor(b: super::builtins::Builtin, args: Vec<Value>, kwargs: Vec<(Str, Value)>) -> Res<Value> {
    use super::builtins::Builtin;
    use super::objects::Obj;
    let name = b.name();
    if b == Builtin::Property {
        let mut slots = [Value::None, Value::None, Value::None, Value::None];
        if args.len() > 4 {
            return raise(ExcType::TypeError, format!("property() takes at most 4 arguments ({} given)", args.len()));
        }
        for (i, v) in args.into_iter().enumerate() {
            slots[i] = v;
        }
        for (k, v) in kwargs {
            let Some(i) = ["fget", "fset", "fdel", "doc"].iter().position(|n| **n == *k) else {
                return raise(ExcType::TypeError, format!("property() got an unexpected keyword argument '{k}'"));
            };
            slots[i] = v;
        }
        let [fget, fset, fdel, doc] = slots;
        return Ok(Value::Object(Rc::new(Obj::Property { fget, fset, fdel, doc })));
    }
    if !kwargs.is_empty() {
        return raise(ExcType::TypeError, format!("{name}() takes no keyword arguments"));
    }
    match (b, <[Value; 1]>::try_from(args)) {
        (Builtin::StaticMethod, Ok([f])) => Ok(Value::Object(Rc::new(Obj::StaticMethod(f)))),
        (Builtin::ClassMethod, Ok([f])) => Ok(Value::Object(Rc::new(Obj::ClassMethod(f)))),
        (Builtin::Super, Err(args)) if args.is_empty() => raise(ExcType::RuntimeError, "super(): no arguments"),
        (Builtin::Super, Err(args)) if args.len() == 2 => {
            let [class, this] = <[Value; 2]>::try_from(args).map_err(|_| unreachable!("two")).expect("two");
            let Value::Class(class) = class else {
                return raise(
                    ExcType::TypeError,
                    format!("super() argument 1 must be a type, not {}", class.type_name()),
                );
            };
            if super_of(&class, &this).is_none() {
                return raise(ExcType::TypeError, "super(type, obj): obj must be an instance or subtype of type");
            }
            Ok(Value::Object(Rc::new(Obj::Super(class, this))))
        }
        (Builtin::Super, _) => {
            raise(ExcType::TypeError, "the playground's super() takes no arguments, or a class and an object")
        }
        (_, Ok(_)) => unreachable!("one of the four"),
        (_, Err(args)) => raise(ExcType::TypeError, format!("{name} expected 1 argument, got {}", args.len())),
    }
}

impl Interp {
    /// `object.name`, for what the program's classes make, as CPython's attribute lookup
    /// finds it: a property of the instance's class before the instance's own
    /// attributes, functions bound to the instance, class and static methods unwrapped,
    /// and `super()`'s view of the classes after one; other values as `getattr` has them.
    pub fn load_attr(self: &Rc<Self>, object: &Value, name: &str) -> Res<Value> {
        use super::objects::Obj;
        if let (Value::Object(o), "write") = (object, name) {
            if let Obj::Stream(to_stderr) = &**o {
                if let Some(write) = self.stream_writes.borrow()[usize::from(*to_stderr)].clone() {
                    return Ok(write);
                }
            }
        }
        match object {
            // (An object of a class with `__slots__` has no `__dict__`.)
            Value::Instance(i) if name == "__dict__" && i.class.slots.is_some() => {
                raise(ExcType::AttributeError, format!("'{}' object has no attribute '__dict__'", i.class.name))
            }
            Value::Instance(i) if name == "__dict__" => Ok(Value::Dict(i.dict.clone())),
            Value::Module(_) if name == "__dict__" => {
                self.call_value(Value::Builtin(super::builtins::Builtin::Vars), vec![object.clone()], Vec::new())
            }
            Value::Instance(i) if name != "__class__" => match self.object_attr(object, &i.class, &i.dict, name) {
                // `__getattr__`: asked for what is not found the usual way.
                Err(super::interp::Unwind::Raise(e)) if e.kind == ExcType::AttributeError => {
                    match i.class.lookup("__getattr__") {
                        Some(getattr) => self.call_value(getattr, vec![object.clone(), Value::str(name)], Vec::new()),
                        None => Err(super::interp::Unwind::Raise(e)),
                    }
                }
                other => other,
            },
            Value::Module(m) => self.module_attr(*m, name),
            Value::Exception(e)
                if e.class.is_some()
                    && !matches!(name, "args" | "__class__" | "__cause__" | "__context__" | "__traceback__") =>
            {
                let class = e.class.clone().expect("checked");
                self.object_attr(object, &class, &e.attrs, name)
            }
            Value::Class(c) => match c.lookup(name) {
                Some(Value::Object(o)) => match &*o {
                    Obj::ClassMethod(f) => {
                        Ok(Value::BoundMethod(Rc::new(BoundMethod { this: object.clone(), function: f.clone() })))
                    }
                    Obj::StaticMethod(f) => Ok(f.clone()),
                    _ => Ok(Value::Object(o)),
                },
                // A descriptor of the program's: `__get__(None, C)`.
                Some(Value::Instance(d)) if d.class.lookup("__get__").is_some() => {
                    let get = d.class.lookup("__get__").expect("checked");
                    self.call_value(get, vec![Value::Instance(d), Value::None, object.clone()], Vec::new())
                }
                Some(other) => Ok(other),
                None => match c.meta_method(name) {
                    // An attribute of its metaclass: its methods bind to the class.
                    Some(found) => {
                        let metaclass = c.metaclass.clone().expect("it has one");
                        self.bind(found, object, &metaclass, name)
                    }
                    None => super::builtins::getattr(object, name),
                },
            },
            Value::Object(o) => match &**o {
                Obj::Super(class, this) => {
                    let of = super_of(class, this).expect("checked when made");
                    let mro = of.mro();
                    let after = mro.iter().position(|k| Rc::ptr_eq(k, class)).map_or(mro.len(), |i| i + 1);
                    let key = Key::Str(name.into());
                    for k in &mro[after..] {
                        let found = k.dict.borrow().get(&key).cloned();
                        if let Some(f) = found {
                            // (Of a class, `super().f` is f itself unless f is a class method.)
                            if let (Value::Class(_), Value::Function(_)) = (this, &f) {
                                return Ok(f);
                            }
                            return self.bind(f, this, &of, name);
                        }
                    }
                    if name == "__init__" {
                        // `object.__init__`, which does nothing (or an exception's, which
                        // sets its arguments).
                        return Ok(Value::Bound(Rc::new((object.clone(), "__init__"))));
                    }
                    if matches!(name, "__setattr__" | "__delattr__") {
                        let name = if name == "__setattr__" { "__setattr__" } else { "__delattr__" };
                        return Ok(Value::Bound(Rc::new((object.clone(), name))));
                    }
                    if name == "__call__" && matches!(this, Value::Class(_)) {
                        // `type.__call__`, from a metaclass's `__call__`: the class called.
                        return Ok(Value::Bound(Rc::new((object.clone(), "__call__"))));
                    }
                    if name == "__new__" && class.is_meta.get() {
                        // `type.__new__`, from a metaclass's `__new__`: the class made.
                        return Ok(Value::Bound(Rc::new((Value::Type(Type::Type), "__new__"))));
                    }
                    if name == "__new__" {
                        // `object.__new__`, given the class: an object of it, not initialized.
                        return super::builtins::getattr(&Value::Type(Type::Object(&"object")), "__new__");
                    }
                    if name == "__init_subclass__" {
                        // `object.__init_subclass__`, which does nothing.
                        return Ok(Value::Bound(Rc::new((object.clone(), "__init_subclass__"))));
                    }
                    if name == "__str__" && matches!(this, Value::Exception(_)) {
                        return Ok(Value::Bound(Rc::new((object.clone(), "__str__"))));
                    }
                    if let Some(name) = super::builtins::OBJECT_DUNDERS.iter().find(|n| **n == name) {
                        // `object.__repr__`, `object.__eq__`…, bound to the object.
                        return Ok(Value::Bound(Rc::new((object.clone(), name))));
                    }
                    raise(ExcType::AttributeError, format!("'super' object has no attribute '{name}'"))
                }
                _ => super::builtins::getattr(object, name),
            },
            _ => super::builtins::getattr(object, name),
        }
    }

    /// `object.name` for an object of the program's `class` whose own attributes are
    /// `dict` (an instance, or an exception of the program's): a property of the class
    /// first (a data descriptor), then the object's own, then the class's, bound.
    fn object_attr(self: &Rc<Self>, object: &Value, class: &Rc<Class>, dict: &RefCell<Dict>, name: &str) -> Res<Value> {
        use super::objects::Obj;
        let found = class.lookup(name);
        match &found {
            Some(Value::Object(o)) if matches!(&**o, Obj::Property { .. }) => {
                return self.bind(found.clone().expect("found"), object, class, name);
            }
            // A data descriptor of the program's (its class has `__set__`) comes first too.
            Some(Value::Instance(d)) if d.class.lookup("__set__").is_some() => {
                return self.bind(found.clone().expect("found"), object, class, name);
            }
            _ => {}
        }
        if let Some(v) = dict.borrow().get(&Key::Str(name.into())) {
            return Ok(v.clone());
        }
        match found {
            Some(f) => self.bind(f, object, class, name),
            // (Its class's, as every class has one.)
            None if name == "__module__" => Ok(Value::str(&class.module_text())),
            None => super::builtins::getattr(object, name),
        }
    }

    /// What a class's attribute `found` is when looked up on `this`.
    fn bind(self: &Rc<Self>, found: Value, this: &Value, class: &Rc<Class>, name: &str) -> Res<Value> {
        use super::objects::Obj;
        match &found {
            // A descriptor of the program's: `__get__(obj, type(obj))`.
            Value::Instance(d) if d.class.lookup("__get__").is_some() => {
                let get = d.class.lookup("__get__").expect("checked");
                self.call_value(get, vec![found.clone(), this.clone(), Value::Class(class.clone())], Vec::new())
            }
            Value::Function(_) => Ok(Value::BoundMethod(Rc::new(BoundMethod { this: this.clone(), function: found }))),
            Value::Object(o) => match &**o {
                Obj::StaticMethod(f) => Ok(f.clone()),
                Obj::ClassMethod(f) => Ok(Value::BoundMethod(Rc::new(BoundMethod {
                    this: Value::Class(class.clone()),
                    function: f.clone(),
                }))),
                // A cached function binds as a function does (its wrapper is a descriptor).
                Obj::Cached(_) => {
                    Ok(Value::BoundMethod(Rc::new(BoundMethod { this: this.clone(), function: found.clone() })))
                }
                Obj::Property { fget, .. } => {
                    if let Value::None = fget {
                        let message = format!("property '{name}' of '{}' object has no getter", class.name);
                        return raise(ExcType::AttributeError, message);
                    }
                    self.call_value(fget.clone(), vec![this.clone()], Vec::new())
                }
                _ => Ok(found),
            },
            _ => Ok(found),
        }
    }

    /// `object.name = value`: through a property's setter where the class has one.
    pub fn store_attr(self: &Rc<Self>, object: &Value, name: &str, value: Value) -> Res<()> {
        use super::objects::Obj;
        if let (Value::Object(o), "write") = (object, name) {
            if let Obj::Stream(to_stderr) = &**o {
                // (The stream's own `write` given back: as if never replaced.)
                let own = matches!(&value, Value::Bound(b) if b.1 == "write" && matches!(&b.0, Value::Object(s) if matches!(&**s, Obj::Stream(e) if e == to_stderr)));
                self.stream_writes.borrow_mut()[usize::from(*to_stderr)] = (!own).then_some(value);
                return Ok(());
            }
        }
        if let Value::Instance(i) = object {
            if let Some(setattr) = i.class.lookup("__setattr__") {
                self.call_value(setattr, vec![object.clone(), Value::str(name), value], Vec::new())?;
                return Ok(());
            }
            if let Some(Value::Instance(d)) = i.class.lookup(name) {
                if let Some(set) = d.class.lookup("__set__") {
                    self.call_value(set, vec![Value::Instance(d), object.clone(), value], Vec::new())?;
                    return Ok(());
                }
            }
            if let Some(Value::Object(o)) = i.class.lookup(name) {
                if let Obj::Property { fset, .. } = &*o {
                    if let Value::None = fset {
                        let message = format!("property '{name}' of '{}' object has no setter", i.class.name);
                        return raise(ExcType::AttributeError, message);
                    }
                    self.call_value(fset.clone(), vec![object.clone(), value], Vec::new())?;
                    return Ok(());
                }
            }
            if i.class.slots.as_ref().is_some_and(|slots| !slots.iter().any(|s| &**s == name)) {
                return raise(ExcType::AttributeError, format!("'{}' object has no attribute '{name}'", i.class.name));
            }
        }
        if let Value::Class(c) = object {
            // A metaclass's `__setattr__` decides for its classes (an enum's members
            // cannot be reassigned).
            if let Some(setattr) = c.meta_method("__setattr__") {
                self.call_value(setattr, vec![object.clone(), Value::str(name), value], Vec::new())?;
                return Ok(());
            }
        }
        if let Value::Exception(e) = object {
            if name == "args" {
                *e.args.borrow_mut() = self.collect(&value)?;
                return Ok(());
            }
            if name == "__traceback__" {
                let (lines, last) = match &value {
                    Value::None => (Vec::new(), 0),
                    Value::Object(o) => match &**o {
                        Obj::Traceback(lines, last) => (lines.clone(), *last),
                        _ => return raise(ExcType::TypeError, "__traceback__ must be a traceback or None"),
                    },
                    _ => return raise(ExcType::TypeError, "__traceback__ must be a traceback or None"),
                };
                *e.traceback.borrow_mut() = lines;
                e.last_frame.set(last);
                return Ok(());
            }
            // (Built-in exceptions take attributes too: `e.code = 3`, `__notes__`.)
            e.attrs.borrow_mut().insert(Key::Str(name.into()), Value::str(name), value);
            return Ok(());
        }
        if let (Value::Module(super::value::Module::Sys), "stdout" | "stderr") = (object, name) {
            // (Back to the page's own stream: no replacement. The other standard
            // stream, `sys.stderr = sys.stdout`, is one.)
            let own =
                matches!(&value, Value::Object(o) if matches!(&**o, Obj::Stream(err) if *err == (name == "stderr")));
            self.streams.borrow_mut()[usize::from(name == "stderr")] = (!own).then_some(value);
            return Ok(());
        }
        if let Value::Module(module) = object {
            // A module's attribute set (a hook installed, a function patched): a global
            // of a module written in Python is that global, which its own code sees too;
            // another is kept for the program's reads.
            if let Some(slot) = self.global_names.borrow().find(&format!("{}.{name}", module.name())) {
                let old = std::mem::replace(&mut self.globals.borrow_mut()[slot as usize], value);
                drop(old);
                return Ok(());
            }
            let mut overrides = self.module_overrides.borrow_mut();
            overrides.retain(|(m, n, _)| !(m == module && &**n == name));
            overrides.push((*module, name.into(), value));
            return Ok(());
        }
        if let (Value::Object(o), "slow_callback_duration") = (object, name) {
            if let Obj::Loop(state) = &**o {
                let Some(seconds) = value.as_float() else {
                    return raise(ExcType::TypeError, "slow_callback_duration must be a number");
                };
                state.slow_callback_duration.set(seconds);
                return Ok(());
            }
        }
        if !set_attribute(object, name, value) {
            super::builtins::setattr(object, name)?;
        }
        Ok(())
    }
}

/// The special methods of a comparison, and of its reflection (`a < b` is `b > a`).
fn comparison(op: super::ast::CmpOp) -> Option<(&'static str, &'static str, &'static str)> {
    use super::ast::CmpOp;
    Some(match op {
        CmpOp::Eq => ("__eq__", "__eq__", "=="),
        CmpOp::NotEq => ("__ne__", "__ne__", "!="),
        CmpOp::Lt => ("__lt__", "__gt__", "<"),
        CmpOp::LtE => ("__le__", "__ge__", "<="),
        CmpOp::Gt => ("__gt__", "__lt__", ">"),
        CmpOp::GtE => ("__ge__", "__le__", ">="),
        _ => return None,
    })
}

/// The special methods of a binary operator, and of its reflection (`__radd__`).
pub fn arithmetic(op: super::ast::BinOp) -> Option<(&'static str, &'static str)> {
    use super::ast::BinOp;
    Some(match op {
        BinOp::Add => ("__add__", "__radd__"),
        BinOp::Sub => ("__sub__", "__rsub__"),
        BinOp::Mult => ("__mul__", "__rmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__"),
        BinOp::Pow => ("__pow__", "__rpow__"),
        BinOp::MatMult => ("__matmul__", "__rmatmul__"),
        BinOp::LShift => ("__lshift__", "__rlshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__"),
        BinOp::BitOr => ("__or__", "__ror__"),
        BinOp::BitXor => ("__xor__", "__rxor__"),
        BinOp::BitAnd => ("__and__", "__rand__"),
    })
}

/// `NotImplemented`, as a special method returns it to decline.
pub fn is_not_implemented(v: &Value) -> bool {
    matches!(v, Value::Builtin(super::builtins::Builtin::NotImplemented))
}

/// Whether `b`'s class derives from `a`'s without being it (its reflected method then
/// goes first, as in CPython).
fn derives(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Instance(x), Value::Instance(y)) => {
            !Rc::ptr_eq(&x.class, &y.class) && y.class.ancestors.iter().any(|c| Rc::ptr_eq(c, &x.class))
        }
        _ => false,
    }
}

/// Asks `this` (if an instance whose class has `name`) with `other`: `None` if it has
/// no such method or it returned `NotImplemented`.
fn ask(this: &Value, name: &str, other: &Value) -> Res<Option<Value>> {
    let Value::Instance(i) = this else { return Ok(None) };
    match i.special(name, vec![other.clone()]) {
        None => Ok(None),
        Some(Ok(v)) if is_not_implemented(&v) => Ok(None),
        Some(result) => result.map(Some),
    }
}

/// `a == b` between values at least one of which is an instance, where Rust cannot
/// raise (a list's `in`, a list's equality): its `__eq__`, or identity.
pub fn instance_equals(a: &Value, b: &Value) -> bool {
    let asked = |x: &Value, y: &Value| -> Option<bool> {
        let Value::Instance(i) = x else { return None };
        i.class.lookup("__eq__")?;
        let v = i.special_or_keep("__eq__", vec![y.clone()])?;
        (!is_not_implemented(&v)).then(|| v.truthy())
    };
    let (first, second) = if derives(a, b) { (b, a) } else { (a, b) };
    asked(first, second).or_else(|| asked(second, first)).unwrap_or_else(|| a.is(b))
}

impl Interp {
    /// A comparison where one side is an instance: its special methods, as CPython
    /// tries them (the reflected one first if the right side's class derives from the
    /// left's), then identity for `==` and `!=`; `None` if neither side is an instance.
    pub fn rich_compare(self: &Rc<Self>, op: super::ast::CmpOp, a: &Value, b: &Value) -> Res<Option<bool>> {
        if !matches!(a, Value::Instance(_)) && !matches!(b, Value::Instance(_)) {
            return Ok(None);
        }
        let Some((name, reflected, symbol)) = comparison(op) else { return Ok(None) };
        let tries: [(&Value, &str, &Value); 2] =
            if derives(a, b) { [(b, reflected, a), (a, name, b)] } else { [(a, name, b), (b, reflected, a)] };
        for (this, method, other) in tries {
            if let Some(v) = ask(this, method, other)? {
                return Ok(Some(v.truthy()));
            }
        }
        // `!=` without `__ne__`: the opposite of `__eq__`, as `object.__ne__` gives it.
        if op == super::ast::CmpOp::NotEq {
            for (this, other) in [(a, b), (b, a)] {
                if let Some(v) = ask(this, "__eq__", other)? {
                    return Ok(Some(!v.truthy()));
                }
            }
        }
        match op {
            super::ast::CmpOp::Eq => Ok(Some(a.is(b))),
            super::ast::CmpOp::NotEq => Ok(Some(!a.is(b))),
            _ => raise(
                ExcType::TypeError,
                format!("'{symbol}' not supported between instances of '{}' and '{}'", a.type_name(), b.type_name()),
            ),
        }
    }

    /// `a op b` where one side is an instance: `__add__`, then the other side's
    /// `__radd__`; `None` if neither side is an instance.
    pub fn instance_binop(self: &Rc<Self>, op: super::ast::BinOp, a: &Value, b: &Value) -> Res<Option<Value>> {
        if !matches!(a, Value::Instance(_)) && !matches!(b, Value::Instance(_)) {
            return Ok(None);
        }
        let Some((name, reflected)) = arithmetic(op) else { return Ok(None) };
        let tries: [(&Value, &str, &Value); 2] =
            if derives(a, b) { [(b, reflected, a), (a, name, b)] } else { [(a, name, b), (b, reflected, a)] };
        for (this, method, other) in tries {
            if let Some(v) = ask(this, method, other)? {
                return Ok(Some(v));
            }
        }
        if let (super::ast::BinOp::Mod, Value::Str(template), Value::Instance(i)) = (op, a, b) {
            if i.class.lookup("__getitem__").is_some() {
                // A mapping of the program's (a `defaultdict`): `%(name)s` reads its items.
                let mut items = super::value::Dict::default();
                for key in percent_keys(template) {
                    let value = self.subscript(b.clone(), Value::str(&key))?;
                    items.insert(Key::Str(key.as_str().into()), Value::str(&key), value);
                }
                let mapping = Value::Dict(Rc::new(RefCell::new(items)));
                return super::builtins::percent_format(template, &mapping).map(Some);
            }
        }
        raise(
            ExcType::TypeError,
            format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                op.operand_error_symbol(),
                a.type_name(),
                b.type_name()
            ),
        )
    }

    /// `len(instance)`: its `__len__`, which must give a non-negative integer.
    pub fn instance_len(self: &Rc<Self>, this: &Rc<Instance>) -> Res<Option<i64>> {
        let Some(result) = this.special("__len__", Vec::new()) else { return Ok(None) };
        match result? {
            Value::Int(n) if n >= 0 => Ok(Some(n)),
            Value::Bool(b) => Ok(Some(i64::from(b))),
            Value::Int(_) => raise(ExcType::ValueError, "__len__() should return >= 0"),
            other => {
                raise(ExcType::TypeError, format!("'{}' object cannot be interpreted as an integer", other.type_name()))
            }
        }
    }

    /// `iter(instance)`: what its `__iter__` gives, which must be an iterator.
    pub fn instance_iter(self: &Rc<Self>, this: &Rc<Instance>) -> Res<Value> {
        let Some(result) = this.special("__iter__", Vec::new()) else {
            if this.class.lookup("__getitem__").is_some() {
                let items = super::value::Iter::Seq(Value::Instance(this.clone()), 0);
                return Ok(Value::Iterator(Rc::new(RefCell::new(items))));
            }
            return raise(ExcType::TypeError, format!("'{}' object is not iterable", this.class.name));
        };
        let it = result?;
        let iterator = match &it {
            Value::Iterator(_) => true,
            Value::Generator(g) => g.kind() == super::bytecode::CodeKind::Generator,
            Value::Instance(i) => i.class.lookup("__next__").is_some(),
            _ => false,
        };
        if !iterator {
            return raise(ExcType::TypeError, format!("iter() returned non-iterator of type '{}'", it.type_name()));
        }
        Ok(it)
    }

    /// `next(instance)`: its `__next__`; `None` once it raises `StopIteration`.
    pub fn instance_next(self: &Rc<Self>, this: &Rc<Instance>) -> Res<Option<Value>> {
        let Some(result) = this.special("__next__", Vec::new()) else {
            return raise(ExcType::TypeError, format!("'{}' object is not an iterator", this.class.name));
        };
        match result {
            Ok(v) => Ok(Some(v)),
            Err(super::interp::Unwind::Raise(e)) if e.kind == ExcType::StopIteration => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `item in instance`: its `__contains__`, or else a search of what it iterates.
    pub fn instance_contains(self: &Rc<Self>, this: &Rc<Instance>, item: &Value) -> Res<bool> {
        if let Some(result) = this.special("__contains__", vec![item.clone()]) {
            return Ok(result?.truthy());
        }
        let it = self.instance_iter(this)?;
        while let Some(x) = self.next_of(&it)? {
            if x.is(item) || x.equals(item) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// A special method of `this`'s class that a statement needs (`__aenter__`), called
    /// with `args`; `missing` is the error if the class has none.
    pub fn protocol(self: &Rc<Self>, this: &Value, name: &str, args: Vec<Value>, missing: &str) -> Res<Value> {
        let found = match this {
            Value::Instance(i) => i.special(name, args),
            _ => None,
        };
        match found {
            Some(result) => result,
            None => raise(ExcType::TypeError, missing.to_owned()),
        }
    }
}
