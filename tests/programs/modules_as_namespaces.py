# A module's namespace as a dict: vars(math) seeding a calculator's environment (as
# small Lisp interpreters do), math.__dict__, and names looked up in it. And an
# executor's map() handing back a generator.
import concurrent.futures
import math
import operator as op
import string

env = {}
env.update(vars(math))
env.update({"+": op.add, "*": op.mul, "-": op.sub})
print(sorted(k for k in env if not k.startswith("_"))[:6], env["pi"], env["sqrt"](16.0))
print(env["+"](2, 3), env["*"](env["pi"], 2), math.__dict__["floor"](2.7), "ascii_letters" in vars(string))
print(vars(string)["digits"], type(vars(math)).__name__, vars(math)["__name__"])


def calc(expression):
    name, *args = expression.split()
    return env[name](*map(float, args))


print(calc("hypot 3 4"), calc("+ 1 2.5"), calc("pow 2 10"))
with concurrent.futures.ThreadPoolExecutor(2) as pool:
    results = pool.map(abs, [-1, 2, -3])
    print(type(results).__name__, list(results))
