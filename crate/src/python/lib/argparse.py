# argparse: a command line's options and arguments, parsed as CPython's parser does.
# A page's program has no command line (sys.argv is ['main.py']), so parse_args()
# gives the defaults; a list passed to parse_args is parsed in full, with CPython's
# messages for what is wrong, its usage line and its help.

import re as _re
import sys as _sys
import textwrap as _textwrap

SUPPRESS = "==SUPPRESS=="
OPTIONAL = "?"
ZERO_OR_MORE = "*"
ONE_OR_MORE = "+"
REMAINDER = "..."
PARSER = "A..."
_UNRECOGNIZED_ARGS_ATTR = "_unrecognized_args"


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
    if action.choices:
        return "{" + ",".join(action.choices) + "}"
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

    def __call__(self, parser, namespace, values, option_string=None):
        raise NotImplementedError(".__call__() not defined")

    def format_usage(self):
        return self.option_strings[0]

    def __repr__(self):
        names = ["option_strings", "dest", "nargs", "const", "default", "type", "choices", "required", "help", "metavar"]
        kind = {"store": "_StoreAction", "store_const": "_StoreConstAction", "store_true": "_StoreTrueAction",
                "store_false": "_StoreFalseAction", "append": "_AppendAction", "count": "_CountAction",
                "help": "_HelpAction", "version": "_VersionAction", "extend": "_ExtendAction",
                "append_const": "_AppendConstAction", "parsers": "_SubParsersAction"}.get(self.kind, type(self).__name__)
        return kind + "(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in names) + ")"


class BooleanOptionalAction(Action):
    def __init__(self, option_strings, dest, default=None, type=None, choices=None, required=False,
                 help=None, metavar=None):
        strings = []
        for option in option_strings:
            strings.append(option)
            if option.startswith("--"):
                strings.append("--no-" + option[2:])
        super().__init__(strings, dest, nargs=0, default=default, type=type, choices=choices,
                         required=required, help=help, metavar=metavar)

    def __call__(self, parser, namespace, values, option_string=None):
        if option_string in self.option_strings:
            setattr(namespace, self.dest, not option_string.startswith("--no-"))

    def format_usage(self):
        return " | ".join(self.option_strings)


class _SubParsersAction(Action):
    # add_subparsers(): a positional that names the parser for the rest of the line.

    def __init__(self, option_strings, prog, parser_class, dest=SUPPRESS, required=False, help=None, metavar=None):
        self._prog_prefix = prog
        self._parser_class = parser_class
        self._name_parser_map = {}
        self._choices_actions = []
        super().__init__(option_strings, dest, nargs=PARSER, choices=self._name_parser_map,
                         required=required, help=help, metavar=metavar, kind="parsers")

    def add_parser(self, name, **kwargs):
        if kwargs.get("prog") is None:
            kwargs["prog"] = f"{self._prog_prefix} {name}"
        aliases = kwargs.pop("aliases", ())
        if name in self._name_parser_map:
            raise ArgumentError(self, f"conflicting subparser: {name}")
        for alias in aliases:
            if alias in self._name_parser_map:
                raise ArgumentError(self, f"conflicting subparser alias: {alias}")
        if "help" in kwargs:
            metavar = name + (" (" + ", ".join(aliases) + ")" if aliases else "")
            self._choices_actions.append(Action([], name, help=kwargs.pop("help"), metavar=metavar))
        parser = self._parser_class(**kwargs)
        self._name_parser_map[name] = parser
        for alias in aliases:
            self._name_parser_map[alias] = parser
        return parser

    def __call__(self, parser, namespace, values, option_string=None):
        name, strings = values[0], values[1:]
        if self.dest is not SUPPRESS:
            setattr(namespace, self.dest, name)
        try:
            chosen = self._name_parser_map[name]
        except KeyError:
            raise ArgumentError(self, f"unknown parser {name!r} (choices: {', '.join(self._name_parser_map)})")
        subnamespace, strings = chosen.parse_known_args(strings, None)
        for key, value in vars(subnamespace).items():
            setattr(namespace, key, value)
        if strings:
            vars(namespace).setdefault(_UNRECOGNIZED_ARGS_ATTR, [])
            getattr(namespace, _UNRECOGNIZED_ARGS_ATTR).extend(strings)


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
        if isinstance(action, type) and issubclass(action, Action):
            # (A class of actions: argparse.BooleanOptionalAction, or the program's own.)
            if "default" not in kwargs:
                kwargs["default"] = self._defaults.get(dest, self.argument_default)
            result = action(option_strings, dest, **kwargs)
            result.kind = "custom"
            self._check_conflicts(result)
            self._add(result)
            return result
        if callable(action) and not isinstance(action, str):
            raise ValueError(f"unknown action {action!r}")
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
        self._check_conflicts(result)
        self._add(result)
        return result

    def _check_conflicts(self, action):
        for option in action.option_strings:
            for other in self._actions:
                if option in other.option_strings:
                    raise ArgumentError(action, f"conflicting option string: {option}")

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
        if self._subparsers is not None:
            self.error("cannot have multiple subparser arguments")
        kwargs.setdefault("parser_class", type(self))
        if "title" in kwargs or "description" in kwargs:
            group = self.add_argument_group(kwargs.pop("title", "subcommands"), kwargs.pop("description", None))
        else:
            group = self._positionals
        self._subparsers = group
        if kwargs.get("prog") is None:
            # (The parser's name and the positionals before the subcommand's.)
            parts = [self._args(a) for a in self._actions if not a.option_strings and a.help is not SUPPRESS]
            kwargs["prog"] = " ".join([self.prog] + parts)
        action = _SubParsersAction([], **kwargs)
        self._actions.append(action)
        group._group_actions.append(action)
        return action

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
            namespace, extras = self._parse(args, namespace)
        except ArgumentError as e:
            if not self.exit_on_error:
                raise
            self.error(str(e))
        if hasattr(namespace, _UNRECOGNIZED_ARGS_ATTR):
            extras.extend(getattr(namespace, _UNRECOGNIZED_ARGS_ATTR))
            delattr(namespace, _UNRECOGNIZED_ARGS_ATTR)
        return namespace, extras

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

    def _check(self, action, value):
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(repr, action.choices))
            raise ArgumentError(action, f"invalid choice: {value!r} (choose from {choices})")

    def _convert(self, action, text, check=True):
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
        if check:
            self._check(action, value)
        return value

    def _store(self, action, namespace, values, seen, option_string=None):
        for group in self._exclusive:
            if action in group._group_actions:
                for other in group._group_actions:
                    if other is not action and other in seen:
                        raise ArgumentError(action, f"not allowed with argument {_name(other)}")
        seen.append(action)
        kind = action.kind
        if kind in ("custom", "parsers"):
            if values is not SUPPRESS:
                action(self, namespace, values, option_string)
            return
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
        # (CPython's _get_values: the texts an action matched, converted and checked.)
        nargs = action.nargs
        if nargs not in (PARSER, REMAINDER) and "--" in texts:
            texts = list(texts)
            texts.remove("--")
        if not texts and nargs == OPTIONAL:
            value = action.const if action.option_strings else action.default
            return self._convert(action, value) if isinstance(value, str) else value
        if not texts and nargs == ZERO_OR_MORE and not action.option_strings:
            value = action.default if action.default is not None else texts
            self._check(action, value)
            return value
        if len(texts) == 1 and nargs in (None, OPTIONAL):
            return self._convert(action, texts[0])
        if nargs == REMAINDER:
            return [self._convert(action, t, False) for t in texts]
        if nargs == PARSER:
            values = [self._convert(action, t, False) for t in texts]
            self._check(action, values[0])
            return values
        if nargs == SUPPRESS:
            return SUPPRESS
        return [self._convert(action, t) for t in texts]

    def _nargs_pattern(self, action):
        nargs = action.nargs
        if nargs is None:
            pattern = "(-*A-*)"
        elif nargs == OPTIONAL:
            pattern = "(-*A?-*)"
        elif nargs == ZERO_OR_MORE:
            pattern = "(-*[A-]*)"
        elif nargs == ONE_OR_MORE:
            pattern = "(-*A[A-]*)"
        elif nargs == REMAINDER:
            pattern = "([-AO]*)"
        elif nargs == PARSER:
            pattern = "(-*A[-AO]*)"
        elif nargs == SUPPRESS:
            pattern = "(-*-*)"
        else:
            pattern = "(-*" + "-*".join("A" * nargs) + "-*)"
        if action.option_strings:
            pattern = pattern.replace("-*", "").replace("-", "")
        return pattern

    def _match(self, action, pattern):
        # How many of the strings after an option it takes.
        match = _re.match(self._nargs_pattern(action), pattern)
        if match is None:
            nargs = action.nargs
            message = {None: "expected one argument", OPTIONAL: "expected at most one argument",
                       ONE_OR_MORE: "expected at least one argument"}.get(nargs)
            if message is None:
                message = f"expected {nargs} argument" + ("" if nargs == 1 else "s")
            raise ArgumentError(action, message)
        return len(match.group(1))

    def _match_partial(self, actions, pattern):
        # As many of the positionals as the strings can fill, each with its count.
        for i in range(len(actions), 0, -1):
            match = _re.match("".join(self._nargs_pattern(a) for a in actions[:i]), pattern)
            if match is not None:
                return [len(group) for group in match.groups()]
        return []

    def _parse(self, args, namespace):
        # CPython's way: each string is an option ('O'), an argument ('A') or '--' ('-');
        # positionals and options are consumed by turns, the positionals matched to as
        # many of the arguments before the next option as their nargs take.
        options = {}
        pattern = []
        for i, arg in enumerate(args):
            if "-" in pattern:
                pattern.append("A")
            elif arg == "--":
                pattern.append("-")
            else:
                found = self._option(arg)
                if found is None:
                    pattern.append("A")
                else:
                    options[i] = found
                    pattern.append("O")
        pattern = "".join(pattern)
        seen = []
        extras = []
        positionals = [a for a in self._actions if not a.option_strings]

        def consume_optional(start):
            action, joined = options[start]
            option = args[start]
            if action == "unknown":
                extras.append(option)
                return start + 1
            taken = []
            while True:
                if option.startswith(self.prefix_chars[0] * 2) or len(option) <= 2:
                    option_string = option.split("=", 1)[0]
                else:
                    option_string = option[:2]
                if joined is None:
                    count = self._match(action, pattern[start + 1:])
                    taken.append((action, args[start + 1:start + 1 + count], option_string))
                    stop = start + 1 + count
                    break
                count = self._match(action, "A")
                if count == 0 and option[1] not in self.prefix_chars and joined != "":
                    # (-vq: flags written together.)
                    taken.append((action, [], option_string))
                    option = option[0] + joined
                    following = self._option(option[:2])
                    if following is None or following[0] == "unknown" or following[1] is not None:
                        raise ArgumentError(action, f"ignored explicit argument {joined!r}")
                    action = following[0]
                    joined = joined[1:] or None
                elif count == 1:
                    taken.append((action, [joined], option_string))
                    stop = start + 1
                    break
                else:
                    raise ArgumentError(action, f"ignored explicit argument {joined!r}")
            for action, texts, option_string in taken:
                self._store(action, namespace, self._values(action, texts), seen, option_string)
            return stop

        def consume_positionals(start):
            counts = self._match_partial(positionals, pattern[start:])
            for action, count in zip(positionals, counts):
                texts = args[start:start + count]
                start += count
                self._store(action, namespace, self._values(action, texts), seen)
            positionals[:] = positionals[len(counts):]
            return start

        start = 0
        last_option = max(options) if options else -1
        while start <= last_option:
            next_option = min(i for i in options if i >= start)
            if start != next_option:
                end = consume_positionals(start)
                if end > start:
                    start = end
                    continue
                start = end
            if start not in options:
                extras.extend(args[start:next_option])
                start = next_option
            start = consume_optional(start)
        stop = consume_positionals(start)
        extras.extend(args[stop:])
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
        return namespace, extras

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
        if nargs == PARSER:
            return f"{parts[0]} ..."
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
                if action.nargs == 0:
                    text = action.format_usage()
                else:
                    text = action.option_strings[0] + " " + self._args(action)
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
        # (A subcommand's line is indented past its parser's.)
        invocations += ["  " + self._invocation(c) for a in self._actions for c in getattr(a, "_choices_actions", ())]
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
                for indent, shown in [("  ", action)] + [("    ", c) for c in getattr(action, "_choices_actions", ())]:
                    invocation = indent + self._invocation(shown)
                    if shown.help is None:
                        out.append(invocation)
                        continue
                    lines = _textwrap.wrap(" ".join(self._help_text(shown).split()), max(width - help_position, 11))
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
