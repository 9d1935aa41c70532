# datetime's naive dates and times, timedelta, and UTC as a timezone, as CPython's
# datetime module computes them (proleptic Gregorian ordinals, microseconds). now()
# and today() read the page's local clock: on the virtual clock of a foreseen run,
# the day begins at 1970-01-01 00:00:00 when the loop starts.

import time as _time
import re as _re
from time import _is_leap, _days_in_month, _ymd_to_ordinal, _ordinal_to_ymd, _strftime, _MONTHS, _DAYS

MINYEAR = 1
MAXYEAR = 9999
def _check_int(value):
    if not isinstance(value, int):
        raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")
    return value


def _check_date(year, month, day):
    year, month, day = _check_int(year), _check_int(month), _check_int(day)
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError(f"year {year} is out of range")
    if not 1 <= month <= 12:
        raise ValueError("month must be in 1..12")
    if not 1 <= day <= _days_in_month(year, month):
        raise ValueError("day is out of range for month")


def _check_time(hour, minute, second, microsecond):
    for value, top, name in ((hour, 23, "hour"), (minute, 59, "minute"), (second, 59, "second"),
                             (microsecond, 999999, "microsecond")):
        if not 0 <= _check_int(value) <= top:
            raise ValueError(f"{name} must be in 0..{top}")


def _offset_text(offset):
    # +HH:MM (with :SS and .ffffff where they are not 0), as isoformat writes it.
    micro = offset._micro()
    sign = "-" if micro < 0 else "+"
    micro = abs(micro)
    seconds, us = divmod(micro, 1000000)
    text = f"{sign}{seconds // 3600:02d}:{seconds // 60 % 60:02d}"
    if seconds % 60 or us:
        text += f":{seconds % 60:02d}"
    if us:
        text += f".{us:06d}"
    return text


def _zone(tz):
    # strftime's %z and %Z for a time in tz (None: a naive time, both empty).
    return None if tz is None else (_time._offset_text(tz.utcoffset(None).total_seconds()), tz.tzname(None))


def _parse_clock(text):
    # An ISO time, as fromisoformat reads it: HH[:MM[:SS[.f…]]] (or without the colons),
    # then Z or an offset ±HH[:MM[:SS[.ffffff]]]: hour, minute, second, microsecond, zone.
    zone = None
    for i, c in enumerate(text):
        if c in "+-Z":
            clock, rest = text[:i], text[i:]
            if rest == "Z":
                zone = timezone.utc
            else:
                if c == "Z":
                    raise ValueError
                oh, om, osec, ous, _ = _parse_clock(rest[1:])
                if _ is not None:
                    raise ValueError
                offset = timedelta(hours=oh, minutes=om, seconds=osec, microseconds=ous)
                zone = timezone.utc if not offset else timezone(-offset if c == "-" else offset)
            break
    else:
        clock = text
    whole, dot, frac = clock.replace(",", ".").partition(".")
    parts = whole.split(":") if ":" in whole else [whole[i:i + 2] for i in range(0, len(whole), 2)]
    if not parts or len(parts) > 3 or any(len(p) != 2 or not p.isdigit() for p in parts):
        raise ValueError
    if dot and (len(parts) != 3 or not frac.isdigit()):
        raise ValueError
    h, m, s = [int(p) for p in parts] + [0] * (3 - len(parts))
    us = int((frac + "000000")[:6]) if dot else 0
    return h, m, s, us, zone


def _iso_week1_monday(year):
    first = _ymd_to_ordinal(year, 1, 1)
    first_weekday = (first + 6) % 7
    monday = first - first_weekday
    if first_weekday > 3:
        monday += 7
    return monday


class _IsoCalendarDate:
    # What date.isocalendar() gives: a named tuple of year, week and weekday.
    def __init__(self, year, week, weekday):
        self.year, self.week, self.weekday = year, week, weekday

    def _values(self):
        return (self.year, self.week, self.weekday)

    def __getitem__(self, i):
        return self._values()[i]

    def __iter__(self):
        return iter(self._values())

    def __len__(self):
        return 3

    def __eq__(self, other):
        if isinstance(other, _IsoCalendarDate):
            other = other._values()
        return self._values() == other

    def __repr__(self):
        return f"datetime.IsoCalendarDate(year={self.year}, week={self.week}, weekday={self.weekday})"


def _unlike(a, b):
    # Whether a and b are of different kinds: a datetime and a date refuse to compare.
    kinds = {a._kind, getattr(b, "_kind", None)}
    if kinds == {"date", "datetime"}:
        raise TypeError("can't compare datetime.datetime to datetime.date")
    if kinds == {"datetime"}:
        # (Nor do a naive and an aware datetime, for their order.)
        a._check_kinds(b, "compare")
    return len(kinds) > 1


class _Ordered:
    # Comparisons through _key(), which each class defines, of values of one kind
    # (_kind: a datetime and a date do not compare).

    def __lt__(self, other):
        if _unlike(self, other):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other):
        if _unlike(self, other):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other):
        if _unlike(self, other):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other):
        if _unlike(self, other):
            return NotImplemented
        return self._key() >= other._key()

    def __hash__(self):
        return hash(self._key())


class timedelta(_Ordered):
    _kind = "timedelta"
    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        # Days, seconds and microseconds apart (the playground's integers are 64-bit),
        # a fraction of each carried down to the next.
        d = days + weeks * 7
        s = seconds + minutes * 60 + hours * 3600
        us = microseconds + milliseconds * 1000
        if isinstance(d, float):
            whole = int(d)
            s += (d - whole) * 86400
            d = whole
        if isinstance(s, float):
            whole = int(s)
            us += (s - whole) * 1000000
            s = whole
        carry, us = divmod(round(us), 1000000)
        carry, s = divmod(s + carry, 86400)
        d += carry
        if abs(d) > 999999999:
            raise OverflowError(f"days={d}; must have magnitude <= 999999999")
        self._days, self._seconds, self._microseconds = d, s, us

    @property
    def days(self):
        return self._days

    @property
    def seconds(self):
        return self._seconds

    @property
    def microseconds(self):
        return self._microseconds

    def _micro(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def total_seconds(self):
        return self._micro() / 10**6

    def __repr__(self):
        parts = []
        if self._days:
            parts.append(f"days={self._days}")
        if self._seconds:
            parts.append(f"seconds={self._seconds}")
        if self._microseconds:
            parts.append(f"microseconds={self._microseconds}")
        return f"datetime.timedelta({', '.join(parts) or '0'})"

    def __str__(self):
        minutes, s = divmod(self._seconds, 60)
        h, m = divmod(minutes, 60)
        text = f"{h}:{m:02d}:{s:02d}"
        if self._days:
            text = f"{self._days} day{'' if abs(self._days) == 1 else 's'}, " + text
        if self._microseconds:
            text += f".{self._microseconds:06d}"
        return text

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._micro() + other._micro())
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._micro() - other._micro())
        return NotImplemented

    def __neg__(self):
        return timedelta(microseconds=-self._micro())

    def __mul__(self, other):
        if isinstance(other, (int, float)):
            return timedelta(microseconds=round(self._micro() * other))
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._micro() / other._micro()
        if isinstance(other, (int, float)):
            return timedelta(microseconds=round(self._micro() / other))
        return NotImplemented

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._micro() // other._micro()
        if isinstance(other, int):
            return timedelta(microseconds=self._micro() // other)
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._micro() % other._micro())
        return NotImplemented

    def __divmod__(self, other):
        if isinstance(other, timedelta):
            q, r = divmod(self._micro(), other._micro())
            return q, timedelta(microseconds=r)
        return NotImplemented

    def __abs__(self):
        return -self if self._days < 0 else self

    def _key(self):
        return self._micro()

    def __eq__(self, other):
        return isinstance(other, timedelta) and self._micro() == other._micro()

    __hash__ = _Ordered.__hash__

    def __bool__(self):
        return self._micro() != 0


timedelta.min = timedelta(-999999999)
timedelta.max = timedelta(days=999999999, hours=23, minutes=59, seconds=59, microseconds=999999)
timedelta.resolution = timedelta(microseconds=1)


class tzinfo:
    # A time zone of the program's own defines utcoffset (and dst, tzname).

    def utcoffset(self, dt):
        raise NotImplementedError("a tzinfo subclass must implement utcoffset()")

    def dst(self, dt):
        raise NotImplementedError("a tzinfo subclass must implement dst()")

    def tzname(self, dt):
        raise NotImplementedError("a tzinfo subclass must implement tzname()")

    def fromutc(self, dt):
        # dt's UTC time, as this zone's local time (CPython's algorithm).
        if not isinstance(dt, datetime):
            raise TypeError("fromutc() requires a datetime argument")
        if dt.tzinfo is not self:
            raise ValueError("dt.tzinfo is not self")
        offset = dt.utcoffset()
        if offset is None:
            raise ValueError("fromutc() requires a non-None utcoffset() result")
        dst = dt.dst()
        if dst is None:
            raise ValueError("fromutc() requires a non-None dst() result")
        dt += offset - dst
        dst = dt.dst()
        if dst is None:
            raise ValueError("fromutc(): dt.dst gave inconsistent results; cannot convert")
        return dt + dst


class timezone(tzinfo):
    def __init__(self, offset, name=None):
        self._offset = offset
        self._name = name

    def utcoffset(self, dt):
        return self._offset

    def dst(self, dt):
        return None

    def fromutc(self, dt):
        return dt + self._offset

    def __eq__(self, other):
        return isinstance(other, timezone) and self._offset == other._offset

    def __hash__(self):
        return hash(self._offset)

    def tzname(self, dt):
        if self._name or not self._offset:
            return self._name or "UTC"
        offset = _time._offset_text(self._offset.total_seconds())
        return "UTC" + offset[:3] + ":" + offset[3:]

    def __repr__(self):
        if not self._offset and self._name is None:
            return "datetime.timezone.utc"
        if self._name is None:
            return f"datetime.timezone({self._offset!r})"
        return f"datetime.timezone({self._offset!r}, {self._name!r})"

    def __str__(self):
        return self.tzname(None)


timezone.utc = timezone(timedelta(0))
UTC = timezone.utc


class date(_Ordered):
    _kind = "date"
    def __init__(self, year, month, day):
        _check_date(year, month, day)
        self._year, self._month, self._day = year, month, day

    year = property(lambda self: self._year)
    month = property(lambda self: self._month)
    day = property(lambda self: self._day)

    @classmethod
    def today(cls):
        now = datetime.now()
        return cls(now.year, now.month, now.day)

    @classmethod
    def fromtimestamp(cls, t):
        return datetime.fromtimestamp(t).date()

    def timetuple(self):
        return _time.struct_time((self._year, self._month, self._day, 0, 0, 0, self.weekday(),
                                  self.toordinal() - date(self._year, 1, 1).toordinal() + 1, -1))

    @classmethod
    def fromordinal(cls, n):
        return cls(*_ordinal_to_ymd(n))

    @classmethod
    def fromisoformat(cls, text):
        try:
            year, month, day = text.split("-")
            return cls(int(year), int(month), int(day))
        except (ValueError, TypeError):
            raise ValueError(f"Invalid isoformat string: {text!r}") from None

    def toordinal(self):
        return _ymd_to_ordinal(self._year, self._month, self._day)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.weekday() + 1

    def isocalendar(self):
        # The ISO year, week and weekday: week 1 is the one with the year's first Thursday.
        year = self._year
        monday = _iso_week1_monday(year)
        today = self.toordinal()
        week, day = divmod(today - monday, 7)
        if week < 0:
            year -= 1
            week, day = divmod(today - _iso_week1_monday(year), 7)
        elif week >= 52 and today >= _iso_week1_monday(year + 1):
            year += 1
            week = 0
        return _IsoCalendarDate(year, week + 1, day + 1)

    def replace(self, year=None, month=None, day=None):
        return type(self)(self._year if year is None else year, self._month if month is None else month,
                          self._day if day is None else day)

    def isoformat(self):
        return f"{self._year:04d}-{self._month:02d}-{self._day:02d}"

    def strftime(self, fmt):
        return _strftime(fmt, self.year, self.month, self.day, 0, 0, 0, 0, None)

    def ctime(self):
        return self.strftime("%c")

    def __format__(self, spec):
        return self.strftime(spec) if spec else str(self)

    def __str__(self):
        return self.isoformat()

    def __repr__(self):
        return f"datetime.date({self._year}, {self._month}, {self._day})"

    def _key(self):
        return (self._year, self._month, self._day)

    def __eq__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime) and not isinstance(self, datetime):
            return self._key() == other._key()
        return NotImplemented

    __hash__ = _Ordered.__hash__

    def __add__(self, other):
        if isinstance(other, timedelta):
            return type(self).fromordinal(self.toordinal() + other.days)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return type(self).fromordinal(self.toordinal() - other.days)
        if isinstance(other, date):
            return timedelta(days=self.toordinal() - other.toordinal())
        return NotImplemented


class _Clock:
    # The time of day that time and datetime share.

    def _set_clock(self, hour, minute, second, microsecond, tzinfo):
        _check_time(hour, minute, second, microsecond)
        self._hour, self._minute, self._second, self._microsecond = hour, minute, second, microsecond
        self._tzinfo = tzinfo

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)
    tzinfo = property(lambda self: self._tzinfo)

    def _clock_text(self, timespec):
        if timespec == "auto":
            timespec = "microseconds" if self._microsecond else "seconds"
        if timespec == "hours":
            return f"{self._hour:02d}"
        text = f"{self._hour:02d}:{self._minute:02d}"
        if timespec == "minutes":
            return text
        text += f":{self._second:02d}"
        if timespec == "seconds":
            return text
        if timespec == "milliseconds":
            return text + f".{self._microsecond // 1000:03d}"
        if timespec == "microseconds":
            return text + f".{self._microsecond:06d}"
        raise ValueError("Unknown timespec value")

    def _clock_fields(self):
        # As a repr lists them: seconds and microseconds only where they are not 0.
        fields = [self._hour, self._minute]
        if self._second or self._microsecond:
            fields.append(self._second)
        if self._microsecond:
            fields.append(self._microsecond)
        return fields


class time(_Ordered, _Clock):
    _kind = "time"
    def __init__(self, hour=0, minute=0, second=0, microsecond=0, tzinfo=None):
        self._set_clock(hour, minute, second, microsecond, tzinfo)

    def isoformat(self, timespec="auto"):
        text = self._clock_text(timespec)
        if self._tzinfo is not None:
            text += _offset_text(self._tzinfo.utcoffset(None))
        return text

    @classmethod
    def fromisoformat(cls, text):
        if not isinstance(text, str):
            raise TypeError("fromisoformat: argument must be str")
        try:
            h, m, s, us, zone = _parse_clock(text[1:] if text[:1] == "T" else text)
        except (ValueError, TypeError, IndexError):
            raise ValueError(f"Invalid isoformat string: {text!r}") from None
        return cls(h, m, s, us, tzinfo=zone)

    def replace(self, hour=None, minute=None, second=None, microsecond=None, tzinfo=True):
        values = [self._hour, self._minute, self._second, self._microsecond]
        given = [hour, minute, second, microsecond]
        zone = self._tzinfo if tzinfo is True else tzinfo
        return type(self)(*[v if g is None else g for v, g in zip(values, given)], tzinfo=zone)

    def utcoffset(self):
        return None if self._tzinfo is None else self._tzinfo.utcoffset(None)

    def tzname(self):
        return None if self._tzinfo is None else self._tzinfo.tzname(None)

    def dst(self):
        return None if self._tzinfo is None else self._tzinfo.dst(None)

    def strftime(self, fmt):
        return _strftime(fmt, 1900, 1, 1, self.hour, self.minute, self.second, self.microsecond, _zone(self._tzinfo))

    def __format__(self, spec):
        return self.strftime(spec) if spec else str(self)

    def __str__(self):
        return self.isoformat()

    def __repr__(self):
        text = ", ".join(str(f) for f in self._clock_fields())
        if self._tzinfo is not None:
            text += f", tzinfo={self._tzinfo!r}"
        return f"datetime.time({text})"

    def _key(self):
        return (self._hour, self._minute, self._second, self._microsecond)

    def __eq__(self, other):
        return isinstance(other, time) and self._key() == other._key()

    __hash__ = _Ordered.__hash__


class datetime(date, _Clock):
    _kind = "datetime"
    def __init__(self, year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None):
        _check_date(year, month, day)
        self._year, self._month, self._day = year, month, day
        self._set_clock(hour, minute, second, microsecond, tzinfo)

    @classmethod
    def _from_micro(cls, micro, tz=None):
        days, rest = divmod(micro, 86400 * 1000000)
        seconds, us = divmod(rest, 1000000)
        minutes, s = divmod(seconds, 60)
        h, m = divmod(minutes, 60)
        return cls(*_ordinal_to_ymd(days + _EPOCH_ORDINAL), h, m, s, us, tz)

    @classmethod
    def now(cls, tz=None):
        # The page's local time (see the module's note), or with tz, UTC's.
        local = _time._local_now()
        if tz is not None:
            local = local - _time._utc_offset()
        return cls._from_micro(round(local * 1000000), tz)

    @classmethod
    def today(cls):
        return cls.now()

    @classmethod
    def utcnow(cls):
        return cls._from_micro(round((_time._local_now() - _time._utc_offset()) * 1000000))

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        if tz is not None:
            return tz.fromutc(cls._from_micro(round(t * 1000000), tz))
        return cls._from_micro(round((t + _time._utc_offset()) * 1000000))

    @classmethod
    def utcfromtimestamp(cls, t):
        return cls._from_micro(round(t * 1000000))

    def _utc_micro(self):
        # An aware datetime's moment in UTC; a naive one's as it reads.
        offset = self.utcoffset()
        return self._micro() - (0 if offset is None else offset._micro())

    def _aware(self):
        return self.utcoffset() is not None

    def astimezone(self, tz=None):
        if self._aware():
            utc = self._utc_micro()
        else:
            utc = self._micro() - round(_time._utc_offset() * 1000000)
        if tz is None:
            tz = timezone(timedelta(seconds=_time._utc_offset()), _time._zone_name())
        elif not isinstance(tz, tzinfo):
            raise TypeError(f"tzinfo argument must be None or of a tzinfo subclass, not type '{type(tz).__name__}'")
        return tz.fromutc(type(self)._from_micro(utc, tz))

    def timetz(self):
        return time(self._hour, self._minute, self._second, self._microsecond, self._tzinfo)

    def dst(self):
        return None if self._tzinfo is None else self._tzinfo.dst(self)

    def timetuple(self):
        dst = self.dst()
        flag = -1 if dst is None else (1 if dst else 0)
        return _time.struct_time((self._year, self._month, self._day, self._hour, self._minute, self._second,
                                  self.weekday(), self.toordinal() - date(self._year, 1, 1).toordinal() + 1, flag))

    def utctimetuple(self):
        moment = self if not self._aware() else datetime._from_micro(self._utc_micro())
        values = list(moment.replace(tzinfo=None).timetuple())
        values[8] = 0
        return _time.struct_time(values)

    @classmethod
    def combine(cls, d, t):
        return cls(d.year, d.month, d.day, t.hour, t.minute, t.second, t.microsecond, t.tzinfo)

    @classmethod
    def fromisoformat(cls, text):
        if not isinstance(text, str):
            raise TypeError("fromisoformat: argument must be str")
        try:
            # The date (YYYY-MM-DD or YYYYMMDD), any one character, then the time.
            size = 10 if text[4:5] == "-" else 8
            day, clock = text[:size], text[size + 1:]
            if len(text) > size and not clock:
                raise ValueError
            if size == 10:
                year, month, dd = day[:4], day[5:7], day[8:]
                if day[7:8] != "-":
                    raise ValueError
            else:
                year, month, dd = day[:4], day[4:6], day[6:]
            if not all(len(p) == n and p.isdigit() for p, n in ((year, 4), (month, 2), (dd, 2))):
                raise ValueError
            h, m, s, us, zone = _parse_clock(clock) if clock else (0, 0, 0, 0, None)
        except (ValueError, TypeError, IndexError):
            raise ValueError(f"Invalid isoformat string: {text!r}") from None
        return cls(int(year), int(month), int(dd), h, m, s, us, tzinfo=zone)

    @classmethod
    def strptime(cls, text, fmt):
        return cls(*_strptime(text, fmt))

    def _micro(self):
        days = self.toordinal() - _EPOCH_ORDINAL
        return ((days * 24 + self._hour) * 60 + self._minute) * 60 * 1000000 + self._second * 1000000 + self._microsecond

    def timestamp(self):
        if self._aware():
            return self._utc_micro() / 10**6
        return self._micro() / 10**6 - _time._utc_offset()

    def date(self):
        return date(self._year, self._month, self._day)

    def time(self):
        return time(self._hour, self._minute, self._second, self._microsecond)

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None, microsecond=None,
                tzinfo=True):
        values = [self._year, self._month, self._day, self._hour, self._minute, self._second, self._microsecond]
        given = [year, month, day, hour, minute, second, microsecond]
        zone = self._tzinfo if tzinfo is True else tzinfo
        return type(self)(*[v if g is None else g for v, g in zip(values, given)], tzinfo=zone)

    def isoformat(self, sep="T", timespec="auto"):
        text = f"{self._year:04d}-{self._month:02d}-{self._day:02d}{sep}{self._clock_text(timespec)}"
        if self._tzinfo is not None:
            text += _offset_text(self._tzinfo.utcoffset(self))
        return text

    def strftime(self, fmt):
        return _strftime(fmt, self.year, self.month, self.day, self.hour, self.minute, self.second, self.microsecond, _zone(self._tzinfo))

    def tzname(self):
        return None if self._tzinfo is None else self._tzinfo.tzname(self)

    def utcoffset(self):
        return None if self._tzinfo is None else self._tzinfo.utcoffset(self)

    def __str__(self):
        return self.isoformat(" ")

    def __repr__(self):
        text = ", ".join(str(f) for f in [self._year, self._month, self._day] + self._clock_fields())
        if self._tzinfo is not None:
            text += f", tzinfo={self._tzinfo!r}"
        return f"datetime.datetime({text})"

    def _key(self):
        return self._utc_micro()

    def _check_kinds(self, other, what):
        if self._aware() != other._aware():
            raise TypeError(f"can't {what} offset-naive and offset-aware datetimes")

    def __eq__(self, other):
        if not isinstance(other, datetime) or self._aware() != other._aware():
            return False
        return self._utc_micro() == other._utc_micro()

    __hash__ = _Ordered.__hash__

    def __add__(self, other):
        if isinstance(other, timedelta):
            return type(self)._from_micro(self._micro() + other._micro(), self._tzinfo)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return type(self)._from_micro(self._micro() - other._micro(), self._tzinfo)
        if isinstance(other, datetime):
            self._check_kinds(other, "subtract")
            return timedelta(microseconds=self._utc_micro() - other._utc_micro())
        return NotImplemented


_EPOCH_ORDINAL = _ymd_to_ordinal(1970, 1, 1)
date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
time.min = time(0, 0, 0)
time.max = time(23, 59, 59, 999999)
date.resolution = timedelta(days=1)
datetime.resolution = time.resolution = timedelta(microseconds=1)


# strptime: the format made a regular expression directive by directive, as CPython's
# _strptime does in the C locale, then the fields it matched made a datetime's.

def _names(names, group):
    return "(?P<" + group + ">" + "|".join(sorted((_re.escape(n) for n in names), key=len, reverse=True)) + ")"


_DIRECTIVES = {
    "d": r"(?P<d>3[01]|[12]\d|0[1-9]|[1-9]| [1-9])",
    "f": r"(?P<f>[0-9]{1,6})",
    "H": r"(?P<H>2[0-3]|[0-1]\d|\d)",
    "I": r"(?P<I>1[0-2]|0[1-9]|[1-9])",
    "j": r"(?P<j>36[0-6]|3[0-5]\d|[12]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9])",
    "m": r"(?P<m>1[0-2]|0[1-9]|[1-9])",
    "M": r"(?P<M>[0-5]\d|\d)",
    "S": r"(?P<S>6[0-1]|[0-5]\d|\d)",
    "U": r"(?P<U>5[0-3]|[0-4]\d|\d)",
    "W": r"(?P<W>5[0-3]|[0-4]\d|\d)",
    "w": r"(?P<w>[0-6])",
    "u": r"(?P<u>[1-7])",
    "y": r"(?P<y>\d\d)",
    "Y": r"(?P<Y>\d\d\d\d)",
    "z": r"(?P<z>[+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|(?-i:Z))",
    "A": _names(_DAYS, "A"),
    "a": _names([d[:3] for d in _DAYS], "a"),
    "B": _names(_MONTHS, "B"),
    "b": _names([m[:3] for m in _MONTHS], "b"),
    "p": "(?P<p>am|pm)",
    "%": "%",
}
_EXPANDED = {"x": "%m/%d/%y", "X": "%H:%M:%S", "c": "%a %b %d %H:%M:%S %Y", "T": "%H:%M:%S", "D": "%m/%d/%y"}
_PATTERNS = {}


def _pattern(fmt):
    if fmt in _PATTERNS:
        return _PATTERNS[fmt]
    text = _re.sub(r"([\\.^$*+?\(\){}\[\]|])", r"\\\1", fmt)
    text = _re.sub(r"\s+", r"\\s+", text)
    out = []
    seen = set()
    i = 0
    while i < len(text):
        c = text[i]
        if c != "%":
            out.append(c)
            i += 1
            continue
        if i + 1 >= len(text):
            raise ValueError(f"stray % in format '{fmt}'")
        code = text[i + 1]
        i += 2
        if code in _EXPANDED:
            text = text[:i] + _EXPANDED[code] + text[i:]
            continue
        if code not in _DIRECTIVES:
            raise ValueError(f"'{code}' is a bad directive in format '%{code}'")
        piece = _DIRECTIVES[code]
        if code != "%" and code in seen:
            raise _re.error(f"redefinition of group name '{code}'")
        seen.add(code)
        out.append(piece)
    compiled = _re.compile("".join(out), _re.IGNORECASE)
    _PATTERNS[fmt] = compiled
    return compiled


def _strptime(text, fmt):
    for value, name in [(text, "string"), (fmt, "format")]:
        if not isinstance(value, str):
            raise TypeError(f"strptime() argument {1 if name == 'string' else 2} must be str, not {type(value).__name__}")
    found = _pattern(fmt).match(text)
    if found is None:
        raise ValueError(f"time data {text!r} does not match format {fmt!r}")
    if len(text) != found.end():
        raise ValueError(f"unconverted data remains: {text[found.end():]}")
    year, month, day, hour, minute, second, micro = 1900, 1, 1, 0, 0, 0, 0
    julian = None
    tz = None
    fields = found.groupdict()
    if fields.get("y") is not None:
        year = int(fields["y"])
        year += 2000 if year <= 68 else 1900
    if fields.get("Y") is not None:
        year = int(fields["Y"])
    if fields.get("m") is not None:
        month = int(fields["m"])
    if fields.get("B") is not None:
        month = [m.lower() for m in _MONTHS].index(fields["B"].lower()) + 1
    if fields.get("b") is not None:
        month = [m[:3].lower() for m in _MONTHS].index(fields["b"].lower()) + 1
    if fields.get("d") is not None:
        day = int(fields["d"])
    if fields.get("H") is not None:
        hour = int(fields["H"])
    if fields.get("I") is not None:
        hour = int(fields["I"])
        ampm = (fields.get("p") or "").lower()
        if ampm == "am" and hour == 12:
            hour = 0
        elif ampm == "pm" and hour != 12:
            hour += 12
    if fields.get("M") is not None:
        minute = int(fields["M"])
    if fields.get("S") is not None:
        second = int(fields["S"])
    if fields.get("f") is not None:
        micro = int(fields["f"] + "0" * (6 - len(fields["f"])))
    if fields.get("j") is not None:
        julian = int(fields["j"])
    if fields.get("z") is not None:
        z = fields["z"]
        if z == "Z" or z == "z":
            tz = timezone.utc
        else:
            sign = -1 if z[0] == "-" else 1
            digits = z[1:].replace(":", "")
            seconds = int(digits[:2]) * 3600 + int(digits[2:4]) * 60 + (int(digits[4:6]) if len(digits) > 4 else 0)
            tz = timezone(timedelta(seconds=sign * seconds))
    if julian is not None and fields.get("m") is None and fields.get("B") is None and fields.get("b") is None:
        year, month, day = _ordinal_to_ymd(_ymd_to_ordinal(year, 1, 1) + julian - 1)
    if tz is not None:
        return year, month, day, hour, minute, second, micro, tz
    return year, month, day, hour, minute, second, micro
