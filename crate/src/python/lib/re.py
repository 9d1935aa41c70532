# re: regular expressions, read and matched as CPython's re module reads and matches
# them. The engine is Rust's (`_compile`, `_scan`: see sre.rs); the flags, the Pattern
# and Match objects, and the templates of sub() are here, as CPython's are.

import enum as _enum
from re import _compile, _scan
from types import MappingProxyType as _mappingproxy

_MAXSIZE = 9223372036854775807


class RegexFlag(_enum.IntFlag):
    TEMPLATE = 1
    IGNORECASE = 2
    LOCALE = 4
    MULTILINE = 8
    DOTALL = 16
    UNICODE = 32
    VERBOSE = 64
    DEBUG = 128
    ASCII = 256

    def __repr__(self):
        names = [m._name_ for m in type(self)._members_in(self._value_)]
        if not names:
            return "re.NOFLAG"
        return "|".join("re." + name for name in names)

    __str__ = __repr__


NOFLAG = RegexFlag(0)
T = TEMPLATE = RegexFlag.TEMPLATE
I = IGNORECASE = RegexFlag.IGNORECASE
L = LOCALE = RegexFlag.LOCALE
M = MULTILINE = RegexFlag.MULTILINE
S = DOTALL = RegexFlag.DOTALL
U = UNICODE = RegexFlag.UNICODE
X = VERBOSE = RegexFlag.VERBOSE
DEBUG = RegexFlag.DEBUG
A = ASCII = RegexFlag.ASCII

# The order CPython's Pattern repr names the flags in.
_FLAG_NAMES = [
    (1, "re.TEMPLATE"),
    (2, "re.IGNORECASE"),
    (4, "re.LOCALE"),
    (8, "re.MULTILINE"),
    (16, "re.DOTALL"),
    (32, "re.UNICODE"),
    (64, "re.VERBOSE"),
    (128, "re.DEBUG"),
    (256, "re.ASCII"),
]


class error(Exception):
    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            msg = "%s at position %d" % (msg, pos)
            newline = "\n" if isinstance(pattern, str) else b"\n"
            self.lineno = pattern.count(newline, 0, pos) + 1
            self.colno = pos - pattern.rfind(newline, 0, pos)
            if newline in pattern:
                msg = "%s (line %d, column %d)" % (msg, self.lineno, self.colno)
        else:
            self.lineno = self.colno = None
        super().__init__(msg)


PatternError = error


def _text(string):
    # What the engine reads: str as it is, bytes one character per byte.
    if isinstance(string, bytes):
        return string.decode("latin-1")
    return string


class Pattern:
    def __init__(self, pattern, flags):
        self.pattern = pattern
        binary = isinstance(pattern, bytes)
        if not binary and not isinstance(pattern, str):
            raise TypeError("first argument must be string or compiled pattern")
        if binary and flags & 32:
            raise ValueError("cannot use UNICODE flag with a bytes pattern")
        self._binary = binary
        self._source = _text(pattern)
        compiled = _compile(self._source, flags | (256 if binary else 0))
        if compiled[0] is None:
            raise error(compiled[1], pattern, compiled[2])
        self.groups, names, self.flags = compiled
        if binary:
            self.flags = self.flags & ~256 | (flags & 256)
        self._engine_flags = self.flags | (256 if binary else 0)
        self.groupindex = _mappingproxy(names)

    def _spans(self, string, pos, endpos, mode, limit):
        if isinstance(string, bytes) != self._binary:
            if self._binary:
                raise TypeError("cannot use a bytes pattern on a string-like object")
            raise TypeError("cannot use a string pattern on a bytes-like object")
        if not isinstance(string, (str, bytes)):
            raise TypeError(f"expected string or bytes-like object, got '{type(string).__name__}'")
        size = len(string)
        pos = min(max(pos, 0), size)
        endpos = min(max(endpos, 0), size)
        if endpos < pos:
            return [string[pos:]]
        return _scan(self._source, self._engine_flags, _text(string), pos, endpos, mode, limit)

    def _one(self, string, pos, endpos, mode):
        found = self._spans(string, pos, endpos, mode, 1)
        return Match(self, string, found[0], pos, endpos) if len(found) > 1 else None

    def match(self, string, pos=0, endpos=_MAXSIZE):
        return self._one(string, pos, endpos, 0)

    def fullmatch(self, string, pos=0, endpos=_MAXSIZE):
        return self._one(string, pos, endpos, 1)

    def search(self, string, pos=0, endpos=_MAXSIZE):
        return self._one(string, pos, endpos, 2)

    def _found(self, string, pos=0, endpos=_MAXSIZE, limit=0):
        # What `_scan` gives for each match (see `Match`), and the text after the last.
        found = self._spans(string, pos, endpos, 2, limit)
        tail = found.pop()
        return found, tail.encode("latin-1") if self._binary else tail

    def _text_of(self, found, index, default):
        # Group `index`'s text; -1: the text since the match before.
        text = found[-1] if index < 0 else found[2 * self.groups + 3 + index]
        if text is None:
            return default
        return text.encode("latin-1") if self._binary else text

    def finditer(self, string, pos=0, endpos=_MAXSIZE):
        return iter([Match(self, string, f, pos, endpos) for f in self._found(string, pos, endpos)[0]])

    def findall(self, string, pos=0, endpos=_MAXSIZE):
        empty = b"" if self._binary else ""
        found = []
        for f in self._found(string, pos, endpos)[0]:
            if self.groups <= 1:
                found.append(self._text_of(f, self.groups, empty))
            else:
                found.append(tuple(self._text_of(f, i, empty) for i in range(1, self.groups + 1)))
        return found

    def split(self, string, maxsplit=0):
        parts = []
        matches, tail = self._found(string, limit=max(maxsplit, 0))
        for f in matches:
            parts.append(self._text_of(f, -1, None))
            for i in range(1, self.groups + 1):
                parts.append(self._text_of(f, i, None))
        parts.append(tail)
        return parts

    def subn(self, repl, string, count=0):
        if callable(repl):
            expand = lambda f: repl(Match(self, string, f, 0, _MAXSIZE))
        else:
            if isinstance(repl, bytes) != self._binary:
                kind = "bytes-like" if self._binary else "str"
                raise TypeError(f"expected {kind} object, got '{type(repl).__name__}'")
            pieces = _template(self, repl)
            if len(pieces) == 1 and not isinstance(pieces[0], int):
                expand = lambda f: pieces[0]
            else:
                expand = lambda f: _expand(self, f, pieces)
        # (Pieces as CPython's _sre gathers them: an empty slice is left out, so a
        # replacement of the wrong type is named by the same index when join refuses it.)
        out = []
        matches, tail = self._found(string, limit=max(count, 0))
        for f in matches:
            before = self._text_of(f, -1, None)
            if before:
                out.append(before)
            piece = expand(f)
            if piece is not None:
                out.append(piece)
        if tail:
            out.append(tail)
        return (b"" if self._binary else "").join(out), len(matches)

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def __repr__(self):
        flags = self.flags
        if not self._binary:
            flags &= ~32
        names = []
        for bit, name in _FLAG_NAMES:
            if flags & bit:
                names.append(name)
                flags &= ~bit
        if flags:
            names.append(hex(flags))
        text = repr(self.pattern)[:200]
        if names:
            return f"re.compile({text}, {'|'.join(names)})"
        return f"re.compile({text})"

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


class Match:
    def __init__(self, pattern, string, found, pos, endpos):
        # (`found`: what `_scan` gives for a match: the groups' spans in pairs, the last
        # group closed, the groups' text, and the text since the match before.)
        self.re = pattern
        self.string = string
        self._found = found
        self.pos = pos
        self.endpos = min(endpos, len(string))

    @property
    def lastindex(self):
        last = self._found[2 * self.re.groups + 2]
        return None if last < 0 else last

    @property
    def lastgroup(self):
        last = self.lastindex
        for name, index in self.re.groupindex.items():
            if index == last:
                return name
        return None

    def _index(self, group):
        if isinstance(group, int) and not isinstance(group, bool):
            if 0 <= group <= self.re.groups:
                return group
        elif isinstance(group, str) and group in self.re.groupindex:
            return self.re.groupindex[group]
        raise IndexError("no such group")

    def _get(self, index, default=None):
        return self.re._text_of(self._found, index, default)

    def group(self, *groups):
        if not groups:
            return self._get(0)
        if len(groups) == 1:
            return self._get(self._index(groups[0]))
        return tuple(self._get(self._index(g)) for g in groups)

    def __getitem__(self, group):
        return self._get(self._index(group))

    def groups(self, default=None):
        return tuple(self._get(i, default) for i in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        return {name: self._get(index, default) for name, index in self.re.groupindex.items()}

    def start(self, group=0):
        return self._found[2 * self._index(group)]

    def end(self, group=0):
        return self._found[2 * self._index(group) + 1]

    def span(self, group=0):
        index = self._index(group)
        return (self._found[2 * index], self._found[2 * index + 1])

    @property
    def regs(self):
        return tuple(self.span(i) for i in range(self.re.groups + 1))

    def expand(self, template):
        return _expand(self.re, self._found, _template(self.re, template))

    def __repr__(self):
        return f"<re.Match object; span={self.span()!r}, match={repr(self.group())[:50]}>"

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _expand(pattern, found, pieces):
    empty = b"" if pattern._binary else ""
    out = []
    for piece in pieces:
        if isinstance(piece, int):
            out.append(pattern._text_of(found, piece, empty))
        else:
            out.append(piece)
    return empty.join(out)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "b": "\b", "\\": "\\"}


def _template(pattern, template):
    # The pieces of sub()'s replacement: text, and group numbers (CPython's
    # _parser.parse_template, with its errors and positions).
    binary = isinstance(template, bytes)
    text = _text(template)
    pieces = []
    literal = []
    i = 0
    n = len(text)

    def fail(message, pos):
        raise error(message, template, pos)

    def group_index(name, pos):
        if name.isdigit() and name.isascii():
            index = int(name)
            if index > pattern.groups:
                fail(f"invalid group reference {index}", pos)
            return index
        if not name.isidentifier():
            fail(f"bad character in group name {name!r}", pos)
        if name not in pattern.groupindex:
            raise IndexError(f"unknown group name '{name}'")
        return pattern.groupindex[name]

    def flush():
        if literal:
            pieces.append("".join(literal))
            literal.clear()

    while i < n:
        c = text[i]
        if c != "\\":
            literal.append(c)
            i += 1
            continue
        start = i
        i += 1
        if i >= n:
            fail("bad escape (end of pattern)", start)
        c = text[i]
        i += 1
        if c == "g":
            if i >= n or text[i] != "<":
                fail("missing <", i)
            close = text.find(">", i + 1)
            name = text[i + 1 : close]
            if close < 0:
                fail("missing >, unterminated name" if i + 1 < n else "missing group name", i + 1)
            if not name:
                fail("missing group name", i + 1)
            index = group_index(name, i + 1)
            i = close + 1
            flush()
            pieces.append(index)
        elif c == "0":
            digits = c
            while i < n and len(digits) < 3 and text[i] in "01234567":
                digits += text[i]
                i += 1
            literal.append(chr(int(digits, 8)))
        elif c.isdigit() and c.isascii():
            digits = c
            if i < n and text[i].isdigit() and text[i].isascii():
                digits += text[i]
                i += 1
                if (
                    i < n
                    and text[i] in "01234567"
                    and digits[0] in "01234567"
                    and digits[1] in "01234567"
                ):
                    digits += text[i]
                    i += 1
                    value = int(digits, 8)
                    if value > 0o377:
                        fail(f"octal escape value \\{digits} outside of range 0-0o377", start)
                    literal.append(chr(value))
                    continue
            index = int(digits)
            if index > pattern.groups:
                fail(f"invalid group reference {index}", start + 1)
            flush()
            pieces.append(index)
        elif c in _ESCAPES:
            literal.append(_ESCAPES[c])
        elif c.isascii() and c.isalpha():
            fail(f"bad escape \\{c}", start)
        else:
            literal.append("\\" + c)
    flush()
    if binary:
        return [p.encode("latin-1") if isinstance(p, str) else p for p in pieces]
    return pieces


def compile(pattern, flags=0):
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    return Pattern(pattern, int(flags))


def match(pattern, string, flags=0):
    return compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return compile(pattern, flags).search(string)


def findall(pattern, string, flags=0):
    return compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return compile(pattern, flags).finditer(string)


def sub(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return compile(pattern, flags).split(string, maxsplit)


_SPECIAL = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f"


def escape(pattern):
    if isinstance(pattern, bytes):
        return escape(pattern.decode("latin-1")).encode("latin-1")
    return "".join("\\" + c if c in _SPECIAL else c for c in pattern)


def purge():
    pass
