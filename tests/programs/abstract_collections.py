# collections.abc: what built-in values and the program's classes are, checked by
# isinstance and issubclass; a Sequence and a MutableMapping of the program's own that get
# the other methods from their base; a metaclass that answers isinstance itself.
import asyncio
from collections.abc import (AsyncIterator, Awaitable, Callable, Collection, Container, Generator, Hashable,
                             Iterable, Iterator, Mapping, MutableMapping, MutableSequence, Sequence, Set, Sized)


def numbers():
    yield 1


async def pause():
    await asyncio.sleep(0.1)


class Playlist(Sequence):
    def __init__(self, *songs):
        self.songs = songs

    def __len__(self):
        return len(self.songs)

    def __getitem__(self, i):
        return self.songs[i]


class Settings(MutableMapping):
    def __init__(self):
        self.values = {}

    def __getitem__(self, key):
        return self.values[key]

    def __setitem__(self, key, value):
        self.values[key] = value

    def __delitem__(self, key):
        del self.values[key]

    def __iter__(self):
        return iter(self.values)

    def __len__(self):
        return len(self.values)


class Ticker:
    def __init__(self):
        self.n = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 2:
            raise StopAsyncIteration
        self.n += 1
        await asyncio.sleep(0.1)
        return self.n


class OnlyEq:
    def __eq__(self, other):
        return True


class EvenMeta(type):
    def __instancecheck__(cls, value):
        return isinstance(value, int) and value % 2 == 0


class Even(metaclass=EvenMeta):
    pass


async def main():
    waiting = pause()
    samples = [[], (), "s", {}, set(), frozenset(), range(3), 5, None, numbers(), iter([]), len, b"x", waiting]
    for kind in [Iterable, Iterator, Sequence, Mapping, MutableMapping, Sized, Hashable, Callable, Generator,
                 Awaitable, Set, MutableSequence, Container, Collection]:
        print(f"{kind.__name__:15}", "".join("x" if isinstance(v, kind) else "." for v in samples))
    await waiting
    songs = Playlist("a", "b", "b", "c")
    print(list(songs), songs.index("b"), songs.count("b"), "c" in songs, list(reversed(songs)))
    settings = Settings()
    settings.update(volume=3, theme="dark")
    print(settings.setdefault("lang", "en"), settings.get("missing", "-"), settings.pop("theme"), sorted(settings))
    print(isinstance(Ticker(), AsyncIterator), [n async for n in Ticker()], isinstance(OnlyEq(), Hashable))
    print(issubclass(list, Sequence), issubclass(dict, Mapping), issubclass(Playlist, Sized), issubclass(int, Iterable))
    print(isinstance(4, Even), isinstance(3, Even), isinstance("4", Even))


asyncio.run(main())
