# Regular expressions and digests, as asyncio programs use them: tasks that parse log
# lines with named groups, a crawler's link finder, checksums of downloaded chunks, and
# signed messages between a producer and a consumer.
import asyncio
import hashlib
import hmac
import re

LOG = re.compile(r"(?P<time>\d\d:\d\d:\d\d) \[(?P<level>[A-Z]+)\s*\] (?P<task>Task-\d+): (?P<text>.*)")
LINKS = re.compile(r'<a\s+href="([^"]+)"[^>]*>(.*?)</a>', re.IGNORECASE | re.DOTALL)
lines = [
    "10:00:01 [INFO ] Task-1: fetching page 1",
    "10:00:02 [WARN ] Task-2: slow reply (2.5 s)",
    "garbage line",
    "10:00:03 [ERROR] Task-1: timeout after 3 retries",
]


async def parse(line, delay):
    await asyncio.sleep(delay)
    m = LOG.match(line)
    if m is None:
        return None
    print(m.group("task"), m["level"], m.span("text"), m.lastgroup, m.lastindex)
    return m.groupdict()


async def crawl(page):
    await asyncio.sleep(0.01)
    found = LINKS.findall(page)
    for href, title in found:
        title = re.sub(r"\s+", " ", title).strip()
        print(f"  {href!r} -> {title!r}")
    return [href for href, _ in found]


async def download(name, size):
    digest = hashlib.sha256()
    for i in range(size):
        await asyncio.sleep(0)
        digest.update(f"{name}:{i}".encode())
    return name, digest.hexdigest()[:16]


async def producer(queue, key):
    for body in ["pay 10", "pay 20", "refund 5"]:
        tag = hmac.new(key, body.encode(), hashlib.sha256).hexdigest()
        await queue.put((body, tag if body != "pay 20" else tag[:-1] + "0"))
    await queue.put(None)


async def consumer(queue, key):
    while (item := await queue.get()) is not None:
        body, tag = item
        good = hmac.compare_digest(tag, hmac.new(key, body.encode(), "sha256").hexdigest())
        amount = int(re.search(r"\d+", body).group())
        print(f"{body:<9} amount={amount:>3} signed={good}")


async def main():
    parsed = await asyncio.gather(*(parse(line, 0.1 * i) for i, line in enumerate(lines)))
    print([p and p["time"] for p in parsed])
    page = '<p>See <a href="/a">the\n  first</a> and <A HREF="/b" class=x>second</A>.</p>'
    print(await crawl(page))
    for name, digest in await asyncio.gather(download("x", 3), download("y", 2)):
        print(name, digest)
    print(hashlib.md5(b"asyncio").hexdigest(), hashlib.sha1(b"").hexdigest())
    print(hashlib.new("sha512", b"loop").hexdigest()[:32], hashlib.sha224().digest_size)
    queue = asyncio.Queue()
    key = b"secret"
    await asyncio.gather(producer(queue, key), consumer(queue, key))


asyncio.run(main())

# The module's other corners: split, sub with templates and functions, flags, errors.
print(re.split(r"[,;]\s*", "a, b;c,  d"), re.split(r"(\s)", "x y", maxsplit=1))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \g<1>", "me@home you@work"))
print(re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "3 apples, 12 pears", count=1))
print(re.subn("o", "0", "foo boo"), re.escape("1+1=2?"), re.findall(r"(\d)(\w)?", "1a 2 3c"))
print(re.fullmatch(r"[A-Z]{3}-\d{4}", "ABC-1234"), re.match("b", "abc"), re.search("b", "abc"))
word = re.compile(r"\b(\w)(\w*)\b")
print(word.sub(lambda m: m[1].upper() + m[2], "the event loop runs"), word.groups, word.groupindex)
print(re.compile(r"^\s*#", re.M).findall("# a\n  # b\nc"), re.compile("x", re.I | re.M), re.I | re.S)
print([m.span() for m in re.finditer(r"a*", "baaac")], re.sub("x*", "-", "abxd"))
print(re.search(r"(?<=@)\w+(?=\.)", "user@example.com").group(), re.search(r"(\w)\1", "hello").group())
for pattern in ["(unclosed", "a{3,1}", "[z-a]", r"\p"]:
    try:
        re.compile(pattern)
    except re.error as e:
        print(type(e).__name__, e, e.pos)
try:
    hashlib.sha256("text")
except TypeError as e:
    print(e)
re.compile("(?P<year>\\d+")
