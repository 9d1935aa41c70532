"""CPython's tokens, coloured as the editor colours the core's (`python::lexer::highlight`).

Reads a JSON list of sources from the file named by the first argument and prints one
JSON list per source, one line each: [start line, start column, end line, end column,
colour] for each coloured token of CPython 3.11's `tokenize` (columns in characters,
from 0), by the same rules: keywords, the names `builtins` holds (not after a dot),
the name after `def` or `class`, a decorator's `@` and dotted name, brackets, numbers,
strings and comments. Used by tests/python.rs.
"""

import builtins
import io
import json
import keyword
import sys
import tokenize

BUILTINS = {name for name in dir(builtins) if not name.startswith("__")}
SKIPPED = {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER, tokenize.ENCODING}


def colours(source):
    marks = []
    previous = None
    decorator = False
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in SKIPPED:
            # (A line break inside brackets, or after a blank or comment line, is no token.)
            if token.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
                previous = "newline"
            continue
        text = token.string
        colour = None
        if token.type == tokenize.NAME:
            if keyword.iskeyword(text):
                colour = "keyword"
            elif previous in ("def", "class"):
                colour = "definition"
            elif decorator:
                colour = "decorator"
            elif previous != "." and text in BUILTINS:
                colour = "builtin"
        elif token.type == tokenize.OP:
            if text == "@" and previous in (None, "newline"):
                decorator = True
                colour = "decorator"
            elif text == "." and decorator:
                colour = "decorator"
            elif text in "()[]{}":
                colour = "bracket"
        elif token.type == tokenize.NUMBER:
            colour = "number"
        elif token.type == tokenize.STRING:
            colour = "string"
        elif token.type == tokenize.COMMENT:
            colour = "comment"
        if colour != "decorator":
            decorator = False
        if token.type != tokenize.COMMENT:
            previous = text if token.type in (tokenize.NAME, tokenize.OP) else token.type
        if colour:
            marks.append([*token.start, *token.end, colour])
    return marks


for source in json.load(open(sys.argv[1])):
    print(json.dumps(colours(source)))
