# Properties with setters, static and class methods, and super() in methods, class
# methods, coroutines and __init__, as CPython runs them.
import asyncio

class Account:
    rate = 0.05
    count = 0

    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        Account.count += 1

    @property
    def balance(self):
        return self._balance

    @balance.setter
    def balance(self, value):
        if value < 0:
            raise ValueError("negative")
        self._balance = value

    @staticmethod
    def describe(x):
        return f"account of {x}"

    @classmethod
    def open(cls, owner):
        return cls(owner, 100)

    def deposit(self, n):
        self.balance += n
        return self.balance


class Savings(Account):
    def __init__(self, owner, balance=0, interest=0.1):
        super().__init__(owner, balance)
        self.interest = interest

    def deposit(self, n):
        total = super().deposit(n)
        return total * (1 + self.interest)

    @classmethod
    def open(cls, owner):
        acct = super().open(owner)
        acct.interest = 0.2
        return acct


a = Account("ann", 10)
print(a.balance, a.deposit(5), Account.describe("bob"), a.describe("x"))
try:
    a.balance = -1
except ValueError as e:
    print("refused", e)
s = Savings.open("sue")
print(type(s).__name__, s.balance, s.interest, s.deposit(10), Account.count)
print(isinstance(s, Account), Savings.rate)
try:
    del_me = Account.balance
    print(type(del_me).__name__)
except Exception as e:
    print(e)

class ReadOnly:
    @property
    def x(self):
        return 42

r = ReadOnly()
print(r.x)
try:
    r.x = 1
except AttributeError as e:
    print(e)

class Base:
    def hello(self):
        return "base"

class Mid(Base):
    def hello(self):
        return "mid+" + super().hello()

class Leaf(Mid):
    def hello(self):
        return "leaf+" + super().hello()

print(Leaf().hello())

class Worker:
    def __init__(self, name):
        self.name = name
        self.done = 0

    async def run(self, n):
        for i in range(n):
            await asyncio.sleep(0.1)
            self.done += 1
        return f"{self.name}: {self.done}"

class LoudWorker(Worker):
    async def run(self, n):
        result = await super().run(n)
        return result.upper()

async def main():
    print(await asyncio.gather(Worker("w").run(2), LoudWorker("l").run(3)))

asyncio.run(main())

class P:
    def __init__(self):
        super().__init__()
        print("P init")
P()
try:
    class Q:
        def __init__(self):
            super().__init__(1)
    Q()
except TypeError as e:
    print(e)
