# logging configured once to standard output: levels, a format with padding, loggers
# named by dotted paths with levels of their own, %-style arguments, and tasks logging
# as they go; a second basicConfig is ignored, and disable() silences.
import asyncio
import logging
import sys

logging.basicConfig(level=logging.INFO, format="[%(levelname)-7s] %(name)-10s| %(message)s", stream=sys.stdout)
logging.basicConfig(level=logging.DEBUG)

app = logging.getLogger("app")
net = logging.getLogger("app.net")
net.setLevel(logging.DEBUG)
quiet = logging.getLogger("app.quiet")
quiet.setLevel(logging.ERROR)

app.debug("not shown: the root's level is INFO")
net.debug("shown: app.net has DEBUG of its own")
quiet.warning("not shown")
quiet.error("shown: %s", "errors pass")
logging.info("from the root %d%%", 100)
app.log(logging.WARNING, "a warning by number, with a dict: %(k)s", {"k": "v"})
print(app.getEffectiveLevel(), net.getEffectiveLevel(), quiet.isEnabledFor(logging.WARNING))
print(logging.getLevelName(40), logging.getLevelName("INFO"), logging.getLevelName(15))


async def fetch(name, delay, log):
    log.info("%s: waiting %.1f s", name, delay)
    await asyncio.sleep(delay)
    if delay > 0.25:
        log.warning("%s was slow", name)
    return name


async def main():
    log = logging.getLogger("app.main")
    done = await asyncio.gather(*(fetch(f"job{i}", 0.1 * i + 0.1, log) for i in range(3)))
    log.info("finished: %s", ", ".join(done))


asyncio.run(main())
logging.disable(logging.CRITICAL)
app.critical("silenced")
print("end")
