"""Reading the files a user gives: only regular files, and never more than a limit.

`read_regular_file` opens a file without blocking and checks that it is a regular file
before it reads a byte (a FIFO, a device or a socket would hang or never end), with a
limit on the size. Both the case loader and the knowledge-base loader read through it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .fouten import Invoerfout, display_path, os_error_text, printable


class LeesProbleem(Exception):
    """A file that cannot be read; `bericht` is the Dutch reason."""

    def __init__(self, bericht: str):
        super().__init__(bericht)
        self.bericht = bericht


_SOORTEN = (
    (stat.S_ISDIR, "is een map, geen bestand"),
    (stat.S_ISFIFO, "is een pijp (FIFO), geen gewoon bestand"),
    (stat.S_ISSOCK, "is een socket, geen gewoon bestand"),
    (stat.S_ISCHR, "is een apparaat, geen gewoon bestand"),
    (stat.S_ISBLK, "is een apparaat, geen gewoon bestand"),
)


def not_regular_reason(modus: int) -> str | None:
    """Why a file with this `st_mode` is not read (None for a regular file)."""
    if stat.S_ISREG(modus):
        return None
    return next((tekst for test, tekst in _SOORTEN if test(modus)), "geen gewoon bestand")


def read_regular_file(pad: Path, max_bytes: int, alleen_begin: int | None = None) -> bytes:
    """The bytes of a regular file of at most `max_bytes` (or only its first
    `alleen_begin` bytes); anything else (a FIFO, a device, a folder, a broken link, no
    permission) raises `LeesProbleem` in Dutch.

    The file is opened without blocking and checked on the open descriptor, so a FIFO
    never hangs the run and nothing can be swapped in between the check and the read."""
    vlaggen = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(pad, vlaggen | getattr(os, "O_CLOEXEC", 0))
    except OSError as fout:
        raise LeesProbleem(path_problem(pad, fout)) from None
    try:
        status = os.fstat(descriptor)
        reden = not_regular_reason(status.st_mode)
        if reden is not None:
            raise LeesProbleem(reden)
        if alleen_begin is not None:
            return os.read(descriptor, alleen_begin)
        if status.st_size > max_bytes:
            raise LeesProbleem(f"bestand te groot ({status.st_size} bytes; maximaal {max_bytes})")
        delen, gelezen = [], 0
        while gelezen <= max_bytes:
            deel = os.read(descriptor, max_bytes + 1 - gelezen)
            if not deel:
                break
            delen.append(deel)
            gelezen += len(deel)
        if gelezen > max_bytes:
            raise LeesProbleem(f"bestand te groot (meer dan {max_bytes} bytes)")
        return b"".join(delen)
    except OSError as fout:
        raise LeesProbleem(f"kan bestand niet lezen: {os_error_text(fout)}") from None
    finally:
        os.close(descriptor)


def path_problem(pad: Path, fout: OSError) -> str:
    """A Dutch reason why a path could not be opened, naming a broken link's target."""
    if fout.errno in (errno.ENOENT, errno.ENOTDIR) and os.path.islink(pad):
        try:
            doel = printable(os.readlink(pad))
        except OSError:
            doel = "?"
        return f"de symbolische link wijst naar '{doel}', en dat bestaat niet"
    if fout.errno == errno.ELOOP:
        return "een symbolische link verwijst naar zichzelf (een lus)"
    if fout.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"bestand {os_error_text(fout)}"
    return f"kan bestand niet lezen: {os_error_text(fout)}"


def sorted_names(map_: Path, fouten: list[Invoerfout], waarom: str) -> list[str] | None:
    """The names in a folder, sorted; None when it cannot be listed, with an error
    `map <waarom>: <reason>` in `fouten`."""
    try:
        with os.scandir(map_) as inhoud:
            return sorted(item.name for item in inhoud)
    except OSError as fout:
        fouten.append(Invoerfout(display_path(map_), f"map {waarom}: {os_error_text(fout)}"))
        return None
