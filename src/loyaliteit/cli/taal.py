"""Dutch texts for the parts of the help that typer and its bundled click print themselves.

typer keeps its panel titles in module constants and click hard-codes "Usage:" and the
`--help` text; we set those few strings once, before the app runs.
"""

from __future__ import annotations

import re

import typer.rich_utils as rich_utils
from typer import core as typer_core
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

    _dutch_value_types()

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
    # typer passes option values through pydantic: its texts, and its "Value error, "
    (r"Value error, ", ""),
    (r"Assertion failed, ", ""),
    (r"'(.+?)' is not one of (.+?)\.?$", r"'\1' kan niet; kies uit \2."),
    (r"'(.+?)' is niet een van (.+?)\.?$", r"'\1' kan niet; kies uit \2."),
    (r"'(.+?)' is not a valid integer(?: range)?\.", r"'\1' is geen geheel getal."),
    (r"(.+?) is not in the range (.+)\.", r"\1 valt buiten \2."),
    (r"Value (.+?) is not a valid (.+?)\.", r"\1 is geen geldige \2."),
    (r"Input should be greater than or equal to (\S+)", r"moet minstens \1 zijn"),
    (r"Input should be less than or equal to (\S+)", r"mag hoogstens \1 zijn"),
    (r"Input should be greater than (\S+)", r"moet groter zijn dan \1"),
    (r"Input should be less than (\S+)", r"moet kleiner zijn dan \1"),
    (r"Input should be a valid integer(?:, .*)?", "moet een geheel getal zijn"),
    (r"Input should be a finite number", "moet een gewoon getal zijn"),
    (r"Input should be a valid number(?:, .*)?", "moet een getal zijn"),
    (r"Input should be a valid boolean(?:, .*)?", "moet ja of nee zijn"),
    (r"Input should be a valid (?:string|path)(?:, .*)?", "moet een tekst of pad zijn"),
    (r"Input should be ('[^']*'(?:, '[^']*')*) or ('[^']*')", r"kies uit \1 of \2"),
    (r"Input should be (.+)", r"ongeldige waarde (verwacht: \1)"),
    (r"Path '(.+?)' does not exist\.", r"'\1' bestaat niet."),
    (r"Path '(.+?)' is not readable\.", r"'\1' kan niet gelezen worden (geen toestemming)."),
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


# What the help shows after an option, in words a user knows (typer shows `<bool>`,
# `<list[Path]>`, `<int range>`): nothing for an on/off flag.
_WAARDE_SOORTEN = (
    ("list[", "PAD..."),
    ("path", "PAD"),
    ("int", "GETAL"),
    ("float", "GETAL"),
    ("str", "TEKST"),
)


def _dutch_value_types() -> None:
    if getattr(typer_core.TyperOption.display_type_rich, "_nederlands", False):
        return
    origineel = typer_core.TyperOption.display_type_rich

    def dutch_type(self, ctx):
        if getattr(self, "is_bool_flag", False) or getattr(self, "is_flag", False):
            return None
        tekst = origineel(self, ctx)
        if tekst is None or not tekst.startswith("<"):
            return tekst  # a metavar of our own, or a list of choices
        kaal = tekst.strip("<>.").lower()
        if "|" in kaal:
            return kaal
        return next((woord for begin, woord in _WAARDE_SOORTEN if kaal.startswith(begin)), None)

    dutch_type._nederlands = True  # type: ignore[attr-defined]
    typer_core.TyperOption.display_type_rich = dutch_type
    typer_core.TyperArgument.display_type_rich = lambda self, ctx: None
