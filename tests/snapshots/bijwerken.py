"""Write the stored JSON of every example case anew (run from the repository root).

The test `tests/test_momentopnamen.py` compares the analyser's JSON with these files, so a
refactoring that changes any output byte is caught. When output changes on purpose (a new
rule, better detection), run this script and read the diff before you commit it:

    python tests/snapshots/bijwerken.py && git diff --stat tests/snapshots
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MAP = Path(__file__).parent / "json"


def main() -> None:
    MAP.mkdir(exist_ok=True)
    for pad in sorted((REPO / "cases").glob("*.yaml")):
        relatief = pad.relative_to(REPO)
        uit = subprocess.run(
            [sys.executable, "-m", "loyaliteit", "analyseer", str(relatief), "--formaat", "json"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        (MAP / f"{pad.stem}.json").write_text(uit.stdout, encoding="utf-8")
    print(f"{len(list(MAP.glob('*.json')))} momentopnamen in {MAP.relative_to(REPO)}")


if __name__ == "__main__":
    main()
