"""Limits checked on the composed YAML, before anything is constructed.

Against alias bombs and deep nesting; a duplicate key is refused (YAML would let the
last one win without a word), and in a knowledge base a control character in any text.
"""

from __future__ import annotations

import re

import yaml

from ..fouten import visible
from .document import Pad, YamlProbleem, format_pad

MAX_ALIASES = 50
MAX_DEPTH = 60
MAX_NODES = 200_000  # after expanding aliases: more than any real file has

# Control characters (also written as an escape such as "\\e") and bidirectional
# overrides and isolates: refused in a knowledge base's texts.
_STUURTEKEN_IN_WAARDE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def check_limits(node: yaml.Node, weiger_stuurtekens: bool = False) -> None:
    """Refuse alias bombs, deep nesting and duplicate keys before anything is
    constructed (and, with `weiger_stuurtekens`, control characters in any text).

    Composing never expands aliases (an alias is the same node object again), so this
    walk over distinct nodes is cheap; every reference to an already seen node counts
    as an alias. Only a document with aliases can grow when expanded, so only then is
    its expanded size computed.
    """
    gezien: set[int] = set()
    aliassen: list[yaml.Node] = []
    stapel: list[tuple[yaml.Node, Pad]] = [(node, ())]
    while stapel:
        huidig, pad = stapel.pop()
        if id(huidig) in gezien:
            aliassen.append(huidig)
            continue
        gezien.add(id(huidig))
        if len(pad) >= MAX_DEPTH:
            raise YamlProbleem(
                f"te diep genest (meer dan {MAX_DEPTH} niveaus)", huidig.start_mark.line + 1
            )
        if isinstance(huidig, yaml.MappingNode):
            _check_duplicate_keys(huidig, pad)
            for sleutel, waarde in huidig.value:
                naam = sleutel.value if isinstance(sleutel, yaml.ScalarNode) else "?"
                stapel.append((sleutel, (*pad, naam)))
                stapel.append((waarde, (*pad, naam)))
        elif isinstance(huidig, yaml.SequenceNode):
            stapel.extend((item, (*pad, index)) for index, item in enumerate(huidig.value))
        elif weiger_stuurtekens and isinstance(huidig, yaml.ScalarNode):
            _check_control_characters(huidig, pad)
    if aliassen:
        _check_expanded_size(node)
        if len(aliassen) > MAX_ALIASES:
            raise YamlProbleem(
                f"te veel verwijzingen (aliassen, meer dan {MAX_ALIASES})",
                aliassen[MAX_ALIASES].start_mark.line + 1,
            )


def _check_duplicate_keys(node: yaml.MappingNode, pad: Pad) -> None:
    """YAML would let the last of two equal keys win without a word: refuse it."""
    eerder: dict[tuple[str, str], int] = {}
    for sleutel, _waarde in node.value:
        if not isinstance(sleutel, yaml.ScalarNode) or sleutel.tag.endswith(":merge"):
            continue
        regel = sleutel.start_mark.line + 1
        vorige = eerder.get((sleutel.tag, sleutel.value))
        eerder.setdefault((sleutel.tag, sleutel.value), regel)
        if vorige is not None:
            naam = visible(sleutel.value)
            waar = "op dezelfde regel" if vorige == regel else f"op regel {vorige}"
            raise YamlProbleem(
                f"de sleutel '{naam}' staat twee keer in dezelfde lijst (ook {waar}); YAML "
                "zou de eerste stilletjes vergeten: haal er één weg",
                regel,
                format_pad((*pad, sleutel.value)),
            )


def _check_control_characters(node: yaml.ScalarNode, pad: Pad) -> None:
    gevonden = _STUURTEKEN_IN_WAARDE.search(node.value)
    if gevonden:
        code = f"U+{ord(gevonden.group()):04X}"
        raise YamlProbleem(
            f"onzichtbaar stuurteken ({code}) in een tekst, bijvoorbeeld via een escape "
            "zoals \\e of \\u202e; haal het weg",
            node.start_mark.line + 1,
            format_pad(pad) or None,
        )


def _check_expanded_size(node: yaml.Node) -> None:
    """Refuse a document whose aliases would expand it beyond MAX_NODES (a 'billion
    laughs' bomb stays small in nodes but explodes when anything walks it)."""
    grootte: dict[int, int] = {}
    bezocht: set[int] = set()
    stapel: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stapel:
        huidig, klaar = stapel.pop()
        if klaar:
            kinderen = children(huidig)
            if any(id(k) not in grootte for k in kinderen):
                raise YamlProbleem(
                    "een verwijzing (alias) verwijst naar zichzelf", huidig.start_mark.line + 1
                )
            totaal = 1 + sum(grootte[id(k)] for k in kinderen)
            if totaal > MAX_NODES:
                raise YamlProbleem(
                    "het document wordt door verwijzingen (aliassen) te groot",
                    huidig.start_mark.line + 1,
                )
            grootte[id(huidig)] = totaal
        elif id(huidig) not in bezocht:
            bezocht.add(id(huidig))
            stapel.append((huidig, True))
            stapel.extend((k, False) for k in children(huidig) if id(k) not in bezocht)


def children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [deel for paar in node.value for deel in paar]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []
