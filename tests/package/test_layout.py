"""The test tree keeps the layout CONTRIBUTING.md describes, so a newcomer finds each test."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"


def described_folders() -> set[str]:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return set(re.findall(r"^  \| `tests/(\w+)/` \|", text, flags=re.M))


def test_every_test_file_is_in_a_described_folder() -> None:
    folders = described_folders()
    assert "loader" in folders  # the table was read
    assert sorted(p.name for p in TESTS.glob("test_*.py")) == []
    on_disk = {p.parent.name for p in TESTS.glob("*/test_*.py")}
    assert on_disk == folders


def test_helpers_are_one_package_of_no_tests() -> None:
    support = TESTS / "support"
    assert (support / "__init__.py").exists()
    assert not list(support.glob("test_*.py"))
    assert {p.name for p in TESTS.glob("*.py")} == {"conftest.py"}
