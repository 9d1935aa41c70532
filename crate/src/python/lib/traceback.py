# traceback's printing and formatting of exceptions, as CPython's prints them. The
# machine formats a whole exception (its chain, each frame's line and source) in one
# text: a list of lines here holds that one text, which joins and prints the same.

import sys
from traceback import _format, _frames, _stack, _line

_sentinel = object()


def _exception(exc, value):
    # format_exception(exc) (3.10 and later) or format_exception(type, value, tb).
    if value is _sentinel:
        return exc
    return value


def format_exception(exc, value=_sentinel, tb=_sentinel, limit=None, chain=True):
    value = _exception(exc, value)
    if value is None:
        return ["NoneType: None\n"]
    return _chunks(_format(value))


def _chunks(text):
    # The pieces CPython's format_exception gives: the header, each frame with its line,
    # each chaining message with its blank lines, the exception's own line.
    out = []
    for line in text.splitlines(True):
        if out and line.startswith("    ") and out[-1].startswith("  File "):
            out[-1] += line
        elif len(out) >= 2 and line == "\n" and out[-2] == "\n" and (
            out[-1].startswith("The above exception") or out[-1].startswith("During handling")
        ):
            out[-2:] = [out[-2] + out[-1] + line]
        else:
            out.append(line)
    return out


def format_exception_only(exc, value=_sentinel):
    value = _exception(exc, value)
    if value is None:
        return ["NoneType: None\n"]
    kind = type(value)
    name = kind.__qualname__
    module = getattr(kind, "__module__", "builtins")
    if module not in ("__main__", "builtins"):
        name = module + "." + name
    text = str(value)
    lines = [name + ": " + text + "\n" if text else name + "\n"]
    # Its notes (add_note), each on lines of its own.
    notes = getattr(value, "__notes__", None)
    if isinstance(notes, (list, tuple)):
        for note in notes:
            lines.append(f"{note}\n" if isinstance(note, str) else "<note str() failed>\n")
    return lines


def print_exception(exc, value=_sentinel, tb=_sentinel, limit=None, file=None, chain=True):
    text = "".join(format_exception(exc, value, tb))
    (sys.stderr if file is None else file).write(text)


def format_exc(limit=None, chain=True):
    return "".join(format_exception(sys.exception()))


def print_exc(limit=None, file=None, chain=True):
    print_exception(sys.exception(), file=file)


class FrameSummary:
    # One frame of a stack or traceback: where, and its line of source.
    def __init__(self, filename, lineno, name, *, line=None):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self.line = line

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return (self.filename, self.lineno, self.name, self.line) == (
                other.filename, other.lineno, other.name, other.line)
        if isinstance(other, tuple):
            return (self.filename, self.lineno, self.name, self.line) == other
        return NotImplemented

    def __getitem__(self, pos):
        return (self.filename, self.lineno, self.name, self.line)[pos]

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __len__(self):
        return 4

    def __repr__(self):
        return "<FrameSummary file {filename}, line {lineno} in {name}>".format(
            filename=self.filename, lineno=self.lineno, name=self.name)


class StackSummary:
    # A list of FrameSummary (CPython's is a list subclass): iterated, indexed, formatted.
    def __init__(self, frames):
        self._frames = list(frames)

    @classmethod
    def from_list(cls, a_list):
        frames = []
        for frame in a_list:
            if isinstance(frame, FrameSummary):
                frames.append(frame)
            else:
                filename, lineno, name, line = frame
                frames.append(FrameSummary(filename, lineno, name, line=line))
        return cls(frames)

    def __iter__(self):
        return iter(self._frames)

    def __len__(self):
        return len(self._frames)

    def __getitem__(self, index):
        return self._frames[index]

    def __eq__(self, other):
        return list(self) == list(other)

    def __repr__(self):
        return repr(self._frames)

    def format(self):
        out = []
        for frame in self._frames:
            row = '  File "{}", line {}, in {}\n'.format(frame.filename, frame.lineno, frame.name)
            if frame.line:
                row += "    {}\n".format(frame.line.strip())
            out.append(row)
        return out


def _summary(pairs, limit):
    # (name, line), or (name, line, file, text) for a line of CPython's library.
    frames = [FrameSummary("main.py", p[1], p[0], line=_line(p[1]).strip()) if len(p) == 2
              else FrameSummary(p[2], p[1], p[0], line=p[3]) for p in pairs]
    if limit is not None:
        frames = frames[:limit] if limit >= 0 else frames[limit:]
    return StackSummary(frames)


def extract_tb(tb, limit=None):
    return _summary(_frames(tb), limit)


def format_tb(tb, limit=None):
    return extract_tb(tb, limit).format()


def print_tb(tb, limit=None, file=None):
    (sys.stderr if file is None else file).write("".join(format_tb(tb, limit)))


def format_list(extracted_list):
    return StackSummary.from_list(extracted_list).format()


def print_list(extracted_list, file=None):
    (sys.stderr if file is None else file).write("".join(format_list(extracted_list)))


def extract_stack(f=None, limit=None):
    # The program's frames that lead here (this call's own frame is the last).
    frames = _summary(_stack(), None)
    if limit is not None:
        return StackSummary(list(frames)[-limit:])
    return frames


def format_stack(f=None, limit=None):
    return extract_stack(f, limit).format()


def print_stack(f=None, limit=None, file=None):
    (sys.stderr if file is None else file).write("".join(format_stack(f, limit)))


class TracebackException:
    # An exception ready to format, as CPython's: its type, its frames (`stack`), what
    # caused it and the context it was raised in, each a TracebackException too.
    def __init__(self, exc_type, exc_value, exc_traceback, *, limit=None, lookup_lines=True,
                 capture_locals=False, compact=False, max_group_width=15, max_group_depth=10, _seen=None):
        seen = set() if _seen is None else _seen
        if exc_value is not None:
            seen.add(id(exc_value))
        self.exc_type = exc_type
        self._value = exc_value
        self._str = "None" if exc_value is None else str(exc_value)
        self.stack = extract_tb(exc_traceback, limit)
        self.__notes__ = getattr(exc_value, "__notes__", None)
        self.__suppress_context__ = bool(getattr(exc_value, "__suppress_context__", False))
        self.__cause__ = self.__context__ = None
        self.exceptions = None
        if exc_value is None:
            return
        for name in ("__cause__", "__context__"):
            linked = getattr(exc_value, name)
            if linked is not None and id(linked) not in seen:
                setattr(self, name, TracebackException(type(linked), linked, linked.__traceback__, limit=limit,
                                                       _seen=seen))
        if isinstance(exc_value, BaseExceptionGroup):
            self.exceptions = [TracebackException(type(e), e, e.__traceback__, limit=limit, _seen=seen)
                               for e in exc_value.exceptions]
        if issubclass(exc_type, SyntaxError):
            self.filename = exc_value.filename
            self.lineno = exc_value.lineno
            self.text = exc_value.text
            self.offset = exc_value.offset
            self.msg = exc_value.msg

    @classmethod
    def from_exception(cls, exc, *args, **kwargs):
        return cls(type(exc), exc, exc.__traceback__, *args, **kwargs)

    def __eq__(self, other):
        if isinstance(other, TracebackException):
            return self.__dict__ == other.__dict__
        return NotImplemented

    def __str__(self):
        return self._str

    def format_exception_only(self):
        yield from format_exception_only(self._value)

    def format(self, *, chain=True):
        yield from format_exception(self._value, chain=chain)

    def print(self, *, file=None, chain=True):
        (sys.stderr if file is None else file).write("".join(self.format(chain=chain)))
