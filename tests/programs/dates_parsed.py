# Dates read back with strptime, as log and schedule parsers do, and times with fixed
# offsets printed and formatted.
from datetime import datetime
print(datetime.strptime('2024-05-03 14:05:09', '%Y-%m-%d %H:%M:%S'))
print(repr(datetime.strptime('03/May/24 2:05 PM', '%d/%b/%y %I:%M %p')))
print(datetime.strptime('2024-05-03T14:05:09.123', '%Y-%m-%dT%H:%M:%S.%f'))
print(datetime.strptime('Friday 3 May 2024', '%A %d %B %Y'), datetime.strptime('2024 124', '%Y %j'))
print(datetime.strptime('12:30 am', '%I:%M %p'), datetime.strptime('7/4/99', '%m/%d/%y'), datetime.strptime('  5 jan 2020', ' %d %b %Y'))
print(datetime.strptime('2024-05-03 10:00 +0200', '%Y-%m-%d %H:%M %z'), datetime.strptime('2024-05-03 10:00Z', '%Y-%m-%d %H:%MZ'))
print(datetime.strptime('20240503', '%Y%m%d'), datetime.strptime('05/03/24 10:11:12', '%x %X'))
for t, f in [('2024-13-01', '%Y-%m-%d'), ('2024-05-03 x', '%Y-%m-%d'), ('abc', '%Y'), ('2024-02-30', '%Y-%m-%d'), ('2024', '%Y %'), ('2024', '%Q')]:
    try:
        print(datetime.strptime(t, f))
    except ValueError as e:
        print(e)
from datetime import datetime, timezone, timedelta
d = datetime(2024, 1, 2, 3, 4, tzinfo=timezone(timedelta(hours=-5, minutes=-30)))
print(d, d.isoformat(), d.strftime("%z %Z"), repr(d.tzinfo), d.tzname())
print(datetime(2024, 1, 2, tzinfo=timezone.utc).strftime("%z %Z"), datetime.strptime("2024-05-03 10:00 +0200", "%Y-%m-%d %H:%M %z").tzinfo)
