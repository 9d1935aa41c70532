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
