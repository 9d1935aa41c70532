# argparse's subcommands, positionals matched between options, BooleanOptionalAction,
# actions of the program's own, and the errors each makes.
import argparse
import asyncio
import sys


def attempt(parser, argv):
    try:
        print(parser.parse_args(argv))
    except SystemExit as e:
        print("exit", e.code)


async def crawl(args):
    await asyncio.sleep(0.1)
    return f"crawled {args.urls} with {args.workers} workers"


async def report(args):
    return f"report as {args.format}"


tool = argparse.ArgumentParser(prog="spider", description="A crawler's command line.")
tool.add_argument("--color", action=argparse.BooleanOptionalAction, default=True, help="colour the output")
commands = tool.add_subparsers(dest="command", required=True, help="what to do")
run = commands.add_parser("crawl", aliases=["c"], help="crawl some sites")
run.add_argument("urls", nargs="+")
run.add_argument("-w", "--workers", type=int, default=4)
run.set_defaults(handler=crawl)
out = commands.add_parser("report", help="print a report")
out.add_argument("--format", choices=["text", "json"], default="text")
out.set_defaults(handler=report)
for argv in (["crawl", "a", "b", "-w", "2"], ["c", "x"], ["--no-color", "report", "--format", "json"]):
    args = tool.parse_args(argv)
    print(args.command, args.color, asyncio.run(args.handler(args)))
print(tool.format_usage(), end="")
tool.print_help()
out.print_usage()
sys.stderr = sys.stdout
for argv in ([], ["dance"], ["crawl"], ["report", "--format", "xml"], ["crawl", "a", "--bogus"], ["--color=yes"]):
    attempt(tool, argv)

mix = argparse.ArgumentParser(prog="mix")
mix.add_argument("first")
mix.add_argument("rest", nargs="*")
mix.add_argument("-x", type=int)
mix.add_argument("-f", "--flag", action="store_true")
mix.add_argument("-q", action="count", default=0)
print(mix.parse_known_args(["a", "b", "-x", "1", "c", "--other", "d"]))
print(mix.parse_args(["-x", "2", "a", "b", "c"]), mix.parse_known_args(["a", "-fqq", "--", "-x", "-y"]))
attempt(mix, ["a", "b", "--", "-x", "-y"])
print(mix.parse_known_args(["-x3", "a", "-q", "b"]))
attempt(mix, ["-x"])
attempt(mix, ["-fx", "4", "a"])
attempt(mix, ["--flag=1", "a"])


class Upper(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, [v.upper() for v in values] if isinstance(values, list) else values.upper())


own = argparse.ArgumentParser(prog="own")
own.add_argument("--name", action=Upper)
own.add_argument("words", nargs=2, action=Upper)
own.add_argument("tail", nargs=argparse.REMAINDER)
print(own.parse_args(["--name", "ann", "hi", "there", "-z", "more"]))
own.print_help()
