//! The classes a program defines, and their instances: a class statement's namespace
//! becomes the class's dict, its bases give its method resolution order (C3, as
//! CPython's), an instance keeps its attributes in a dict of its own, and a function
//! found on the class is a method bound to the instance it was looked up on.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::exceptions::ExcType;
use super::interp::{raise, Res};
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
}

pub struct Instance {
    pub class: Rc<Class>,
    pub dict: RefCell<Dict>,
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
fn intern(name: &str) -> &'static &'static str {
    NAMES.with(|names| {
        *names.borrow_mut().entry(name.to_owned()).or_insert_with(|| {
            let text: &'static str = Box::leak(name.to_owned().into_boxed_str());
            Box::leak(Box::new(text))
        })
    })
}

impl Class {
    /// The class a `class` statement makes of its namespace and its bases, or what
    /// CPython says when they cannot be ordered.
    pub fn new(qualname: Str, bases: Vec<Rc<Class>>, dict: Dict) -> Result<Rc<Class>, String> {
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
        Ok(Rc::new(Class { static_name: intern(&name), name, qualname, bases, ancestors, dict: RefCell::new(dict) }))
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
pub fn build_class(qualname: Str, bases: Vec<Value>, namespace: Dict) -> Res<Value> {
    let mut classes = Vec::new();
    for base in bases {
        match base {
            Value::Class(c) => classes.push(c),
            Value::Type(Type::Object(&"object")) => {}
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
    match Class::new(qualname, classes, namespace) {
        Ok(class) => Ok(Value::Class(class)),
        Err(message) => raise(ExcType::TypeError, message),
    }
}

impl Instance {
    pub fn new(class: Rc<Class>) -> Rc<Instance> {
        Rc::new(Instance { class, dict: RefCell::default() })
    }
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

/// An attribute of a class: its dict's or its ancestors', or what every class has.
pub fn class_attribute(class: &Rc<Class>, name: &str) -> Option<Value> {
    if let Some(v) = class.lookup(name) {
        return Some(v);
    }
    Some(match name {
        "__name__" => Value::Str(class.name.clone()),
        "__qualname__" => Value::Str(class.qualname.clone()),
        "__module__" => Value::str("__main__"),
        "__bases__" if class.bases.is_empty() => Value::tuple(vec![Value::Type(Type::Object(&"object"))]),
        "__bases__" => Value::tuple(class.bases.iter().map(|b| Value::Class(b.clone())).collect()),
        "__mro__" => Value::tuple(
            class.mro().into_iter().map(Value::Class).chain([Value::Type(Type::Object(&"object"))]).collect(),
        ),
        _ => return None,
    })
}

/// Sets `name` on an instance or a class, as `obj.name = value` does.
pub fn set_attribute(object: &Value, name: &str, value: Value) -> bool {
    let dict = match object {
        Value::Instance(i) => &i.dict,
        Value::Class(c) => &c.dict,
        _ => return false,
    };
    dict.borrow_mut().insert(Key::Str(name.into()), Value::str(name), value);
    true
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
