"""The reference stays complete: every public name has an example, every module is on the map."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import phare
from support.verified import FIGURES

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "phare"
#: The two version strings are plain data, documented where they are defined.
PUBLIC = [name for name in phare.__all__ if name not in ("__version__", "__data_version__")]


def _members(name: str) -> list[tuple[str, object]]:
    """A public class's own public methods and properties, with the class itself."""
    obj = getattr(phare, name)
    found: list[tuple[str, object]] = [(name, obj)]
    if inspect.isclass(obj) and not issubclass(obj, BaseException):
        for member, value in vars(obj).items():
            if not member.startswith("_") and (callable(value) or isinstance(value, property)):
                found.append((f"{name}.{member}", value))
    return found


DOCUMENTED = [pair for name in PUBLIC for pair in _members(name)]


@pytest.mark.parametrize(("name", "obj"), DOCUMENTED, ids=[name for name, _ in DOCUMENTED])
def test_public_name_has_a_docstring_with_an_example(name: str, obj: object) -> None:
    doc = inspect.getdoc(obj) or ""
    assert doc.strip(), f"phare.{name} has no docstring"
    assert ">>>" in doc, f"phare.{name}: add an example (a doctest) to its docstring"


def test_architecture_page_names_every_module_and_data_file() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    data = sorted(p.name for p in (PACKAGE / "data").iterdir() if p.is_file())
    missing = [name for name in [*modules, *data] if f"`{name}`" not in text]
    assert not missing, f"docs/architecture.md does not mention: {missing}"


def test_every_figure_the_changelog_names_exists() -> None:
    # The Data sections name figures by id so that a user can see whether a number moved: a
    # misspelt id would hide exactly that.
    text = (ROOT / "docs" / "changelog.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:fr|naq|pdl|bfc|occ)-[a-z0-9-]+)`", text))
    assert named
    assert named <= {row.fact_id for row in FIGURES}
