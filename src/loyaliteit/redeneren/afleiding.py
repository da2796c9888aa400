"""The trace of one engine run: every firing with the exact facts it matched."""

from __future__ import annotations

from pydantic import BaseModel, Field


class FeitRef(BaseModel):
    """A fact a firing matched: a signal, a derived conclusion, a case fact or a helper node."""

    soort: str = Field(description="signaal | conclusie | kenmerk | deel | lid")
    id: str
    waarde: str | int | float | None = None


class Firing(BaseModel):
    """One rule (or one helper part of a rule) that fired."""

    regel: str
    knoop: str | None = Field(None, description="Het deel van de conditieboom (hulpregel).")
    optie: int | None = Field(None, description="Welk onderdeel van een_van/minstens gold.")
    knoopsoort: str | None = Field(None, description="een_van | minstens | niet")
    aantal: int | None = Field(None, description="Voor minstens: hoeveel er nodig zijn.")
    dan: str | None = Field(None, description="De conclusie (alleen voor de regel zelf).")
    feiten: list[FeitRef] = Field(default_factory=list)


class Derivation(BaseModel):
    """What the engine did for one case; later stages read only this."""

    signalen: dict[str, float] = Field(description="Aanwezige signalen met hun zekerheid.")
    kenmerken: list[FeitRef] = Field(default_factory=list)
    firings: list[Firing] = Field(default_factory=list)
    afgeleid: list[str] = Field(default_factory=list, description="Conclusies als feit afgeleid.")

    def rule_firings(self) -> list[Firing]:
        return [f for f in self.firings if f.knoop is None]

    def helper_firings(self, knoop: str) -> list[Firing]:
        return [f for f in self.firings if f.knoop == knoop]
