"""Serving a session: a socket on 127.0.0.1 only, uvicorn, and the browser opened.

The port is free by construction: the socket is bound before the server starts (port 0
lets the system choose), so no other program can take it in between. The address with
the session's key is printed on the terminal and handed to the browser through a small
redirect page in a private temporary folder, so it does not appear on a command line
that other users of the machine can list.
"""

from __future__ import annotations

import errno
import html
import secrets
import shutil
import socket
import tempfile
import threading
import webbrowser
from pathlib import Path

import uvicorn

from .app import create_app
from .sessie import Sessie

LUISTER_ADRES = "127.0.0.1"
_REDENEN = {
    errno.EADDRINUSE: "is al in gebruik",
    errno.EACCES: "mag niet gebruikt worden (geen toestemming)",
    errno.EPERM: "mag niet gebruikt worden (geen toestemming)",
}


class PoortBezet(Exception):
    """The chosen port cannot be used (a Dutch message)."""


def bind(poort: int | None) -> socket.socket:
    """A listening socket on 127.0.0.1 (never on another interface)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((LUISTER_ADRES, poort or 0))
        sock.listen(64)
    except OSError as fout:
        sock.close()
        reden = _REDENEN.get(fout.errno, "kan niet geopend worden")
        if poort:
            raise PoortBezet(
                f"poort {poort} {reden}; kies een andere met --poort, of laat --poort weg voor "
                "een vrije poort"
            ) from None
        raise PoortBezet(f"geen vrije poort op {LUISTER_ADRES}: {reden}") from None
    return sock


class Dienst:
    """One session's server: bound at once, serving when `run` is called."""

    def __init__(self, sessie: Sessie, uitmap: Path, poort: int | None = None):
        self.sleutel = secrets.token_urlsafe(32)
        self.sock = bind(poort)
        self.poort = self.sock.getsockname()[1]
        self.adres = f"http://{LUISTER_ADRES}:{self.poort}/{self.sleutel}/"
        self.app = create_app(sessie, self.sleutel, uitmap, stoppen=self.stop)
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            server_header=False,
        )
        self.server = uvicorn.Server(config)

    @property
    def omgeving(self):
        return self.app.omgeving

    def run(self) -> None:
        """Serve until `stop` (the page's button) or Ctrl+C."""
        try:
            self.server.run(sockets=[self.sock])
        finally:
            self.sock.close()

    def stop(self) -> None:
        self.server.should_exit = True


def open_in_browser(adres: str) -> Path | None:
    """Open the page through a redirect file only this user can read; its folder is
    returned so the command can remove it when the session ends."""
    map_ = Path(tempfile.mkdtemp(prefix="loyaliteit-intervisie-"))
    pagina = map_ / "open.html"
    veilig = html.escape(adres, quote=True)
    pagina.write_text(
        f'<!DOCTYPE html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={veilig}">'
        f'<title>Intervisie</title><a href="{veilig}">Naar de intervisie</a>\n',
        encoding="utf-8",
    )
    pagina.chmod(0o600)
    threading.Timer(0.2, webbrowser.open, args=(pagina.as_uri(),)).start()
    return map_


def remove_quietly(map_: Path | None) -> None:
    if map_ is not None:
        shutil.rmtree(map_, ignore_errors=True)
