"""What the command's modules share: Dutch help, the consoles and the common options."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from .taal import use_dutch

use_dutch()

# what the pipeline reports on the way (training the detector once), plainly on stderr
_melding = logging.StreamHandler()
_melding.setFormatter(logging.Formatter("%(message)s"))
logging.getLogger("loyaliteit").addHandler(_melding)
logging.getLogger("loyaliteit").setLevel(logging.INFO)
logging.getLogger("loyaliteit").propagate = False

OPTIES = "[OPTIES]"

stdout = Console(highlight=False)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)

KennisbankOptie = Annotated[
    Path | None,
    typer.Option(
        "--kennisbank",
        "-k",
        help="Map met een eigen kennisbank (standaard: de kennisbank die met het pakket meekomt).",
        show_default=False,
    ),
]


def load_kennisbank_or_exit(map_: Path | None, voorbeelden: bool = True):
    """The knowledge base, or its errors on stderr and exit code 1. Analysing needs no
    example sentences (`voorbeelden=False`): then a cached read is enough."""
    from ..kennisbank import KennisbankFout, load_kennisbank

    try:
        return load_kennisbank(map_, voorbeelden=voorbeelden)
    except KennisbankFout as fout:
        stderr.print(f"[bold red]De kennisbank bevat {len(fout.fouten)} fout(en):[/]")
        for melding in fout.fouten:
            stderr.print(f"  {melding}", markup=False)
        raise typer.Exit(1) from None
