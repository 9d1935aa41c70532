//! Letter case and classes of characters, for the editor's Python.
//!
//! ASCII is handled here. Beyond it, natively, these are Rust's own (its Unicode
//! tables); in a browser, the page's JavaScript engine answers (`toUpperCase`, `\p{…}`
//! in a regular expression), as `crate::number` does for numbers, so that the wasm
//! carries no second copy of the Unicode tables. The browser suite checks that the two
//! agree on letters of many scripts.

/// `str.upper()`.
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_uppercase()
    } else {
        imp::upper(s)
    }
}

/// `str.lower()`.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        imp::lower(s)
    }
}

/// A letter (`str.isalpha`).
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        imp::test(imp::Class::Letter, c)
    }
}

/// A letter or a digit (`str.isalnum`).
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        imp::test(imp::Class::Letter, c) || imp::test(imp::Class::Number, c)
    }
}

/// White space, as `str.isspace` and `str.split()` take it.
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' ' | '\t'..='\r' | '\x1c'..='\x1f')
    } else {
        imp::test(imp::Class::Space, c)
    }
}

/// An upper-case letter (`str.isupper`).
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        imp::test(imp::Class::Upper, c)
    }
}

/// A lower-case letter (`str.islower`).
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else {
        imp::test(imp::Class::Lower, c)
    }
}

/// A character that may start a name.
pub fn is_name_start(c: char) -> bool {
    if c.is_ascii() {
        c == '_' || c.is_ascii_alphabetic()
    } else {
        imp::test(imp::Class::NameStart, c)
    }
}

/// A character that may continue a name.
pub fn is_name_char(c: char) -> bool {
    if c.is_ascii() {
        c == '_' || c.is_ascii_alphanumeric()
    } else {
        imp::test(imp::Class::NameChar, c)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    #[derive(Clone, Copy)]
    pub enum Class {
        Letter,
        Number,
        Space,
        Upper,
        Lower,
        NameStart,
        NameChar,
    }

    pub fn upper(s: &str) -> String {
        s.to_uppercase()
    }

    pub fn lower(s: &str) -> String {
        s.to_lowercase()
    }

    pub fn test(class: Class, c: char) -> bool {
        match class {
            // Python's letters are the categories L*: not letter numbers (Ⅻ).
            Class::Letter => c.is_alphabetic() && !c.is_numeric(),
            Class::NameStart => c.is_alphabetic(),
            Class::Number => c.is_numeric(),
            Class::Space => c.is_whitespace(),
            Class::Upper => c.is_uppercase(),
            Class::Lower => c.is_lowercase(),
            Class::NameChar => c.is_alphanumeric(),
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use js_sys::{JsString, RegExp};

    #[derive(Clone, Copy)]
    pub enum Class {
        Letter,
        Number,
        Space,
        Upper,
        Lower,
        NameStart,
        NameChar,
    }

    pub fn upper(s: &str) -> String {
        JsString::from(s).to_upper_case().into()
    }

    pub fn lower(s: &str) -> String {
        JsString::from(s).to_lower_case().into()
    }

    thread_local! {
        /// One regular expression per class, made once.
        static PATTERNS: Vec<RegExp> = [
            r"^\p{L}$",
            r"^\p{N}$",
            // Python's white space: JavaScript's but U+FEFF, and U+0085.
            r"^(?!\uFEFF)[\s\u0085]$",
            r"^\p{Uppercase}$",
            r"^\p{Lowercase}$",
            r"^\p{ID_Start}$",
            r"^\p{ID_Continue}$",
        ]
        .into_iter()
        .map(|pattern| RegExp::new(pattern, "u"))
        .collect();
    }

    pub fn test(class: Class, c: char) -> bool {
        PATTERNS.with(|patterns| patterns[class as usize].test(c.encode_utf8(&mut [0; 4])))
    }
}
