"""The handbook for knowledge engineers stays honest: the repository paths it names exist,
and every `loyaliteit` command line it shows is accepted by the command-line parser.

Nothing here runs a command (that would train the detector and take minutes); the
command lines are only parsed, the way click parses them before a command runs.
Set `LOYALITEIT_HANDLEIDING` to check another copy of the handbook (for instance an
older version from git).
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
from pathlib import Path

import pytest
import typer

from loyaliteit.cli import app

try:  # newer typer carries its own copy of click
    from typer._click.exceptions import MissingParameter, UsageError
except ImportError:  # pragma: no cover
    from click.exceptions import MissingParameter, UsageError

REPO = Path(__file__).resolve().parent.parent
HANDLEIDING = Path(
    os.environ.get("LOYALITEIT_HANDLEIDING", REPO / "docs" / "handleiding-kennisingenieur.md")
)

# A repository path starts at a top-level folder and is not part of a longer path
# (`/tmp/handleiding_kb/regels/…` or `../schema/…` are not repository paths).
REPO_PATH = re.compile(r"(?<![\w./-])((?:kennisbank|docs|cases|tests|src|benchmarks)/[\w./*-]*)")
# Markdown links to a file next to the handbook: [kennisbank-formaat.md](kennisbank-formaat.md)
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
# Shell syntax that the parser cannot judge.
SHELL = re.compile(r"[|<>;&]")


def handbook_text() -> str:
    return HANDLEIDING.read_text(encoding="utf-8")


def repository_paths(text: str) -> list[str]:
    paths = set()
    for match in REPO_PATH.finditer(text):
        path = match.group(1).rstrip(".,:")
        path = re.sub(r":\d+$", "", path)  # `bestand.yaml:54` in a message
        paths.add(path)
    return sorted(paths)


def linked_files(text: str) -> list[str]:
    return sorted(
        {
            target
            for target in LINK.findall(text)
            if "://" not in target and not target.startswith("mailto:")
        }
    )


def console_blocks(text: str) -> list[str]:
    return re.findall(r"^```console\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)


def command_lines(text: str) -> list[str]:
    """`$ loyaliteit …` lines in console blocks, and bare `loyaliteit …` lines there
    (a list of commands to type, or a synopsis with optional parts in brackets)."""
    lines = []
    for block in console_blocks(text):
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("$ "):
                line = line[2:].strip()
            elif not line.startswith("loyaliteit "):
                continue  # output, not a command
            if line.startswith("loyaliteit ") and not SHELL.search(line.split("#")[0]):
                lines.append(line)
    return lines


def inline_commands(text: str) -> list[str]:
    """`loyaliteit …` in inline code in the prose."""
    return sorted(
        {
            span
            for span in re.findall(r"(?<!`)`(loyaliteit [^`\n]+)`(?!`)", text)
            if not SHELL.search(span)
        }
    )


def arguments(line: str) -> list[str]:
    """The arguments after `loyaliteit`, without comments and synopsis brackets."""
    words = shlex.split(line, comments=True)
    assert words[0] == "loyaliteit"
    return [word.strip("[]") for word in words[1:] if word.strip("[]")]


def parse_command_line(args: list[str]):
    """Parse as click does before running: unknown commands and options raise `UsageError`."""
    command = typer.main.get_command(app)
    ctx = command.make_context("loyaliteit", list(args))
    while hasattr(command, "resolve_command"):  # a group: resolve the subcommand
        # click >= 8.2 keeps the subcommand name apart from the other arguments
        protected = getattr(ctx, "_protected_args", None)
        if protected is None:
            protected = ctx.protected_args
        remaining = [*protected, *ctx.args]
        if not remaining:
            raise UsageError("opdracht ontbreekt", ctx=ctx)
        name, command, rest = command.resolve_command(ctx, remaining)
        assert command is not None and name is not None
        ctx = command.make_context(name, rest, parent=ctx)
    return command


def test_handbook_is_found():
    text = handbook_text()
    assert console_blocks(text), "geen ```console-blokken gevonden"
    assert command_lines(text), "geen loyaliteit-opdrachten gevonden"


@pytest.mark.parametrize("path", repository_paths(handbook_text()))
def test_named_repository_path_exists(path):
    if "*" in path:
        assert list(REPO.glob(path)), f"{path} vindt geen bestand in de repository"
    else:
        assert (REPO / path).exists(), f"{path} bestaat niet in de repository"


@pytest.mark.parametrize("target", linked_files(handbook_text()))
def test_linked_file_exists(target):
    assert (REPO / "docs" / target).exists(), f"link naar {target} wijst nergens heen"


@pytest.mark.parametrize("line", command_lines(handbook_text()))
def test_console_command_is_accepted(line):
    parse_command_line(arguments(line))


@pytest.mark.parametrize("line", inline_commands(handbook_text()))
def test_inline_command_is_accepted(line):
    # In the prose a command may be named without its arguments ("gebruik `loyaliteit
    # uitleg`"); unknown commands and options still fail.
    with contextlib.suppress(MissingParameter):
        parse_command_line(arguments(line))


@pytest.mark.parametrize(
    "line",
    [
        "loyaliteit kennisbank toets --onbekend",
        "loyaliteit kennisbank toetsen",
        "loyaliteit kennisbank",
        "loyaliteit uitleg",
    ],
)
def test_parser_rejects_what_does_not_exist(line):
    with pytest.raises(UsageError):
        parse_command_line(arguments(line))
