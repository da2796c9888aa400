"""Dutch texts for the parts of the help that typer and its bundled click print themselves.

typer keeps its panel titles in module constants and click hard-codes "Usage:" and the
`--help` text; we set those few strings once, before the app runs.
"""

from __future__ import annotations

import re

import typer.rich_utils as rich_utils
from typer._click import core, formatting

_TITELS = {
    "ARGUMENTS_PANEL_TITLE": "Argumenten",
    "OPTIONS_PANEL_TITLE": "Opties",
    "COMMANDS_PANEL_TITLE": "Opdrachten",
    "ERRORS_PANEL_TITLE": "Fout",
    "ABORTED_TEXT": "Afgebroken.",
    "DEFAULT_STRING": "[standaard: {}]",
    "REQUIRED_LONG_STRING": "[verplicht]",
    "RICH_HELP": "Probeer [blue]'{command_path} {help_option}'[/] voor hulp.",
}


def use_dutch() -> None:
    for naam, tekst in _TITELS.items():
        setattr(rich_utils, naam, tekst)
    _dutch_errors()

    if getattr(formatting.HelpFormatter.write_usage, "_nederlands", False):
        return
    write_usage = formatting.HelpFormatter.write_usage

    def dutch_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, "Gebruik: " if prefix is None else prefix)

    dutch_usage._nederlands = True  # type: ignore[attr-defined]
    formatting.HelpFormatter.write_usage = dutch_usage

    get_help_option = core.Command.get_help_option

    def dutch_help_option(self, ctx):
        optie = get_help_option(self, ctx)
        if optie is not None:
            optie.help = "Toon deze hulp en stop."
        return optie

    core.Command.get_help_option = dutch_help_option


_FOUTMELDINGEN = [
    (r"No such option: (\S+)", r"onbekende optie: \1"),
    (r"\(Possible options: (.+)\)", r"(bedoel je: \1?)"),
    (r"Did you mean (.+)\?", r"Bedoel je \1?"),
    (r"Missing argument '(.+?)'\.", r"het argument '\1' ontbreekt."),
    (r"Missing option '(.+?)'\.", r"de optie '\1' ontbreekt."),
    (r"Missing command\.", "er ontbreekt een opdracht."),
    (r"No such command '(.+?)'\.", r"onbekende opdracht '\1'."),
    (r"Invalid value for (.+?): ", r"ongeldige waarde voor \1: "),
    (r"'(.+?)' is not one of (.+)\.", r"'\1' is niet een van \2."),
    (r"'(.+?)' is not a valid integer(?: range)?\.", r"'\1' is geen geheel getal."),
    (r"(.+?) is not in the range (.+)\.", r"\1 valt buiten \2."),
    (r"Value (.+?) is not a valid (.+?)\.", r"\1 is geen geldige \2."),
    (r"Got unexpected extra arguments? \((.+)\)", r"onverwachte extra argumenten (\1)"),
    (r"Option '(.+?)' requires an argument\.", r"de optie '\1' heeft een waarde nodig."),
    (r"Option '(.+?)' does not take a value\.", r"de optie '\1' neemt geen waarde."),
]


def translate_error(tekst: str) -> str:
    """Click's usage errors in Dutch (the common ones)."""
    for engels, nederlands in _FOUTMELDINGEN:
        tekst = re.sub(engels, nederlands, tekst)
    return tekst


def _dutch_errors() -> None:
    if getattr(rich_utils.rich_format_error, "_nederlands", False):
        return
    toon = rich_utils.rich_format_error

    def dutch_format_error(fout) -> None:
        origineel = fout.format_message
        fout.format_message = lambda: translate_error(origineel())
        toon(fout)

    dutch_format_error._nederlands = True  # type: ignore[attr-defined]
    rich_utils.rich_format_error = dutch_format_error
