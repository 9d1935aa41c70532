# What random says when it is called wrongly, as CPython says it.
import random

random.seed(0)
attempts = [
    lambda: random.choice([]),
    lambda: random.randint(10, 1),
    lambda: random.randrange(0),
    lambda: random.randrange(5, 5),
    lambda: random.randrange(1, 10, 0),
    lambda: random.randrange(1, 10, -1),
    lambda: random.randrange(10, step=2),
    lambda: random.sample({1, 2, 3}, 2),
    lambda: random.sample([1, 2], 3),
    lambda: random.sample([1, 2], -1),
    lambda: random.randint(1),
    lambda: random.randint(1, 2, 3),
    lambda: random.randint(a=1, c=2),
    lambda: random.choices([1, 2], [1], k=1),
    lambda: random.choices([1, 2], 3),
    lambda: random.choices([1, 2], [1, 1], cum_weights=[1, 2]),
    lambda: random.choices([1, 2], [0, 0]),
    lambda: random.random(1),
    lambda: random.getrandbits(-1),
    lambda: random.shuffle((1, 2, 3)),
    lambda: random.seed([1, 2]),
    lambda: random.choice(5),
    lambda: random.randint(1.5, 3),
    lambda: random.sample(),
]
for attempt in attempts:
    try:
        attempt()
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)
