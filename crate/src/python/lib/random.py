# The part of random written in Python: the distributions that random.py builds on
# random() and normalvariate(), drawing as many numbers in the same order as CPython's.

import math
from random import random, normalvariate

_LOG4 = math.log(4.0)
_SG_MAGICCONST = 1.0 + math.log(4.5)


def lognormvariate(mu, sigma):
    return math.exp(normalvariate(mu, sigma))


def paretovariate(alpha):
    return (1.0 - random()) ** (-1.0 / alpha)


def weibullvariate(alpha, beta):
    return alpha * (-math.log(1.0 - random())) ** (1.0 / beta)


def vonmisesvariate(mu, kappa):
    if kappa <= 1e-6:
        return 2.0 * math.pi * random()
    s = 0.5 / kappa
    r = s + math.sqrt(1.0 + s * s)
    while True:
        z = math.cos(math.pi * random())
        d = z / (r + z)
        u = random()
        if u < 1.0 - d * d or u <= (1.0 - d) * math.exp(d):
            break
    q = 1.0 / r
    f = (q + z) / (1.0 + q * z)
    if random() > 0.5:
        return (mu + math.acos(f)) % (2.0 * math.pi)
    return (mu - math.acos(f)) % (2.0 * math.pi)


def gammavariate(alpha, beta):
    if alpha <= 0.0 or beta <= 0.0:
        raise ValueError("gammavariate: alpha and beta must be > 0.0")
    if alpha > 1.0:
        # Cheng's rejection method, as CPython draws it.
        ainv = math.sqrt(2.0 * alpha - 1.0)
        bbb = alpha - _LOG4
        ccc = alpha + ainv
        while True:
            u1 = random()
            if not 1e-7 < u1 < 0.9999999:
                continue
            u2 = 1.0 - random()
            v = math.log(u1 / (1.0 - u1)) / ainv
            x = alpha * math.exp(v)
            z = u1 * u1 * u2
            r = bbb + ccc * v - x
            if r + _SG_MAGICCONST - 4.5 * z >= 0.0 or r >= math.log(z):
                return x * beta
    if alpha == 1.0:
        return -math.log(1.0 - random()) * beta
    while True:
        b = (math.e + alpha) / math.e
        p = b * random()
        x = p ** (1.0 / alpha) if p <= 1.0 else -math.log((b - p) / alpha)
        u = random()
        if p > 1.0:
            if u <= x ** (alpha - 1.0):
                return x * beta
        elif u <= math.exp(-x):
            return x * beta


def betavariate(alpha, beta):
    y = gammavariate(alpha, 1.0)
    if y:
        return y / (y + gammavariate(beta, 1.0))
    return 0.0
