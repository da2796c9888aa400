"""Write `signalen: bevestigd / verworpen` into YAML text and touch nothing else.

Every byte outside the top-level `signalen:` entry stays what it was: only the lines of
that entry are read and written again, with ruamel.yaml, which keeps their comments (a
comment that would still get lost is put back as a comment line). A text without the
entry gets it appended. The result is read back with the project's safe loader: every
other key must be unchanged and the judgement must be the one asked for, or nothing is
returned at all.
"""

from __future__ import annotations

import copy
import io
import re

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from ..yamlbestand.document import YamlProbleem
from ..yamlbestand.ontleden import parse_yaml

SOORTEN = ("bevestigd", "verworpen")
SLEUTEL = "signalen"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_COMMENTAAR = re.compile(r"#.*$")


class BlokFout(Exception):
    """The judgement cannot be written into this text safely (a Dutch message)."""


def with_judgement(tekst: str, oordeel: dict[str, list[str]], notities: dict[str, str]) -> str:
    """`tekst` with its `signalen:` entry set to `oordeel` (`{bevestigd: [...], verworpen:
    [...]}`); `notities` are end-of-line comments for the ids this session changed."""
    nl = "\r\n" if "\r\n" in tekst else "\n"
    regels = tekst.splitlines(keepends=True)
    wortel = _root(tekst)
    plek = _entry_lines(wortel, regels) if wortel is not None else None
    if plek is None:
        inspringing = _key_column(wortel)
        blok = _dump(CommentedMap({SLEUTEL: CommentedMap()}), oordeel, notities, inspringing, nl)
        nieuw = _append(regels, blok, nl)
    else:
        begin, eind, inspringing = plek
        oud = "".join(regels[begin:eind])
        blok = _rewrite(oud, oordeel, notities, inspringing, nl)
        nieuw = "".join(regels[:begin]) + blok + "".join(regels[eind:])
    _verify(tekst, nieuw, oordeel)
    return nieuw


def _root(tekst: str) -> yaml.MappingNode | None:
    """The top-level mapping node, after the project's safe loader accepted the text."""
    try:
        parse_yaml(tekst)
        wortel = yaml.compose(tekst, Loader=_Loader)
    except (YamlProbleem, yaml.YAMLError) as fout:
        raise BlokFout(f"de YAML is niet leesbaar ({fout})") from None
    if wortel is None:
        return None
    if not isinstance(wortel, yaml.MappingNode):
        raise BlokFout("het bestand is geen lijst van sleutels")
    if wortel.flow_style:
        raise BlokFout("het bestand staat in {...}-notatie; zet de signalen er zelf in")
    return wortel


def _key_column(wortel: yaml.MappingNode | None) -> int:
    return wortel.value[0][0].start_mark.column if wortel is not None and wortel.value else 0


def _entry_lines(wortel: yaml.MappingNode, regels: list[str]):
    """(first line, line after the last, column) of the `signalen:` entry, or None.
    Blank and comment lines at its end stay outside: they may belong to the next key."""
    sleutels = [k for k, _ in wortel.value]
    for index, sleutel in enumerate(sleutels):
        if isinstance(sleutel, yaml.ScalarNode) and sleutel.value == SLEUTEL:
            begin = sleutel.start_mark.line
            eind = sleutels[index + 1].start_mark.line if index + 1 < len(sleutels) else len(regels)
            while eind > begin + 1 and _is_filler(regels[eind - 1]):
                eind -= 1
            return begin, eind, sleutel.start_mark.column
    return None


def _is_filler(regel: str) -> bool:
    """A blank line, a comment line or the document end marker."""
    kaal = regel.strip()
    return kaal in ("", "...") or kaal.startswith("#")


def _ruamel() -> YAML:
    omzetter = YAML(typ="rt")
    omzetter.width = 4096
    omzetter.preserve_quotes = True
    omzetter.indent(mapping=2, sequence=4, offset=2)
    return omzetter


def _rewrite(oud: str, oordeel, notities, inspringing: int, nl: str) -> str:
    regels = oud.splitlines()
    ingesprongen = "\n".join(r[inspringing:] if r.strip() else "" for r in regels) + "\n"
    kaart = _ruamel().load(ingesprongen)
    blok = _dump(kaart, oordeel, notities, inspringing, nl)
    return _keep_comments(oud, blok, inspringing, nl)


def _dump(kaart: CommentedMap, oordeel, notities, inspringing: int, nl: str) -> str:
    _apply(kaart, oordeel, notities)
    uit = io.StringIO()
    _ruamel().dump(kaart, uit)
    regels = uit.getvalue().splitlines()
    return "".join((" " * inspringing + r if r.strip() else "") + nl for r in regels)


def _apply(kaart: CommentedMap, oordeel, notities: dict[str, str]) -> None:
    blok = kaart.get(SLEUTEL)
    if not isinstance(blok, CommentedMap):
        blok = CommentedMap()
        kaart[SLEUTEL] = blok
    blok.fa.set_block_style()
    commentaar = {}
    for soort in SOORTEN:
        lijst = blok.get(soort)
        if isinstance(lijst, CommentedSeq):
            for index, item in enumerate(lijst):
                if index in lijst.ca.items:
                    commentaar[str(item)] = copy.deepcopy(lijst.ca.items[index])
    for soort in SOORTEN:
        ids = list(oordeel.get(soort, []))
        if ids or soort in blok:
            blok[soort] = _sequence(ids, commentaar, notities)


def _scalar(signaal: str):
    """An id as YAML text that every loader reads back as that text (`no`, `on`, `y` are
    booleans to the project's YAML 1.1 loader: those are quoted)."""
    if parse_yaml(signaal).data == signaal:
        return signaal
    return SingleQuotedScalarString(signaal)


def _sequence(ids: list[str], commentaar: dict, notities: dict[str, str]) -> CommentedSeq:
    lijst = CommentedSeq(_scalar(s) for s in ids)
    if not ids:
        lijst.fa.set_flow_style()
        return lijst
    lijst.fa.set_block_style()
    for index, signaal in enumerate(ids):
        if signaal in commentaar:
            lijst.ca.items[index] = commentaar[signaal]
            if signaal in notities:
                _extend_comment(lijst.ca.items[index], notities[signaal])
        elif signaal in notities:
            lijst.yaml_add_eol_comment(notities[signaal], index)
    return lijst


def _extend_comment(items: list, notitie: str) -> None:
    """Add a note to the first line of an existing end-of-line comment."""
    token = items[0] if items else None
    if token is None or not getattr(token, "value", None):
        return
    eerste, _, rest = token.value.partition("\n")
    token.value = f"{eerste.rstrip()}; {notitie}\n{rest}"


def _keep_comments(oud: str, nieuw: str, inspringing: int, nl: str) -> str:
    """Every comment of the old entry that the new one lacks is put back as a line."""
    gebleven = [m.group() for r in nieuw.splitlines() if (m := _COMMENTAAR.search(r))]
    kwijt = []
    for regel in oud.splitlines():
        gevonden = _COMMENTAAR.search(regel)
        if not gevonden:
            continue
        tekst = gevonden.group().rstrip()
        plek = next((i for i, g in enumerate(gebleven) if tekst in g), None)
        if plek is None:
            kwijt.append(tekst)
        else:
            del gebleven[plek]
    extra = "".join(" " * (inspringing + 2) + t + nl for t in kwijt)
    return nieuw + extra


def _append(regels: list[str], blok: str, nl: str) -> str:
    """The entry at the end of the document (before a closing `...`)."""
    kop, staart = list(regels), []
    while kop and kop[-1].strip() in ("", "..."):
        staart.insert(0, kop.pop())
    if kop and not kop[-1].endswith(("\n", "\r")):
        kop[-1] += nl
    return "".join(kop) + blok + "".join(staart)


def _verify(oud: str, nieuw: str, oordeel) -> None:
    """Read both texts back: only `signalen` may differ, and it must say `oordeel`."""
    try:
        voor = parse_yaml(oud).data or {}
        na = parse_yaml(nieuw).data or {}
    except YamlProbleem as fout:
        raise BlokFout(f"na het schrijven zou de YAML onleesbaar zijn ({fout})") from None
    rest = {k: v for k, v in voor.items() if k != SLEUTEL}
    if {k: v for k, v in na.items() if k != SLEUTEL} != rest:
        raise BlokFout("het schrijven zou ook andere inhoud van het bestand veranderen")
    gezet = na.get(SLEUTEL) or {}
    for soort in SOORTEN:
        if list(gezet.get(soort) or []) != list(oordeel.get(soort, [])):
            raise BlokFout(f"'signalen.{soort}' zou niet goed worden geschreven")
