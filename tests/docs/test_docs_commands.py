"""The shell commands shown in README.md and docs/ are run, and their output compared.

Conventions for writers:

- A fenced ``console`` block is a session: commands start with ``$ `` and the lines after one
  are what it prints (stdout and stderr together); a line ``...`` stands for any lines.
- In a fenced ``bash``, ``sh`` or ``shell`` block every line is a command; a trailing comment
  that is only a number (``# 0.45``) is what the command prints, any other comment is prose.
  Such a command must succeed (exit status 0).

Every ``phare ...`` command is run (as ``python -m phare ...``, in a scratch folder). The only
other commands allowed are the install, test and build commands of :data:`NOT_RUN`, which CI
runs itself; commands joined by ``&&`` are taken one by one.
"""

from __future__ import annotations

import doctest
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: Commands shown in the docs that the test suite cannot run from inside itself.
NOT_RUN = (
    "python3 -m venv .venv",
    ". .venv/bin/activate",
    "pip install .",
    'pip install -e ".[docs]"',
    'pip install -e ".[test]"',
    "python -m pytest",
    "python -m sphinx -W --keep-going -b html docs docs/_build/html",
)

SHELL_BLOCK = re.compile(
    r"^```(?P<lang>console|bash|sh|shell)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL
)
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def pages() -> list[Path]:
    found = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return [p for p in found if "_build" not in p.parts]


def _console(body: str) -> list[tuple[str, str | None]]:
    """(command, output shown) for each ``$`` line of a console session."""
    found: list[tuple[str, str | None]] = []
    command: str | None = None
    output: list[str] = []
    for line in [*body.splitlines(), "$ "]:
        if line.startswith("$ "):
            if command is not None:
                found.append((command, "\n".join(output)))
            command, output = line[2:].strip(), []
        else:
            output.append(line)
    return found


def _script(body: str) -> list[tuple[str, str | None]]:
    """(command, number shown in its comment or None) for each line of a script block."""
    found: list[tuple[str, str | None]] = []
    for line in body.splitlines():
        command, _, comment = line.partition(" # ")
        if command.strip() and not command.lstrip().startswith("#"):
            shown = comment.strip()
            found.append((command.strip(), shown if NUMBER.fullmatch(shown) else None))
    return found


def sessions() -> list[tuple[str, str, str | None]]:
    """(page, command, expected output or None) for every shell command of every page."""
    found = []
    for path in pages():
        for block in SHELL_BLOCK.finditer(path.read_text(encoding="utf-8")):
            parse = _console if block["lang"] == "console" else _script
            name = str(path.relative_to(ROOT))
            found += [(name, command, shown) for command, shown in parse(block["body"])]
    return found


SESSIONS = sessions()


def test_the_docs_show_commands() -> None:
    commands = [command for _, command, _ in SESSIONS]
    assert any(command.startswith("phare show") for command in commands)
    assert any(command.endswith("phare show nouvelle-aquitaine") for command in commands)


@pytest.mark.parametrize(
    ("page", "command", "expected"),
    SESSIONS,
    ids=[f"{page}: {command}" for page, command, _ in SESSIONS],
)
def test_command_does_what_the_docs_show(
    page: str, command: str, expected: str | None, tmp_path: Path
) -> None:
    parts = [part.strip() for part in command.split("&&")]
    for number, part in enumerate(parts, start=1):
        if part in NOT_RUN:
            continue
        words = shlex.split(part)
        assert words[0] == "phare", f"{page}: a command the tests cannot run: {part}"
        result = subprocess.run(
            [sys.executable, "-m", "phare", *words[1:]],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        got = result.stdout + result.stderr
        if number < len(parts) or expected is None:
            assert result.returncode == 0, f"{page}: `{part}` failed:\n{got}"
            continue
        checker = doctest.OutputChecker()
        flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        assert checker.check_output(expected.strip() + "\n", got, flags), (
            f"{page}: `{part}` printed\n{got}\ninstead of\n{expected}"
        )
    if expected and all(part in NOT_RUN for part in parts):
        pytest.fail(f"{page}: output shown for a command the tests do not run: {command}")
