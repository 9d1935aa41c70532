# The standard library's errors as tracebacks show them: the line of random.py,
# statistics.py or enum.py that raised, between the program's call and the message.
import enum
import random
import statistics
import sys
import traceback


class Level(enum.Enum):
    LOW = 1
    HIGH = 2


def attempt(label, call):
    try:
        call()
    except (ValueError, IndexError) as e:
        print(f"--- {label}: {type(e).__name__}")
        traceback.print_exc(file=sys.stdout)


dice = random.Random(7)
attempt("a die with no faces", lambda: dice.randint(6, 1))
attempt("an empty range", lambda: random.randrange(10, 2))
attempt("too many picked", lambda: random.sample(range(3), 5))
attempt("a pick from nothing", lambda: dice.choice([]))
for name in ("mean", "median", "median_low", "median_high", "mode", "pvariance", "pstdev"):
    attempt(f"{name} of nothing", lambda: getattr(statistics, name)([]))
for name in ("variance", "stdev"):
    attempt(f"{name} of one reading", lambda: getattr(statistics, name)([3.5]))
attempt("a level that is not one", lambda: Level(3))
print(Level(2), Level(Level.LOW))
Level(5)
