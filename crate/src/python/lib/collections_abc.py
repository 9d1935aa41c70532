# collections.abc's names, for annotations (`AsyncIterator[int]`): the playground
# checks no types, so they are typing's, which can be subscripted the same way.

from typing import (AsyncGenerator, AsyncIterable, AsyncIterator, Awaitable, Callable, Coroutine, Generator,
                    Hashable, Iterable, Iterator, Mapping, MutableMapping, Sequence)
