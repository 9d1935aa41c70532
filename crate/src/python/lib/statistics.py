# statistics: averages and spread, with CPython's messages. Integers are summed
# exactly; floats with math.fsum (CPython sums exact fractions, which can differ from
# this in the last digit for floats).

import math
from collections import namedtuple as _namedtuple


class StatisticsError(ValueError):
    pass


def _exact(data):
    return all(isinstance(x, int) for x in data)


def _total(data):
    return sum(data) if _exact(data) else math.fsum(data)


def mean(data):
    data = list(data)
    if len(data) < 1:
        raise StatisticsError('mean requires at least one data point')  # CPython: statistics.py:432
    total = _total(data)
    n = len(data)
    if _exact(data) and total % n == 0 and not all(isinstance(x, bool) for x in data):
        return total // n
    if _exact(data):
        return total / n
    return _divided(data, total, n)


def _two_product(a, b):
    # a * b as p + e exactly (Dekker's product, with Veltkamp's split).
    p = a * b
    c = 134217729.0 * a
    a_hi = c - (c - a)
    a_lo = a - a_hi
    c = 134217729.0 * b
    b_hi = c - (c - b)
    b_lo = b - b_hi
    return p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo


def _divided(data, total, n):
    # The sum of `data` divided by n, rounded once, as CPython's exact fractions give it:
    # the sum's rounding error and the quotient's remainder are carried exactly.
    data = [float(x) for x in data]
    if math.isinf(total) or math.isnan(total):
        # (A sum beyond the floats: each part divided first.)
        return math.fsum(x / n for x in data)
    error = math.fsum(data + [-total])
    q = total / n
    p, e = _two_product(q, float(n))
    return q + math.fsum([total, -p, -e, error]) / n


def fmean(data, weights=None):
    data = list(data)
    if weights is None:
        if not data:
            raise StatisticsError("fmean requires at least one data point")
        return math.fsum(data) / len(data)
    weights = list(weights)
    if len(weights) != len(data):
        raise StatisticsError("data and weights must be the same length")
    total = math.fsum(weights)
    if not total:
        raise StatisticsError("sum of weights must be non-zero")
    return math.fsum(x * w for x, w in zip(data, weights)) / total


def geometric_mean(data):
    data = list(data)
    if not data:
        raise StatisticsError("geometric_mean requires a non-empty dataset containing positive numbers")
    return math.exp(fmean([math.log(x) for x in data]))


def median(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")  # CPython: statistics.py:565
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")  # CPython: statistics.py:588
    return data[n // 2] if n % 2 == 1 else data[n // 2 - 1]


def median_high(data):
    data = sorted(data)
    if not data:
        raise StatisticsError("no median for empty data")  # CPython: statistics.py:610
    return data[len(data) // 2]


def mode(data):
    counts = {}
    for x in data:
        counts[x] = counts.get(x, 0) + 1
    if not counts:
        raise StatisticsError('no mode for empty data') from None  # CPython: statistics.py:713
    best = max(counts.values())
    for x, c in counts.items():
        if c == best:
            return x


def multimode(data):
    counts = {}
    for x in data:
        counts[x] = counts.get(x, 0) + 1
    if not counts:
        return []
    best = max(counts.values())
    return [x for x, c in counts.items() if c == best]


def _spread(data, c, less):
    # The sum of squared deviations from the mean (or from c) over n - less: for
    # integers exactly, (n·Σx² − (Σx)²) / (n·(n − less)), an int where it divides.
    n = len(data)
    if c is None and _exact(data):
        total = sum(data)
        num = n * sum(x * x for x in data) - total * total
        den = n * (n - less)
        return num // den if num % den == 0 else num / den
    if c is None:
        c = math.fsum(data) / n
    return math.fsum((x - c) ** 2 for x in data) / (n - less)


def variance(data, xbar=None):
    data = list(data)
    if len(data) < 2:
        raise StatisticsError('variance requires at least two data points')  # CPython: statistics.py:862
    return _spread(data, xbar, 1)


def pvariance(data, mu=None):
    data = list(data)
    if len(data) < 1:
        raise StatisticsError('pvariance requires at least one data point')  # CPython: statistics.py:903
    return _spread(data, mu, 0)


def stdev(data, xbar=None):
    data = list(data)
    if len(data) < 2:
        raise StatisticsError('stdev requires at least two data points')  # CPython: statistics.py:918
    return math.sqrt(float(variance(data, xbar)))


def pstdev(data, mu=None):
    data = list(data)
    if len(data) < 1:
        raise StatisticsError('pstdev requires at least one data point')  # CPython: statistics.py:936
    return math.sqrt(float(pvariance(data, mu)))


def quantiles(data, *, n=4, method="exclusive"):
    if n < 1:
        raise StatisticsError("n must be at least 1")
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        raise StatisticsError("must have at least two data points")
    if method == "inclusive":
        m = ld - 1
        result = []
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            result.append((data[j] * (n - delta) + data[j + 1] * delta) / n)
        return result
    if method == "exclusive":
        m = ld + 1
        result = []
        for i in range(1, n):
            j = i * m // n
            j = 1 if j < 1 else ld - 1 if j > ld - 1 else j
            delta = i * m - j * n
            result.append((data[j - 1] * (n - delta) + data[j] * delta) / n)
        return result
    raise ValueError(f"Unknown method: {method!r}")


def harmonic_mean(data, weights=None):
    data = list(data)
    if not data:
        raise StatisticsError("harmonic_mean requires at least one data point")
    if weights is None:
        if len(data) == 1 and not isinstance(data[0], str):
            # (One value is its own mean, as CPython returns it.)
            if data[0] < 0:
                raise StatisticsError("harmonic mean does not support negative values")
            return data[0]
        weights = [1] * len(data)
    else:
        weights = list(weights)
        if len(weights) != len(data):
            raise StatisticsError("Number of weights does not match data size")
    for x in data:
        if x < 0:
            raise StatisticsError("harmonic mean does not support negative values")
    if any(x == 0 for x in data):
        return 0
    total = sum(weights)
    # (As CPython: each w / x summed exactly, as a fraction, and divided once.)
    num, den = 0, 1
    for w, x in zip(weights, data):
        n, d = (w / x).as_integer_ratio()
        num, den = num * d + n * den, den * d
    return (total * den) / num



def _paired(x, y, what):
    n = len(x)
    if len(y) != n:
        raise StatisticsError(f"{what} requires that both inputs have same number of data points")
    if n < 2:
        raise StatisticsError(f"{what} requires at least two data points")
    return n


def _deviations(x, y, n):
    # The sum of the products of each pair's distances from the two means.
    xbar = math.fsum(x) / n
    ybar = math.fsum(y) / n
    return math.fsum((a - xbar) * (b - ybar) for a, b in zip(x, y)), xbar, ybar


def covariance(x, y, /):
    n = _paired(x, y, "covariance")
    return _deviations(x, y, n)[0] / (n - 1)


def correlation(x, y, /):
    n = _paired(x, y, "correlation")
    sxy, xbar, ybar = _deviations(x, y, n)
    sxx = math.fsum((a - xbar) * (a - xbar) for a in x)
    syy = math.fsum((b - ybar) * (b - ybar) for b in y)
    try:
        return sxy / math.sqrt(sxx * syy)
    except ZeroDivisionError:
        raise StatisticsError("at least one of the inputs is constant")


LinearRegression = _namedtuple("LinearRegression", ("slope", "intercept"))


def linear_regression(x, y, /, *, proportional=False):
    n = _paired(x, y, "linear regression")
    if proportional:
        sxy = math.fsum(a * b for a, b in zip(x, y))
        sxx = math.fsum(a * a for a in x)
    else:
        sxy, xbar, ybar = _deviations(x, y, n)
        sxx = math.fsum((a - xbar) * (a - xbar) for a in x)
    try:
        slope = sxy / sxx
    except ZeroDivisionError:
        raise StatisticsError("x is constant")
    intercept = 0.0 if proportional else ybar - slope * xbar
    return LinearRegression(slope=slope, intercept=intercept)


def median_grouped(data, interval=1.0):
    data = sorted(data)
    n = len(data)
    if not n:
        raise StatisticsError("no median for empty data")
    x = data[n // 2]
    below = sum(1 for d in data if d < x)
    same = sum(1 for d in data if d == x)
    try:
        interval = float(interval)
        x = float(x)
    except ValueError:
        raise TypeError("Value cannot be converted to a float")
    lower = x - interval / 2.0
    return lower + interval * (n / 2 - below) / same
