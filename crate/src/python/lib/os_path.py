# os.path: the path arithmetic of POSIX's posixpath, on strings; nothing here
# touches a file (a page has none: exists() is False for every path but "/").


def join(a, *p):
    path = a
    for b in p:
        if b.startswith("/"):
            path = b
        elif not path or path.endswith("/"):
            path += b
        else:
            path += "/" + b
    return path


def split(p):
    i = p.rfind("/") + 1
    head, tail = p[:i], p[i:]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head, tail


def basename(p):
    return p[p.rfind("/") + 1:]


def dirname(p):
    return split(p)[0]


def splitext(p):
    dot = p.rfind(".")
    slash = p.rfind("/")
    if dot > slash:
        i = slash + 1
        while i < dot:
            if p[i] != ".":
                return p[:dot], p[dot:]
            i += 1
    return p, ""


def isabs(s):
    return s.startswith("/")


def normpath(path):
    if not path:
        return "."
    initial = 1 if path.startswith("/") else 0
    if initial and path.startswith("//") and not path.startswith("///"):
        initial = 2
    parts = []
    for comp in path.split("/"):
        if comp in ("", "."):
            continue
        if comp != ".." or (not initial and not parts) or (parts and parts[-1] == ".."):
            parts.append(comp)
        elif parts:
            parts.pop()
    path = "/".join(parts)
    if initial:
        path = "/" * initial + path
    return path or "."


def abspath(path):
    return normpath(join("/", path))


realpath = abspath


def expanduser(path):
    if not path.startswith("~"):
        return path
    i = path.find("/", 1)
    if i < 0:
        i = len(path)
    if i != 1:
        return path
    return "/home/user" + path[i:]


def exists(path):
    return path == "/"


def isdir(path):
    return path == "/"


def isfile(path):
    return False


def getsize(path):
    raise OSError(f"os.path.getsize: a page has no files ({path!r})")


sep = "/"
altsep = None
extsep = "."
pathsep = ":"
curdir = "."
pardir = ".."
defpath = "/bin:/usr/bin"
devnull = "/dev/null"


def splitdrive(p):
    return p[:0], p


def commonprefix(m):
    if not m:
        return ""
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def commonpath(paths):
    paths = list(paths)
    if not paths:
        raise ValueError("commonpath() arg is an empty sequence")
    absolute = {p.startswith("/") for p in paths}
    if len(absolute) > 1:
        raise ValueError("Can't mix absolute and relative paths")
    split = [[c for c in p.split("/") if c and c != "."] for p in paths]
    s1 = min(split)
    s2 = max(split)
    common = s1
    for i, c in enumerate(s1):
        if c != s2[i]:
            common = s1[:i]
            break
    prefix = "/" if absolute.pop() else ""
    return prefix + "/".join(common)


def relpath(path, start=None):
    if not path:
        raise ValueError("no path specified")
    start = "." if start is None else start
    start_list = [x for x in abspath(start).split("/") if x]
    path_list = [x for x in abspath(path).split("/") if x]
    i = len(commonprefix([start_list, path_list]))
    rel_list = [pardir] * (len(start_list) - i) + path_list[i:]
    if not rel_list:
        return curdir
    return join(*rel_list)
