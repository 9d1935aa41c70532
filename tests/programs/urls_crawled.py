# A crawler that fetches nothing: pages are a dict, a fetch is a sleep, and every link
# found is resolved against its page, normalized and queued, as crawler tutorials do.
import asyncio
import re
from urllib.parse import parse_qs, quote, urldefrag, urlencode, urljoin, urlparse, urlsplit, urlunparse

PAGES = {
    "https://site.test/": '<a href="/docs/">docs</a> <a href="blog/post?id=1#top">post</a> <a href="https://other.test/x">x</a>',
    "https://site.test/docs/": '<a href="../">home</a> <a href="./intro.html">intro</a> <a href="api/?q=a+b&page=2">api</a>',
    "https://site.test/docs/intro.html": '<a href="//site.test/docs/">docs</a> <a href="mailto:me@site.test">mail</a>',
    "https://site.test/blog/post?id=1": '<a href="?id=2">next</a> <a href="/docs/intro.html#usage">usage</a>',
}
LINK = re.compile(r'href="([^"]*)"')


async def fetch(url):
    await asyncio.sleep(0.01 * (len(urlparse(url).path) + 1))
    return PAGES.get(url, "")


async def crawl(start, limit=8):
    seen = {start}
    queue = asyncio.Queue()
    await queue.put((start, 0))
    order = []
    while not queue.empty() and len(order) < limit:
        url, depth = await queue.get()
        page = await fetch(url)
        order.append((depth, url))
        for href in LINK.findall(page):
            absolute, fragment = urldefrag(urljoin(url, href))
            parts = urlsplit(absolute)
            if parts.scheme != "https" or parts.hostname != "site.test":
                print(f"  skip {absolute} ({parts.scheme or 'no scheme'})")
                continue
            if absolute not in seen:
                seen.add(absolute)
                await queue.put((absolute, depth + 1))
                print(f"  queue {absolute}" + (f" (fragment {fragment!r})" if fragment else ""))
    return order


async def main():
    for depth, url in await crawl("https://site.test/"):
        parsed = urlparse(url)
        print(depth, parsed.path or "/", parse_qs(parsed.query), parsed.port)


asyncio.run(main())

u = urlparse("https://ann:secret@Example.COM:8443/a b/c;v=1?x=1&x=2&y=#frag")
print(u, u.hostname, u.port, u.username, u.password)
print(urlunparse(u._replace(netloc="example.com", params="")), quote(u.path), urlencode({"q": "a&b c", "n": [1, 2]}, doseq=True))
