"""A run that is stopped leaves no workers behind, whether it is asked (SIGTERM) or killed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="leest /proc")


def _children(pid: int) -> set[int]:
    kinderen = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            velden = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(velden[1]) == pid:
            kinderen.add(int(stat.parent.name))
    return kinderen


def _alive(pid: int) -> bool:
    try:
        toestand = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return toestand != "Z"


def _wait_for(voorwaarde, seconden: float) -> bool:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.1)
    return voorwaarde()


@pytest.mark.parametrize("sein", [signal.SIGTERM, signal.SIGKILL])
def test_stopping_a_parallel_run_leaves_no_workers(tmp_path, sein):
    map_ = tmp_path / "casussen"
    map_.mkdir()
    for i in range(60):
        shutil.copy(REPO / "cases" / "lars.yaml", map_ / f"lars_{i:02}.yaml")
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "loyaliteit",
            "analyseer",
            str(map_),
            "--processen",
            "2",
            "--uit",
            str(tmp_path / "uit"),
            "--formaat",
            "json",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait_for(lambda: len(_children(proces.pid)) >= 2, 120), "geen werkers gestart"
        werkers = _children(proces.pid)
        proces.send_signal(sein)
        code = proces.wait(timeout=60)
        if sein == signal.SIGTERM:
            assert code == 128 + signal.SIGTERM
        assert _wait_for(lambda: not any(_alive(w) for w in werkers), 15), "werkers lopen door"
    finally:
        if proces.poll() is None:
            proces.kill()
        for kind in _children(proces.pid):
            os.kill(kind, signal.SIGKILL)


def _dead_pid() -> int:
    """A process id that no process has now (a child that has exited and been reaped)."""
    kind = subprocess.Popen([sys.executable, "-c", "pass"])
    kind.wait()
    return kind.pid


def test_a_killed_run_leaves_no_half_written_report_behind(tmp_path):
    """A run killed while writing leaves `.NAME.PID.….tmp`; the next run into that folder
    removes it, and keeps the temporary files of a run that is still writing."""
    from typer.testing import CliRunner

    from loyaliteit.cli import app

    from .conftest import MINI

    uit = tmp_path / "rapporten"
    uit.mkdir()
    achtergelaten = uit / f".lars.md.{_dead_pid()}.x1y2z3.tmp"
    achtergelaten.write_text("# half geschreven rapport over Lars")
    bezig = uit / f".saskia.md.{os.getpid()}.a1b2c3.tmp"  # this process is alive
    bezig.write_text("# wordt nog geschreven")
    eigen = uit / ".aantekeningen.tmp"  # not ours: another name pattern
    eigen.write_text("van de gebruiker")
    casus = tmp_path / "lars.txt"
    casus.write_text("Lars huilt elke ochtend bij het afscheid van zijn moeder.")

    resultaat = CliRunner().invoke(
        app, ["analyseer", str(casus), "--uit", str(uit), "-k", str(MINI)]
    )

    assert resultaat.exit_code == 0, resultaat.output
    assert not achtergelaten.exists()
    assert bezig.exists() and eigen.read_text() == "van de gebruiker"
    assert (uit / "lars.md").is_file()
    assert not [p for p in uit.iterdir() if p.name.startswith(".lars.md.")]
