"""``import phare`` stays light: pandas arrives with the first DataFrame, the data with the first query.

Each check runs in a fresh interpreter, because this test process has imported everything already.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable

import pytest

import phare

Python = Callable[..., subprocess.CompletedProcess[str]]

#: Modules that must wait. pandas/numpy (and matplotlib, pyarrow) cost most of a second; attrs
#: and phare's own model and store wait too, because the package promises that importing it loads
#: only the exception family (see phare/__init__.py) so that a script that never queries pays nothing.
WATCHED = [
    "attr",
    "attrs",
    "matplotlib",
    "numpy",
    "pandas",
    "phare._query",
    "phare.dataset",
    "phare._store",
    "phare.frame",
    "phare.model",
    "pyarrow",
]

STAGES = f"""
import json, sys
WATCHED = {WATCHED!r}
seen = {{}}
def stage(name):
    seen[name] = sorted(m for m in WATCHED if m in sys.modules)
import phare
stage("import")
phare.region("nouvelle-aquitaine").share("companies", "partnering")
stage("query")
phare.to_frame()
stage("frame")
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def stages(python: Python) -> dict[str, list[str]]:
    result = python("-c", STAGES)
    assert result.returncode == 0, result.stderr
    loaded: dict[str, list[str]] = json.loads(result.stdout)
    return loaded


def test_import_loads_nothing_heavy(stages: dict[str, list[str]]) -> None:
    assert stages["import"] == []


def test_a_query_loads_the_model_but_not_pandas(stages: dict[str, list[str]]) -> None:
    assert "pandas" not in stages["query"]
    assert "numpy" not in stages["query"]
    assert "matplotlib" not in stages["query"]
    assert "phare.frame" not in stages["query"]
    assert {"attrs", "phare._store", "phare.model"} <= set(stages["query"])


def test_to_frame_loads_pandas(stages: dict[str, list[str]]) -> None:
    assert {"pandas", "phare.frame"} <= set(stages["frame"])
    assert "matplotlib" not in stages["frame"]


LOAD_ONCE = """
import phare
from phare import _store
from phare.dataset import BUNDLED
assert BUNDLED._store is None, "data read at import"
loads = []
read_tables = _store.Store.__init__
def counted(self, *args, **kwargs):
    loads.append(1)
    read_tables(self, *args, **kwargs)
_store.Store.__init__ = counted
first = phare.figures()
for name in ("bretagne", "FR-NAQ", "75", "france"):
    phare.region(name).figures()
phare.national().share("companies", "partnering")
phare.studies(); phare.observatory(); phare.actors(); phare.indicators(); phare.themes()
assert phare.figures() == first and phare.figures()[0] is first[0]
print(len(loads))
"""


def test_the_data_is_read_once_on_first_use(python: Python) -> None:
    result = python("-c", LOAD_ONCE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"


def test_every_public_name_resolves() -> None:
    for name in phare.__all__:
        assert getattr(phare, name) is not None, name
    assert set(phare.__all__) <= set(dir(phare))


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'regoin'"):
        phare.regoin  # noqa: B018


#: Public submodules: phare.errors comes with the package, phare.plot on first access.
SUBMODULES = {"errors", "plot"}


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def test_dir_lists_the_public_names_and_nothing_private() -> None:
    import phare.frame  # a loaded submodule must not widen dir

    phare.region("occitanie")
    names = dir(phare)
    assert names == sorted(names)
    assert "TYPE_CHECKING" not in names
    assert "annotations" not in names
    assert "frame" not in names
    assert not [n for n in names if n.startswith("_") and not _is_dunder(n)]
    public = {n for n in names if not _is_dunder(n)}
    assert public == {n for n in phare.__all__ if not _is_dunder(n)} | SUBMODULES
    assert "__version__" in names
    for name in names:
        getattr(phare, name)  # every name listed can be reached


DIR_LOADS_NOTHING = """
import sys
import phare
before = set(sys.modules)
names = dir(phare)
print(sorted(set(sys.modules) - before), "TYPE_CHECKING" in names, "region" in names)
"""


def test_dir_imports_nothing(python: Python) -> None:
    result = python("-c", DIR_LOADS_NOTHING)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[] False True"
