# Every function of random after seeding: the same numbers as CPython's.
import random

random.seed(2024)
print(round(random.random(), 12))
print([random.randint(1, 6) for _ in range(12)])
print(random.randrange(10), random.randrange(3, 30), random.randrange(0, 50, 5), random.randrange(20, 0, -4))
print(random.choice(["heads", "tails"]), random.choice("abcdef"), random.choice(range(10, 100)))
deck = [f"{rank}{suit}" for suit in "SHDC" for rank in "A23456789TJQK"]
random.shuffle(deck)
print(deck[:10])
print(random.sample(deck, 5))
print(random.sample(range(10_000), 12))
print(random.choices("xyz", k=10))
print(random.choices(["low", "mid", "high"], weights=[10, 3, 1], k=6))
print(random.choices(["a", "b"], cum_weights=[0.25, 1.0], k=6))
print(random.uniform(0.5, 1.5), random.uniform(10, -10))
print(random.gauss(100, 15), random.gauss(100, 15), random.gauss())
print(random.normalvariate(0, 2), random.expovariate(1.5), random.triangular(1, 9))
print(random.getrandbits(1), random.getrandbits(31), random.getrandbits(33), random.getrandbits(62))
print(random.sample(["r", "g", "b"], counts=[3, 2, 1], k=4))

# The same seed gives the same numbers again.
random.seed(7)
first = [random.random() for _ in range(3)]
random.seed(7)
print(first == [random.random() for _ in range(3)])

# Seeds of any size and sign, and floats.
for seed in [0, 1, -1, 2**31, 2**32, 2**33 + 5, 10**15, -(10**18), 1.5, -0.25, 1e100]:
    random.seed(seed)
    print(seed, random.randint(0, 999))

# Text seeds: the text and its SHA-512 digest as one number, as CPython seeds them.
for seed in ["", "a", "hello", "asyncio playground", "héllo ✓", "x" * 200]:
    random.seed(seed)
    print(repr(seed[:12]), random.randint(0, 999), random.random())
print(random.Random("same").random() == random.Random("same").random())

# The distributions random.py builds on random(), drawing as CPython draws.
random.seed(2024)
print([round(random.lognormvariate(0, 0.5), 9), round(random.paretovariate(3), 9), round(random.weibullvariate(2, 1.5), 9)])
print([round(random.gammavariate(a, 2), 9) for a in (0.3, 1.0, 4.2)], round(random.betavariate(2, 5), 9))
print(round(random.vonmisesvariate(1.0, 3.0), 9), round(random.vonmisesvariate(0.5, 0), 9), random.randint(1, 100))
