"""aiosmtpd's Controller, a real SMTP server on loopback for tests.

aiosmtpd imports `from public import public` (its dependency atpublic), a name this
project's own `public` app takes first on the path. So aiosmtpd is imported once with
atpublic's package standing in for ours, which is put back at once.
"""

import importlib.metadata
import importlib.util
import socket
import sys
from importlib.machinery import PathFinder


def _is_public(name: str) -> bool:
    return name == "public" or name.startswith("public.")


def _import_aiosmtpd():
    ours = {name: module for name, module in sys.modules.items() if _is_public(name)}
    for name in ours:
        del sys.modules[name]
    try:
        folder = importlib.metadata.distribution("atpublic").locate_file("")
        spec = PathFinder.find_spec("public", [str(folder)])
        theirs = importlib.util.module_from_spec(spec)
        sys.modules["public"] = theirs
        spec.loader.exec_module(theirs)
        from aiosmtpd import controller, handlers, smtp  # noqa: F401
    finally:
        for name in [name for name in sys.modules if _is_public(name)]:
            del sys.modules[name]
        sys.modules.update(ours)
    return controller.Controller


Controller = _import_aiosmtpd()


class Inbox:
    """An SMTP handler that keeps each envelope it receives."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
