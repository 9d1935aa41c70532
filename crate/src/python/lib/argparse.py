# argparse: a command line's options and arguments, parsed as CPython's parser does.
# A page's program has no command line (sys.argv is ['main.py']), so parse_args()
# gives the defaults; a list passed to parse_args is parsed in full, with CPython's
# messages for what is wrong, its usage line and its help.

import sys as _sys
import textwrap as _textwrap

SUPPRESS = "==SUPPRESS=="
OPTIONAL = "?"
ZERO_OR_MORE = "*"
ONE_OR_MORE = "+"
REMAINDER = "..."


class Namespace:
    def __init__(self, **kwargs):
        for name, value in kwargs.items():
            setattr(self, name, value)

    def __repr__(self):
        return "Namespace(" + ", ".join(f"{k}={v!r}" for k, v in vars(self).items()) + ")"

    def __eq__(self, other):
        if not isinstance(other, Namespace):
            return NotImplemented
        return vars(self) == vars(other)

    def __contains__(self, key):
        return key in vars(self)


class ArgumentError(Exception):
    def __init__(self, argument, message):
        self.argument_name = None if argument is None else _name(argument)
        self.message = message
        super().__init__(message)

    def __str__(self):
        if self.argument_name is None:
            return self.message
        return f"argument {self.argument_name}: {self.message}"


class ArgumentTypeError(Exception):
    pass


class HelpFormatter:
    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        self._prog = prog
        self._width = (width or 80) - 2
        self._max_help_position = min(max_help_position, max(self._width - 20, indent_increment * 2))

    def _fill(self, text, width, indent):
        text = " ".join(text.split())
        return _textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)


class RawDescriptionHelpFormatter(HelpFormatter):
    def _fill(self, text, width, indent):
        return "".join(indent + line for line in text.splitlines(keepends=True))


class RawTextHelpFormatter(RawDescriptionHelpFormatter):
    pass


class ArgumentDefaultsHelpFormatter(HelpFormatter):
    pass


class MetavarTypeHelpFormatter(HelpFormatter):
    pass


def _name(action):
    if action.option_strings:
        return "/".join(action.option_strings)
    if action.metavar not in (None, SUPPRESS):
        return action.metavar
    if action.dest not in (None, SUPPRESS):
        return action.dest
    return None


class Action:
    def __init__(self, option_strings, dest, nargs=None, const=None, default=None, type=None,
                 choices=None, required=False, help=None, metavar=None, kind="store", version=None):
        self.option_strings = option_strings
        self.dest = dest
        self.nargs = nargs
        self.const = const
        self.default = default
        self.type = type
        self.choices = choices
        self.required = required
        self.help = help
        self.metavar = metavar
        self.kind = kind
        self.version = version

    def __repr__(self):
        names = ["option_strings", "dest", "nargs", "const", "default", "type", "choices", "required", "help", "metavar"]
        kind = {"store": "_StoreAction", "store_const": "_StoreConstAction", "store_true": "_StoreTrueAction",
                "store_false": "_StoreFalseAction", "append": "_AppendAction", "count": "_CountAction",
                "help": "_HelpAction", "version": "_VersionAction", "extend": "_ExtendAction",
                "append_const": "_AppendConstAction"}[self.kind]
        return kind + "(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in names) + ")"


_ACTIONS = ("store", "store_const", "store_true", "store_false", "append", "append_const",
            "count", "help", "version", "extend")


class _Group:
    def __init__(self, parser, title=None, description=None, exclusive=False, required=False):
        self._parser = parser
        self.title = title
        self.description = description
        self.required = required
        self._exclusive = exclusive
        self._group_actions = []

    def add_argument(self, *args, **kwargs):
        action = self._parser.add_argument(*args, **kwargs)
        self._group_actions.append(action)
        return action

    def add_mutually_exclusive_group(self, required=False):
        return self._parser.add_mutually_exclusive_group(required=required)


class ArgumentParser:
    def __init__(self, prog=None, usage=None, description=None, epilog=None, parents=(),
                 formatter_class=HelpFormatter, prefix_chars="-", fromfile_prefix_chars=None,
                 argument_default=None, conflict_handler="error", add_help=True,
                 allow_abbrev=True, exit_on_error=True):
        if prog is None:
            prog = _sys.argv[0].rsplit("/", 1)[-1]
        self.prog = prog
        self.usage = usage
        self.description = description
        self.epilog = epilog
        self.formatter_class = formatter_class
        self.prefix_chars = prefix_chars
        self.argument_default = argument_default
        self.allow_abbrev = allow_abbrev
        self.exit_on_error = exit_on_error
        self._actions = []
        self._defaults = {}
        self._exclusive = []
        self._positionals = _Group(self, "positional arguments")
        self._optionals = _Group(self, "options")
        self._sections = []
        self._subparsers = None
        if add_help:
            self.add_argument("-h", "--help", action="help", default=SUPPRESS,
                              help="show this help message and exit")
        for parent in parents:
            for action in parent._actions:
                if action.kind != "help":
                    self._add(action)
            self._defaults.update(parent._defaults)

    def __repr__(self):
        return (f"ArgumentParser(prog={self.prog!r}, usage={self.usage!r}, description={self.description!r}, "
                f"formatter_class={self.formatter_class!r}, conflict_handler='error', add_help=True)")

    # Declaring arguments

    def add_argument(self, *args, action="store", **kwargs):
        chars = self.prefix_chars
        if not args or len(args) == 1 and args[0][:1] not in chars:
            if len(args) == 1 and "dest" in kwargs:
                raise ValueError("dest supplied twice for positional argument")
            option_strings = []
            dest = args[0] if args else kwargs.pop("dest", None)
            if dest is None:
                raise TypeError("add_argument() missing 1 required positional argument: 'dest'")
            if "required" in kwargs:
                raise TypeError("'required' is an invalid argument for positionals")
            nargs = kwargs.get("nargs")
            kwargs["required"] = nargs not in (OPTIONAL, ZERO_OR_MORE, REMAINDER) or (
                nargs == ZERO_OR_MORE and "default" not in kwargs)
        else:
            for option in args:
                if option[:1] not in chars:
                    raise ValueError(f"invalid option string {option!r}: must start with a character {chars!r}")
            option_strings = list(args)
            dest = kwargs.pop("dest", None)
            if dest is None:
                long = [o for o in args if len(o) > 1 and o[1] in chars]
                dest = (long or list(args))[0].lstrip(chars).replace("-", "_")
        if callable(action) and not isinstance(action, str):
            raise ValueError("the playground's argparse takes an action by its name")
        if action not in _ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        if "default" not in kwargs:
            if dest in self._defaults:
                kwargs["default"] = self._defaults[dest]
            elif action == "store_true":
                kwargs["default"] = False
            elif action == "store_false":
                kwargs["default"] = True
            elif action in ("help", "version"):
                kwargs["default"] = SUPPRESS
            else:
                kwargs["default"] = self.argument_default
        if action == "store_true":
            kwargs["const"] = True
            kwargs["nargs"] = 0
        elif action == "store_false":
            kwargs["const"] = False
            kwargs["nargs"] = 0
        elif action in ("store_const", "append_const", "count", "help", "version"):
            kwargs["nargs"] = 0
        if action in ("help", "version"):
            dest = SUPPRESS
            if action == "version" and "help" not in kwargs:
                kwargs["help"] = "show program's version number and exit"
        nargs = kwargs.get("nargs")
        if nargs == 0 and action in ("store", "append", "extend"):
            raise ValueError("nargs for store actions must be != 0; if you have nothing to store, actions such as store true or store const may be more appropriate")
        type_ = kwargs.get("type")
        if type_ is not None and not callable(type_):
            raise ValueError(f"{type_!r} is not callable")
        result = Action(option_strings, dest, kind=action, **kwargs)
        for option in option_strings:
            for other in self._actions:
                if option in other.option_strings:
                    raise ArgumentError(result, f"conflicting option string: {option}")
        self._add(result)
        return result

    def _add(self, action):
        self._actions.append(action)
        (self._optionals if action.option_strings else self._positionals)._group_actions.append(action)

    def add_argument_group(self, title=None, description=None):
        group = _Group(self, title, description)
        self._sections.append(group)
        return group

    def add_mutually_exclusive_group(self, required=False):
        group = _Group(self, exclusive=True, required=required)
        self._exclusive.append(group)
        return group

    def set_defaults(self, **kwargs):
        self._defaults.update(kwargs)
        for action in self._actions:
            if action.dest in kwargs:
                action.default = kwargs[action.dest]

    def get_default(self, dest):
        for action in self._actions:
            if action.dest == dest and action.default is not None:
                return action.default
        return self._defaults.get(dest)

    def add_subparsers(self, **kwargs):
        raise NotImplementedError("the playground's argparse has no subcommands: give the program options instead")

    # Parsing

    def parse_args(self, args=None, namespace=None):
        namespace, extras = self.parse_known_args(args, namespace)
        if extras:
            self.error("unrecognized arguments: " + " ".join(extras))
        return namespace

    def parse_intermixed_args(self, args=None, namespace=None):
        return self.parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        args = list(_sys.argv[1:] if args is None else args)
        if namespace is None:
            namespace = Namespace()
        for action in self._actions:
            if action.dest is not SUPPRESS and not hasattr(namespace, action.dest) and action.default is not SUPPRESS:
                setattr(namespace, action.dest, action.default)
        for dest, value in self._defaults.items():
            if not hasattr(namespace, dest):
                setattr(namespace, dest, value)
        try:
            return self._parse(args, namespace)
        except ArgumentError as e:
            if not self.exit_on_error:
                raise
            self.error(str(e))

    def _option(self, arg):
        # The action an option string names, and the value joined to it, if any.
        if not arg or arg[0] not in self.prefix_chars or arg in self.prefix_chars:
            return None
        for action in self._actions:
            if arg in action.option_strings:
                return action, None
        if "=" in arg:
            name, value = arg.split("=", 1)
            for action in self._actions:
                if name in action.option_strings:
                    return action, value
        if len(arg) > 2 and arg[1] not in self.prefix_chars:
            for action in self._actions:
                if arg[:2] in action.option_strings:
                    return action, arg[2:]
        if self.allow_abbrev and len(arg) > 2 and arg[1] in self.prefix_chars:
            name = arg.split("=", 1)[0]
            found = [(a, o) for a in self._actions for o in a.option_strings if o.startswith(name)]
            if len(found) > 1:
                options = ", ".join(o for _, o in found)
                raise ArgumentError(None, f"ambiguous option: {name} could match {options}")
            if found:
                return found[0][0], arg.split("=", 1)[1] if "=" in arg else None
        if arg[0] in self.prefix_chars and not _number(arg):
            return "unknown", None
        return None

    def _convert(self, action, text):
        convert = action.type
        if convert is None:
            value = text
        else:
            try:
                value = convert(text)
            except ArgumentTypeError as e:
                raise ArgumentError(action, str(e))
            except (TypeError, ValueError):
                name = getattr(convert, "__name__", repr(convert))
                raise ArgumentError(action, f"invalid {name} value: {text!r}")
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(repr, action.choices))
            raise ArgumentError(action, f"invalid choice: {value!r} (choose from {choices})")
        return value

    def _store(self, action, namespace, values, seen):
        for group in self._exclusive:
            if action in group._group_actions:
                for other in group._group_actions:
                    if other is not action and other in seen:
                        raise ArgumentError(action, f"not allowed with argument {_name(other)}")
        seen.append(action)
        kind = action.kind
        if kind == "help":
            self.print_help()
            self.exit()
        if kind == "version":
            print(action.version)
            self.exit()
        if kind in ("store_const", "store_true", "store_false"):
            setattr(namespace, action.dest, action.const)
        elif kind == "count":
            setattr(namespace, action.dest, (getattr(namespace, action.dest, None) or 0) + 1)
        elif kind == "append_const":
            setattr(namespace, action.dest, list(getattr(namespace, action.dest, None) or []) + [action.const])
        elif kind == "append":
            setattr(namespace, action.dest, list(getattr(namespace, action.dest, None) or []) + [values])
        elif kind == "extend":
            setattr(namespace, action.dest, list(getattr(namespace, action.dest, None) or []) + list(values))
        else:
            setattr(namespace, action.dest, values)

    def _values(self, action, texts):
        nargs = action.nargs
        if nargs is None:
            return self._convert(action, texts[0])
        if nargs == OPTIONAL:
            if texts:
                return self._convert(action, texts[0])
            if action.option_strings:
                return action.const
            default = action.default
            return self._convert(action, default) if isinstance(default, str) else default
        if nargs in (ZERO_OR_MORE, REMAINDER) and not texts and not action.option_strings:
            return action.default if action.default is not None else []
        return [self._convert(action, t) for t in texts]

    def _parse(self, args, namespace):
        extras = []
        seen = []
        positionals = [a for a in self._actions if not a.option_strings]
        pending = []
        i = 0
        only_positionals = False
        while i < len(args):
            arg = args[i]
            i += 1
            if arg == "--" and not only_positionals:
                only_positionals = True
                continue
            found = None if only_positionals else self._option(arg)
            if found is None:
                pending.append(arg)
                continue
            action, joined = found
            if action == "unknown":
                extras.append(arg)
                continue
            nargs = action.nargs
            if joined is not None:
                if nargs == 0:
                    if len(arg) > 2 and arg[1] not in self.prefix_chars and "=" not in arg:
                        # (-vq: flags written together.)
                        self._store(action, namespace, None, seen)
                        args.insert(i, self.prefix_chars[0] + joined)
                        continue
                    raise ArgumentError(action, f"ignored explicit argument {joined!r}")
                texts = [joined]
            else:
                texts = []
                while i < len(args) and (args[i] == "-" or self._option(args[i]) is None) and args[i] != "--":
                    if nargs in (None, OPTIONAL) and len(texts) == 1 or nargs == 0:
                        break
                    if isinstance(nargs, int) and len(texts) == nargs:
                        break
                    texts.append(args[i])
                    i += 1
                need = {None: 1, OPTIONAL: 0, ZERO_OR_MORE: 0, ONE_OR_MORE: 1, REMAINDER: 0}.get(nargs, nargs)
                if len(texts) < need:
                    message = {None: "expected one argument", ONE_OR_MORE: "expected at least one argument"}.get(
                        nargs, f"expected {nargs} argument" + ("s" if nargs != 1 else ""))
                    raise ArgumentError(action, message)
            self._store(action, namespace, self._values(action, texts), seen)
        # Positionals take what is left, in order.
        for action in positionals:
            nargs = action.nargs
            if nargs is None:
                take = 1
            elif nargs == OPTIONAL:
                take = min(1, len(pending))
            elif nargs in (ZERO_OR_MORE, REMAINDER, ONE_OR_MORE):
                later = sum(1 if a.nargs is None else a.nargs if isinstance(a.nargs, int) else 0
                            for a in positionals[positionals.index(action) + 1:])
                take = max(len(pending) - later, 0)
            else:
                take = nargs
            if len(pending) < take or nargs == ONE_OR_MORE and take == 0:
                break
            texts, pending = pending[:take], pending[take:]
            self._store(action, namespace, self._values(action, texts), seen)
        missing = [_name(a) for a in self._actions if a.required and a not in seen]
        if missing:
            self.error("the following arguments are required: " + ", ".join(missing))
        for group in self._exclusive:
            if group.required and not any(a in seen for a in group._group_actions):
                names = " ".join(_name(a) for a in group._group_actions if a.help is not SUPPRESS)
                self.error(f"one of the arguments {names} is required")
        for action in self._actions:
            if action not in seen and isinstance(action.default, str) and action.dest is not SUPPRESS:
                if getattr(namespace, action.dest, None) is action.default and action.nargs not in (ZERO_OR_MORE, ONE_OR_MORE):
                    setattr(namespace, action.dest, self._convert(action, action.default))
        return namespace, extras + pending

    # Usage and help

    def _metavar(self, action):
        if action.metavar is not None:
            return action.metavar
        if action.choices is not None:
            return "{" + ",".join(map(str, action.choices)) + "}"
        return action.dest if not action.option_strings else action.dest.upper()

    def _args(self, action):
        metavar = self._metavar(action)
        if isinstance(metavar, tuple):
            parts = list(metavar)
        else:
            parts = [metavar] * (action.nargs if isinstance(action.nargs, int) else 2)
        nargs = action.nargs
        if nargs is None:
            return parts[0]
        if nargs == OPTIONAL:
            return f"[{parts[0]}]"
        if nargs == ZERO_OR_MORE:
            return f"[{parts[0]} ...]"
        if nargs == ONE_OR_MORE:
            return f"{parts[0]} [{parts[0]} ...]"
        if nargs == REMAINDER:
            return "..."
        return " ".join(parts[:nargs])

    def format_usage(self):
        return self._usage() + "\n"

    def _usage(self):
        if self.usage is not None:
            return "usage: " + self.usage.replace("%(prog)s", self.prog)
        opt_parts = []
        pos_parts = []
        for action in self._actions:
            if action.help is SUPPRESS:
                continue
            if action.option_strings:
                text = action.option_strings[0]
                if action.nargs != 0:
                    text += " " + self._args(action)
                opt_parts.append(text if action.required else f"[{text}]")
            else:
                pos_parts.append(self._args(action))
        prefix = "usage: "
        prog = self.prog
        text_width = HelpFormatter(self.prog)._width
        if len(prefix) + len(" ".join([prog] + opt_parts + pos_parts)) <= text_width:
            return prefix + " ".join([prog] + opt_parts + pos_parts)

        # (CPython's HelpFormatter: the optionals' lines, then the positionals'.)
        def get_lines(parts, indent, prefix=None):
            lines = []
            line = []
            line_len = len(prefix) - 1 if prefix is not None else len(indent) - 1
            for part in parts:
                if line_len + 1 + len(part) > text_width and line:
                    lines.append(indent + " ".join(line))
                    line = []
                    line_len = len(indent) - 1
                line.append(part)
                line_len += len(part) + 1
            if line:
                lines.append(indent + " ".join(line))
            if prefix is not None:
                lines[0] = lines[0][len(indent):]
            return lines

        if len(prefix) + len(prog) <= 0.75 * text_width:
            indent = " " * (len(prefix) + len(prog) + 1)
            if opt_parts:
                lines = get_lines([prog] + opt_parts, indent, prefix)
                lines.extend(get_lines(pos_parts, indent))
            elif pos_parts:
                lines = get_lines([prog] + pos_parts, indent, prefix)
            else:
                lines = [prog]
        else:
            indent = " " * len(prefix)
            lines = get_lines(opt_parts + pos_parts, indent)
            if len(lines) > 1:
                lines = get_lines(opt_parts, indent) + get_lines(pos_parts, indent)
            lines = [prog] + lines
        return prefix + "\n".join(lines)

    def _invocation(self, action):
        if not action.option_strings:
            return self._metavar(action)
        if action.nargs == 0:
            return ", ".join(action.option_strings)
        args = self._args(action)
        return ", ".join(f"{o} {args}" for o in action.option_strings)

    def _help_text(self, action):
        text = action.help % {"prog": self.prog, "default": action.default} if "%(" in action.help else action.help
        if issubclass(self.formatter_class, ArgumentDefaultsHelpFormatter) and "%(default)" not in action.help:
            if action.default is not SUPPRESS and (action.option_strings or action.nargs in (OPTIONAL, ZERO_OR_MORE)):
                text += f" (default: {action.default})"
        return text

    def format_help(self):
        formatter = self.formatter_class(self.prog)
        width = formatter._width
        out = [self._usage(), ""]
        if self.description:
            out += [formatter._fill(self.description, width, ""), ""]
        grouped = [a for group in self._sections for a in group._group_actions]
        invocations = [self._invocation(a) for a in self._actions if a.help is not SUPPRESS]
        longest = max((len(i) + 2 for i in invocations), default=0)
        help_position = min(longest + 2, formatter._max_help_position)
        for group in [self._positionals, self._optionals] + self._sections:
            actions = group._group_actions
            if group in (self._positionals, self._optionals):
                actions = [a for a in actions if a not in grouped]
            actions = [a for a in actions if a.help is not SUPPRESS]
            if not actions and not group.description:
                continue
            out.append(group.title + ":")
            if group.description:
                out.append(formatter._fill(group.description, width, "  "))
                if actions:
                    out.append("")
            for action in actions:
                invocation = "  " + self._invocation(action)
                if action.help is None:
                    out.append(invocation)
                    continue
                lines = _textwrap.wrap(" ".join(self._help_text(action).split()), max(width - help_position, 11))
                if len(invocation) <= help_position - 2:
                    out.append(invocation.ljust(help_position) + lines[0])
                    lines = lines[1:]
                else:
                    out.append(invocation)
                out += [" " * help_position + line for line in lines]
            out.append("")
        if self.epilog:
            out.append(formatter._fill(self.epilog, width, ""))
            out.append("")
        return "\n".join(out).rstrip("\n") + "\n"

    def print_usage(self, file=None):
        print(self.format_usage(), end="", file=file if file is not None else _sys.stdout)

    def print_help(self, file=None):
        print(self.format_help(), end="", file=file if file is not None else _sys.stdout)

    def exit(self, status=0, message=None):
        if message:
            print(message, end="", file=_sys.stderr)
        _sys.exit(status)

    def error(self, message):
        self.print_usage(_sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False
