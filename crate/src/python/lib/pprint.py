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

    def format(self, object, context, maxlevels, level):
        return _safe_repr(object, context, maxlevels, level, self._sort_dicts)

    def isreadable(self, object):
        return _safe_repr(object, {}, 0, 0, self._sort_dicts)[1]

    def isrecursive(self, object):
        return _safe_repr(object, {}, 0, 0, self._sort_dicts)[2]

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
        name = t.__name__
        if len(rep) > max_width and object and getattr(t, "__module__", None) == "collections" and name in (
                "defaultdict", "Counter", "OrderedDict") and not (self._depth and level >= self._depth):
            # (collections' mappings, laid out as CPython's _pprint_default_dict,
            # _pprint_counter and _pprint_ordered_dict do.)
            context.add(id(object))
            if name == "OrderedDict":
                out.append(name + "(")
                self._format(list(object.items()), out, indent + len(name) + 1, allowance + 1, context, level)
                out.append(")")
            elif name == "Counter":
                out.append(name + "({")
                if self._indent_per_level > 1:
                    out.append((self._indent_per_level - 1) * " ")
                self._format_dict_items(object.most_common(), out, indent + len(name) + 1, allowance + 2, context,
                                        level + 1)
                out.append("})")
            else:
                factory = self._repr(object.default_factory, context, level)
                indent += len(name) + 1
                out.append(f"{name}({factory},\n{' ' * indent}")
                out.append("{")
                if self._indent_per_level > 1:
                    out.append((self._indent_per_level - 1) * " ")
                self._format_dict_items(self._items(object), out, indent, allowance + 2, context, level + 1)
                out.append("})")
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


def saferepr(object):
    return _safe_repr(object, {}, None, 0, True)[0]


def isreadable(object):
    return _safe_repr(object, {}, None, 0, True)[1]


def isrecursive(object):
    return _safe_repr(object, {}, None, 0, True)[2]


_SCALARS = (str, bytes, int, float, bool, type(None))


def _safe_repr(object, context, maxlevels, level, sort_dicts):
    # CPython's: the repr, whether eval() could read it back, and whether it holds itself.
    kind = type(object)
    if kind in _SCALARS:
        return repr(object), True, False
    if kind in (dict, list, tuple):
        if not object:
            return repr(object), True, False
        objid = id(object)
        if maxlevels and level >= maxlevels:
            return {dict: "{...}", list: "[...]", tuple: "(...)"}[kind], False, objid in context
        if objid in context:
            return _recursion(object), False, True
        context[objid] = 1
        readable = True
        recursive = False
        parts = []
        level += 1
        if kind is dict:
            items = sorted(object.items(), key=_safe_tuple) if sort_dicts else object.items()
            for k, v in items:
                krepr, kreadable, krecur = _safe_repr(k, context, maxlevels, level, sort_dicts)
                vrepr, vreadable, vrecur = _safe_repr(v, context, maxlevels, level, sort_dicts)
                parts.append(f"{krepr}: {vrepr}")
                readable = readable and kreadable and vreadable
                recursive = recursive or krecur or vrecur
            text = "{" + ", ".join(parts) + "}"
        else:
            for item in object:
                orepr, oreadable, orecur = _safe_repr(item, context, maxlevels, level, sort_dicts)
                parts.append(orepr)
                readable = readable and oreadable
                recursive = recursive or orecur
            if kind is list:
                text = "[" + ", ".join(parts) + "]"
            elif len(parts) == 1:
                text = "(" + parts[0] + ",)"
            else:
                text = "(" + ", ".join(parts) + ")"
        del context[objid]
        return text, readable, recursive
    text = repr(object)
    return text, bool(text) and not text.startswith("<"), False


def _safe_tuple(pair):
    # (Keys of different types sort by type name first, as CPython's _safe_key does.)
    try:
        pair[0] < pair[0]
        return (0, pair[0])
    except TypeError:
        return (1, str(type(pair[0])), id(pair[0]))
