"""`parse_yaml`: one YAML document, safely, with the line and spelling of every key.

Only the safe loader is used (libyaml's `CSafeLoader` where available), so nothing in a
file is ever turned into code. Aliases and nesting depth are capped before the document
is constructed (`grenzen.py`); duplicate keys and numbers in a YAML 1.1 form (`010`,
`0x0A`, `1_000`, `1:30`) are refused instead of being read silently otherwise; and the
line and spelling of every key and value are kept so that errors can name them.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..fouten import visible
from .document import Pad, YamlDocument, YamlProbleem, format_pad
from .grenzen import MAX_DEPTH, check_limits, children
from .meldingen import dutch_yaml_problem

# Characters YAML does not allow (control characters, U+FFFE/U+FFFF).
_STUURTEKEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader, refusing numbers that only YAML 1.1 reads as numbers."""


_DECIMAAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_KOMMAGETAL = re.compile(
    r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)


def _old_number(soort: str, node: yaml.ScalarNode, bedoeld: str) -> YamlProbleem:
    tekst = visible(node.value)
    fout = YamlProbleem(
        f"'{tekst}' leest YAML als {soort}; schrijf {bedoeld} of '{tekst}' (tussen "
        "aanhalingstekens blijft het tekst)",
        node.start_mark.line + 1,
    )
    fout.node = node
    return fout


def _construct_int(loader, node: yaml.ScalarNode) -> int:
    """An integer in plain decimal; `010` (octal 8), `0x0A`, `0b10`, `1_000` and `1:30`
    (90) are YAML 1.1 forms that nobody means in a case file: refuse them, with a hint."""
    waarde = loader.construct_yaml_int(node)
    tekst = node.value.strip()
    if _DECIMAAL.fullmatch(tekst):
        return waarde
    cijfers = tekst.replace("_", "").lstrip("+-")
    teken = "-" if tekst.startswith("-") else ""
    if cijfers.isdigit():
        soort = "het achttallige getal " + str(waarde) if cijfers.startswith("0") else str(waarde)
        raise _old_number(soort, node, teken + str(int(cijfers)))
    if ":" in tekst:
        raise _old_number(f"{waarde} (zestigtallig, zoals een tijd)", node, str(waarde))
    namen = {"x": "zestientallige", "b": "tweetallige"}
    soort = namen.get(cijfers[1:2].lower(), "bijzondere")
    raise _old_number(f"het {soort} getal {waarde}", node, str(waarde))


def _construct_float(loader, node: yaml.ScalarNode) -> float:
    """A decimal number; `1_000.5` and `1:30.5` (YAML 1.1) are refused."""
    waarde = loader.construct_yaml_float(node)
    if not _KOMMAGETAL.fullmatch(node.value.strip()):
        raise _old_number(str(waarde), node, repr(waarde))
    return waarde


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


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
        stapel.extend(children(huidig))
    return None


def _record_lines(node: yaml.Node, document: YamlDocument) -> None:
    """The line of every key and item, and how every scalar was written."""
    gezien: set[int] = set()
    stapel: list[tuple[yaml.Node, Pad]] = [(node, ())]
    while stapel:
        huidig, pad = stapel.pop()
        document.regelnummers.setdefault(pad, huidig.start_mark.line + 1)
        if isinstance(huidig, yaml.ScalarNode):
            document.spellingen.setdefault(pad, huidig.value)
        if id(huidig) in gezien:
            continue
        gezien.add(id(huidig))
        if isinstance(huidig, yaml.MappingNode):
            for sleutel, waarde in reversed(huidig.value):
                naam = sleutel.value if isinstance(sleutel, yaml.ScalarNode) else str(sleutel)
                document.regelnummers.setdefault((*pad, naam), sleutel.start_mark.line + 1)
                stapel.append((waarde, (*pad, naam)))
        elif isinstance(huidig, yaml.SequenceNode):
            stapel.extend((item, (*pad, i)) for i, item in reversed(list(enumerate(huidig.value))))


def parse_yaml(tekst: str, weiger_stuurtekens: bool = False) -> YamlDocument:
    """Parse one YAML document safely; raise `YamlProbleem` with a Dutch message.

    With `weiger_stuurtekens` (a knowledge base), a control character or bidirectional
    override in any text is refused, also when it was written as an escape."""
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
        check_limits(node, weiger_stuurtekens)
        data = _construct(loader, node)
    except YamlProbleem as fout:
        if getattr(fout, "node", None) is not None and fout.sleutel is None:
            fout.sleutel = format_pad(_path_of(node, fout.node)) or None
        raise
    except yaml.MarkedYAMLError as fout:
        bericht, regelnummer = dutch_yaml_problem(fout, tekst)
        raise YamlProbleem(f"ongeldige YAML: {bericht}", regelnummer) from None
    except yaml.YAMLError:
        raise YamlProbleem("ongeldige YAML: onleesbaar") from None
    except RecursionError:
        raise YamlProbleem(f"te diep genest (meer dan {MAX_DEPTH} niveaus)") from None
    finally:
        loader.dispose()
    document = YamlDocument(data)
    _record_lines(node, document)
    return document


def _path_of(wortel: yaml.Node, doel: yaml.Node) -> Pad:
    """Where `doel` is in the document (its first place, if an alias repeats it)."""
    gezien: set[int] = set()
    stapel: list[tuple[yaml.Node, Pad]] = [(wortel, ())]
    while stapel:
        huidig, pad = stapel.pop()
        if huidig is doel:
            return pad
        if id(huidig) in gezien:
            continue
        gezien.add(id(huidig))
        if isinstance(huidig, yaml.MappingNode):
            for sleutel, waarde in huidig.value:
                naam = sleutel.value if isinstance(sleutel, yaml.ScalarNode) else "?"
                stapel.extend([(sleutel, (*pad, naam)), (waarde, (*pad, naam))])
        elif isinstance(huidig, yaml.SequenceNode):
            stapel.extend((item, (*pad, i)) for i, item in enumerate(huidig.value))
    return ()


def _construct(loader, node: yaml.Node) -> Any:
    """The document's data; a scalar that cannot be built names its line."""
    try:
        return loader.construct_document(node)
    except yaml.constructor.ConstructorError:
        raise
    except (ValueError, TypeError, LookupError, AttributeError, ArithmeticError):
        fout = _first_bad_scalar(_Loader(""), node)
        regelnummer = fout.start_mark.line + 1 if fout is not None else None
        waarde = f" '{visible(fout.value[:40])}'" if fout is not None else ""
        raise YamlProbleem(
            f"ongeldige YAML: ongeldige waarde{waarde} (een onmogelijke datum of een verkeerd "
            "!!-label?)",
            regelnummer,
        ) from None
