"""Where the bundled tables are read from: plain files on disk, importlib-resources from a zip."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import phare

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


def test_phare_runs_from_a_zip_archive_through_importlib_resources(tmp_path: Path) -> None:
    archive = tmp_path / "phare.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in sorted(PACKAGE.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                bundle.write(path, Path("phare") / path.relative_to(PACKAGE))
    out = _run(
        f"import sys; sys.path.insert(0, {str(archive)!r}); import phare; "
        "from phare import _store; "
        f"print(phare.__file__.startswith({str(archive)!r}), "
        f"type(_store.DataFolder().root).__name__, len(phare.figures()), {QUERY})"
    )
    startswith, root_type, count, share = out.split()
    assert startswith == "True"
    assert root_type != "str"  # an importlib-resources traversable, not a folder path
    assert int(count) == len(phare.figures())
    assert share == "0.45"
