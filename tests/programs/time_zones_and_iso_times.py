# Aware datetimes: fixed-offset zones, conversions between them, a zone of the
# program's own (tzinfo with utcoffset and dst), timestamps, ISO text to the
# precision asked for, and the errors mixing naive and aware times gives.
from datetime import date, datetime, time, timedelta, timezone, tzinfo

utc = datetime(2024, 1, 1, 12, 0, tzinfo=timezone.utc)
india = timezone(timedelta(hours=5, minutes=30), "IST")
pacific = timezone(timedelta(hours=-8))
print(utc, utc.astimezone(india), utc.astimezone(pacific), utc.astimezone(india).tzname())
print(utc.timestamp(), datetime.fromtimestamp(1704110400, tz=india), datetime.utcfromtimestamp(86400 * 365))
print(utc == utc.astimezone(india), utc.astimezone(india) - utc.astimezone(pacific), utc.utcoffset(), utc.dst())
print(sorted([utc.astimezone(pacific), utc - timedelta(hours=1), utc.astimezone(india)]))
print(india, pacific, repr(pacific), timezone.utc, india.utcoffset(None), pacific.tzname(None))


class Fixed(tzinfo):
    def __init__(self, hours, name):
        self.offset = timedelta(hours=hours)
        self.name = name

    def utcoffset(self, dt):
        return self.offset

    def dst(self, dt):
        return timedelta(0)

    def tzname(self, dt):
        return self.name


berlin = Fixed(1, "CET")
meeting = datetime(2024, 3, 15, 9, 30, tzinfo=berlin)
print(meeting, meeting.tzname(), meeting.astimezone(timezone.utc), meeting.astimezone(india).isoformat())
print(meeting.timetuple().tm_isdst, meeting.utctimetuple().tm_hour, meeting.timetz(), meeting.timetz().utcoffset())

moment = datetime(2024, 3, 15, 13, 45, 30, 123456)
for spec in ["auto", "hours", "minutes", "seconds", "milliseconds", "microseconds"]:
    print(spec, moment.isoformat(timespec=spec), moment.time().isoformat(spec))
print(datetime(2024, 3, 15, 13, 45).isoformat(), moment.isoformat(" ", "seconds"))
try:
    moment.isoformat(timespec="days")
except ValueError as e:
    print("ValueError:", e)
try:
    print(moment - utc)
except TypeError as e:
    print("TypeError:", e)
try:
    print(moment < utc)
except TypeError as e:
    print("TypeError:", e)
print(moment == utc, moment.replace(tzinfo=timezone.utc) - utc)

alarm = time(6, 30)
print(alarm.replace(minute=45), alarm.replace(hour=7, second=5), time.fromisoformat("10:11:12"))
print(time(9, 0, tzinfo=india).isoformat(), time(9, 0, tzinfo=india).utcoffset(), alarm.tzname())
print(date.fromtimestamp(86400 * 30), date(2024, 2, 29).timetuple()[:8], moment.timetuple().tm_yday)
