"""The knowledge base ships inside the wheel, as package data."""

import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import REPO


def test_wheel_contains_the_knowledge_base(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("loyaliteit-*.whl")
    namen = set(zipfile.ZipFile(wheel).namelist())
    verwacht = {
        "loyaliteit/kennisbank_data/" + str(p.relative_to(REPO / "kennisbank"))
        for p in (REPO / "kennisbank").rglob("*.yaml")
    }
    assert "loyaliteit/kennisbank_data/bronnen.yaml" in verwacht
    assert verwacht <= namen
    assert "loyaliteit/cli/app.py" in namen
    assert "loyaliteit/rapport/templates/overzicht.html.j2" in namen


def test_default_knowledge_base_is_the_shipped_one():
    from loyaliteit.kennisbank import default_kennisbank_dir

    map_ = default_kennisbank_dir()
    assert (map_ / "bronnen.yaml").is_file()
    assert map_.name in ("kennisbank", "kennisbank_data")
    assert Path(map_).resolve() != (REPO / "tests").resolve()
