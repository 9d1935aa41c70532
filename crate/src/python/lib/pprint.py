# pprint: structures printed as CPython's PrettyPrinter lays them out (dicts sorted by
# key unless sort_dicts=False; what does not fit in the width broken over lines).




def _recursion(object):
    return f"<Recursion on {type(object).__name__} with id={id(object)}>"


class PrettyPrinter:
    def __init__(self, indent=1, width=80, depth=None, stream=None, *, compact=False, sort_dicts=True,
                 underscore_numbers=False):
        if indent < 0:
            raise ValueError("indent must be >= 0")
        if width <= 0:
            raise ValueError("width must be != 0")
        self._indent_per_level = indent
        self._width = width
        self._depth = depth
        self._stream = stream
        self._compact = compact
        self._sort_dicts = sort_dicts

    def pprint(self, object):
        import sys
        text = self.pformat(object) + "\n"
        (self._stream if self._stream is not None else sys.stdout).write(text)

    def pformat(self, object):
        out = []
        self._format(object, out, 0, 0, set(), 0)
        return "".join(out)

    def isreadable(self, object):
        return True

    def _items(self, d):
        items = list(d.items())
        if self._sort_dicts:
            try:
                items.sort(key=lambda kv: kv[0])
            except TypeError:
                items.sort(key=lambda kv: (type(kv[0]).__name__, id(kv[0])))
        return items

    def _repr(self, object, context, level):
        t = type(object)
        if t is dict:
            if not object:
                return "{}"
            if id(object) in context:
                return _recursion(object)
            if self._depth and level >= self._depth:
                return "{...}"
            context.add(id(object))
            parts = [f"{self._repr(k, context, level + 1)}: {self._repr(v, context, level + 1)}"
                     for k, v in self._items(object)]
            context.discard(id(object))
            return "{" + ", ".join(parts) + "}"
        if t is list or t is tuple:
            if not object:
                return "[]" if t is list else "()"
            if id(object) in context:
                return _recursion(object)
            if self._depth and level >= self._depth:
                return "[...]" if t is list else "(...)"
            context.add(id(object))
            parts = [self._repr(x, context, level + 1) for x in object]
            context.discard(id(object))
            if t is list:
                return "[" + ", ".join(parts) + "]"
            return "(" + ", ".join(parts) + (",)" if len(parts) == 1 else ")")
        return repr(object)

    def _format(self, object, out, indent, allowance, context, level):
        if id(object) in context:
            out.append(self._repr(object, context, level))
            return
        rep = self._repr(object, context, level)
        max_width = self._width - indent - allowance
        t = type(object)
        if len(rep) > max_width and t in (dict, list, tuple, set) and object and not (
                self._depth and level >= self._depth):
            context.add(id(object))
            if t is dict:
                out.append("{")
                if self._indent_per_level > 1:
                    out.append((self._indent_per_level - 1) * " ")
                self._format_dict_items(self._items(object), out, indent, allowance + 1, context, level + 1)
                out.append("}")
            elif t is list:
                out.append("[")
                self._format_items(object, out, indent, allowance + 1, context, level + 1)
                out.append("]")
            elif t is tuple:
                out.append("(")
                end = ",)" if len(object) == 1 else ")"
                self._format_items(object, out, indent, allowance + len(end), context, level + 1)
                out.append(end)
            else:
                out.append("{")
                self._format_items(sorted(object), out, indent, allowance + 1, context, level + 1)
                out.append("}")
            context.discard(id(object))
            return
        out.append(rep)

    def _format_dict_items(self, items, out, indent, allowance, context, level):
        indent += self._indent_per_level
        delimnl = ",\n" + " " * indent
        last_index = len(items) - 1
        for i, (key, ent) in enumerate(items):
            last = i == last_index
            rep = self._repr(key, context, level)
            out.append(rep)
            out.append(": ")
            self._format(ent, out, indent + len(rep) + 2, allowance if last else 1, context, level)
            if not last:
                out.append(delimnl)

    def _format_items(self, items, out, indent, allowance, context, level):
        indent += self._indent_per_level
        if self._indent_per_level > 1:
            out.append((self._indent_per_level - 1) * " ")
        delimnl = ",\n" + " " * indent
        delim = ""
        width = max_width = self._width - indent + 1
        items = list(items)
        for i, ent in enumerate(items):
            last = i == len(items) - 1
            if last:
                max_width -= allowance
                width -= allowance
            if self._compact:
                rep = self._repr(ent, context, level)
                w = len(rep) + 2
                if width < w:
                    width = max_width
                    if delim:
                        delim = delimnl
                if width >= w:
                    width -= w
                    out.append(delim)
                    delim = ", "
                    out.append(rep)
                    continue
            out.append(delim)
            delim = delimnl
            self._format(ent, out, indent, allowance if last else 1, context, level)


def pformat(object, indent=1, width=80, depth=None, *, compact=False, sort_dicts=True, underscore_numbers=False):
    return PrettyPrinter(indent=indent, width=width, depth=depth, compact=compact,
                         sort_dicts=sort_dicts).pformat(object)


def pprint(object, stream=None, indent=1, width=80, depth=None, *, compact=False, sort_dicts=True,
           underscore_numbers=False):
    PrettyPrinter(stream=stream, indent=indent, width=width, depth=depth, compact=compact,
                  sort_dicts=sort_dicts).pprint(object)


def pp(object, *args, sort_dicts=False, **kwargs):
    pprint(object, *args, sort_dicts=sort_dicts, **kwargs)
