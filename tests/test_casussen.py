"""The example cases are the regression suite of the knowledge base."""

from pathlib import Path

import pytest

from loyaliteit.analyse import analyse
from loyaliteit.casus import load_casus

from .conftest import REPO

CASUSSEN = sorted((REPO / "cases").glob("*.yaml"))


def test_there_are_example_and_contrast_cases():
    namen = {p.stem for p in CASUSSEN}
    assert {"lars", "saskia"} <= namen
    assert any(n.startswith("contrast_") for n in namen)


@pytest.mark.parametrize("pad", CASUSSEN, ids=lambda p: p.stem)
def test_expected_classification(kb, pad: Path):
    casus = load_casus(pad)
    assert casus.verwacht is not None, f"{pad.name} heeft geen verwacht:"
    resultaat = analyse(casus, kb)
    afgeleid = {c.id for c in resultaat.conclusies}
    assert resultaat.fouten == []
    ontbrekend = set(casus.verwacht.wel) - afgeleid
    assert not ontbrekend, f"niet afgeleid: {ontbrekend}; bijna: {resultaat.bijna}"
    assert not (set(casus.verwacht.niet) & afgeleid)
    for conclusie in resultaat.conclusies:
        for bewijs in conclusie.bewijs:
            if bewijs.status == "aanwezig":
                assert casus.beschrijving[bewijs.begin : bewijs.eind] == bewijs.zin
