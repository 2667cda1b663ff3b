"""Where the bundled tables are read from: plain files on disk, importlib-resources from a zip.

The zip cases run phare from an archive of its own files through zipimport, in a fresh
interpreter, with no data source given: the default path of the store, the one an application
shipped as a zip takes.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import phare
from phare import _store

PACKAGE = Path(phare.__file__).resolve().parent
QUERY = "phare.region('FR-NAQ').share('companies', 'partnering')"


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_query_on_disk_imports_neither_importlib_resources_nor_pathlib() -> None:
    loaded = _run(f"import sys, phare; {QUERY}; print(' '.join(sorted(sys.modules)))").split()
    assert "phare._store" in loaded
    assert {"importlib.resources", "pathlib", "zipfile", "tempfile"}.isdisjoint(loaded)


def _zip_of_phare(archive: Path, leave_out: str = "") -> str:
    """Write phare's own files to *archive* (less the one named *leave_out*); its path."""
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in sorted(PACKAGE.rglob("*")):
            inside = Path("phare") / path.relative_to(PACKAGE)
            if (
                path.is_file()
                and "__pycache__" not in path.parts
                and inside.as_posix() != leave_out
            ):
                bundle.write(path, inside)
    return str(archive)


def test_phare_runs_from_a_zip_archive_through_importlib_resources(tmp_path: Path) -> None:
    archive = _zip_of_phare(tmp_path / "phare.zip")
    out = _run(
        f"import sys; sys.path.insert(0, {archive!r}); import phare; "
        "from phare import _store; from phare.cli import main; "
        f"print(phare.__file__.startswith({archive!r}), "
        f"type(_store.DataFolder().root).__name__, len(phare.figures()), {QUERY}); "
        "main(['get', 'FR-NAQ', 'entreprises', 'partnering'])"
    )
    startswith, root_type, count, share, command = out.split()
    assert startswith == "True"
    assert root_type != "str"  # an importlib-resources traversable, not a folder path
    assert int(count) == len(phare.figures())
    assert share == "0.45"
    assert command == "0.45"


def test_a_zip_without_a_data_file_fails_naming_it(tmp_path: Path) -> None:
    # the figures on disk beside the test are not read in their place
    archive = _zip_of_phare(tmp_path / "phare.zip", leave_out="phare/data/figures.csv")
    out = _run(
        f"import sys; sys.path.insert(0, {archive!r}); import phare\n"
        "try:\n    phare.figures()\nexcept phare.DataError as err:\n    print(err)"
    )
    assert out == "figures.csv: data file is missing"


def test_importlib_resources_serves_the_folder_read_on_disk() -> None:
    packaged = _store._packaged_data()
    on_disk = _store.DataFolder()
    assert isinstance(on_disk.root, str)
    names = sorted(entry.name for entry in packaged.iterdir())
    assert names == sorted(p.name for p in (PACKAGE / "data").iterdir())
    assert "figures.csv" in names
    for name in ("figures.csv", "observatory.json"):
        assert _store.DataFolder(packaged).text(name) == on_disk.text(name)
