# The part of string written in Python: Template's $-substitutions and capwords (its
# constants, ascii_letters and the others, are the Rust part's).


def capwords(s, sep=None):
    return (sep or " ").join(word.capitalize() for word in s.split(sep))


def _is_word(c):
    return c == "_" or "a" <= c <= "z" or "A" <= c <= "Z" or "0" <= c <= "9"


class Template:
    delimiter = "$"

    def __init__(self, template):
        self.template = template

    def _pieces(self):
        # The template as text and placeholders: ("text", s), ("name", n, where).
        t = self.template
        d = self.delimiter
        i = 0
        text = []
        while i < len(t):
            if not t.startswith(d, i):
                text.append(t[i])
                i += 1
                continue
            at = i
            i += len(d)
            if t.startswith(d, i):
                text.append(d)
                i += len(d)
                continue
            braced = t.startswith("{", i)
            j = i + 1 if braced else i
            k = j
            while k < len(t) and _is_word(t[k]):
                k += 1
            name = t[j:k]
            valid = bool(name) and not name[0].isdigit() and (not braced or t.startswith("}", k))
            if not valid:
                yield ("text", "".join(text))
                text = []
                yield ("bad", at)
                i = at + len(d)
                continue
            yield ("text", "".join(text))
            text = []
            yield ("name", name, t[at:k + 1] if braced else t[at:k])
            i = k + 1 if braced else k
        yield ("text", "".join(text))

    def _invalid(self, at):
        # Where CPython's pattern found it: just after the delimiter.
        t = self.template
        i = at + len(self.delimiter)
        line = t.count("\n", 0, i) + 1
        col = i - (t.rfind("\n", 0, i) + 1)
        raise ValueError(f"Invalid placeholder in string: line {line}, col {col}")

    def _substitute(self, mapping, kws, safe):
        values = kws if mapping is None else (dict(mapping, **kws) if kws else mapping)
        out = []
        for piece in self._pieces():
            if piece[0] == "text":
                out.append(piece[1])
            elif piece[0] == "bad":
                if not safe:
                    self._invalid(piece[1])
                out.append(self.delimiter)
            elif safe:
                try:
                    out.append(str(values[piece[1]]))
                except KeyError:
                    out.append(piece[2])
            else:
                out.append(str(values[piece[1]]))
        return "".join(out)

    def substitute(self, mapping=None, **kws):
        return self._substitute(mapping, kws, False)

    def safe_substitute(self, mapping=None, **kws):
        return self._substitute(mapping, kws, True)

    def is_valid(self):
        return all(piece[0] != "bad" for piece in self._pieces())

    def get_identifiers(self):
        names = []
        for piece in self._pieces():
            if piece[0] == "name" and piece[1] not in names:
                names.append(piece[1])
        return names


def _formatter_parser(text):
    # (literal, field name, spec, conversion) for each piece, as CPython's
    # _string.formatter_parser reads them: a doubled brace ends the literal with one.
    i = 0
    n = len(text)
    literal = []
    while i < n:
        c = text[i]
        if c == "}":
            if i + 1 < n and text[i + 1] == "}":
                literal.append("}")
                i += 2
                yield "".join(literal), None, None, None
                literal = []
                continue
            raise ValueError("Single '}' encountered in format string")
        if c != "{":
            literal.append(c)
            i += 1
            continue
        if i + 1 < n and text[i + 1] == "{":
            literal.append("{")
            i += 2
            yield "".join(literal), None, None, None
            literal = []
            continue
        if i + 1 >= n:
            raise ValueError("Single '{' encountered in format string")
        i += 1
        start = i
        depth = 1
        in_brackets = False
        while i < n:
            ch = text[i]
            if ch == "[":
                in_brackets = True
            elif ch == "]":
                in_brackets = False
            elif ch == "{" and not in_brackets:
                depth += 1
            elif ch == "}" and not in_brackets:
                depth -= 1
                if depth == 0:
                    break
            i += 1
        if i >= n:
            raise ValueError("expected '}' before end of string")
        field = text[start:i]
        i += 1
        end = len(field)
        in_brackets = False
        for k, ch in enumerate(field):
            if ch == "[":
                in_brackets = True
            elif ch == "]":
                in_brackets = False
            elif ch in "!:" and not in_brackets:
                end = k
                break
        name = field[:end]
        rest = field[end:]
        conversion = None
        spec = ""
        if rest.startswith("!"):
            if len(rest) < 2:
                raise ValueError("end of string while looking for conversion specifier")
            conversion = rest[1]
            rest = rest[2:]
            if rest and not rest.startswith(":"):
                raise ValueError("expected ':' after conversion specifier")
        if rest.startswith(":"):
            spec = rest[1:]
        yield "".join(literal), name, spec, conversion
        literal = []
    if literal:
        yield "".join(literal), None, None, None


def _field_name_split(name):
    # The first part (an int if all digits) and the rest: (True, attribute) or
    # (False, key), as _string.formatter_field_name_split gives them.
    i = 0
    while i < len(name) and name[i] not in ".[":
        i += 1
    first = name[:i]
    if first.isdigit():
        first = int(first)
    rest = []
    while i < len(name):
        if name[i] == ".":
            j = i + 1
            while j < len(name) and name[j] not in ".[":
                j += 1
            if j == i + 1:
                raise ValueError("Empty attribute in format string")
            rest.append((True, name[i + 1 : j]))
        else:
            j = name.find("]", i)
            if j < 0:
                raise ValueError("Missing ']' in format string")
            key = name[i + 1 : j]
            rest.append((False, int(key) if key.isdigit() else key))
            j += 1
            if j < len(name) and name[j] not in ".[":
                raise ValueError("Only '.' or '[' may follow ']' in format field specifier")
        i = j
    return first, rest


class Formatter:
    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result, _ = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args, recursion_depth, auto_arg_index=0):
        if recursion_depth < 0:
            raise ValueError("Max string recursion exceeded")
        result = []
        for literal_text, field_name, format_spec, conversion in self.parse(format_string):
            if literal_text:
                result.append(literal_text)
            if field_name is None:
                continue
            if field_name == "":
                if auto_arg_index is False:
                    raise ValueError("cannot switch from manual field specification to automatic field numbering")
                field_name = str(auto_arg_index)
                auto_arg_index += 1
            elif field_name.isdigit():
                if auto_arg_index:
                    raise ValueError("cannot switch from manual field specification to automatic field numbering")
                auto_arg_index = False
            obj, arg_used = self.get_field(field_name, args, kwargs)
            used_args.add(arg_used)
            obj = self.convert_field(obj, conversion)
            format_spec, auto_arg_index = self._vformat(
                format_spec, args, kwargs, used_args, recursion_depth - 1, auto_arg_index=auto_arg_index
            )
            result.append(self.format_field(obj, format_spec))
        return "".join(result), auto_arg_index

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == "s":
            return str(value)
        if conversion == "r":
            return repr(value)
        if conversion == "a":
            return ascii(value)
        raise ValueError(f"Unknown conversion specifier {conversion!s}")

    def parse(self, format_string):
        return _formatter_parser(format_string)

    def get_field(self, field_name, args, kwargs):
        first, rest = _field_name_split(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, i in rest:
            if is_attr:
                obj = getattr(obj, i)
            else:
                obj = obj[i]
        return obj, first
