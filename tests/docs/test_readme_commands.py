"""The README's two commands are the ones CI runs, and the examples still run."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _first_commands() -> list[str]:
    block = re.search(r"```bash\n(.*?)```", README, re.S)
    assert block is not None, "README.md must open with a bash block of two commands"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_opens_with_two_commands() -> None:
    install, test = _first_commands()
    assert install.startswith("pip install .")
    assert "phare show" in install
    assert test == 'pip install -e ".[test]" && python -m pytest'
    assert README.index("```bash") < README.index("## "), "the commands come before any section"


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command_lines = [line for line in ci.splitlines() if line and not line.startswith("#")]
    assert _first_commands()[1] in command_lines


def test_readme_show_command_runs() -> None:
    region = _first_commands()[0].split("phare show", 1)[1].strip()
    result = subprocess.run(
        [sys.executable, "-m", "phare", "show", region], capture_output=True, text=True, check=True
    )
    assert "Nouvelle-Aquitaine" in result.stdout
    assert "phare-nouvelle-aquitaine-2016" in result.stdout


@pytest.mark.parametrize("script", sorted((ROOT / "examples").glob("*.py")), ids=lambda p: p.name)
def test_example_script_runs(script: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_compare_example_answers_the_founding_question() -> None:
    script = ROOT / "examples" / "compare_regions.py"
    output = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True
    ).stdout
    assert "Nouvelle-Aquitaine: +8 against France" in output
    assert "45 %" in output
    assert "37 %" in output
    assert "https://www.lerameau.fr/phare-entreprises" in output
