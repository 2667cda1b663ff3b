"""The example notebook runs top to bottom, and what it stores is still what it prints.

After changing the notebook, the package or the data, store it executed again with
``python tests/docs/test_notebook.py``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat import NotebookNode

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "nouvelle-aquitaine.ipynb"
#: A kernel of its own that runs this interpreter, whatever other kernels a machine has.
KERNEL = "phare-example"


def _kernel_dir(base: Path) -> Path:
    """Write a kernelspec for the running interpreter under *base*, for JUPYTER_PATH."""
    spec = base / "kernels" / KERNEL
    spec.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "Python 3", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    return base


def execute(notebook: NotebookNode) -> NotebookNode:
    """Run every cell in the examples folder, as a reader would; raise on the first error."""
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name=KERNEL,
        record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    executed: NotebookNode = client.execute()
    return executed


def _read() -> NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def _shown(output: NotebookNode) -> str:
    """What an output shows, stable across runs: text as is, pictures and pandas tables by kind.

    DataFrame reprs depend on the pandas version and PNG bytes on matplotlib's, so those are
    compared by kind only; their numbers are tested in test_rank_coverage and test_plot.
    """
    if output.output_type == "stream":
        return f"{output.name}: {output.text}"
    if output.output_type == "error":
        return f"error: {output.ename}: {output.evalue}"
    data = output.get("data", {})
    if "image/png" in data:
        return "image"
    if 'class="dataframe"' in data.get("text/html", ""):
        return "dataframe"
    return f"{output.output_type}: {data.get('text/plain', '')}"


def _outputs(notebook: NotebookNode) -> list[list[str]]:
    return [
        [_shown(output) for output in cell.outputs]
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> NotebookNode:
    jupyter_path = _kernel_dir(tmp_path_factory.mktemp("jupyter"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(jupyter_path))
        patch.setenv("JUPYTER_PLATFORM_DIRS", "1")
        patch.delenv("MPLBACKEND", raising=False)
        return execute(_read())


def test_stored_notebook_is_executed_top_to_bottom() -> None:
    cells = [cell for cell in _read().cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in cells] == list(range(1, len(cells) + 1))
    assert all(cell.outputs for cell in cells), "every code cell shows something"
    assert not [o for cell in cells for o in cell.outputs if o.output_type == "error"]


def test_notebook_runs_and_prints_what_it_stores(fresh: NotebookNode) -> None:
    assert _outputs(fresh) == _outputs(_read())


def test_notebook_tells_the_press_release_story(fresh: NotebookNode) -> None:
    shown = "\n".join(text for cell in _outputs(fresh) for text in cell)
    assert "(0.45, 0.37)" in shown
    assert "45 % against France 37 % (PHARE), +8 points" in shown
    assert "citizens      47%\nassociations  65%\ncompanies     27%" in shown
    assert "alliances-innovation = 67 %" in shown
    assert "alliances-innovation = 84 %" in shown
    assert shown.count("image") == 2
    assert "@techreport{phare-nouvelle-aquitaine-2016," in shown


def test_notebook_shows_html_tables_with_escaped_text(fresh: NotebookNode) -> None:
    first = next(cell for cell in fresh.cells if cell.cell_type == "code")
    html = first.outputs[0].data["text/html"]
    assert html.startswith("<div><strong>Nouvelle-Aquitaine</strong>")
    assert "<script" not in html


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        os.environ["JUPYTER_PATH"] = str(_kernel_dir(Path(folder)))
        os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
        os.environ.pop("MPLBACKEND", None)
        stored = execute(_read())
    stored.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(stored, NOTEBOOK)
    print(f"stored {NOTEBOOK.relative_to(ROOT)} executed")
