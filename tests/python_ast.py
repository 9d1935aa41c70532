"""CPython's reading of programs, in the form `python::ast::dump` writes ours.

Reads a JSON list of sources from the file named by the first argument and prints one
JSON value per source: {"tree": "..."} or {"error": [message, line, column]} (column
from 1, as SyntaxError.offset). Used by tests/python.rs.
"""

import ast
import json
import struct
import sys
import warnings

BINOPS = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.MatMult: "@", ast.Div: "/", ast.FloorDiv: "//",
    ast.Mod: "%", ast.Pow: "**", ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|", ast.BitXor: "^",
    ast.BitAnd: "&",
}
UNARY = {ast.Not: "not", ast.USub: "-", ast.UAdd: "+", ast.Invert: "~"}
CMPOPS = {
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
    ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in",
}
CONVERSIONS = {-1: "-", 115: "s", 114: "r", 97: "a"}


def text(s):
    return '"' + "".join(c if " " <= c <= "~" and c not in '\\"' else f"\\u{{{ord(c):x}}}" for c in s) + '"'


def opt(node):
    return "-" if node is None else expr(node)


def block(stmts):
    return "[" + " ".join(stmt(s) for s in stmts) + "]"


def many(nodes):
    return "[" + " ".join(expr(n) for n in nodes) + "]"


def name(n):
    return "-" if n is None else n


def params(a):
    defaults = many(a.defaults)
    kwonly = " ".join(f"({k.arg} {opt(d)})" for k, d in zip(a.kwonlyargs, a.kw_defaults))
    vararg = a.vararg.arg if a.vararg else "-"
    kwarg = a.kwarg.arg if a.kwarg else "-"
    posonly = f"/{len(a.posonlyargs)} " if a.posonlyargs else ""
    names = " ".join(x.arg for x in a.posonlyargs + a.args)
    return f"(params {posonly}[{names}] {defaults} {vararg} [{kwonly}] {kwarg})"


def stmt(s):
    match s:
        case ast.Expr(value=v):
            return f"(Expr {expr(v)})"
        case ast.Assign(targets=t, value=v):
            return f"(Assign {many(t)} {expr(v)})"
        case ast.AnnAssign(target=t, annotation=a, value=v, simple=simple):
            return f"(AnnAssign {expr(t)} {expr(a)} {'-' if v is None else expr(v)} {simple})"
        case ast.AugAssign(target=t, op=op, value=v):
            return f"(AugAssign {expr(t)} {BINOPS[type(op)]} {expr(v)})"
        case ast.FunctionDef() | ast.AsyncFunctionDef():
            kind = "AsyncDef" if isinstance(s, ast.AsyncFunctionDef) else "Def"
            return f"({kind} {s.name} {many(s.decorator_list)} {params(s.args)} {block(s.body)})"
        case ast.ClassDef(name=n, bases=b, body=body):
            return f"(Class {n} {many(s.decorator_list)} {many(b)} {block(body)})"
        case ast.Return(value=v):
            return f"(Return {opt(v)})"
        case ast.If(test=t, body=b, orelse=o):
            return f"(If {expr(t)} {block(b)} {block(o)})"
        case ast.For(target=t, iter=i, body=b, orelse=o):
            return f"(For {expr(t)} {expr(i)} {block(b)} {block(o)})"
        case ast.AsyncFor(target=t, iter=i, body=b, orelse=o):
            return f"(AsyncFor {expr(t)} {expr(i)} {block(b)} {block(o)})"
        case ast.While(test=t, body=b, orelse=o):
            return f"(While {expr(t)} {block(b)} {block(o)})"
        case ast.Break():
            return "(Break)"
        case ast.Continue():
            return "(Continue)"
        case ast.Pass():
            return "(Pass)"
        case ast.Global(names=n):
            return f"(Global {' '.join(n)})"
        case ast.Nonlocal(names=n):
            return f"(Nonlocal {' '.join(n)})"
        case ast.Try() | ast.TryStar():
            star = "Try*" if isinstance(s, ast.TryStar) else "Try"
            handlers = " ".join(f"(Handler {opt(h.type)} {name(h.name)} {block(h.body)})" for h in s.handlers)
            return f"({star} {block(s.body)} [{handlers}] {block(s.orelse)} {block(s.finalbody)})"
        case ast.Raise(exc=e, cause=c):
            return f"(Raise {opt(e)} {opt(c)})"
        case ast.AsyncWith(items=items, body=b) | ast.With(items=items, body=b):
            its = " ".join(f"(item {expr(i.context_expr)} {opt(i.optional_vars)})" for i in items)
            kind = "AsyncWith" if isinstance(s, ast.AsyncWith) else "With"
            return f"({kind} [{its}] {block(b)})"
        case ast.Assert(test=t, msg=m):
            return f"(Assert {expr(t)} {opt(m)})"
        case ast.Delete(targets=t):
            return f"(Delete {many(t)})"
        case ast.Import(names=n):
            return f"(Import {' '.join(f'({a.name} {name(a.asname)})' for a in n)})"
        case ast.Match(subject=s, cases=cases):
            shown = " ".join(f"(case {pattern(c.pattern)} {opt(c.guard)} {block(c.body)})" for c in cases)
            return f"(Match {expr(s)} [{shown}])"
        case ast.ImportFrom(module=m, names=n):
            return f"(ImportFrom {m} {' '.join(f'({a.name} {name(a.asname)})' for a in n)})"
    raise ValueError(f"not in the subset: {ast.dump(s)}")


def patterns(ps):
    return "[" + " ".join(pattern(p) for p in ps) + "]"


def pattern(p):
    match p:
        case ast.MatchValue(value=v):
            return f"(MatchValue {expr(v)})"
        case ast.MatchSingleton(value=v):
            return f"(MatchSingleton {v!r})"
        case ast.MatchSequence(patterns=ps):
            return f"(MatchSequence {patterns(ps)})"
        case ast.MatchStar(name=n):
            return f"(MatchStar {name(n)})"
        case ast.MatchMapping(keys=k, patterns=ps, rest=r):
            return f"(MatchMapping {many(k)} {patterns(ps)} {name(r)})"
        case ast.MatchClass(cls=c, patterns=ps, kwd_attrs=a, kwd_patterns=kp):
            return f"(MatchClass {expr(c)} {patterns(ps)} [{' '.join(a)}] {patterns(kp)})"
        case ast.MatchAs(pattern=inner, name=n):
            return f"(MatchAs {'-' if inner is None else pattern(inner)} {name(n)})"
        case ast.MatchOr(patterns=ps):
            return f"(MatchOr {patterns(ps)})"
    raise ValueError(f"not in the subset: {ast.dump(p)}")


def fparts(values):
    out = []
    for v in values:
        if isinstance(v, ast.Constant):
            out.append(f"(Str {text(v.value)})")
        else:
            spec = fparts(v.format_spec.values) if v.format_spec else "[]"
            out.append(f"(Value {expr(v.value)} {CONVERSIONS[v.conversion]} {spec})")
    return "[" + " ".join(out) + "]"


def generators(gens):
    return " ".join(f"({'async for' if g.is_async else 'for'} {expr(g.target)} {expr(g.iter)} {many(g.ifs)})"
                    for g in gens)


def expr(e):
    match e:
        case ast.Name(id=i):
            return i
        case ast.Constant(value=v):
            if v is None or isinstance(v, bool) or v is Ellipsis:
                return repr(v)
            if isinstance(v, int):
                return f"(Int {v})"
            if isinstance(v, float):
                return f"(Float {struct.unpack('<Q', struct.pack('<d', v))[0]})"
            if isinstance(v, str):
                return f"(Str {text(v)})"
            if isinstance(v, bytes):
                return f"(Bytes {list(v)})"
        case ast.JoinedStr(values=v):
            return f"(FString {fparts(v)})"
        case ast.List(elts=x):
            return f"(List {many(x)})"
        case ast.Tuple(elts=x):
            return f"(Tuple {many(x)})"
        case ast.Set(elts=x):
            return f"(Set {many(x)})"
        case ast.Dict(keys=k, values=v):
            return "(Dict" + "".join(f" ({'**' if a is None else expr(a)} {expr(b)})" for a, b in zip(k, v)) + ")"
        case ast.ListComp(elt=x, generators=g):
            return f"(ListComp {expr(x)} {generators(g)})"
        case ast.SetComp(elt=x, generators=g):
            return f"(SetComp {expr(x)} {generators(g)})"
        case ast.GeneratorExp(elt=x, generators=g):
            return f"(GeneratorExp {expr(x)} {generators(g)})"
        case ast.DictComp(key=k, value=v, generators=g):
            return f"(DictComp {expr(k)} {expr(v)} {generators(g)})"
        case ast.BinOp(left=l, op=op, right=r):
            return f"(BinOp {BINOPS[type(op)]} {expr(l)} {expr(r)})"
        case ast.UnaryOp(op=op, operand=x):
            return f"(UnaryOp {UNARY[type(op)]} {expr(x)})"
        case ast.BoolOp(op=op, values=v):
            return f"({'And' if isinstance(op, ast.And) else 'Or'} {' '.join(expr(x) for x in v)})"
        case ast.Compare(left=l, ops=ops, comparators=c):
            return f"(Compare {expr(l)} " + " ".join(f"{CMPOPS[type(o)]} {expr(x)}" for o, x in zip(ops, c)) + ")"
        case ast.NamedExpr(target=t, value=v):
            return f"(NamedExpr {t.id} {expr(v)})"
        case ast.IfExp(test=t, body=b, orelse=o):
            return f"(IfExp {expr(t)} {expr(b)} {expr(o)})"
        case ast.Lambda(args=a, body=b):
            return f"(Lambda {params(a)} {expr(b)})"
        case ast.Call(func=f, args=a, keywords=k):
            kws = " ".join(f"({'**' if kw.arg is None else kw.arg} {expr(kw.value)})" for kw in k)
            return f"(Call {expr(f)} {many(a)} [{kws}])"
        case ast.Attribute(value=v, attr=a):
            return f"(Attr {expr(v)} {a})"
        case ast.Subscript(value=v, slice=s):
            return f"(Sub {expr(v)} {expr(s)})"
        case ast.Slice(lower=a, upper=b, step=c):
            return f"(Slice {opt(a)} {opt(b)} {opt(c)})"
        case ast.Starred(value=v):
            return f"(Star {expr(v)})"
        case ast.Await(value=v):
            return f"(Await {expr(v)})"
        case ast.Yield(value=v):
            return f"(Yield {opt(v)})"
        case ast.YieldFrom(value=v):
            return f"(YieldFrom {expr(v)})"
    raise ValueError(f"not in the subset: {ast.dump(e)}")


def read(source):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(source, "main.py", "exec")
            tree = ast.parse(source)
    except SyntaxError as error:
        return {"error": [error.msg, error.lineno, error.offset]}
    try:
        return {"tree": block(tree.body)}
    except ValueError as error:
        return {"unsupported": str(error)}


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        sources = json.load(file)
    for source in sources:
        print(json.dumps(read(source)))


if __name__ == "__main__":
    main()
