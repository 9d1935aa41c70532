# Text run as the program runs: eval, exec, compile, __import__, and timeit's
# statements given as text. A tiny formula sheet and a calculator drive them.
import asyncio
import timeit
import traceback

RATE = 3


def calculator(expression, **names):
    """Evaluates with only the names given, and no builtins."""
    return eval(expression, {"__builtins__": {}}, names)


print(calculator("price * qty", price=4, qty=5))
print(eval("__name__"))  # (a name the program itself never writes)
print(eval("RATE * 2"), eval("  max(RATE, 7)"))

sheet = {"a": "2", "b": "a * 10", "c": "a + b"}
values = {}
for cell, formula in sheet.items():
    values[cell] = eval(formula, {}, values)
print(values)

try:
    calculator("len(items)", items=[1, 2])
except NameError as e:
    print("refused:", e)

# exec at the module's level binds the program's globals.
exec("counter = 0\nfor step in range(4):\n    counter += step")
print(counter, step)

# exec in a namespace of its own: functions and classes it defines stay in it.
namespace = {}
exec(
    """
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

def double(n):
    return n * 2

origin = Point(0, double(2))
""",
    namespace,
)
print(namespace["origin"], namespace["double"](21), "Point" in namespace)


def in_a_function(limit):
    total = limit * 2
    seen = eval("total + limit")
    exec("total = -1")  # (a copy of the locals: the function's stays)
    return seen, total


print(in_a_function(5))

code = compile("area = width * height", "<string>", "exec")
width, height = 3, 4
exec(code)
print(area, type(code).__name__)
print(eval(compile("width ** height", "<string>", "eval")))

for bad in ["1 +", "x = = 2", "print(1", "for x in : pass", "return 5"]:
    try:
        compile(bad, "<string>", "exec")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno, e.offset)

try:
    eval("x = 1")
except SyntaxError as e:
    print("eval takes an expression:", e.msg)


def fails():
    return eval("1 / 0")


try:
    fails()
except ZeroDivisionError:
    print(traceback.format_exc())

math = __import__("math")
print(math.floor(2.5), __import__("os.path").__name__, __import__("os.path", fromlist=["join"]).__name__)

print(timeit.timeit("sum(range(50))", number=20) >= 0)
print(timeit.timeit("x.append(1)", setup="x = []", number=5) >= 0)
print(len(timeit.repeat("RATE * 2", globals=globals(), number=3, repeat=4)))
timer = timeit.Timer("total += 1", setup="total = 0")
print(timer.timeit(10) >= 0)
try:
    timeit.timeit("1 +")
except SyntaxError as e:
    print("timeit:", e.msg)


async def main():
    # Text evaluated inside a coroutine sees its locals too.
    delay = 0.01
    await asyncio.sleep(eval("delay * 2"))
    print("slept", eval("delay"), eval("[delay] * 2"))


asyncio.run(main())
