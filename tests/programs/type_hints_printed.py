# Type hints as programs print them: typing's aliases and the built-in generics
# (`list[int]`), a generic class of the program's, unions written with `|` that
# isinstance takes, a dataclass's field types, and the errors CPython gives for
# aliases where a class is needed.
import asyncio
import collections
import typing
from dataclasses import dataclass, field, fields
from typing import Any, Callable, Dict, Generic, List, Literal, Optional, Tuple, TypeVar, Union

T = TypeVar("T")
K = TypeVar("K", covariant=True)


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []

    def push(self, item: T) -> "Stack[T]":
        self.items.append(item)
        return self


@dataclass
class Job:
    name: str
    tags: list[str] = field(default_factory=list)
    retries: Optional[int] = None
    handler: Callable[[str], Any] | None = None


async def fetch(url: str, timeout: float | None = None) -> dict[str, list[int]]:
    await asyncio.sleep(0.1)
    return {url: [len(url)]}


print(T, K, Stack[int], Stack[str]().push("a").items, type(Stack[int]()).__name__)
print(List[int], Dict[str, List[int]], Optional[str], Union[int, str], Union[int, None], Union[int, str, None])
print(Tuple[int, ...], Tuple[()], Callable[[int, str], bool], Callable[..., Any], Literal["r", "w", 1], List["Job"])
print(list[int], dict[str, tuple[int, ...]], type[Job], collections.deque[str], asyncio.Queue[int], asyncio.Future[str])
print(int | None, str | int | None, Union[int, Union[str, int]], Union[int], typing.List, typing.Any)
print(List[int].__origin__, List[int].__args__, Optional[int].__args__, typing.get_origin(Dict[str, int]), typing.get_args(list[int]))
print(typing.get_origin(int), typing.get_args(int), List[int] == List[int], list[int] == list[str], list[int]([3, 1]))
print([f.type for f in fields(Job)])
print(fetch.__annotations__, Stack.push.__annotations__)
print(isinstance(3, int | str), isinstance("x", int | None), isinstance(None, str | None), type(int | str).__name__)
print(asyncio.run(fetch("https://example.org")))
for wrong in [lambda: isinstance([], list[int]), lambda: isinstance([], List[int]), lambda: List[int](),
              lambda: Dict[str, int]()]:
    try:
        wrong()
    except TypeError as e:
        print("TypeError:", e)


class Ints(list[int]):
    pass


print(Ints([1, 2]), isinstance(Ints(), list), Ints.__orig_bases__)
