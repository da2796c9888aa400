from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from loyaliteit.kennisbank import load_kennisbank

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def mini_kb():
    return load_kennisbank(MINI)


@pytest.fixture(scope="session")
def kb():
    return load_kennisbank()


@pytest.fixture
def mini_copy(tmp_path):
    """A writable copy of the mini knowledge base, to break in tests."""
    doel = tmp_path / "kb"
    shutil.copytree(MINI, doel)
    return doel


@pytest.fixture(scope="module")
def memory_cap():
    """A runaway input must fail its test with MemoryError, not exhaust the machine."""
    try:
        import resource

        with open("/proc/self/statm") as statm:
            in_gebruik = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        yield
        return
    zacht, hard = resource.getrlimit(resource.RLIMIT_AS)
    grens = in_gebruik + 3 * 1024**3
    if hard != resource.RLIM_INFINITY:
        grens = min(grens, hard)
    resource.setrlimit(resource.RLIMIT_AS, (grens, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (zacht, hard))
