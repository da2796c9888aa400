"""Many cases at once: spread over processes, each building the engine once.

Results come back in the order of the files. A file that cannot be read gives an
`Analyse` with only `fouten`; the others are analysed as usual.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .analyse import Analysator
from .kennisbank import load_kennisbank
from .uitleg import Analyse

# Below this many files per process, starting processes costs more than it saves.
MIN_BESTANDEN_PER_PROCES = 10

_WERKER: Analysator | None = None


def default_processes() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def processes_for(aantal_bestanden: int, gevraagd: int | None) -> int:
    gewenst = gevraagd if gevraagd is not None else default_processes()
    return max(1, min(gewenst, aantal_bestanden // MIN_BESTANDEN_PER_PROCES))


def _start_worker(kennisbank: Path | None) -> None:
    global _WERKER
    _WERKER = Analysator(load_kennisbank(kennisbank))


def _analyse_in_worker(opdracht: tuple[Path, bool, int]) -> Analyse:
    pad, anoniem, volgnummer = opdracht
    assert _WERKER is not None
    return _WERKER.analyse_file(pad, anoniem=anoniem, volgnummer=volgnummer)


def analyse_files(
    bestanden: list[Path],
    analysator: Analysator,
    kennisbank: Path | None,
    processen: int = 1,
    anoniem: bool = False,
    bij_elk: Callable[[Analyse], None] | None = None,
) -> Iterator[Analyse]:
    """Analyse every file, in order; `bij_elk` is called after each (for a progress bar)."""
    if processen <= 1:
        for volgnummer, pad in enumerate(bestanden, 1):
            analyse = analysator.analyse_file(pad, anoniem=anoniem, volgnummer=volgnummer)
            if bij_elk:
                bij_elk(analyse)
            yield analyse
        return
    chunk = max(1, min(32, len(bestanden) // (processen * 4)))
    with ProcessPoolExecutor(processen, initializer=_start_worker, initargs=(kennisbank,)) as pool:
        opdrachten = [(p, anoniem, i) for i, p in enumerate(bestanden, 1)]
        for analyse in pool.map(_analyse_in_worker, opdrachten, chunksize=chunk):
            if bij_elk:
                bij_elk(analyse)
            yield analyse
