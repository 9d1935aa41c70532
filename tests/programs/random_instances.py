# random.Random instances: each its own generator, independent of the module's.
import random
from random import Random, randint as dice

a = Random(1)
b = Random(1)
random.seed(1)
print(a.random() == b.random() == random.random())
print(a.randint(1, 100), b.randint(1, 100), dice(1, 100))
b.seed(99)
print(a.choice("ABCDE"), b.choice("ABCDE"))
rolls = Random(3)
print(sorted(rolls.sample(range(1, 50), 6)))
items = list(range(8))
Random(5).shuffle(items)
print(items)
print(type(a).__name__)

def roll(rng, n):
    return [rng.randint(1, 6) for _ in range(n)]

print(roll(Random(42), 5), roll(Random(42), 5))
