# io: the streams that live in memory (StringIO, BytesIO). A page has no files, so
# open() is not here.


class _Memory:
    def __init__(self, initial, empty):
        self._empty = empty
        self._value = initial if initial is not None else empty
        self._pos = 0
        self.closed = False

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file")

    def getvalue(self):
        self._check()
        return self._value

    def write(self, s):
        self._check()
        if not isinstance(s, type(self._empty)):
            kind = "string" if isinstance(self._empty, str) else "a bytes-like object"
            raise TypeError(f"{kind} argument expected, got '{type(s).__name__}'")
        value = self._value
        if self._pos > len(value):
            value = value + self._empty.join([self._filler] * (self._pos - len(value)))
        self._value = value[:self._pos] + s + value[self._pos + len(s):]
        self._pos += len(s)
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def read(self, size=-1):
        self._check()
        end = len(self._value) if size is None or size < 0 else self._pos + size
        text = self._value[self._pos:end]
        self._pos += len(text)
        return text

    def readline(self, size=-1):
        self._check()
        newline = self._value.find(self._newline, self._pos)
        end = len(self._value) if newline < 0 else newline + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        text = self._value[self._pos:end]
        self._pos = end if end > self._pos else self._pos
        return text

    def readlines(self, hint=-1):
        return list(self)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def seek(self, pos, whence=0):
        self._check()
        if whence == 1:
            pos = self._pos + pos
        elif whence == 2:
            pos = len(self._value) + pos
        if pos < 0:
            raise ValueError(f"Negative seek position {pos}")
        self._pos = pos
        return pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        self._value = self._value[:size]
        return size

    def close(self):
        self.closed = True

    def flush(self):
        pass

    def readable(self):
        return True

    def writable(self):
        return True

    def seekable(self):
        return True

    def isatty(self):
        return False

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *exc):
        self.close()


class StringIO(_Memory):
    _filler = "\0"
    _newline = "\n"

    def __init__(self, initial_value="", newline="\n"):
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError(f"initial_value must be str or None, not {type(initial_value).__name__}")
        super().__init__(initial_value, "")


class BytesIO(_Memory):
    _filler = b"\0"
    _newline = b"\n"

    def __init__(self, initial_bytes=b""):
        super().__init__(bytes(initial_bytes) if initial_bytes is not None else None, b"")

    def getbuffer(self):
        return self._value


class UnsupportedOperation(OSError, ValueError):
    pass


def open(*args, **kwargs):
    raise OSError("io.open: a page has no files (keep the data in the program, or in an io.StringIO)")
