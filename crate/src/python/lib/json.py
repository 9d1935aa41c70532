# json, as CPython's encodes and decodes: dumps with indent, separators, sort_keys,
# default and ensure_ascii; loads with CPython's error messages and places. A page has
# no files: dump and load take any object with write() or read().

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


class JSONDecodeError(ValueError):
    __module__ = "json.decoder"

    def __init__(self, msg, doc, pos):
        lineno = doc.count("\n", 0, pos) + 1
        colno = pos - doc.rfind("\n", 0, pos)
        super().__init__(f"{msg}: line {lineno} column {colno} (char {pos})")
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno


def _string(s, ensure_ascii):
    out = ['"']
    for c in s:
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif c < " ":
            out.append(f"\\u{ord(c):04x}")
        elif ensure_ascii and ord(c) > 126:
            n = ord(c)
            if n > 0xFFFF:
                n -= 0x10000
                out.append(f"\\u{0xD800 | (n >> 10):04x}\\u{0xDC00 | (n & 0x3FF):04x}")
            else:
                out.append(f"\\u{n:04x}")
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def _plain(o):
    # A member of an enum with a str or int mixin, or an object of a class derived from
    # str, int or float, is encoded as the str, int or float it is.
    if isinstance(o, (str, int, float)) and type(o) not in (str, int, bool, float):
        attributes = vars(o)
        return attributes["_value_"] if "_value_" in attributes else attributes["_value"]
    return o


def _float(x, allow_nan):
    if x != x:
        text = "NaN"
    elif x == float("inf"):
        text = "Infinity"
    elif x == -float("inf"):
        text = "-Infinity"
    else:
        return repr(x)
    if not allow_nan:
        raise ValueError("Out of range float values are not JSON compliant")
    return text


class JSONEncoder:
    item_separator = ", "
    key_separator = ": "

    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
                 sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        if indent is not None and not isinstance(indent, str):
            indent = " " * indent
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ","
        if default is not None:
            self.default = default

    def default(self, o):
        raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")

    def encode(self, o):
        return "".join(self._encode(o, 0, []))

    def _key(self, key):
        key = _plain(key)
        if isinstance(key, str):
            return key
        if key is True:
            return "true"
        if key is False:
            return "false"
        if key is None:
            return "null"
        if isinstance(key, float):
            return _float(key, self.allow_nan)
        if isinstance(key, int):
            return str(key)
        if self.skipkeys:
            return None
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")

    def _encode(self, o, level, seen):
        o = _plain(o)
        if isinstance(o, str):
            return [_string(o, self.ensure_ascii)]
        if o is None:
            return ["null"]
        if o is True:
            return ["true"]
        if o is False:
            return ["false"]
        if isinstance(o, int):
            return [str(int(o))]
        if isinstance(o, float):
            return [_float(o, self.allow_nan)]
        if isinstance(o, (list, tuple, dict)):
            for s in seen:
                if s is o:
                    raise ValueError("Circular reference detected")
            seen.append(o)
            parts = self._container(o, level, seen)
            seen.pop()
            return parts
        return self._encode(self.default(o), level, seen)

    def _container(self, o, level, seen):
        is_dict = isinstance(o, dict)
        opening, closing = ("{", "}") if is_dict else ("[", "]")
        if not o:
            return [opening + closing]
        if self.indent is not None:
            inner = "\n" + self.indent * (level + 1)
            separator = self.item_separator + inner
            end = "\n" + self.indent * level
        else:
            inner = ""
            separator = self.item_separator
            end = ""
        items = []
        if is_dict:
            pairs = list(o.items())
            if self.sort_keys:
                pairs.sort(key=lambda kv: kv[0])
            for key, value in pairs:
                key = self._key(key)
                if key is None:
                    continue
                items.append(_string(key, self.ensure_ascii) + self.key_separator
                             + "".join(self._encode(value, level + 1, seen)))
        else:
            for value in o:
                items.append("".join(self._encode(value, level + 1, seen)))
        return [opening, inner, separator.join(items), end, closing]


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None,
          indent=None, separators=None, default=None, sort_keys=False, **kw):
    return (cls or JSONEncoder)(skipkeys=skipkeys, ensure_ascii=ensure_ascii, allow_nan=allow_nan,
                                indent=indent, separators=separators, default=default,
                                sort_keys=sort_keys, **kw).encode(obj)


def dump(obj, fp, **kw):
    fp.write(dumps(obj, **kw))


_WS = " \t\n\r"
_UNESCAPE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_NUMBER = "0123456789+-.eE"


class _Decoder:
    def __init__(self, doc, object_hook, parse_float, parse_int, object_pairs_hook):
        self.doc = doc
        self.object_hook = object_hook
        self.object_pairs_hook = object_pairs_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int

    def skip(self, i):
        doc = self.doc
        while i < len(doc) and doc[i] in _WS:
            i += 1
        return i

    def value(self, i):
        doc = self.doc
        if i >= len(doc):
            raise JSONDecodeError("Expecting value", doc, i)
        c = doc[i]
        if c == '"':
            return self.string(i + 1)
        if c == "{":
            return self.object(i + 1)
        if c == "[":
            return self.array(i + 1)
        for word, value in (("null", None), ("true", True), ("false", False), ("NaN", float("nan")),
                            ("Infinity", float("inf")), ("-Infinity", float("-inf"))):
            if doc.startswith(word, i):
                return value, i + len(word)
        if c == "-" or "0" <= c <= "9":
            return self.number(i)
        raise JSONDecodeError("Expecting value", doc, i)

    def number(self, i):
        doc = self.doc
        start = i
        if doc[i] == "-":
            i += 1
        if i >= len(doc) or not "0" <= doc[i] <= "9":
            raise JSONDecodeError("Expecting value", doc, start)
        if doc[i] == "0":
            i += 1
        else:
            while i < len(doc) and "0" <= doc[i] <= "9":
                i += 1
        is_float = False
        if i + 1 < len(doc) and doc[i] == "." and "0" <= doc[i + 1] <= "9":
            is_float = True
            i += 1
            while i < len(doc) and "0" <= doc[i] <= "9":
                i += 1
        if i < len(doc) and doc[i] in "eE":
            j = i + 1
            if j < len(doc) and doc[j] in "+-":
                j += 1
            if j < len(doc) and "0" <= doc[j] <= "9":
                is_float = True
                i = j
                while i < len(doc) and "0" <= doc[i] <= "9":
                    i += 1
        text = doc[start:i]
        return (self.parse_float(text) if is_float else self.parse_int(text)), i

    def string(self, i):
        doc = self.doc
        start = i - 1
        out = []
        while True:
            if i >= len(doc):
                raise JSONDecodeError("Unterminated string starting at", doc, start)
            c = doc[i]
            if c == '"':
                return "".join(out), i + 1
            if c == "\\":
                i += 1
                if i >= len(doc):
                    raise JSONDecodeError("Unterminated string starting at", doc, start)
                e = doc[i]
                if e == "u":
                    code = doc[i + 1:i + 5]
                    if len(code) != 4 or any(h not in "0123456789abcdefABCDEF" for h in code):
                        raise JSONDecodeError("Invalid \\uXXXX escape", doc, i - 1)
                    n = int(code, 16)
                    i += 5
                    if 0xD800 <= n < 0xDC00 and doc.startswith("\\u", i):
                        low = doc[i + 2:i + 6]
                        if len(low) == 4 and all(h in "0123456789abcdefABCDEF" for h in low):
                            m = int(low, 16)
                            if 0xDC00 <= m < 0xE000:
                                n = 0x10000 + ((n - 0xD800) << 10) + (m - 0xDC00)
                                i += 6
                    out.append(chr(n))
                    continue
                if e not in _UNESCAPE:
                    raise JSONDecodeError("Invalid \\escape", doc, i - 1)
                out.append(_UNESCAPE[e])
                i += 1
                continue
            if c < " ":
                raise JSONDecodeError("Invalid control character at", doc, i)
            out.append(c)
            i += 1

    def object(self, i):
        doc = self.doc
        pairs = []
        i = self.skip(i)
        if i < len(doc) and doc[i] == "}":
            return self.made(pairs), i + 1
        while True:
            i = self.skip(i)
            if i >= len(doc) or doc[i] != '"':
                raise JSONDecodeError("Expecting property name enclosed in double quotes", doc, i)
            key, i = self.string(i + 1)
            i = self.skip(i)
            if i >= len(doc) or doc[i] != ":":
                raise JSONDecodeError("Expecting ':' delimiter", doc, i)
            i = self.skip(i + 1)
            value, i = self.value(i)
            pairs.append((key, value))
            i = self.skip(i)
            if i < len(doc) and doc[i] == "}":
                return self.made(pairs), i + 1
            if i >= len(doc) or doc[i] != ",":
                raise JSONDecodeError("Expecting ',' delimiter", doc, i)
            i = self.skip(i + 1)

    def made(self, pairs):
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs)
        result = dict(pairs)
        if self.object_hook is not None:
            return self.object_hook(result)
        return result

    def array(self, i):
        doc = self.doc
        items = []
        i = self.skip(i)
        if i < len(doc) and doc[i] == "]":
            return items, i + 1
        while True:
            value, i = self.value(self.skip(i))
            items.append(value)
            i = self.skip(i)
            if i < len(doc) and doc[i] == "]":
                return items, i + 1
            if i >= len(doc) or doc[i] != ",":
                raise JSONDecodeError("Expecting ',' delimiter", doc, i)
            i = self.skip(i + 1)


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
          object_pairs_hook=None, **kw):
    if not isinstance(s, str):
        raise TypeError(f"the JSON object must be str, bytes or bytearray, not {type(s).__name__}")
    decoder = _Decoder(s, object_hook, parse_float, parse_int, object_pairs_hook)
    value, end = decoder.value(decoder.skip(0))
    end = decoder.skip(end)
    if end != len(s):
        raise JSONDecodeError("Extra data", s, end)
    return value


def load(fp, **kw):
    return loads(fp.read(), **kw)
