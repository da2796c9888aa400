"""The `loyaliteit` command: a thin face over the pipeline (help texts in Dutch).

Each command lives in its own module (`analyseer`, `uitleg`, `kennisbank`); they all
analyse through `loyaliteit.analyse.analyse` and nothing else.
"""

from __future__ import annotations

import json
import sys

import typer

from ..uitleg import AnalyseDocument
from .analyseer import analyseer
from .basis import OPTIES
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
schema_app = typer.Typer(
    help="JSON Schema's van de uitvoer.", no_args_is_help=True, options_metavar=OPTIES
)
app.add_typer(kennisbank_app, name="kennisbank")
app.add_typer(schema_app, name="schema")


app.command("analyseer", options_metavar=OPTIES)(analyseer)
app.command("uitleg", options_metavar=OPTIES)(uitleg)


@schema_app.command("analyse", options_metavar=OPTIES)
def schema_analyse() -> None:
    """Het JSON Schema van de uitvoer van `analyseer --formaat json`."""
    schema = AnalyseDocument.model_json_schema()
    sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    app()
