# itertools, as generators: what each takes is checked when it is called, as CPython's
# are, and what each yields is computed when asked for.


class count:
    __module__ = "itertools"

    def __init__(self, start=0, step=1):
        for x in (start, step):
            # (Any number: Decimal and Fraction too, which have __float__.)
            if not isinstance(x, (int, float)) and not hasattr(x, "__float__") and not hasattr(x, "__index__"):
                raise TypeError("a number is required")
        self._n = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        if type(self._step) is int and self._step == 1:
            return f"count({self._n!r})"
        return f"count({self._n!r}, {self._step!r})"


def cycle(iterable):
    return _cycle(iter(iterable))


def _cycle(it):
    saved = []
    for x in it:
        yield x
        saved.append(x)
    while saved:
        for x in saved:
            yield x


class repeat:
    __module__ = "itertools"

    def __init__(self, object, times=None):
        self._object = object
        self._times = None if times is None else max(times, 0)

    def __iter__(self):
        return self

    def __next__(self):
        if self._times is None:
            return self._object
        if self._times <= 0:
            raise StopIteration
        self._times -= 1
        return self._object

    def __repr__(self):
        if self._times is None:
            return f"repeat({self._object!r})"
        return f"repeat({self._object!r}, {self._times})"


def accumulate(iterable, func=None, *, initial=None):
    return _accumulate(iter(iterable), func, initial)


def _accumulate(it, func, total):
    if total is not None:
        yield total
    else:
        for total in it:
            yield total
            break
        else:
            return
    for x in it:
        total = total + x if func is None else func(total, x)
        yield total


def chain(*iterables):
    return _chain(iterables)


def _chain(iterables):
    for iterable in iterables:
        yield from iterable


def _from_iterable(iterables):
    return _chain(iterables)


chain.from_iterable = _from_iterable


def compress(data, selectors):
    return (d for d, s in zip(data, selectors) if s)


def dropwhile(predicate, iterable):
    return _dropwhile(predicate, iter(iterable))


def _dropwhile(predicate, it):
    for x in it:
        if not predicate(x):
            yield x
            break
    yield from it


def takewhile(predicate, iterable):
    return _takewhile(predicate, iter(iterable))


def _takewhile(predicate, it):
    for x in it:
        if not predicate(x):
            return
        yield x


def filterfalse(predicate, iterable):
    if predicate is None:
        return (x for x in iterable if not x)
    return (x for x in iterable if not predicate(x))


def starmap(function, iterable):
    return (function(*args) for args in iterable)


def _index(value):
    if value is None:
        return None
    if not isinstance(value, int) or value < 0:
        return -1
    return value


def islice(iterable, *args):
    if not args or len(args) > 3:
        n = len(args) + 1
        raise TypeError(f"islice expected at {'least' if not args else 'most'} {2 if not args else 4} arguments, got {n}")
    if len(args) == 1:
        start, stop, step = 0, _index(args[0]), 1
        if stop == -1:
            raise ValueError("Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
    else:
        start, stop = _index(args[0]), _index(args[1])
        step = _index(args[2]) if len(args) == 3 else 1
        if start == -1 or stop == -1:
            raise ValueError("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
        if step == -1 or step == 0:
            raise ValueError("Step for islice() must be a positive integer or None.")
        if start is None:
            start = 0
        if step is None:
            step = 1
    return _islice(iter(iterable), start, stop, step)


def _islice(it, start, stop, step):
    # As CPython's: never reading past the last item it gives (an iterator sliced
    # again goes on from there), but reading up to stop once past the last.
    if stop is not None and start >= stop:
        for _ in zip(range(start), it):
            pass
        return
    i = 0
    wanted = start
    for x in it:
        if i == wanted:
            yield x
            wanted += step
            if stop is not None and wanted >= stop:
                for _ in zip(range(i + 1, stop), it):
                    pass
                return
        i += 1


def tee(iterable, n=2):
    it = iter(iterable)
    buffers = [[] for _ in range(n)]

    def gen(mine):
        while True:
            if not mine:
                for x in it:
                    for b in buffers:
                        b.append(x)
                    break
                else:
                    return
            yield mine.pop(0)

    return tuple(gen(b) for b in buffers)


def pairwise(iterable):
    return _pairwise(iter(iterable))


def _pairwise(it):
    for a in it:
        for b in it:
            yield a, b
            a = b
        return


class _Sentinel:
    pass


_END = _Sentinel()


def zip_longest(*iterables, fillvalue=None):
    return _zip_longest([iter(x) for x in iterables], fillvalue)


def _zip_longest(its, fillvalue):
    if not its:
        return
    left = len(its)
    while True:
        row = []
        for i in range(len(its)):
            x = next(its[i], _END)
            if x is _END:
                left -= 1
                if left == 0:
                    return
                its[i] = repeat(fillvalue)
                x = fillvalue
            row.append(x)
        yield tuple(row)


def product(*iterables, repeat=1):
    if repeat < 0:
        raise ValueError("repeat argument cannot be negative")
    pools = [tuple(pool) for pool in iterables] * repeat
    return _product(pools)


def _product(pools):
    result = [()]
    for pool in pools:
        result = [row + (y,) for row in result for y in pool]
    for row in result:
        yield row


def permutations(iterable, r=None):
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    if r < 0:
        raise ValueError("r must be non-negative")
    return _permutations(pool, n, r)


def _permutations(pool, n, r):
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1 :] + indices[i : i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return


def combinations(iterable, r):
    pool = tuple(iterable)
    if r < 0:
        raise ValueError("r must be non-negative")
    return _combinations(pool, len(pool), r)


def _combinations(pool, n, r):
    if r > n:
        return
    indices = list(range(r))
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != i + n - r:
                break
        else:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple(pool[i] for i in indices)


def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    if r < 0:
        raise ValueError("r must be non-negative")
    return _combinations_with_replacement(pool, len(pool), r)


def _combinations_with_replacement(pool, n, r):
    if not n and r:
        return
    indices = [0] * r
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple(pool[i] for i in indices)


def groupby(iterable, key=None):
    return _groupby(iter(iterable), key)


def _groupby(it, key):
    # Each group is a generator over the shared iterator; moving on to the next group
    # skips what is left of the one before, as CPython's does.
    state = [_END, _END, None]  # the current value, its key, the group's generation
    keyfunc = (lambda x: x) if key is None else key

    def advance():
        for value in it:
            state[0] = value
            state[1] = keyfunc(value)
            return True
        state[0] = _END
        return False

    def group(k, generation):
        while state[2] == generation and state[0] is not _END and state[1] == k:
            yield state[0]
            if not advance():
                return

    if not advance():
        return
    generation = 0
    while state[0] is not _END:
        k = state[1]
        generation += 1
        state[2] = generation
        yield k, _grouper(group(k, generation))
        # Skip what the group did not take.
        while state[0] is not _END and state[2] == generation and state[1] == k:
            if not advance():
                break


class _grouper:
    # A group of groupby's, over the iterator the groups share.
    __module__ = "itertools"

    def __init__(self, values):
        self._values = values

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._values)


def batched(iterable, n):
    # (Python 3.12's.)
    if n < 1:
        raise ValueError("n must be at least one")
    it = iter(iterable)
    while True:
        batch = tuple(islice(it, n))
        if not batch:
            return
        yield batch
