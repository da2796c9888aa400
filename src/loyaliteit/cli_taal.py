"""Dutch texts for the parts of the help that typer and its bundled click print themselves.

typer keeps its panel titles in module constants and click hard-codes "Usage:" and the
`--help` text; we set those few strings once, before the app runs.
"""

from __future__ import annotations

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
