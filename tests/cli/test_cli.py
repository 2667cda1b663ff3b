"""The ``phare`` command: regions, show, get; bad input exits 2 with a message and no traceback.

Most cases call ``phare.cli.main`` in this process (fast); a few run the real command through
``python -m phare`` and through the installed console script.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import phare
from phare import display
from phare.cli import main
from support.verified import (
    EMPTY_REGION,
    FIGURES,
    REGIONS,
    VerifiedFigure,
    VerifiedRegion,
    url_and_document,
)

Python = Callable[..., subprocess.CompletedProcess[str]]
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the command line in this process: ``run("get", ...)`` -> (status, stdout, stderr)."""

    def invoke(*argv: str) -> tuple[int, str, str]:
        try:
            status = main(list(argv))
        except SystemExit as exit_:  # argparse's own usage errors
            status = exit_.code if isinstance(exit_.code, int) else 1
        out, err = capsys.readouterr()
        return status, out, err

    return invoke


def _published(value: float) -> str:
    """How a number reads in the `show` table: 45 -> '45', 5.7 -> '5.7', 1200000 -> '1200000'."""
    return str(int(value)) if value.is_integer() else str(value)


def _number(cell: str) -> str:
    """The number of a `show` value cell: '~1200000' -> '1200000', '5.7/10' -> '5.7'."""
    return cell.lstrip("~>").split("/")[0]


# --- phare regions ----------------------------------------------------------------------------


def test_regions_lists_france_and_the_18_regions(run: Run) -> None:
    status, out, err = run("regions")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 2 + len(REGIONS)  # header and rule
    for region, line in zip(REGIONS, lines[2:], strict=True):
        cells = line.split()
        assert cells[0] == region.slug
        assert region.name in line
        assert region.iso_3166_2 in cells
        assert region.nuts in cells
        if region.insee_code is not None:
            assert region.insee_code in cells
        assert region.kind in cells
        assert cells[-1] == str(sum(row.region == region.slug for row in FIGURES))


# --- phare show -------------------------------------------------------------------------------


WITH_FIGURES = [region for region in REGIONS if any(row.region == region.slug for row in FIGURES)]

#: A row of `phare show`: the heading of its group (study, year, actor, segment) and its cells.
ShowRow = tuple[tuple[str, ...], list[str], str]


def _show_rows(out: str) -> list[ShowRow]:
    """The figure lines of `phare show`, each with the heading of its group and its cells."""
    table = out.split("\n\nSources:")[0]
    rows: list[ShowRow] = []
    heading: tuple[str, ...] = ()
    for line in table.splitlines()[6:]:  # name, count, blank, the two headers, the rule
        if line.startswith("  "):
            rows.append((heading, line.split(), line))
        elif line:
            heading = tuple(line.split(", "))
    return rows


def _show_row(row: ShowRow, verified: VerifiedFigure) -> bool:
    """Whether one line of the `show` table is the verified figure."""
    heading, cells, _ = row
    theme = [verified.theme] if verified.theme else []
    value_at = 1 + len(theme)
    return (
        heading
        == (
            verified.study_id,
            str(verified.reference_year),
            verified.actor,
            verified.segment,
        )
        and len(cells) > value_at + 2
        and cells[:value_at] == [verified.indicator, *theme]
        and _number(cells[value_at]) == _published(verified.value)
        and cells[-2] == verified.confidence
    )


@pytest.mark.parametrize("region", WITH_FIGURES, ids=[r.slug for r in WITH_FIGURES])
def test_show_prints_figures_with_study_and_source(run: Run, region: VerifiedRegion) -> None:
    status, out, err = run("show", region.slug)
    assert (status, err) == (0, "")
    assert out.startswith(region.name)
    assert f"{region.iso_3166_2}, NUTS {region.nuts})" in out.splitlines()[0]
    expected = [row for row in FIGURES if row.region == region.slug]
    assert f"{len(expected)} figures" in out
    rows = _show_rows(out)
    assert len(rows) == len(expected)
    sources = _unwrapped(out.split("\n\nSources:\n")[1])
    for verified in expected:
        assert sum(_show_row(row, verified) for row in rows) == 1, verified.fact_id
        url, _ = url_and_document(verified.source)
        assert (url or "Press release") in sources


def _unwrapped(notes: str) -> str:
    """The source notes with their wrapping undone: each continuation joined to its line."""
    return re.sub(r"\n +", "", notes)


@pytest.mark.parametrize("region", REGIONS, ids=[r.slug for r in REGIONS])
def test_show_fits_a_100_column_terminal_and_cuts_no_value(
    run: Run, region: VerifiedRegion
) -> None:
    _, out, _ = run("show", region.slug)
    assert max(len(line) for line in out.splitlines()) <= 100
    figures = phare.region(region.slug).figures()
    rows = _show_rows(out)
    assert len(rows) == len(figures)
    for figure in figures:
        group = (figure.study.id, str(figure.reference_year), figure.actor.id, figure.segment.id)
        assert any(
            heading == group
            and cells[0] == figure.indicator.id
            and f"  {display.value_text(figure)}  " in line
            for heading, cells, line in rows
        ), figure.id
    notes = _unwrapped(out.split("\n\nSources:\n")[1]) if figures else ""
    for location in {figure.source.location for figure in figures}:
        assert location in notes


def test_show_nouvelle_aquitaine(run: Run) -> None:
    _, out, _ = run("show", "nouvelle-aquitaine")
    assert out.startswith("Nouvelle-Aquitaine (INSEE 75, FR-NAQ, NUTS FRI)")
    assert "phare-nouvelle-aquitaine-2016" in out
    assert "https://www.entrepreneursdavenir.com/actualites/" in out
    assert "Press release on the PHARE Nouvelle-Aquitaine regional report" in out


def test_show_numbers_sources_in_order(run: Run) -> None:
    _, out, _ = run("show", "pays-de-la-loire")
    assert "[1] https://youmatter.world/transitions/fr/" in out
    assert "[2]" not in out  # one source for the seven figures


@pytest.mark.parametrize("region", [EMPTY_REGION.slug, "la-reunion", "FR-974"])
def test_show_a_region_without_figures(run: Run, region: str) -> None:
    status, out, err = run("show", region)
    assert (status, err) == (0, "")
    assert "No figure has been published" in out


def test_show_marks_qualifiers_and_disputes(run: Run) -> None:
    _, out, _ = run("show", "france")
    assert ">674000 *" in out  # a lower bound, disputed
    assert "~1200000" in out  # approximate
    assert "e+0" not in out  # numbers are written in full


def test_show_explains_the_marks_it_uses_under_the_table(run: Run) -> None:
    _, out, _ = run("show", "france")
    table, _ = out.split("\n\nSources:")
    assert table.splitlines()[-1] == (
        "Values: ~ approximate, > lower bound, * disputed by another source."
    )
    _, out, _ = run("show", "occitanie")  # exact and undisputed figures only
    table, _ = out.split("\n\nSources:")
    assert table.splitlines()[-1].startswith("  actors-insufficiently-mobilised")
    assert "approximate" not in out


def test_show_explains_only_the_marks_it_uses() -> None:
    security = phare.national().figure(
        "citizens", "fragility-score", theme="security", study="phare-citoyens-2015"
    )
    newly = phare.national().figure("companies", "newly-partnering")
    assert display.marks_legend([security]) == "Values: * disputed by another source."
    assert display.marks_legend([newly, security]) == (
        "Values: ~ approximate, * disputed by another source."
    )
    assert display.marks_legend([phare.national().figure("companies", "partnering")]) == ""


# --- phare get --------------------------------------------------------------------------------


GET: list[tuple[list[str], str]] = [
    (["nouvelle-aquitaine", "companies", "partnering"], "0.45"),
    (["FR-NAQ", "entreprises", "partnering"], "0.45"),
    (["75", "associations", "partnering"], "0.26"),
    (["nouvelle-aquitaine", "companies", "fragility-score", "--theme", "employment"], "5.7"),
    (["nouvelle-aquitaine", "citizens", "priority-fragility", "--theme", "emploi"], "0.47"),
    (["france", "associations", "partnering", "--segment", "employer"], "0.53"),
    (["france", "companies", "partnering"], "0.57"),  # the latest wave
    (
        ["FR", "companies", "partnering", "--study", "arpea-entreprises-territoires-2011"],
        "0.21",
    ),
    (["france", "companies", "partnering-count"], "89000"),
    (["france", "companies", "partnering-change"], "8.5"),
]


@pytest.mark.parametrize(("argv", "printed"), GET, ids=[" ".join(a) for a, _ in GET])
def test_get_prints_the_share_or_the_value(run: Run, argv: list[str], printed: str) -> None:
    assert run("get", *argv) == (0, printed + "\n", "")


#: Figures published as approximate or as a lower bound: the bare number, and a note on stderr.
QUALIFIED: list[tuple[list[str], str, str]] = [
    (["france", "companies", "partnerships-count"], "674000", "more than 674000"),
    (["france", "associations", "partnerships-count"], "1200000", "nearly 1200000"),
    (["france", "companies", "newly-partnering"], "0.1", "nearly 10 %"),
]


@pytest.mark.parametrize(
    ("argv", "printed", "published"), QUALIFIED, ids=[" ".join(a) for a, _, _ in QUALIFIED]
)
def test_get_notes_on_stderr_how_a_qualified_figure_was_published(
    run: Run, argv: list[str], printed: str, published: str
) -> None:
    status, out, err = run("get", *argv)
    assert (status, out) == (0, printed + "\n")
    assert err.splitlines()[0] == f"phare: note: published as {published!r}"


def test_get_notes_on_stderr_each_other_reading_of_a_disputed_figure(run: Run) -> None:
    argv = ["france", "companies", "partnering", "--study", "phare-entreprises-2015"]
    figure = phare.national().figure("companies", "partnering", study="phare-entreprises-2015")
    assert figure.disputes
    status, out, err = run("get", *argv)
    assert (status, out) == (0, "0.37\n")  # stdout keeps the bare number
    assert err.splitlines() == [
        f"phare: note: disputed {d.field}: {d.source.publisher} gives {d.other!r} "
        f"({d.source.location})"
        for d in figure.disputes
    ]


def _get_argv(row: VerifiedFigure) -> list[str]:
    argv = ["get", row.region, row.actor, row.indicator, "--segment", row.segment]
    argv += ["--study", row.study_id]
    if row.theme is not None:
        argv += ["--theme", row.theme]
    return argv


QUALIFIER_WORDS = {"approx": "nearly ", "lower-bound": "more than "}


def test_get_every_figure(run: Run, verified_figure: VerifiedFigure) -> None:
    status, out, err = run(*_get_argv(verified_figure))
    assert status == 0
    notes = err.splitlines()
    if verified_figure.qualifier != "exact":
        words = QUALIFIER_WORDS[verified_figure.qualifier]
        assert notes.pop(0).startswith(
            f"phare: note: published as '{words}{_published(verified_figure.value)}"
        )
    assert bool(notes) == verified_figure.disputed
    assert all(note.startswith("phare: note: disputed ") for note in notes)
    printed = out.strip()
    assert "e" not in printed  # in full, never 1.2e+06
    expected = verified_figure.value / 100 if verified_figure.is_percent else verified_figure.value
    assert float(printed) == expected


# --- bad input --------------------------------------------------------------------------------


BAD_INPUT: list[tuple[list[str], str]] = [
    (["get", "bretange", "companies", "partnering"], "did you mean 'bretagne'?"),
    (["show", "nouvelle-aquitane"], "did you mean 'nouvelle-aquitaine'?"),
    (["get", "nouvelle-aquitaine", "compagnies", "partnering"], "did you mean 'companies'"),
    (["get", "nouvelle-aquitaine", "companies", "partnerng"], "did you mean 'partnering'"),
    (
        ["get", "france", "associations", "partnering", "--segment", "employr"],
        "did you mean 'employer'",
    ),
    (
        ["get", "france", "companies", "partnering", "--study", "phare-entreprise-2015"],
        "did you mean 'phare-entreprises-2015'",
    ),
    (
        ["get", "nouvelle-aquitaine", "companies", "fragility-score", "--theme", "emploii"],
        "did you mean 'employment'",
    ),
    (["show", "Aquitaine"], "part of Nouvelle-Aquitaine; ask for 'nouvelle-aquitaine'"),
    (["get", "72", "companies", "partnering"], "Nouvelle-Aquitaine"),
    (
        ["get", EMPTY_REGION.slug, "associations", "partnering"],
        f"{EMPTY_REGION.name} has no published figure",
    ),
    (["get", "france", "citizens", "fragility-score"], "name a theme published for citizens"),
    (["get", "france", "companies", "partnering", "--theme", "employment"], "not broken down"),
]


@pytest.mark.parametrize(("argv", "says"), BAD_INPUT, ids=[" ".join(a) for a, _ in BAD_INPUT])
def test_bad_input_exits_2_with_a_message(run: Run, argv: list[str], says: str) -> None:
    status, out, err = run(*argv)
    assert status == 2
    assert out == ""
    assert err.startswith("phare: error: ")
    assert says in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv", [[], ["frobnicate"], ["show"], ["get", "france", "companies"], ["regions", "extra"]]
)
def test_usage_errors_exit_2(run: Run, argv: list[str]) -> None:
    status, out, err = run(*argv)
    assert status == 2
    assert out == ""
    assert "usage: phare" in err


# --- the real command, twice ------------------------------------------------------------------


def test_python_m_phare(python: Python) -> None:
    result = python("-m", "phare", "get", "nouvelle-aquitaine", "companies", "partnering")
    assert (result.returncode, result.stdout, result.stderr) == (0, "0.45\n", "")
    bad = python("-m", "phare", "get", "bretange", "companies", "partnering")
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert "did you mean 'bretagne'?" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_installed_console_script() -> None:
    script = Path(sys.executable).parent / ("phare.exe" if sys.platform == "win32" else "phare")
    assert script.exists(), f"no console script at {script}: install with pip install -e '.[test]'"
    shown = subprocess.run(
        [str(script), "show", "nouvelle-aquitaine"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert "phare-nouvelle-aquitaine-2016" in shown.stdout
    assert "https://www.entrepreneursdavenir.com/" in shown.stdout
    bad = subprocess.run(
        [str(script), "get", "Aquitaine", "companies", "partnering"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert bad.returncode == 2
    assert "former region" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    # `phare regions | head -1`: the pipe closes before phare has written; no traceback.
    process = subprocess.Popen(
        [sys.executable, "-m", "phare", "regions"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert stderr == ""


# --- when the output fails ----------------------------------------------------------------------

#: Commands whose output holds characters outside ASCII (Auvergne-Rhône-Alpes, Île-de-France...).
WRITING = [["regions"], ["show", "france"], ["export", "--format", "markdown"], ["--help"]]


def _phare(
    *argv: str, stdout: int | None = subprocess.PIPE, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m phare`` in a fresh process, with *stdout* and the environment given."""
    return subprocess.run(
        [sys.executable, "-m", "phare", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=120,
    )


def _one_line_error(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text
    assert text.startswith("phare: error: ")
    assert text.count("\n") == 1
    return text


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", WRITING, ids=" ".join)
def test_a_full_disk_is_one_line_and_status_1(argv: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = _phare(*argv, stdout=full.fileno())
    assert result.returncode == 1
    assert "No space left on device" in _one_line_error(result.stderr)


@pytest.mark.parametrize(
    "argv", [*WRITING, ["get", "france", "companies", "partnering"]], ids=" ".join
)
def test_a_closed_stdout_is_one_line_and_status_1(argv: list[str]) -> None:
    result = subprocess.run(
        ["sh", "-c", '"$@" >&-', "sh", sys.executable, "-m", "phare", *argv],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert "cannot write to stdout" in _one_line_error(result.stderr)


def test_a_stdout_closed_from_within_python_is_status_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(sys, "stdout", closed)
    assert main(["regions"]) == 1
    assert capsys.readouterr().err.startswith("phare: error: cannot write to stdout: ")


ENCODINGS = ["ascii", "cp437", "latin-1", "iso8859-15", "cp1252", "koi8-r", "mac-roman"]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("argv", WRITING, ids=" ".join)
def test_an_encoding_that_lacks_a_character_gets_it_replaced(
    run: Run, encoding: str, argv: list[str]
) -> None:
    status, expected, _ = run(*argv)
    assert status == 0
    result = _phare(*argv, env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert result.stdout.decode(encoding) == expected.encode(encoding, "replace").decode(encoding)


@pytest.mark.parametrize(
    "env",
    [
        {"LC_ALL": "C"},
        {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
        {"LC_ALL": "POSIX", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    ],
    ids=["C", "C-without-utf8-mode", "POSIX-without-utf8-mode"],
)
def test_the_c_locale_prints_every_command(env: dict[str, str]) -> None:
    env = {**env, "PYTHONIOENCODING": ""}
    for argv in WRITING:
        result = _phare(*argv, env=env)
        assert result.returncode == 0, result.stderr
        assert result.stderr == b""
        assert result.stdout.startswith((b"slug ", b"France ", b"| id |", b"usage: phare"))


@pytest.mark.parametrize("encoding", ["ascii", "cp437"])
def test_an_error_message_in_a_narrow_encoding_is_replaced_too(encoding: str) -> None:
    result = _phare(
        "get", "ile-de-france", "citizens", "partnering", env={"PYTHONIOENCODING": encoding}
    )
    assert result.returncode == 2
    assert "?le-de-France has no published figure" in _one_line_error(result.stderr)


def test_a_data_failure_is_status_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> None:
        raise phare.DataError("regions.csv, row 3, field 'nuts': '' is required")

    monkeypatch.setattr(phare, "regions", broken)
    assert main(["regions"]) == 1
    assert capsys.readouterr().err == (
        "phare: error: regions.csv, row 3, field 'nuts': '' is required\n"
    )


def test_the_exit_statuses_are_documented(run: Run) -> None:
    status, out, _ = run("--help")
    assert status == 0
    said = " ".join(out.split())
    assert (
        "Exit status: 0 on success, 1 when the data or the output fails, 2 for a usage error."
        in said
    )
    page = (Path(__file__).resolve().parents[2] / "docs/howto/command-line.md").read_text(
        encoding="utf-8"
    )
    assert "| 0 | success |" in page
    assert "| 1 | the data or the output failed" in page
    assert "| 2 | a usage error" in page


class _Stream(io.StringIO):
    """A text stream that fails as told: with *error* on each write, or under an *encoding*."""

    def __init__(self, error: Exception | None = None, encoding: str = "utf-8") -> None:
        super().__init__()
        self.error = error
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding

    def write(self, text: str) -> int:
        if self.error is not None:
            raise self.error
        return super().write(text)


@pytest.mark.parametrize(
    ("stdout", "argv", "status", "says"),
    [
        (None, ["regions"], 1, "cannot write to stdout: the stream is closed"),
        (None, ["--help"], 1, "cannot write to stdout: the stream is closed"),
        (_Stream(OSError(28, "No space left on device")), ["--help"], 1, "No space left"),
        (_Stream(BrokenPipeError(32, "Broken pipe")), ["--help"], 0, ""),
        (_Stream(BrokenPipeError(32, "Broken pipe")), ["show", "france"], 0, ""),
    ],
    ids=["closed-regions", "closed-help", "full-help", "pipe-help", "pipe-show"],
)
def test_every_output_failure_in_process(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stdout: _Stream | None,
    argv: list[str],
    status: int,
    says: str,
) -> None:
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(argv) == status
    err = capsys.readouterr().err
    assert err == (f"phare: error: {err.partition('error: ')[2]}" if says else "")
    assert says in err
    assert err.count("\n") == (1 if says else 0)


def test_an_encoding_python_does_not_know_is_left_to_the_stream(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stream = _Stream(encoding="no-such-codec")
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["show", "ile-de-france"]) == 0
    assert stream.getvalue().startswith("Île-de-France (INSEE 11")


# --- the commands that mirror Python, in this process (tests/test_cli_commands.py runs them
# --- in a fresh one, against the Python functions)

MIRRORS: list[tuple[list[str], str]] = [
    (["regions", "--format", "csv"], "slug,name,insee,iso,nuts,kind,figures\nfrance,France,,"),
    (["regions", "--format", "json"], '[\n  {\n    "slug": "france",'),
    (["compare", "nouvelle-aquitaine", "companies", "partnering"], "Companies: Already partnering"),
    (["rank", "companies", "partnering", "--lang", "fr"], "Entreprises: "),
    (["rank", "citizens", "alliances-innovation", "--programme", "IMPACT"], "Citizens: "),
    (["coverage"], "region  "),
    (["cite"], "The phare developers. phare: "),
    (["cite", "--study", "phare-citoyens-2015", "--style", "bibtex"], "@techreport{"),
    (["cite", "france", "companies", "partnering", "--style", "bibtex"], "@misc{"),
]


@pytest.mark.parametrize(("argv", "starts"), MIRRORS, ids=[" ".join(a) for a, _ in MIRRORS])
def test_the_commands_that_mirror_python(run: Run, argv: list[str], starts: str) -> None:
    status, out, err = run(*argv)
    assert (status, err) == (0, "")
    assert out.startswith(starts)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["compare", "france", "companies", "partnering"], "France is the reference"),
        (["cite", "france"], "name a figure as REGION ACTOR INDICATOR"),
        (["cite", "--segment", "employer"], "give REGION ACTOR INDICATOR too"),
        (["plot", "profile", "occitanie", "--output", "chart.jpg"], "name a .png or .svg file"),
    ],
)
def test_the_mirrors_refuse_in_one_line(run: Run, argv: list[str], says: str) -> None:
    status, out, err = run(*argv)
    assert (status, out) == (2, "")
    assert err.startswith("phare: error: ")
    assert says in err


def test_plot_in_this_process(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "naq.svg"
    assert run("plot", "profile", "nouvelle-aquitaine", "--output", str(target)) == (
        0,
        "",
        f"phare: wrote {target}\n",
    )
    status, _, err = run("plot", "rank", "companies", "partnering", "--output", str(target))
    assert (status, err) == (2, f"phare: error: {target} exists; add --force to replace it\n")
    missing = tmp_path / "no" / "rank.png"
    status, _, err = run("plot", "rank", "companies", "partnering", "--output", str(missing))
    assert status == 1
    assert err.startswith(f"phare: error: cannot write {missing}: ")
