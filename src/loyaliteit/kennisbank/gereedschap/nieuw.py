"""`kennisbank nieuw MAP`: start a school's own folder that extends the built-in knowledge base."""

from __future__ import annotations

from pathlib import Path

from .schema import write_schemas

UITBREIDING = """\
# yaml-language-server: $schema=schema/uitbreiding.schema.json
# Deze map breidt de ingebouwde kennisbank van loyaliteit uit. Gebruik haar met
#   loyaliteit analyseer casus.yaml --kennisbank {map}
#   loyaliteit kennisbank toets --kennisbank {map}
#   loyaliteit kennisbank controleer --kennisbank {map}
# Alles in signalen/, regels/ en conclusies/ komt bij de ingebouwde kennisbank; ids
# moeten nieuw zijn. Een ingebouwde regel zet je uit door zijn id hieronder te noemen
# (een regel aanpassen = uitzetten en een eigen versie met een nieuw id toevoegen).
uitschakelen: []
"""

SIGNALEN = """\
# yaml-language-server: $schema=../schema/signalen.schema.json
# Eigen signalen. Zie docs/kennisbank-formaat.md voor de patroontaal:
#   termen met ' + ', alternatieven met '|', woord* voor samenstellingen.
signalen:
  - id: eigen_kind_belt_ouder_in_pauze
    label: Het kind belt of appt in de pauze steeds met een ouder
    wie: kind
    patronen:
      - "pauze* + bellen|appen|telefoneren + moeder|vader|ouder|mama|papa"
    vraag: Zoekt het kind op school vaak contact met thuis, en waarvoor?
    bron: {id: bressers, sectie: "Parentificatie (kind heeft steeds zijn moeder nodig)"}
    voorbeelden:
      wel: ["In elke pauze belt Mila even met haar moeder."]
      niet: ["In de pauze belt Mila nooit naar huis."]
"""

REGELS = """\
# yaml-language-server: $schema=../schema/regels.schema.json
# Eigen regels. Elke regel heeft een bron, een uitleg en voorbeelden die wel en
# niet moeten vuren; `loyaliteit kennisbank toets --kennisbank {map}` voert ze uit.
regels:
  - id: eigen_klein_gehouden_via_bellen
    naam: Kind zoekt in de pauzes steeds een ouder op
    als:
      signaal: eigen_kind_belt_ouder_in_pauze
    dan: kind_wordt_klein_gehouden      # een ingebouwde tussenconclusie
    zekerheid: 0.3
    bron: {id: bressers, sectie: "Parentificatie"}
    uitleg: >
      Een kind dat op school steeds een ouder nodig heeft om zich staande te houden,
      gedraagt zich mogelijk jonger dan het is; op zichzelf een zwak teken.
    voorbeelden:
      wel:
        - "Tijdens elke pauze belt Daan met zijn vader om te vragen wat hij moet doen."
      niet:
        - "In de pauze belt Daan nooit naar huis; dan speelt hij voetbal."
"""


class MapBestaatAl(Exception):
    pass


def new_extension(map_: Path) -> list[Path]:
    """Create the folder with commented examples; never touch an existing, non-empty one."""
    if map_.exists() and (not map_.is_dir() or any(map_.iterdir())):
        raise MapBestaatAl(f"{map_} bestaat al en is niet leeg; kies een nieuwe map")
    (map_ / "signalen").mkdir(parents=True, exist_ok=True)
    (map_ / "regels").mkdir(exist_ok=True)
    (map_ / "conclusies").mkdir(exist_ok=True)
    bestanden = {
        map_ / "uitbreiding.yaml": UITBREIDING,
        map_ / "signalen" / "eigen.yaml": SIGNALEN,
        map_ / "regels" / "eigen.yaml": REGELS,
    }
    for pad, tekst in bestanden.items():
        pad.write_text(tekst.replace("{map}", str(map_)), encoding="utf-8")
    return [*bestanden, *write_schemas(map_ / "schema")]
