"""``phare.__data_version__``: the bundled data's own version, stated once, read on access."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import phare

Python = Callable[..., subprocess.CompletedProcess[str]]

DESCRIPTOR = Path(phare.__file__).parent / "data" / "datapackage.json"


def test_the_data_version_is_the_data_package_version() -> None:
    stated = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))["version"]
    assert phare.__data_version__ == stated
    assert datetime.date.fromisoformat(stated).isoformat() == stated
    assert stated != phare.__version__


def test_the_data_version_is_public_and_stated_once() -> None:
    assert "__data_version__" in phare.__all__
    assert "__data_version__" in dir(phare)
    root = Path(phare.__file__).parent
    stating = [
        p.name
        for p in [*root.rglob("*.py"), *root.rglob("*.json")]
        if phare.__data_version__ in p.read_text(encoding="utf-8")
    ]
    assert stating == ["datapackage.json"]


READ_ON_ACCESS = """
import sys
import phare
assert "json" not in sys.modules
print(phare.__data_version__)
assert "json" in sys.modules and "pandas" not in sys.modules
"""


def test_the_data_version_is_read_on_first_access(python: Python) -> None:
    result = python("-c", READ_ON_ACCESS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == phare.__data_version__


def test_phare_version_shows_both_versions(python: Python) -> None:
    result = python("-m", "phare", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"phare {phare.__version__} (data {phare.__data_version__})"


def test_the_changelog_names_the_data_version() -> None:
    changelog = (Path(__file__).resolve().parents[2] / "docs" / "changelog.md").read_text(
        encoding="utf-8"
    )
    assert re.search(rf"\b{re.escape(phare.__data_version__)}\b", changelog)
