"""Safe YAML reading with line numbers and limits.

Only the safe loader is used (libyaml's `CSafeLoader` where available), so nothing in a
file is ever turned into code. Aliases and nesting depth are capped before the document
is constructed (against alias bombs), and the line of every key and list item is kept
so that errors can name it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_ALIASES = 50
MAX_DEPTH = 60
MAX_NODES = 200_000  # after expanding aliases: more than any real file has

# Characters YAML does not allow (control characters, U+FFFE/U+FFFF).
_STUURTEKEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")

Pad = tuple[str | int, ...]


class YamlProbleem(Exception):
    def __init__(self, bericht: str, regelnummer: int | None = None):
        super().__init__(bericht)
        self.bericht = bericht
        self.regelnummer = regelnummer


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_limits(node: yaml.Node) -> None:
    """Refuse alias bombs and deep nesting before anything is constructed.

    Composing never expands aliases (an alias is the same node object again), so this
    walk over distinct nodes is cheap; every reference to an already seen node counts
    as an alias.
    """
    _check_expanded_size(node)
    gezien: set[int] = set()
    aliassen = 0
    stapel: list[tuple[yaml.Node, int]] = [(node, 1)]
    while stapel:
        huidig, diepte = stapel.pop()
        if id(huidig) in gezien:
            aliassen += 1
            if aliassen > MAX_ALIASES:
                raise YamlProbleem(
                    f"te veel verwijzingen (aliassen, meer dan {MAX_ALIASES})",
                    huidig.start_mark.line + 1,
                )
            continue
        gezien.add(id(huidig))
        if diepte > MAX_DEPTH:
            raise YamlProbleem(
                f"te diep genest (meer dan {MAX_DEPTH} niveaus)", huidig.start_mark.line + 1
            )
        if isinstance(huidig, yaml.MappingNode):
            for sleutel, waarde in huidig.value:
                stapel.append((sleutel, diepte + 1))
                stapel.append((waarde, diepte + 1))
        elif isinstance(huidig, yaml.SequenceNode):
            stapel.extend((item, diepte + 1) for item in huidig.value)


def _check_expanded_size(node: yaml.Node) -> None:
    """Refuse a document whose aliases would expand it beyond MAX_NODES (a 'billion
    laughs' bomb stays small in nodes but explodes when anything walks it)."""
    grootte: dict[int, int] = {}
    bezocht: set[int] = set()
    stapel: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stapel:
        huidig, klaar = stapel.pop()
        if klaar:
            kinderen = _children(huidig)
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
            stapel.extend((k, False) for k in _children(huidig) if id(k) not in bezocht)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [deel for paar in node.value for deel in paar]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _first_bad_scalar(loader, node: yaml.Node) -> yaml.Node | None:
    """The scalar whose value cannot be constructed (!!int abc, 2024-02-30, ...)."""
    stapel, gezien = [node], set()
    while stapel:
        huidig = stapel.pop()
        if id(huidig) in gezien:
            continue
        gezien.add(id(huidig))
        if isinstance(huidig, yaml.ScalarNode):
            try:
                loader.construct_object(huidig, deep=True)
            except Exception:
                return huidig
        stapel.extend(_children(huidig))
    return None


@dataclass
class YamlDocument:
    data: Any
    regelnummers: dict[Pad, int] = field(default_factory=dict)

    def regelnummer_van(self, pad: Pad) -> int | None:
        """The line number of the deepest known prefix of `pad`."""
        for lengte in range(len(pad), -1, -1):
            regelnummer = self.regelnummers.get(tuple(pad[:lengte]))
            if regelnummer is not None:
                return regelnummer
        return None


def _record_lines(node: yaml.Node, pad: Pad, regelnummers: dict[Pad, int], seen: set[int]) -> None:
    regelnummers.setdefault(pad, node.start_mark.line + 1)
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            regelnummers.setdefault((*pad, key), key_node.start_mark.line + 1)
            _record_lines(value_node, (*pad, key), regelnummers, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*pad, index), regelnummers, seen)


def parse_yaml(tekst: str) -> YamlDocument:
    """Parse one YAML document safely; raise `YamlProbleem` with a Dutch message."""
    stuurteken = _STUURTEKEN.search(tekst)
    if stuurteken:
        regelnummer = tekst.count("\n", 0, stuurteken.start()) + 1
        code = f"U+{ord(stuurteken.group()):04X}"
        raise YamlProbleem(
            f"ongeldige YAML: onzichtbaar stuurteken ({code}); haal het weg", regelnummer
        )
    loader = _Loader(tekst)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None)
        _check_limits(node)
        data = _construct(loader, node)
    except YamlProbleem:
        raise
    except yaml.MarkedYAMLError as fout:
        mark = fout.problem_mark or fout.context_mark
        regelnummer = mark.line + 1 if mark else None
        raise YamlProbleem(f"ongeldige YAML: {_dutch_yaml_problem(fout)}", regelnummer) from None
    except yaml.YAMLError as fout:
        raise YamlProbleem(f"ongeldige YAML: {fout}") from None
    except RecursionError:
        raise YamlProbleem("te diep genest") from None
    finally:
        loader.dispose()
    regelnummers: dict[Pad, int] = {}
    _record_lines(node, (), regelnummers, set())
    return YamlDocument(data, regelnummers)


def _construct(loader, node: yaml.Node) -> Any:
    """The document's data; a scalar that cannot be built names its line."""
    try:
        return loader.construct_document(node)
    except yaml.constructor.ConstructorError:
        raise
    except (ValueError, TypeError, LookupError, AttributeError, ArithmeticError):
        fout = _first_bad_scalar(_Loader(""), node)
        regelnummer = fout.start_mark.line + 1 if fout is not None else None
        waarde = f" '{fout.value[:40]}'" if fout is not None else ""
        raise YamlProbleem(
            f"ongeldige YAML: ongeldige waarde{waarde} (een onmogelijke datum of een verkeerd "
            "!!-label?)",
            regelnummer,
        ) from None


_PROBLEMS = {
    "mapping values are not allowed here": "een dubbele punt staat op een plek waar dat niet mag",
    "could not find expected ':'": "een dubbele punt ontbreekt",
    "found character '\\t' that cannot start any token": "een tab mag niet; gebruik spaties",
    "did not find expected key": "een sleutel ontbreekt of de inspringing klopt niet",
    "found undefined alias": "onbekende verwijzing (alias)",
    "found duplicate anchor": "dubbel anker",
    "expected <block end>, but found": "de inspringing klopt niet",
    "did not find expected '-' indicator": "een lijstteken '-' ontbreekt of de inspringing klopt niet",
    "found unexpected end of stream": "het bestand houdt onverwacht op (een aanhalingsteken niet gesloten?)",
    "found unknown escape character": "onbekend escape-teken in een tekst tussen aanhalingstekens",
    "could not determine a constructor for the tag": "onbekende YAML-tag (alleen gewone YAML is toegestaan)",
    "expected a single document in the stream": "het bestand bevat meer dan één YAML-document",
    "did not find expected ',' or '}'": "een komma of '}' ontbreekt; zet een tekst met een komma of "
    "dubbele punt tussen aanhalingstekens",
    "did not find expected ',' or ']'": "een komma of ']' ontbreekt; zet een tekst met een komma of "
    "dubbele punt tussen aanhalingstekens",
    "expected ',' or ']'": "een komma of ']' ontbreekt of een aanhalingsteken staat verkeerd",
    "expected ',' or '}'": "een komma of '}' ontbreekt of een aanhalingsteken staat verkeerd",
    "found unexpected ':'": "een onverwachte dubbele punt; zet de tekst tussen aanhalingstekens",
    "did not find expected node content": "een waarde ontbreekt",
    "while scanning a quoted scalar": "een aanhalingsteken wordt niet gesloten",
    "while scanning a simple key": "een sleutel zonder dubbele punt",
    "found character that cannot start any token": "een teken dat hier niet mag (bijvoorbeeld @ of `)",
    "while parsing a block mapping": "de inspringing of een dubbele punt klopt niet",
    "while parsing a flow mapping": "een {...}-lijst klopt niet",
    "while parsing a flow sequence": "een [...]-lijst klopt niet",
    "while parsing a block collection": "de inspringing van een lijst klopt niet",
}


def _dutch_yaml_problem(fout: yaml.MarkedYAMLError) -> str:
    probleem = f"{fout.problem or ''} {fout.context or ''}".strip()
    for engels, nederlands in _PROBLEMS.items():
        if engels in probleem:
            return nederlands
    return "onleesbaar (controleer inspringing, dubbele punten en aanhalingstekens)"


def format_pad(pad: Pad) -> str:
    """('regels', 0, 'als') -> 'regels[0].als'."""
    tekst = ""
    for deel in pad:
        if isinstance(deel, int):
            tekst += f"[{deel}]"
        else:
            tekst += f".{deel}" if tekst else str(deel)
    return tekst
