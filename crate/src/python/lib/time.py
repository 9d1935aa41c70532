# The part of time written in Python: the clocks in nanoseconds over the loop's clock
# the Rust part reads, and the calendar (localtime, gmtime, strftime, ctime), whose
# days datetime counts too. On the virtual clock of a foreseen run, the day is
# 1970-01-01 and its time starts at 00:00:00 as the loop does; live, the page's.

from time import time, perf_counter, monotonic, _local_now, _utc_offset


def time_ns():
    return int(time() * 1000000000)


def perf_counter_ns():
    return int(perf_counter() * 1000000000)


def monotonic_ns():
    return int(monotonic() * 1000000000)


def process_time():
    return perf_counter()


_DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
_DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year, month):
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _days_before_year(year):
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _ymd_to_ordinal(year, month, day):
    before = _DAYS_BEFORE_MONTH[month] + (1 if month > 2 and _is_leap(year) else 0)
    return _days_before_year(year) + before + day


def _ordinal_to_ymd(n):
    # Days since 0001-01-01, in 400-, 100-, 4- and 1-year cycles.
    n -= 1
    n400, n = divmod(n, 146097)
    year = n400 * 400 + 1
    n100, n = divmod(n, 36524)
    n4, n = divmod(n, 1461)
    n1, n = divmod(n, 365)
    year += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    leap = n1 == 3 and (n4 != 24 or n100 == 3)
    month = (n + 50) >> 5
    before = _DAYS_BEFORE_MONTH[month] + (1 if month > 2 and leap else 0)
    if before > n:
        month -= 1
        before -= _DAYS_IN_MONTH[month] + (1 if month == 2 and leap else 0)
    return year, month, n - before + 1


_FIELDS = ("tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst")


class struct_time:
    # What localtime() and gmtime() give: nine numbers, as a tuple and by name.

    def __init__(self, values, zone="UTC", gmtoff=0):
        values = tuple(values)
        if len(values) != 9:
            raise TypeError(f"time.struct_time() takes a 9-sequence ({len(values)}-sequence given)")
        self._values = values
        self.tm_zone = zone
        self.tm_gmtoff = gmtoff

    def __getattr__(self, name):
        if name in _FIELDS:
            return self._values[_FIELDS.index(name)]
        raise AttributeError(f"'time.struct_time' object has no attribute '{name}'")

    def __getitem__(self, i):
        return self._values[i]

    def __iter__(self):
        return iter(self._values)

    def __len__(self):
        return 9

    def __eq__(self, other):
        if isinstance(other, struct_time):
            return self._values == other._values
        return self._values == other

    def __hash__(self):
        return hash(self._values)

    def __repr__(self):
        shown = ", ".join(f"{name}={value}" for name, value in zip(_FIELDS, self._values))
        return f"time.struct_time({shown})"


def _struct(seconds, zone, gmtoff):
    days, rest = divmod(int(seconds // 1), 86400)
    year, month, day = _ordinal_to_ymd(days + 719163)
    yday = _ymd_to_ordinal(year, month, day) - _ymd_to_ordinal(year, 1, 1) + 1
    values = (year, month, day, rest // 3600, rest // 60 % 60, rest % 60, (days + 3) % 7, yday, 0)
    return struct_time(values, zone, gmtoff)


def _zone_name():
    offset = _utc_offset()
    return "UTC" if offset == 0 else _offset_text(offset)


def _offset_text(offset):
    sign = "-" if offset < 0 else "+"
    minutes = int(abs(offset)) // 60
    return f"{sign}{minutes // 60:02d}{minutes % 60:02d}"


def gmtime(secs=None):
    if secs is None:
        secs = _local_now() - _utc_offset()
    return _struct(secs, "UTC", 0)


def localtime(secs=None):
    if secs is None:
        return _struct(_local_now(), _zone_name(), int(_utc_offset()))
    return _struct(secs + _utc_offset(), _zone_name(), int(_utc_offset()))


def mktime(t):
    year, month, day, hour, minute, second = tuple(t)[:6]
    days = _ymd_to_ordinal(year, month, 1) + day - 1 - 719163
    return float(days * 86400 + hour * 3600 + minute * 60 + second) - _utc_offset()


def _fields(t):
    if t is None:
        t = localtime()
    elif not isinstance(t, struct_time):
        t = struct_time(t)
    return t


def strftime(format, t=None):
    t = _fields(t)
    zone = (_offset_text(t.tm_gmtoff), t.tm_zone) if isinstance(t, struct_time) else None
    return _strftime(format, t[0], t[1], t[2], t[3], t[4], t[5], 0, zone)


def asctime(t=None):
    t = _fields(t)
    return f"{_DAYS[t[6]][:3]} {_MONTHS[t[1] - 1][:3]} {t[2]:2d} {t[3]:02d}:{t[4]:02d}:{t[5]:02d} {t[0]}"


def ctime(secs=None):
    return asctime(localtime(secs))


def _strftime(fmt, year, month, day, hour, minute, second, micro, zone):
    # strftime's directives, for a day and a time of it; zone: None for a naive time,
    # or %z's and %Z's text.
    weekday = _ymd_to_ordinal(year, month, day) % 7 - 1
    weekday = 6 if weekday < 0 else weekday
    out = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c != "%" or i + 1 == len(fmt):
            out.append(c)
            i += 1
            continue
        code = fmt[i + 1]
        i += 2
        if code == "Y":
            out.append(str(year))
        elif code == "y":
            out.append(f"{year % 100:02d}")
        elif code == "m":
            out.append(f"{month:02d}")
        elif code == "d":
            out.append(f"{day:02d}")
        elif code == "H":
            out.append(f"{hour:02d}")
        elif code == "I":
            out.append(f"{(hour % 12) or 12:02d}")
        elif code == "M":
            out.append(f"{minute:02d}")
        elif code == "S":
            out.append(f"{second:02d}")
        elif code == "f":
            out.append(f"{micro:06d}")
        elif code == "p":
            out.append("AM" if hour < 12 else "PM")
        elif code == "A":
            out.append(_DAYS[weekday])
        elif code == "a":
            out.append(_DAYS[weekday][:3])
        elif code == "B":
            out.append(_MONTHS[month - 1])
        elif code == "b" or code == "h":
            out.append(_MONTHS[month - 1][:3])
        elif code == "j":
            out.append(f"{_ymd_to_ordinal(year, month, day) - _ymd_to_ordinal(year, 1, 1) + 1:03d}")
        elif code == "U" or code == "W":
            # Weeks of the year begun, counting from its first Sunday (U) or Monday (W).
            yday = _ymd_to_ordinal(year, month, day) - _ymd_to_ordinal(year, 1, 1)
            first = (weekday + 1) % 7 if code == "U" else weekday
            out.append(f"{(yday + 7 - first) // 7:02d}")
        elif code == "e":
            out.append(f"{day:2d}")
        elif code == "C":
            out.append(f"{year // 100:02d}")
        elif code == "n":
            out.append("\n")
        elif code == "t":
            out.append("\t")
        elif code == "w":
            out.append(str((weekday + 1) % 7))
        elif code == "u":
            out.append(str(weekday + 1))
        elif code == "X" or code == "T":
            out.append(f"{hour:02d}:{minute:02d}:{second:02d}")
        elif code == "x":
            out.append(f"{month:02d}/{day:02d}/{year % 100:02d}")
        elif code == "D":
            out.append(f"{month:02d}/{day:02d}/{year % 100:02d}")
        elif code == "F":
            out.append(f"{year:04d}-{month:02d}-{day:02d}")
        elif code == "R":
            out.append(f"{hour:02d}:{minute:02d}")
        elif code == "c":
            out.append(f"{_DAYS[weekday][:3]} {_MONTHS[month - 1][:3]} {day:2d} {hour:02d}:{minute:02d}:{second:02d} {year}")
        elif code == "z":
            out.append("" if zone is None else zone[0])
        elif code == "Z":
            out.append("" if zone is None else zone[1])
        elif code == "%":
            out.append("%")
        else:
            out.append("%" + code)
    return "".join(out)
