# textwrap: wrap, fill, shorten, dedent and indent, as CPython's break words (on
# whitespace and after hyphens; long words broken where they must be).


def _expand(text, tabsize=8):
    # str.expandtabs: each tab to the next multiple of tabsize.
    out = []
    column = 0
    for c in text:
        if c == "\t":
            spaces = tabsize - column % tabsize if tabsize > 0 else 0
            out.append(" " * spaces)
            column += spaces
        else:
            out.append(c)
            column = 0 if c in "\n\r" else column + 1
    return "".join(out)


def _chunks(text, break_on_hyphens, tabsize=8, expand_tabs=True, replace_whitespace=True):
    # Words and the whitespace between them, tabs expanded and whitespace turned into
    # spaces (as the wrapper's settings say).
    if expand_tabs:
        text = _expand(text, tabsize)
    if replace_whitespace:
        text = "".join(" " if c in "\t\n\x0b\x0c\r" else c for c in text)
    chunks = []
    current = ""
    for c in text:
        if (c == " ") != (current[:1] == " ") and current:
            chunks.append(current)
            current = ""
        current += c
    if current:
        chunks.append(current)
    if not break_on_hyphens:
        return chunks
    out = []
    for chunk in chunks:
        if chunk[0] == " ":
            out.append(chunk)
            continue
        start = 0
        for i in range(1, len(chunk) - 1):
            if chunk[i] == "-" and chunk[i - 1].isalpha() and chunk[i + 1].isalpha():
                out.append(chunk[start:i + 1])
                start = i + 1
        out.append(chunk[start:])
    return out


class TextWrapper:
    def __init__(self, width=70, initial_indent="", subsequent_indent="", expand_tabs=True,
                 replace_whitespace=True, fix_sentence_endings=False, break_long_words=True,
                 drop_whitespace=True, break_on_hyphens=True, tabsize=8, *, max_lines=None,
                 placeholder=" [...]"):
        self.width = width
        self.initial_indent = initial_indent
        self.subsequent_indent = subsequent_indent
        self.break_long_words = break_long_words
        self.drop_whitespace = drop_whitespace
        self.break_on_hyphens = break_on_hyphens
        self.max_lines = max_lines
        self.placeholder = placeholder
        self.tabsize = tabsize
        self.expand_tabs = expand_tabs
        self.replace_whitespace = replace_whitespace
        self.fix_sentence_endings = fix_sentence_endings

    def wrap(self, text):
        if self.width <= 0:
            raise ValueError(f"invalid width {self.width!r} (must be > 0)")
        chunks = _chunks(text, self.break_on_hyphens, self.tabsize, self.expand_tabs, self.replace_whitespace)
        chunks.reverse()
        lines = []
        while chunks:
            current = []
            length = 0
            indent = self.subsequent_indent if lines else self.initial_indent
            width = self.width - len(indent)
            if self.drop_whitespace and chunks[-1].strip() == "" and lines:
                del chunks[-1]
            while chunks:
                n = len(chunks[-1])
                if length + n <= width:
                    current.append(chunks.pop())
                    length += n
                else:
                    break
            if chunks and len(chunks[-1]) > width:
                space_left = max(width - length, 1)
                if self.break_long_words:
                    end = space_left
                    chunk = chunks[-1]
                    if self.break_on_hyphens and len(chunk) > space_left:
                        hyphen = chunk.rfind("-", 0, space_left)
                        if hyphen > 0 and any(c != "-" for c in chunk[:hyphen]):
                            end = hyphen + 1
                    current.append(chunk[:end])
                    chunks[-1] = chunk[end:]
                elif not current:
                    current.append(chunks.pop())
            if self.drop_whitespace and current and current[-1].strip() == "":
                length -= len(current[-1])
                del current[-1]
            if current:
                if self.max_lines is None or len(lines) + 1 < self.max_lines or (
                        not chunks or self.drop_whitespace and len(chunks) == 1 and not chunks[0].strip()) and \
                        length <= width:
                    lines.append(indent + "".join(current))
                else:
                    while current:
                        if current[-1].strip() and length + len(self.placeholder) <= width:
                            current.append(self.placeholder)
                            lines.append(indent + "".join(current))
                            break
                        length -= len(current[-1])
                        del current[-1]
                    else:
                        if lines:
                            prev = lines[-1].rstrip()
                            if len(prev) + len(self.placeholder) <= self.width:
                                lines[-1] = prev + self.placeholder
                                break
                        lines.append(indent + self.placeholder.lstrip())
                    break
        return lines

    def fill(self, text):
        return "\n".join(self.wrap(text))


def wrap(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).wrap(text)


def fill(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).fill(text)


def shorten(text, width, **kwargs):
    w = TextWrapper(width=width, max_lines=1, **kwargs)
    return w.fill(" ".join(text.strip().split()))


def dedent(text):
    lines = text.split("\n")
    margin = None
    for line in lines:
        if not line.strip():
            continue
        indent = line[:len(line) - len(line.lstrip())]
        if margin is None:
            margin = indent
        else:
            i = 0
            while i < len(margin) and i < len(indent) and margin[i] == indent[i]:
                i += 1
            margin = margin[:i]
    out = []
    for line in lines:
        if not line.strip():
            out.append("")
        else:
            out.append(line[len(margin or ""):])
    return "\n".join(out)


def indent(text, prefix, predicate=None):
    out = []
    for line in text.splitlines(True):
        if (predicate(line) if predicate is not None else line.strip()):
            out.append(prefix + line)
        else:
            out.append(line)
    return "".join(out)
