"""What the command's modules share: Dutch help, the consoles and the common options."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..kennisbank import Kennisbank, KennisbankFout, load_kennisbank
from .taal import use_dutch

use_dutch()

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


def load_kennisbank_or_exit(map_: Path | None) -> Kennisbank:
    """The knowledge base, or its errors on stderr and exit code 1."""
    try:
        return load_kennisbank(map_)
    except KennisbankFout as fout:
        stderr.print(f"[bold red]De kennisbank bevat {len(fout.fouten)} fout(en):[/]")
        for melding in fout.fouten:
            stderr.print(f"  {melding}", markup=False)
        raise typer.Exit(1) from None
