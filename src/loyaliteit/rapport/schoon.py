"""Text that is safe to show: no control characters in any report, whatever a case holds.

The loader is the first line of defence; this is the second, at the output. Every
character that can steer a terminal or hide or reorder text is replaced one for one, so
that every offset into a text stays valid:

- control characters (C0 and C1, DEL): ESC starts the sequences that clear a screen, set
  a window title or make a link (OSC 8); tab and carriage return become a space;
- format characters (Unicode category Cf): right-to-left overrides and isolates,
  zero-width spaces and joiners, tag characters, ...; line and paragraph separators
  become a space;
- lone surrogates (undecodable bytes in a file name).

The newline stays. Everything else becomes U+FFFD (�): something stood there that is not
shown. The soft hyphen (also Cf) stays: it only marks where a word may be broken.
JSON keeps every character but writes these as `\\uXXXX` escapes (`json_text`).
"""

from __future__ import annotations

import re
from typing import Any

VERVANGING = "\ufffd"

# Unicode 14 (Python 3.11): categories Cc, Cf, Zl, Zp, Cs; tests/test_uitvoer_schoon.py
# checks this list against unicodedata for every code point.
_ONVEILIG_KLASSE = (
    "\x00-\x1f\x7f-\x9f"
    "\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\u2028\u2029\ud800-\udfff"
)
ONVEILIG = re.compile(f"[{_ONVEILIG_KLASSE}]")
_ALS_SPATIE = frozenset("\t\r\u2028\u2029")


def _replace(match: re.Match) -> str:
    teken = match.group()
    if teken == "\n":
        return teken
    return " " if teken in _ALS_SPATIE else VERVANGING


def clean(tekst: str) -> str:
    """The text with every unsafe character replaced one for one (the newline stays)."""
    return ONVEILIG.sub(_replace, tekst)


def clean_data(waarde: Any) -> Any:
    """Every text in a nested structure of dicts, lists and tuples, cleaned."""
    if isinstance(waarde, str):
        return clean(waarde)
    if isinstance(waarde, dict):
        return {sleutel: clean_data(w) for sleutel, w in waarde.items()}
    if isinstance(waarde, list | tuple):
        return type(waarde)(clean_data(w) for w in waarde)
    return waarde


def clean_model(model):
    """A pydantic model with every text in it cleaned (offsets stay valid)."""
    return type(model).model_validate(clean_data(model.model_dump()))


def _escape_json(match: re.Match) -> str:
    code = ord(match.group())
    if code == 0x0A:
        return "\n"  # only between values: inside a JSON string it is already escaped
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_text(tekst: str) -> str:
    """A JSON document with every unsafe character written as an escape: the same data
    for any JSON reader, nothing raw for a terminal or an editor."""
    return ONVEILIG.sub(_escape_json, tekst)
