"""The shell sessions shown in README.md and docs/ are run, and their output compared.

Convention: a fenced ``console`` block holds commands that start with ``$ ``, each followed by
the output it prints. A ``phare ...`` command is run (as ``python -m phare ...``) and what it
prints, on stdout and stderr, must match the lines shown; a line ``...`` stands for any lines.
The only other commands allowed are the install, test and build commands listed in
:data:`NOT_RUN`, which the CI itself runs.
"""

from __future__ import annotations

import doctest
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Commands shown in the docs that the test suite cannot run from inside itself.
NOT_RUN = (
    "pip install .",
    'pip install -e ".[test]" && python -m pytest',
    "python -m sphinx -W --keep-going -b html docs docs/_build/html",
)

CONSOLE_BLOCK = re.compile(r"^```console\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def pages() -> list[Path]:
    found = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return [p for p in found if "_build" not in p.parts]


def sessions() -> list[tuple[str, str, str]]:
    """(page, command, expected output) for every command of every console block."""
    found = []
    for path in pages():
        for block in CONSOLE_BLOCK.finditer(path.read_text(encoding="utf-8")):
            command, output = None, []
            for line in [*block["body"].splitlines(), "$ "]:
                if line.startswith("$ "):
                    if command is not None:
                        name = str(path.relative_to(ROOT))
                        found.append((name, command, "\n".join(output)))
                    command, output = line[2:].strip(), []
                else:
                    output.append(line)
    return found


SESSIONS = sessions()


def test_the_docs_show_commands() -> None:
    assert any(command.startswith("phare show") for _, command, _ in SESSIONS)


@pytest.mark.parametrize(
    ("page", "command", "expected"),
    SESSIONS,
    ids=[f"{page}: {command}" for page, command, _ in SESSIONS],
)
def test_command_prints_what_the_docs_show(page: str, command: str, expected: str) -> None:
    if command in NOT_RUN:
        assert not expected.strip(), f"{page}: output shown for a command that is not run"
        return
    words = shlex.split(command)
    assert words[0] == "phare", f"{page}: only phare commands can be shown with output: {command}"
    result = subprocess.run(
        [sys.executable, "-m", "phare", *words[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    got = result.stdout + result.stderr
    checker = doctest.OutputChecker()
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    assert checker.check_output(expected.strip() + "\n", got, flags), (
        f"{page}: `{command}` printed\n{got}\ninstead of\n{expected}"
    )
