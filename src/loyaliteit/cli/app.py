"""The `loyaliteit` command: a thin face over the pipeline (help texts in Dutch).

Each command lives in its own module (`analyseer`, `uitleg`, `kennisbank`); they all
analyse through `loyaliteit.analyse.analyse` and nothing else.
"""

from __future__ import annotations

import json
import signal
import sys
from typing import Annotated

import typer
from typer.completion import completion_init

from .analyseer import analyseer
from .basis import OPTIES
from .intervisie import intervisie
from .kennisbank import kennisbank_app
from .uitleg import uitleg

app = typer.Typer(
    name="loyaliteit",
    help="Signaleert loyaliteitsconflicten rond een leerling (contextuele benadering) en legt uit waarom.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=False,
    options_metavar=OPTIES,
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
)
# The shell asks for completions through this variable (see `loyaliteit completering`).
COMPLETERING_VARIABELE = "_LOYALITEIT_COMPLETE"
schema_app = typer.Typer(
    help="JSON Schema's van de uitvoer.", no_args_is_help=True, options_metavar=OPTIES
)
app.add_typer(kennisbank_app, name="kennisbank")
app.add_typer(schema_app, name="schema")


def _print_version(gevraagd: bool) -> None:
    if gevraagd:
        from .. import __version__

        sys.stdout.write(f"loyaliteit {__version__}\n")
        raise typer.Exit()


@app.callback()
def _options(
    versie: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_print_version,
            is_eager=True,
            help="Toon het versienummer en stop.",
        ),
    ] = False,
) -> None:
    """Signaleert loyaliteitsconflicten rond een leerling (contextuele benadering) en legt uit waarom."""


SHELLS = ("bash", "zsh", "fish")


@app.command("completering", options_metavar=OPTIES)
def completering(
    shell: Annotated[str, typer.Argument(help="bash, zsh of fish.", show_default=False)],
) -> None:
    """Print het script dat de shell opdrachten en opties laat aanvullen met Tab.

    Bijvoorbeeld in ~/.bashrc: eval "$(loyaliteit completering bash)"
    """
    from typer._completion_shared import get_completion_script

    if shell not in SHELLS:
        sys.stderr.write(f"Fout: onbekende shell '{shell}' (kies uit: {', '.join(SHELLS)})\n")
        raise typer.Exit(2)
    script = get_completion_script(
        prog_name="loyaliteit", complete_var=COMPLETERING_VARIABELE, shell=shell
    )
    sys.stdout.write(script + "\n")


app.command("analyseer", options_metavar=OPTIES)(analyseer)
app.command("uitleg", options_metavar=OPTIES)(uitleg)
app.command("intervisie", options_metavar=OPTIES)(intervisie)


@schema_app.command("analyse", options_metavar=OPTIES)
def schema_analyse() -> None:
    """Het JSON Schema van de uitvoer van `analyseer --formaat json`."""
    from ..uitleg import AnalyseDocument

    schema = AnalyseDocument.model_json_schema()
    sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    _stop_cleanly_on_sigterm()
    completion_init()  # answers the shell's Tab (only when it sets COMPLETERING_VARIABELE)
    app(prog_name="loyaliteit")


def _stop_cleanly_on_sigterm() -> None:
    """SIGTERM (a scheduler, `kill`, a closed session) ends the run like Ctrl-C: cases not
    yet started are dropped, workers stop, half-written files are removed; exit code 143."""

    def stop(signum, frame) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
