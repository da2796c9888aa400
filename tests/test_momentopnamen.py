"""The JSON of every example case is byte-identical to a stored copy.

A refactoring must not change a single byte of output. When output changes on purpose,
`python tests/snapshots/bijwerken.py` writes the copies anew; the diff shows what changed.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from loyaliteit.cli import app

from .conftest import REPO

MOMENTOPNAMEN = REPO / "tests" / "snapshots" / "json"
CASUSSEN = sorted((REPO / "cases").glob("*.yaml"))
runner = CliRunner()


def test_every_example_case_has_a_stored_copy():
    assert {p.stem for p in CASUSSEN} == {p.stem for p in MOMENTOPNAMEN.glob("*.json")}


@pytest.mark.parametrize("pad", CASUSSEN, ids=lambda p: p.stem)
def test_json_is_byte_identical_to_the_stored_copy(pad, monkeypatch):
    monkeypatch.chdir(REPO)
    resultaat = runner.invoke(app, ["analyseer", str(pad.relative_to(REPO)), "--formaat", "json"])
    assert resultaat.exit_code == 0, resultaat.stderr
    verwacht = (MOMENTOPNAMEN / f"{pad.stem}.json").read_text(encoding="utf-8")
    if resultaat.stdout != verwacht:
        nu = json.loads(resultaat.stdout)["analyses"][0]
        eerder = json.loads(verwacht)["analyses"][0]
        verschil = [k for k in eerder if nu.get(k) != eerder.get(k)]
        pytest.fail(f"de JSON van {pad.name} is veranderd (sleutels: {verschil})")
