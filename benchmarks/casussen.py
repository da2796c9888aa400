"""Whole cases, measured against what a professional concludes: prints figures.

    python benchmarks/casussen.py                    # de blinde casussen (tests/blind/casussen)
    python benchmarks/casussen.py --map cases        # of een andere map

For every case file with `verwacht`: which of the expected conclusions (`wel`) the analyser
derives, and which conclusions it derives that the professional did not expect (wrong:
anything derived that is not in `wel`, counted over all derived classifications, safety
and protective conclusions; a conclusion in `niet` is the worst kind of wrong). The blind
cases were written by someone who saw only the sources and the table of stable conclusion
ids; they are never used to train or tune, so only the totals are printed, not which
case went wrong where.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import yaml

from loyaliteit.analyse import analyse
from loyaliteit.casus import build_casus
from loyaliteit.kennisbank import load_kennisbank

REPO = Path(__file__).resolve().parents[1]
TELLEN = ("classificatie", "veiligheid", "beschermend")


def load_cases(map_: Path):
    for pad in sorted(map_.glob("*.yaml")):
        data = yaml.safe_load(pad.read_text(encoding="utf-8"))
        register = data.pop("register", None)
        yield build_casus(data, str(pad)), register


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--map", type=Path, default=REPO / "tests" / "blind" / "casussen")
    parser.add_argument("--per-casus", action="store_true", help="niet voor de blinde map")
    args = parser.parse_args()
    kb = load_kennisbank()
    verwacht = afgeleid_verwacht = afgeleid_totaal = fout = verboden = 0
    per_conclusie: Counter = Counter()
    gemist: Counter = Counter()
    for casus, _register in load_cases(args.map):
        if casus.verwacht is None:
            continue
        resultaat = analyse(casus, kb)
        afgeleid = {c.id for c in resultaat.conclusies if c.soort in TELLEN}
        wel, niet = set(casus.verwacht.wel), set(casus.verwacht.niet)
        verwacht += len(wel)
        afgeleid_verwacht += len(wel & afgeleid)
        afgeleid_totaal += len(afgeleid)
        fout += len(afgeleid - wel)
        verboden += len(afgeleid & niet)
        per_conclusie.update(wel & afgeleid)
        gemist.update(wel - afgeleid)
        if args.per_casus:
            print(casus.id, "gemist:", sorted(wel - afgeleid), "fout:", sorted(afgeleid - wel))
    print(
        f"casussen in {args.map.relative_to(REPO) if args.map.is_relative_to(REPO) else args.map}"
    )
    print(
        f"afgeleid van wat een professional concludeert: {afgeleid_verwacht}/{verwacht} "
        f"= {afgeleid_verwacht / max(1, verwacht):.0%}"
    )
    print(
        f"fout afgeleid: {fout}/{afgeleid_totaal} = {fout / max(1, afgeleid_totaal):.0%} "
        f"(waarvan uitdrukkelijk verboden: {verboden})"
    )


if __name__ == "__main__":
    main()
