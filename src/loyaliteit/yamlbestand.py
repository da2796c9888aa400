"""Reading the files a user gives: only regular files, and YAML only safely.

`read_regular_file` opens a file without blocking and checks that it is a regular file
before it reads a byte (a FIFO, a device or a socket would hang or never end), with a
limit on the size. `parse_yaml` uses only the safe loader (libyaml's `CSafeLoader` where
available), so nothing in a file is ever turned into code. Aliases and nesting depth are
capped before the document is constructed (against alias bombs); duplicate keys and
numbers in a YAML 1.1 form (`010`, `0x0A`, `1_000`, `1:30`) are refused instead of being
read silently otherwise; and the line and spelling of every key and value are kept so
that errors can name them.

(Longer than the ~300 lines the README asks: most of the length is the table of PyYAML's
messages in Dutch. `read_regular_file` and `path_problem` could move to a module of their
own; they are here because both the case loader and the knowledge-base loader need them.)
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .fouten import os_error_text, printable, visible

MAX_ALIASES = 50
MAX_DEPTH = 60
MAX_NODES = 200_000  # after expanding aliases: more than any real file has

# Characters YAML does not allow (control characters, U+FFFE/U+FFFF).
_STUURTEKEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
# Control characters (also written as an escape such as "\\e") and bidirectional
# overrides and isolates: refused in a knowledge base's texts.
_STUURTEKEN_IN_WAARDE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

Pad = tuple[str | int, ...]


class YamlProbleem(Exception):
    def __init__(self, bericht: str, regelnummer: int | None = None, sleutel: str | None = None):
        super().__init__(bericht)
        self.bericht = bericht
        self.regelnummer = regelnummer
        self.sleutel = sleutel


class LeesProbleem(Exception):
    """A file that cannot be read; `bericht` is the Dutch reason."""

    def __init__(self, bericht: str):
        super().__init__(bericht)
        self.bericht = bericht


_SOORTEN = (
    (stat.S_ISDIR, "is een map, geen bestand"),
    (stat.S_ISFIFO, "is een pijp (FIFO), geen gewoon bestand"),
    (stat.S_ISSOCK, "is een socket, geen gewoon bestand"),
    (stat.S_ISCHR, "is een apparaat, geen gewoon bestand"),
    (stat.S_ISBLK, "is een apparaat, geen gewoon bestand"),
)


def not_regular_reason(modus: int) -> str | None:
    """Why a file with this `st_mode` is not read (None for a regular file)."""
    if stat.S_ISREG(modus):
        return None
    return next((tekst for test, tekst in _SOORTEN if test(modus)), "geen gewoon bestand")


def read_regular_file(pad: Path, max_bytes: int, alleen_begin: int | None = None) -> bytes:
    """The bytes of a regular file of at most `max_bytes` (or only its first
    `alleen_begin` bytes); anything else (a FIFO, a device, a folder, a broken link, no
    permission) raises `LeesProbleem` in Dutch.

    The file is opened without blocking and checked on the open descriptor, so a FIFO
    never hangs the run and nothing can be swapped in between the check and the read."""
    vlaggen = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(pad, vlaggen | getattr(os, "O_CLOEXEC", 0))
    except OSError as fout:
        raise LeesProbleem(path_problem(pad, fout)) from None
    try:
        status = os.fstat(descriptor)
        reden = not_regular_reason(status.st_mode)
        if reden is not None:
            raise LeesProbleem(reden)
        if alleen_begin is not None:
            return os.read(descriptor, alleen_begin)
        if status.st_size > max_bytes:
            raise LeesProbleem(f"bestand te groot ({status.st_size} bytes; maximaal {max_bytes})")
        delen, gelezen = [], 0
        while gelezen <= max_bytes:
            deel = os.read(descriptor, max_bytes + 1 - gelezen)
            if not deel:
                break
            delen.append(deel)
            gelezen += len(deel)
        if gelezen > max_bytes:
            raise LeesProbleem(f"bestand te groot (meer dan {max_bytes} bytes)")
        return b"".join(delen)
    except OSError as fout:
        raise LeesProbleem(f"kan bestand niet lezen: {os_error_text(fout)}") from None
    finally:
        os.close(descriptor)


def path_problem(pad: Path, fout: OSError) -> str:
    """A Dutch reason why a path could not be opened, naming a broken link's target."""
    if fout.errno in (errno.ENOENT, errno.ENOTDIR) and os.path.islink(pad):
        try:
            doel = printable(os.readlink(pad))
        except OSError:
            doel = "?"
        return f"de symbolische link wijst naar '{doel}', en dat bestaat niet"
    if fout.errno == errno.ELOOP:
        return "een symbolische link verwijst naar zichzelf (een lus)"
    if fout.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"bestand {os_error_text(fout)}"
    return f"kan bestand niet lezen: {os_error_text(fout)}"


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


def _check_limits(node: yaml.Node, weiger_stuurtekens: bool = False) -> None:
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
    spellingen: dict[Pad, str] = field(default_factory=dict)

    def regelnummer_van(self, pad: Pad) -> int | None:
        """The line number of the deepest known prefix of `pad`."""
        for lengte in range(len(pad), -1, -1):
            regelnummer = self.regelnummers.get(tuple(pad[:lengte]))
            if regelnummer is not None:
                return regelnummer
        return None

    def spelling_van(self, pad: Pad) -> str | None:
        """How the value at `pad` was written in the file (for a scalar), if known."""
        return self.spellingen.get(tuple(pad))


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
        _check_limits(node, weiger_stuurtekens)
        data = _construct(loader, node)
    except YamlProbleem as fout:
        if getattr(fout, "node", None) is not None and fout.sleutel is None:
            fout.sleutel = format_pad(_path_of(node, fout.node)) or None
        raise
    except yaml.MarkedYAMLError as fout:
        bericht, regelnummer = _dutch_yaml_problem(fout, tekst)
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


_ESCAPE = (
    "een ongeldige \\x-, \\u- of \\U-code in een tekst tussen dubbele aanhalingstekens; "
    "schrijf een backslash als \\\\ of zet de tekst tussen enkele aanhalingstekens"
)
_TAG = "een !-label (YAML-tag) klopt niet; alleen gewone YAML is toegestaan"

# (English text in PyYAML's problem or context, Dutch text); the first that matches wins.
_PROBLEMS = {
    "exceeded maximum nesting depth": f"te diep genest (meer dan {MAX_DEPTH} niveaus)",
    "mapping values are not allowed": "een dubbele punt staat op een plek waar dat niet mag; zet "
    "een tekst met een dubbele punt tussen aanhalingstekens",
    "could not find expected ':'": "een dubbele punt ontbreekt na de sleutel",
    "found character '\\t' that cannot start any token": "een tab mag niet; gebruik spaties",
    "found a tab character": "een tab mag niet; gebruik spaties",
    "did not find expected key": "een sleutel ontbreekt of de inspringing klopt niet",
    "found undefined alias": "onbekende verwijzing (alias)",
    "found duplicate anchor": "dubbel anker",
    "expected <block end>, but found": "de inspringing klopt niet",
    "did not find expected '-' indicator": "een lijstteken '-' ontbreekt of de inspringing klopt niet",
    "found unexpected end of stream": "het bestand houdt onverwacht op (een aanhalingsteken niet gesloten?)",
    "found unknown escape character": "onbekend escape-teken (\\) in een tekst tussen dubbele "
    "aanhalingstekens; schrijf een backslash als \\\\ of gebruik enkele aanhalingstekens",
    "hexdecimal number": _ESCAPE,
    "hexadecimal number": _ESCAPE,
    "invalid Unicode character escape code": _ESCAPE,
    "expected escape sequence": _ESCAPE,
    "URI escape": _TAG,
    "URI escaped octet": _TAG,
    "undefined tag handle": _TAG,
    "while scanning a tag": _TAG,
    "while parsing a tag": _TAG,
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
    "while parsing a block mapping": "de inspringing of een dubbele punt klopt niet",
    "while parsing a flow mapping": "een {...}-lijst klopt niet",
    "while parsing a flow sequence": "een [...]-lijst klopt niet",
    "while parsing a block collection": "de inspringing van een lijst klopt niet",
}


def _dutch_yaml_problem(fout: yaml.MarkedYAMLError, tekst: str) -> tuple[str, int | None]:
    """PyYAML's problem in Dutch, and the line it is on.

    PyYAML reports some problems where it noticed them, not where they are: a key
    without ':' on the line after it, a quote or bracket that is never closed at the
    end of the file. There the line where the construct began is the one to fix."""
    probleem = f"{fout.problem or ''} {fout.context or ''}".strip()
    mark = fout.problem_mark or fout.context_mark
    begin = fout.context_mark
    laat = begin is not None and mark is not None and begin.line < mark.line
    if laat and ("expected ':'" in probleem or mark.index >= len(tekst.rstrip())):
        mark = begin
    regelnummer = mark.line + 1 if mark else None
    if "could not determine a constructor for the tag" in probleem:
        label = re.search(r"tag '([^']*)'", probleem)
        naam = label.group(1).replace("tag:yaml.org,2002:", "!!") if label else "?"
        return (
            f"onbekende YAML-tag '{visible(naam)}' (een !-label); alleen gewone YAML is "
            "toegestaan en niets wordt uitgevoerd",
            regelnummer,
        )
    if "cannot start any token" in probleem and fout.problem_mark is not None:
        teken = tekst[fout.problem_mark.index : fout.problem_mark.index + 1]
        if teken == "\t":
            return "een tab mag niet; gebruik spaties", regelnummer
        if teken:
            return (
                f"het teken '{visible(teken)}' mag een waarde niet beginnen; zet de tekst "
                "tussen aanhalingstekens",
                regelnummer,
            )
    for engels, nederlands in _PROBLEMS.items():
        if engels in probleem:
            return nederlands, regelnummer
    return "onleesbaar (controleer inspringing, dubbele punten en aanhalingstekens)", regelnummer


def format_pad(pad: Pad) -> str:
    """('regels', 0, 'als') -> 'regels[0].als'."""
    tekst = ""
    for deel in pad:
        if isinstance(deel, int):
            tekst += f"[{deel}]"
        else:
            tekst += f".{deel}" if tekst else str(deel)
    return tekst
