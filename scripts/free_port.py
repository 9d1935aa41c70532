"""Prints the first free TCP port on 127.0.0.1 from the one given, or any free one."""
import socket
import sys


def free_port(start: int) -> int:
    for port in [*range(start, start + 20), 0]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise SystemExit("no free port on 127.0.0.1")


if __name__ == "__main__":
    print(free_port(int(sys.argv[1]) if len(sys.argv) > 1 else 8000))
