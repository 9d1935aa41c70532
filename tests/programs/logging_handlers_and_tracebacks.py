# logging beyond basicConfig: handlers with levels and formatters of their own ('%',
# '{' and '$' styles, asctime on the loop's clock), filters, propagation, an adapter,
# exceptions logged with their tracebacks, and the last resort when nothing is set up;
# traceback's and sys's views of the exception being handled; time's calendar.
import asyncio
import logging
import sys
import time
import traceback

quiet = logging.getLogger("early")
quiet.warning("no handler yet: the last resort writes %s", "the bare message")
quiet.info("and nothing below WARNING")

log = logging.getLogger("shop")
orders = logging.getLogger("shop.orders")
print(log, orders, orders.parent is log, log.parent is logging.root, logging.getLogger() is logging.root)

to_stdout = logging.StreamHandler(sys.stdout)
to_stdout.setLevel(logging.INFO)
to_stdout.setFormatter(logging.Formatter("%(asctime)s %(levelname)-8s %(name)s:%(funcName)s:%(lineno)d %(message)s"))
log.addHandler(to_stdout)
log.setLevel(logging.DEBUG)
to_stderr = logging.StreamHandler()
to_stderr.setFormatter(logging.Formatter("{levelname}|{name}|{message}", style="{"))
orders.addHandler(to_stderr)
print(to_stdout, to_stderr, log.handlers, log.hasHandlers())


class OnlyOdd(logging.Filter):
    def filter(self, record):
        n = record.args[0] if record.args else None
        return not isinstance(n, int) or n % 2 == 1


class Refused(Exception):
    pass


async def take(n):
    orders.debug("order %d arrives", n)
    await asyncio.sleep(0.05 * n)
    if n == 3:
        raise Refused(f"order {n} refused")
    orders.info("order %d taken after %.2f s", n, 0.05 * n)
    return n


async def main():
    results = await asyncio.gather(*(take(n) for n in range(1, 5)), return_exceptions=True)
    log.info("results %r", results)
    try:
        await take(3)
    except Refused as e:
        orders.exception("taking %s failed", 3)
        kind, value, tb = sys.exc_info()
        print(kind.__name__, value, tb is not None, sys.exception() is e)
        print(traceback.format_exc().splitlines()[-1])
        print("".join(traceback.format_exception_only(type(e), e)).strip())
    print(sys.exc_info(), sys.exception())
    orders.addFilter(OnlyOdd())
    for n in range(5, 9):
        orders.warning("filtered %d", n)
    orders.propagate = False
    orders.error("not on stdout: %s", "propagation off")
    adapter = logging.LoggerAdapter(log, {"shop": "north"})
    adapter.warning("through the adapter")
    print(adapter, log.getEffectiveLevel(), orders.getEffectiveLevel(), orders.isEnabledFor(logging.DEBUG))
    dollar = logging.StreamHandler(sys.stdout)
    dollar.setFormatter(logging.Formatter("$levelname - ${message}", style="$"))
    log.addHandler(dollar)
    log.critical("two handlers, two formats")
    log.removeHandler(dollar)
    log.log(25, "a level between")
    logging.addLevelName(25, "NOTICE")
    log.log(25, "a level with a name")
    stamp = time.localtime(86400 * 365 + 3723.5)
    print(stamp.tm_year, stamp.tm_yday, stamp.tm_hour, time.strftime("%Y-%m-%d %H:%M:%S %a %b %j", stamp))
    print(time.strftime("%H:%M:%S", time.gmtime(3600 * 25 + 61)), time.asctime(time.gmtime(10**9)))
    print(time.mktime(time.localtime(1234567)), tuple(time.gmtime(0))[:6])


asyncio.run(main())
logging.disable(logging.CRITICAL)
log.critical("disabled")
logging.disable(logging.NOTSET)
log.error("after %(what)s", {"what": "disable"})
try:
    logging.Formatter("no fields")
except ValueError as e:
    print(e)
try:
    log.setLevel("LOUD")
except ValueError as e:
    print(e)
sentinel = object()
print(sentinel is sentinel, sentinel == object(), type(sentinel).__name__)
print("%-6s|%6.2f|%+04d|%#x|%5.1f%%" % ("ab", 3.14159, 7, 255, 99.44))
from string import Template, capwords

note = Template("$who paid $$${amount} for ${item}s")
print(note.substitute(who="ann", amount=5, item="pie"), note.safe_substitute(who="bo"), note.get_identifiers())
print(capwords("the  shop   is open"), Template("${x").is_valid())
