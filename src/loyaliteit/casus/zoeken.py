"""Finding case files in the paths a user gives: files, folders and their subfolders.

Nothing is skipped without a word: links, loops, FIFOs and unreadable folders are each
named as an error.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from ..bestandlezen import (
    LeesProbleem,
    not_regular_reason,
    path_problem,
    read_regular_file,
    sorted_names,
)
from ..fouten import Invoerfout, display_path
from .lezen import MAX_BYTES, is_standard_input, read_standard_input

CASUS_EXTENSIES = (".yaml", ".yml", ".md", ".txt")


def find_case_files(paden: list[Path]) -> tuple[list[Path], list[Invoerfout]]:
    """Expand files and folders into case files, sorted; every problem becomes an error.

    Nothing is skipped without a word: a path that is not a regular file or folder, an
    unreadable subfolder, a broken symbolic link or a link loop inside a folder each give
    an error. `-` (standard input) is read here, once, before any work is shared out."""
    gevonden: list[Path] = []
    fouten: list[Invoerfout] = []
    for pad in paden:
        if is_standard_input(pad):
            gevonden.append(pad)
            continue
        try:
            status = os.stat(pad)
        except OSError as fout:
            fouten.append(Invoerfout(display_path(pad), path_problem(pad, fout)))
            continue
        if stat.S_ISDIR(status.st_mode):
            eerder = len(fouten)
            inhoud = _case_files_in(pad, status, fouten)
            if not inhoud and len(fouten) == eerder:
                fouten.append(Invoerfout(display_path(pad), "geen casusbestanden in deze map"))
            gevonden.extend(inhoud)
        elif stat.S_ISREG(status.st_mode):
            gevonden.append(pad)
        else:
            fouten.append(Invoerfout(display_path(pad), not_regular_reason(status.st_mode) or ""))
    if any(is_standard_input(pad) for pad in gevonden):
        with contextlib.suppress(OSError):  # load_casus reports it
            read_standard_input()
    return gevonden, fouten


def _case_files_in(map_: Path, status: os.stat_result, fouten: list[Invoerfout]) -> list[Path]:
    """Case files in a folder and its subfolders (symbolic links followed, loops
    reported), skipping hidden ones and our own reports."""
    bestanden: list[Path] = []
    bezocht = {(status.st_dev, status.st_ino)}
    stapel: list[tuple[Path, frozenset]] = [(map_, frozenset(bezocht))]
    while stapel:
        huidig, voorouders = stapel.pop()
        for pad in _entries(huidig, fouten):
            item = _stat_or_report(pad, fouten)
            if item is None:
                continue
            sleutel = (item.st_dev, item.st_ino)
            if not stat.S_ISDIR(item.st_mode):
                if _is_case_file(pad, item, fouten):
                    bestanden.append(pad)
            elif sleutel in voorouders:
                bericht = "een symbolische link naar een map erboven (een lus); niet doorzocht"
                fouten.append(Invoerfout(display_path(pad), bericht))
            elif sleutel not in bezocht:  # a folder reached twice through links: once
                bezocht.add(sleutel)
                stapel.append((pad, voorouders | {sleutel}))
    return sorted(bestanden)


def _entries(map_: Path, fouten: list[Invoerfout]) -> list[Path]:
    """The visible entries of a folder, sorted; an unreadable folder is an error."""
    namen = sorted_names(map_, fouten, "kan niet doorzocht worden") or []
    return [map_ / naam for naam in namen if not naam.startswith(".")]


def _stat_or_report(pad: Path, fouten: list[Invoerfout]) -> os.stat_result | None:
    """What a link points to; a broken link or a loop that may hide a case is an error."""
    try:
        return os.stat(pad)
    except OSError as fout:
        extensie = pad.suffix.lower()
        if extensie in CASUS_EXTENSIES or not extensie:
            fouten.append(Invoerfout(display_path(pad), path_problem(pad, fout)))
        return None


def _is_case_file(pad: Path, item: os.stat_result, fouten: list[Invoerfout]) -> bool:
    if pad.suffix.lower() not in CASUS_EXTENSIES:
        return False
    reden = not_regular_reason(item.st_mode)
    if reden is not None:
        fouten.append(Invoerfout(display_path(pad), reden))
        return False
    return not is_report(pad)


RAPPORT_MERKTEKEN = "<!-- loyaliteit-rapport -->"


def is_report(pad: Path) -> bool:
    """A Markdown report this tool wrote (its first line is the marker)."""
    if pad.suffix.lower() != ".md":
        return False
    try:
        begin = read_regular_file(pad, MAX_BYTES, alleen_begin=len(RAPPORT_MERKTEKEN))
    except LeesProbleem:
        return False
    return begin == RAPPORT_MERKTEKEN.encode()
