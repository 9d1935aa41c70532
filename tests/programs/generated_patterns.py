# Regular expressions drawn at random from a small grammar (seeded, so CPython and the
# playground draw the same ones), each matched against a few subjects every way re
# can: what each finds, or the error it raises, must be CPython's.
import random
import re

random.seed(2026)
ATOMS = ["a", "b", "ab", ".", r"\d", r"\w", r"\s", r"\W", "[ab]", "[^a]", "[a-c]", "(a)", "(?:b|a)", "(a|b)", "(?P<n>a)",
         "(?=a)", "(?!b)", "(?<=a)", "(?<!b)", "(?i:A)", "()", "[.]", r"\.", "(?>a|ab)", "[^\n]", "(a|)"]
# Those a repeat cannot follow (or not often: errors are checked, but matches more).
ANCHORS = [r"\b", r"\B", "^", "$", r"\A", r"\Z", r"\1", "x?", "a{2}"]
QUANTIFIERS = ["", "", "", "*", "+", "?", "*?", "+?", "??", "{1,2}", "{2,}", "{,2}?", "*+", "{0}"]


def pattern(depth=0):
    parts = []
    for _ in range(random.randint(1, 3)):
        if depth < 2 and random.random() < 0.25:
            # (Not possessive: CPython 3.11's SRE can raise SystemError on a possessive
            # group whose body has groups of its own.)
            parts.append("(" + pattern(depth + 1) + ")" + random.choice(QUANTIFIERS[:-2]))
        elif random.random() < 0.2:
            parts.append(random.choice(ANCHORS) + random.choice(QUANTIFIERS[:5]))
        else:
            parts.append(random.choice(ATOMS) + random.choice(QUANTIFIERS))
    text = "".join(parts)
    if random.random() < 0.2:
        text += "|" + pattern(depth + 1)
    return text


subjects = ["", "a", "ab", "aab b", "ba\nab", "abc 12 aBA", "xyz"]
flags = [0, re.I, re.M, re.S, re.I | re.M]
for _ in range(400):
    p = pattern()
    f = random.choice(flags)
    try:
        r = re.compile(p, f)
    except re.error as e:
        print(repr(p), "error:", e)
        continue
    except Exception as e:
        print(repr(p), type(e).__name__, e)
        continue
    out = []
    for s in subjects:
        m = r.search(s)
        out.append(m and (m.span(), m.groups(), m.lastindex))
        out.append([x.span() for x in r.finditer(s)])
        out.append(r.sub("<\\g<0>>", s, count=2))
        out.append(r.split(s, maxsplit=3))
        out.append(r.fullmatch(s) is not None)
    print(repr(p), f, out)
