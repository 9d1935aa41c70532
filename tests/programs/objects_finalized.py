# Objects that clean up after themselves with __del__, as CPython calls it when the
# last reference goes: on `del`, on rebinding, as a function or a task ends, when a
# list lets go, once for an object its __del__ brought back, and for what is left as
# the script ends.
import asyncio


class Connection:
    opened = 0

    def __init__(self, name):
        self.name = name
        Connection.opened += 1
        print(f"open {name} ({Connection.opened} open)")

    def __del__(self):
        Connection.opened -= 1
        print(f"close {self.name} ({Connection.opened} open)")


class Haunted:
    kept = []

    def __del__(self):
        print("haunted: keeping myself")
        Haunted.kept.append(self)


first = Connection("first")
del first
print("after del")
second = Connection("second")
second = Connection("third")
print("rebound")
del second


def use_one():
    local = Connection("local")
    print(f"using {local.name}")


use_one()
print("after the function")
pool = [Connection(f"pool-{i}") for i in range(3)]
pool.pop()
print("popped one")
pool.clear()
print("cleared", Connection.opened)

ghost = Haunted()
del ghost
print("kept:", len(Haunted.kept))
Haunted.kept.clear()
print("cleared the kept one: no second __del__")

async def session(name, delay):
    connection = Connection(name)
    await asyncio.sleep(delay)
    print(f"{name} done")


async def main():
    await asyncio.gather(session("task-a", 0.2), session("task-b", 0.1))
    held = Connection("held by main")
    print("main ends holding", held.name)


asyncio.run(main())
last = Connection("left for the exit")
print("the script ends")
