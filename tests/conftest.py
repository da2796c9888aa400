from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loyaliteit.analyse import Analysator
from loyaliteit.kennisbank import load_kennisbank

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def mini_kb():
    return load_kennisbank(MINI)


@pytest.fixture(scope="session")
def mini(mini_kb):
    return Analysator(mini_kb)


@pytest.fixture(scope="session")
def kb():
    return load_kennisbank()


@pytest.fixture(scope="session")
def analysator(kb):
    return Analysator(kb)


@pytest.fixture
def mini_copy(tmp_path):
    """A writable copy of the mini knowledge base, to break in tests."""
    doel = tmp_path / "kb"
    shutil.copytree(MINI, doel)
    return doel
