# warnings: warn() with categories, CPython's filters (a deprecation shown where the
# program's own code is the caller; a warning shown once per place by default),
# simplefilter, filterwarnings, resetwarnings and catch_warnings; shown on standard
# error as CPython shows them, with the line of the program that warned.

import sys
from traceback import _caller, _line


class WarningMessage:
    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source

    def __str__(self):
        return (f"{{message : {self.message!r}, category : {self.category.__name__!r}, filename : {self.filename!r}, "
                f"lineno : {self.lineno}, line : {self.line!r}}}")


_DEFAULT_FILTERS = [
    ("default", None, DeprecationWarning, "__main__", 0),
    ("ignore", None, DeprecationWarning, None, 0),
    ("ignore", None, PendingDeprecationWarning, None, 0),
    ("ignore", None, ImportWarning, None, 0),
    ("ignore", None, ResourceWarning, None, 0),
]
filters = list(_DEFAULT_FILTERS)
_shown = set()
_record = None


def _action(message, category, lineno):
    for action, text, kind, module, line in filters:
        if text is not None and not str(message).lower().startswith(text.lower()):
            continue
        if not issubclass(category, kind):
            continue
        if module is not None and module != "__main__":
            continue
        if line and line != lineno:
            continue
        return action
    return "default"


def formatwarning(message, category, filename, lineno, line=None):
    text = f"{filename}:{lineno}: {category.__name__}: {message}\n"
    if line is None:
        line = _line(lineno)
    if line:
        text += f"  {line.strip()}\n"
    return text


def showwarning(message, category, filename, lineno, file=None, line=None):
    (sys.stderr if file is None else file).write(formatwarning(message, category, filename, lineno, line))


def warn(message, category=None, stacklevel=1, source=None):
    if isinstance(message, Warning):
        category = type(message)
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError(f"category must be a Warning subclass, not '{type(category).__name__}'")
    _, lineno = _caller()
    action = _action(message, category, lineno)
    if action == "error":
        raise message if isinstance(message, Warning) else category(message)
    if action == "ignore":
        return
    key = (str(message), category, lineno)
    if action == "once":
        key = (str(message), category, 0)
    if action in ("default", "once", "module") and key in _shown:
        return
    _shown.add(key)
    if _record is not None:
        _record.append(WarningMessage(message if isinstance(message, Warning) else category(message), category,
                                      "main.py", lineno))
        return
    showwarning(message, category, "main.py", lineno)


def _unawaited(message, filename, lineno):
    # A coroutine never awaited, warned about where it was freed (the machine's
    # warning, as CPython's goes through warn): the filters and catch_warnings have it
    # first. Whether it was handled here (else the machine writes it).
    category = RuntimeWarning
    action = _action(message, category, lineno)
    if action == "ignore":
        return True
    key = (message, category, filename, lineno)
    if action in ("default", "once", "module") and key in _shown:
        return True
    _shown.add(key)
    if _record is not None:
        _record.append(WarningMessage(category(message), category, filename, lineno))
        return True
    return False


def simplefilter(action, category=Warning, lineno=0, append=False):
    _add((action, None, category, None, lineno), append)


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    _add((action, message or None, category, module or None, lineno), append)


def _add(item, append):
    if item[0] not in ("error", "ignore", "always", "default", "module", "once"):
        raise ValueError(f"invalid action: {item[0]!r}")
    if item in filters:
        filters.remove(item)
    if append:
        filters.append(item)
    else:
        filters.insert(0, item)
    _shown.clear()


def resetwarnings():
    filters.clear()
    _shown.clear()


class catch_warnings:
    def __init__(self, *, record=False, action=None, category=Warning, lineno=0, append=False):
        self._record = record
        self._action = action and (action, None, category, None, lineno)

    def __enter__(self):
        global _record
        self._saved = (list(filters), set(_shown), _record)
        if self._action:
            _add(self._action, False)
        if self._record:
            _record = []
            return _record
        return None

    def __exit__(self, *exc_info):
        global _record
        saved_filters, saved_shown, _record = self._saved
        filters[:] = saved_filters
        _shown.clear()
        _shown.update(saved_shown)
