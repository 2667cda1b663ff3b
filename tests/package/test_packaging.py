"""The built distributions carry everything: a wheel installed in a fresh virtualenv answers.

``python -m build`` makes the sdist, then the wheel from the sdist (so the sdist is proven to
hold what the wheel needs). The wheel must list every data file and ``py.typed``; installed
with ``--no-deps`` (plus attrs, its one import-time dependency) into a new virtualenv, it must
answer queries from a folder outside the source tree, so a wheel that lacks a data file fails
here. pandas is not installed there, which also proves that the queries below never need it.

Nothing here needs the network, nor a package index. attrs is not downloaded: the files the
running interpreter's attrs installed (its ``attr`` and ``attrs`` packages and its dist-info,
as its ``RECORD`` lists them) are copied into the new environment's site-packages, which is
what pip would have put there, at the same version. A ``--system-site-packages`` environment
would see attrs too, but also whatever else the base interpreter has (pandas, maybe), and the
test could no longer tell what the wheel needs. pip runs ``--isolated`` (no configuration from
the environment or the user, which may name local indexes or folders of wheels) and
``--no-index``, so a pip call that reached for an index would fail instead of quietly working.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from importlib.metadata import distribution
from pathlib import Path

import pytest

from support.verified import FIGURES, REGIONS, STUDIES

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "phare" / "data"

QUERIES = """
import importlib.resources, pathlib, sys
import phare
assert "pandas" not in sys.modules
here = pathlib.Path(phare.__file__).resolve()
assert "site-packages" in here.parts, here
naq = phare.region("Nouvelle Aquitaine")
phare_2015 = phare.national().share("companies", "partnering", study="phare-entreprises-2015")
print(naq.share("entreprises", "partnering"), phare_2015)
print(len(phare.figures()), len(phare.regions()), len(phare.studies()))
print(phare.observatory().founded, naq.figure("companies", "partnering").source.document)
data = importlib.resources.files("phare") / "data"
print(sorted(p.name for p in data.iterdir()))
print((importlib.resources.files("phare") / "py.typed").is_file())
"""


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT, cwd=out)
    return out


def test_the_wheel_holds_every_data_file_and_py_typed(dist: Path) -> None:
    (wheel,) = dist.glob("phare_observatoire-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"phare/data/{p.name}" for p in DATA.iterdir() if p.is_file()}
    assert expected <= names, expected - names
    assert {"phare/py.typed", "phare/__init__.py", "phare/_store.py"} <= names
    assert "phare/data/datapackage.json" in names
    assert not any(name.startswith("tests/") for name in names)


def test_the_sdist_holds_the_sources_data_and_tests(dist: Path) -> None:
    (sdist,) = dist.glob("phare_observatoire-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    expected = {f"src/phare/data/{p.name}" for p in DATA.iterdir() if p.is_file()}
    assert expected <= names, expected - names
    assert {"pyproject.toml", "src/phare/py.typed", "tests/fixtures/verified_figures.csv"} <= names


def copy_installed(name: str, site_packages: Path) -> None:
    """Copy the files the installed distribution *name* put in site-packages (its RECORD)."""
    installed = distribution(name)
    files = [f for f in installed.files or () if "__pycache__" not in f.parts]
    assert files, f"{name} was installed without a RECORD of its files"
    for relative in files:
        assert ".." not in relative.parts, f"{name} installs outside site-packages: {relative}"
        target = site_packages / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(installed.locate_file(relative), target)


def test_the_installed_wheel_answers_outside_the_source_tree(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("phare_observatoire-*.whl")
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
    copy_installed("attrs", Path(run(python, "-c", purelib, cwd=tmp_path).stdout.strip()))
    pip = (sys.executable, "-m", "pip", "--isolated", "--python", python, "install", "--quiet")
    run(*pip, "--no-index", "--no-deps", wheel, cwd=tmp_path)
    away = tmp_path / "elsewhere"
    away.mkdir()
    lines = run(python, "-I", "-c", QUERIES, cwd=away).stdout.splitlines()
    counts = f"{len(FIGURES)} {len(REGIONS) - 1} {len(STUDIES)}"  # France is not a region
    assert lines[:3] == ["0.45 0.37", counts, "2008 press-release-phare-nouvelle-aquitaine"]
    assert lines[3] == str(sorted(p.name for p in DATA.iterdir() if p.is_file()))
    assert lines[4] == "True"
    command = run(venv / "bin" / "phare", "get", "75", "companies", "partnering", cwd=away)
    assert command.stdout == "0.45\n"
