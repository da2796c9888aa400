"""Many cases at once: spread over processes, each loading the knowledge base once.

Results come back in the order of the files. A file that cannot be read gives an
`Analyse` with only `fouten`; the others are analysed as usual. Pseudonymising is the
last step, on the finished analysis.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..analyse import analyse
from ..anoniem import pseudonym_id, pseudonymise_analysis, pseudonymise_failure
from ..casus import CasusFout, load_casus
from ..fouten import display_path, printable
from ..kennisbank import Kennisbank, load_kennisbank
from ..uitleg import Analyse
from ..uitleg.uitkomst import CasusInfo

# Below this many files per process, starting a process (loading the knowledge base, the
# trained detector and building the engine) costs more than it saves: on the 30 example
# cases a second process gained nothing and cost half again the CPU time. This is the
# default only; `--processen N` is taken as asked.
MIN_BESTANDEN_PER_PROCES = 50

_WERKER: Kennisbank | None = None


def default_processes() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def processes_for(aantal_bestanden: int, gevraagd: int | None) -> int:
    if gevraagd is not None:
        return max(1, min(gevraagd, aantal_bestanden))
    return max(1, min(default_processes(), aantal_bestanden // MIN_BESTANDEN_PER_PROCES))


def analyse_file(pad: Path, kb: Kennisbank, anoniem: bool = False, volgnummer: int = 1) -> Analyse:
    """Load and analyse one file; a file that cannot be read gives an `Analyse` with
    only `fouten`. With `anoniem`, names are replaced in the finished analysis."""
    try:
        casus = load_casus(pad)
    except CasusFout as fout:
        if anoniem:
            return pseudonymise_failure(fout.fouten, display_path(pad), pseudonym_id(volgnummer))
        return Analyse(
            casus=CasusInfo(id=printable(pad.stem), bestand=display_path(pad)),
            fouten=[str(f) for f in fout.fouten],
        )
    resultaat = analyse(casus, kb)
    return pseudonymise_analysis(resultaat, casus, volgnummer) if anoniem else resultaat


def _start_worker(kennisbank: Path | None, ouder: int) -> None:
    global _WERKER
    _stop_when_orphaned(ouder)
    _WERKER = load_kennisbank(kennisbank, voorbeelden=False)


def _stop_when_orphaned(ouder: int, interval: float = 0.5) -> None:
    """A worker whose main process is gone (killed, even with SIGKILL) stops itself
    instead of analysing on for nobody."""

    def wacht() -> None:
        while os.getppid() == ouder:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=wacht, name="wees-bewaker", daemon=True).start()


def _analyse_in_worker(opdracht: tuple[Path, bool, int]) -> Analyse:
    pad, anoniem, volgnummer = opdracht
    assert _WERKER is not None
    return analyse_file(pad, _WERKER, anoniem=anoniem, volgnummer=volgnummer)


def analyse_files(
    bestanden: list[Path],
    kb: Kennisbank,
    kennisbank: Path | None,
    processen: int = 1,
    anoniem: bool = False,
    bij_elk: Callable[[Analyse], None] | None = None,
) -> Iterator[Analyse]:
    """Analyse every file, in order; `bij_elk` is called after each (for a progress bar)."""
    if processen <= 1:
        for volgnummer, pad in enumerate(bestanden, 1):
            resultaat = analyse_file(pad, kb, anoniem=anoniem, volgnummer=volgnummer)
            if bij_elk:
                bij_elk(resultaat)
            yield resultaat
        return
    chunk = max(1, min(32, len(bestanden) // (processen * 4)))
    pool = ProcessPoolExecutor(
        processen, initializer=_start_worker, initargs=(kennisbank, os.getpid())
    )
    try:
        opdrachten = [(p, anoniem, i) for i, p in enumerate(bestanden, 1)]
        for resultaat in pool.map(_analyse_in_worker, opdrachten, chunksize=chunk):
            if bij_elk:
                bij_elk(resultaat)
            yield resultaat
    finally:
        # on an interruption (Ctrl-C, SIGTERM) the cases not yet started are dropped;
        # the workers finish the one in hand and stop
        pool.shutdown(wait=True, cancel_futures=True)
