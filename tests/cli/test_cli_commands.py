"""The commands that mirror the Python API: compare, rank, coverage, cite, plot, regions --format.

Each runs the real command in a fresh process (``python -m phare``), and its answer is checked
against what the Python function it stands for returns, so new data changes both sides alike.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import phare
from phare import display
from phare.cli import main
from phare.formatting import format_difference, format_value
from support.verified import FIGURES, REGIONS

Python = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def phare_cli(python: Python) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``phare_cli("rank", ...)``: the command run as ``python -m phare`` in a fresh process."""

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return python("-m", "phare", *argv)

    return run


Cli = Callable[..., subprocess.CompletedProcess[str]]


def _refused(result: subprocess.CompletedProcess[str], status: int, says: str) -> None:
    """The command failed with *status*, one line on stderr saying *says*, nothing on stdout."""
    assert result.returncode == status, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert says in result.stderr


def _max_width(text: str) -> int:
    return max(len(line) for line in text.splitlines())


# --- phare regions --format -------------------------------------------------------------------


def _figure_count(slug: str) -> int:
    return sum(row.region == slug for row in FIGURES)


def test_regions_as_csv(phare_cli: Cli) -> None:
    result = phare_cli("regions", "--format", "CSV")
    assert (result.returncode, result.stderr) == (0, "")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["slug"] for row in rows] == [region.slug for region in REGIONS]
    for row, region in zip(rows, REGIONS, strict=True):
        assert row["name"] == region.name
        assert row["insee"] == (region.insee_code or "")
        assert (row["iso"], row["nuts"], row["kind"]) == (
            region.iso_3166_2,
            region.nuts,
            region.kind,
        )
        assert row["figures"] == str(_figure_count(region.slug))


def test_regions_as_json(phare_cli: Cli) -> None:
    result = phare_cli("regions", "--format", "json")
    assert (result.returncode, result.stderr) == (0, "")
    records = json.loads(result.stdout)
    assert [record["slug"] for record in records] == [region.slug for region in REGIONS]
    for record, region in zip(records, REGIONS, strict=True):
        assert record["insee"] == region.insee_code
        assert record["figures"] == _figure_count(region.slug)
    assert phare_cli("regions", "--format", "text").stdout.startswith("slug ")


def test_regions_refuses_an_unknown_format(phare_cli: Cli) -> None:
    _refused(phare_cli("regions", "--format", "xml"), 2, "the regions formats are 'text'")


# --- phare compare ----------------------------------------------------------------------------

COMPARED = [
    ("nouvelle-aquitaine", "companies", "partnering", []),
    ("nouvelle-aquitaine", "companies", "fragility-score", ["--theme", "poverty-exclusion"]),
    ("occitanie", "citizens", "alliances-innovation", []),
    ("pays-de-la-loire", "associations", "alliances-innovation", ["--segment", "all"]),
]


@pytest.mark.parametrize(("region", "actor", "indicator", "options"), COMPARED)
def test_compare_prints_both_figures_and_the_gap(
    phare_cli: Cli, region: str, actor: str, indicator: str, options: list[str]
) -> None:
    result = phare_cli("compare", region, actor, indicator, *options)
    assert (result.returncode, result.stderr) == (0, "")
    theme = options[1] if options[:1] == ["--theme"] else None
    comparison = phare.region(region).compare(actor, indicator, theme=theme)
    lines = result.stdout.splitlines()
    for figure in (comparison.region, comparison.national):
        row = next(line for line in lines if line.startswith(figure.region.name + " "))
        assert f"  {display.value_text(figure)}  " in row
        assert figure.study.id in row.split()
        assert str(figure.reference_year) in row.split()
    difference = format_difference(comparison.difference, comparison.unit)
    assert f"Difference: {difference} ({comparison.programme} programme" in result.stdout
    assert _max_width(result.stdout) <= 100


def test_compare_names_the_study_asked(phare_cli: Cli) -> None:
    result = phare_cli(
        "compare", "nouvelle-aquitaine", "companies", "partnering", "--study",
        "phare-nouvelle-aquitaine-2016",
    )  # fmt: skip
    assert result.returncode == 0
    assert "phare-nouvelle-aquitaine-2016" in result.stdout


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["france", "companies", "partnering"], "France is the reference"),
        (["nouvelle-aquitaine", "compagnies", "partnering"], "did you mean 'companies'"),
        (["nouvelle-aquitaine", "companies", "fragility-score"], "name a theme"),
        (["bretange", "companies", "partnering"], "did you mean 'bretagne'"),
    ],
)
def test_compare_refuses_as_python_does(phare_cli: Cli, argv: list[str], says: str) -> None:
    _refused(phare_cli("compare", *argv), 2, says)


def test_compare_says_when_france_has_no_figure_of_the_programme(phare_cli: Cli) -> None:
    # a regional figure whose national counterpart of the same programme is missing, if any
    for figure in phare.figures():
        if figure.region.is_national:
            continue
        try:
            figure.region.compare(
                figure.actor.id,
                figure.indicator.id,
                theme=figure.theme.id if figure.theme else None,
                segment=figure.segment.id,
                study=figure.study.id,
            )
        except phare.FigureNotFoundError as err:
            argv = [figure.region.slug, figure.actor.id, figure.indicator.id]
            argv += ["--segment", figure.segment.id, "--study", figure.study.id]
            if figure.theme is not None:
                argv += ["--theme", figure.theme.id]
            _refused(phare_cli("compare", *argv), 2, str(err))
            return
    pytest.skip("every regional figure has its national counterpart")


# --- phare rank -------------------------------------------------------------------------------

RANKED = [
    ("companies", "partnering", []),
    ("citizens", "alliances-innovation", []),
    ("citizens", "alliances-innovation", ["--programme", "PHARE"]),
    ("citizens", "alliances-innovation", ["--min-confidence", "a"]),
    ("companies", "fragility-score", ["--theme", "employment"]),
]


@pytest.mark.parametrize(("actor", "indicator", "options"), RANKED)
def test_rank_prints_the_table_of_phare_rank(
    phare_cli: Cli, actor: str, indicator: str, options: list[str]
) -> None:
    result = phare_cli("rank", actor, indicator, *options)
    assert (result.returncode, result.stderr) == (0, "")
    keywords = {option.lstrip("-").replace("-", "_"): value for option, value in zip(
        options[::2], options[1::2], strict=True
    )}  # fmt: skip
    table = phare.rank(actor, indicator, **keywords)
    lines = result.stdout.splitlines()
    assert _max_width(result.stdout) <= 100
    rows = lines[4 : 4 + len(table)]  # title, blank, header, rule
    assert len(rows) == len(table)
    studies = lines[lines.index("Studies:") + 1 :]
    for line, (_, expected) in zip(rows, table.iterrows(), strict=True):
        assert line.split()[0] == str(expected["rank"])
        assert f"  {expected['region_name']}  " in line
        assert f"  {format_value(expected['value'], expected['unit'])}" in line
        assert f"{line.split()[-1]} {expected['study']}" in studies
        if isinstance(expected["national_study"], str):
            national = phare.national().figure(
                actor,
                indicator,
                theme=keywords.get("theme"),
                study=expected["national_study"],
            )
            assert f"  {display.value_text(national)}  " in line
            gap = format_difference(expected["difference"], expected["unit"])
            assert f"  {gap}  " in line
            assert expected["national_study"] in result.stdout


def test_rank_writes_its_title_in_the_language_asked(phare_cli: Cli) -> None:
    actor, indicator = phare.actor("citizens"), phare.indicator("alliances-innovation")
    french = phare_cli("rank", "citizens", "alliances-innovation", "--lang", "FR")
    assert french.returncode == 0
    assert french.stdout.splitlines()[0] == f"{actor.label_fr}: {indicator.label_fr}"
    english = phare_cli("rank", "citizens", "alliances-innovation")
    assert english.stdout.splitlines()[0] == f"{actor.label_en}: {indicator.label_en}"
    assert french.stdout.splitlines()[1:] == english.stdout.splitlines()[1:]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["companies", "fragility-score"], "name a theme published in the regions"),
        (["companies", "partnerng"], "did you mean 'partnering'"),
        (["companies", "partnering", "--programme", "PHAR"], "did you mean 'PHARE'"),
        (["companies", "partnering", "--min-confidence", "Z"], "the confidence grades are"),
        (["companies", "partnering", "--lang", "de"], "the languages are 'en' and 'fr'"),
    ],
)
def test_rank_refuses_as_python_does(phare_cli: Cli, argv: list[str], says: str) -> None:
    _refused(phare_cli("rank", *argv), 2, says)


# --- phare coverage ---------------------------------------------------------------------------


def test_coverage_prints_the_table_of_phare_coverage(phare_cli: Cli) -> None:
    result = phare_cli("coverage")
    assert (result.returncode, result.stderr) == (0, "")
    table = phare.coverage()
    counted = [c for c in table.columns[2:] if c != "reports_without_figures"]
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["region", *counted]
    for line, (_, expected) in zip(lines[2:], table.iterrows(), strict=False):
        assert line.startswith(expected["region_name"] + " ")
        counts = line[len(expected["region_name"]) :].split()
        assert counts == [str(expected[column]) for column in counted]
    reports = table[table["reports_without_figures"] != ""]
    for _, row in reports.iterrows():
        assert f"  {row['region_name']}: {row['reports_without_figures']}" in lines


# --- phare cite -------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["text", "bibtex"])
def test_cite_a_figure_as_python_does(phare_cli: Cli, style: str) -> None:
    figure = phare.national().figure(
        "citizens", "fragility-score", theme="security", study="phare-citoyens-2015"
    )
    result = phare_cli(
        "cite", "france", "citizens", "fragility-score", "--theme", "security", "--study",
        "phare-citoyens-2015", "--style", style.upper(),
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == figure.cite(style) + "\n"


def test_cite_a_study_and_the_dataset(phare_cli: Cli) -> None:
    study = phare_cli("cite", "--study", "phare-nouvelle-aquitaine-2016")
    assert study.stdout == phare.study("phare-nouvelle-aquitaine-2016").cite() + "\n"
    dataset = phare_cli("cite")
    assert (dataset.returncode, dataset.stdout) == (0, phare.cite() + "\n")
    bibtex = phare_cli("cite", "--style", "bibtex")
    assert bibtex.stdout == phare.cite("bibtex") + "\n"
    assert bibtex.stdout.startswith("@dataset{phare-data,")


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["france", "companies"], "name a figure as REGION ACTOR INDICATOR"),
        (["--theme", "employment"], "give REGION ACTOR INDICATOR too"),
        (["france", "companies", "partnering", "--style", "apa"], "the citation styles are"),
        (["france", "companies", "partnerng"], "did you mean 'partnering'"),
        (["--study", "phare-entreprise-2015"], "did you mean 'phare-entreprises-2015'"),
    ],
)
def test_cite_refuses_as_python_does(phare_cli: Cli, argv: list[str], says: str) -> None:
    _refused(phare_cli("cite", *argv), 2, says)


# --- phare plot -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["profile", "nouvelle-aquitaine"],
        ["rank", "companies", "partnering", "--lang", "fr"],
        ["rank", "citizens", "alliances-innovation", "--programme", "PHARE"],
        ["rank", "companies", "fragility-score", "--theme", "employment", "--min-confidence", "C"],
        ["tiles", "companies", "partnering", "--segment", "all"],
        ["series", "france", "companies", "partnering", "--lang", "fr"],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plot_writes_each_chart(
    phare_cli: Cli, tmp_path: Path, argv: list[str], suffix: str
) -> None:
    target = tmp_path / f"chart{suffix}"
    result = phare_cli("plot", *argv, "--output", str(target))
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == f"phare: wrote {target}\n"
    head = target.read_bytes()[:200]
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in target.read_bytes()


def test_plot_never_replaces_a_file_unless_forced(phare_cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "profile.svg"
    target.write_text("mine", encoding="utf-8")
    argv = ["plot", "profile", "occitanie", "--output", str(target)]
    _refused(phare_cli(*argv), 2, "exists; add --force to replace it")
    assert target.read_text(encoding="utf-8") == "mine"
    assert phare_cli(*argv, "--force").returncode == 0
    assert "<svg" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "status", "says"),
    [
        (["profile", "occitanie", "--output", "chart.pdf"], 2, "name a .png or .svg file"),
        (["profile", "la-reunion", "--output", "x.png"], 2, "has no percentage figure"),
        (["profile", "nouvelle-aquitane", "--output", "x.png"], 2, "'nouvelle-aquitaine'"),
        (["rank", "companies", "fragility-score", "--output", "x.png"], 2, "name a theme"),
        (["tiles", "companies", "partnering", "--min-confidence", "D", "--output", "x.png"], 2,
         "the confidence grades are"),
        (["profile", "occitanie", "--output", "no/such/folder/x.png"], 1, "cannot write"),
    ],
)  # fmt: skip
def test_plot_refuses_as_python_does(
    phare_cli: Cli, argv: list[str], status: int, says: str
) -> None:
    result = phare_cli("plot", *argv)
    _refused(result, status, says)
    if not result.stderr.startswith("usage:"):  # argparse's own errors come with the usage
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith("phare: error: ")


# --- the filters of export, and --lang where nothing is labelled yet --------------------------


@pytest.mark.parametrize(
    "options",
    [
        {"theme": "employment"},
        {"segment": "employer"},
        {"study": "phare-entreprises-2015"},
        {"programme": "IMPACT"},
        {"region": "france", "programme": "ARPEA", "min_confidence": "B"},
    ],
    ids=str,
)
def test_export_takes_the_filters_of_phare_figures(phare_cli: Cli, options: dict[str, str]) -> None:
    argv = [f"--{name.replace('_', '-')}={value}" for name, value in options.items()]
    result = phare_cli("export", "--format", "json", *argv)
    assert (result.returncode, result.stderr) == (0, "")
    exported = [record["id"] for record in json.loads(result.stdout)]
    assert exported == [f.id for f in phare.figures(**options)]
    assert exported


def test_lang_names_things_and_changes_no_number(phare_cli: Cli) -> None:
    french = phare_cli("show", "occitanie", "--lang", "fr").stdout
    english = phare_cli("show", "occitanie").stdout
    citizens = phare.actor("citizens")
    assert f", {citizens.label_fr}, " in french
    assert f", {citizens.id}, " in english
    numbers = [line.split()[-3:] for line in english.splitlines() if line.startswith("    ")]
    assert numbers == [line.split()[-3:] for line in french.splitlines() if line.startswith("    ")]
    _refused(phare_cli("show", "occitanie", "--lang", "es"), 2, "the languages are")
    # a bare number has no label to translate
    _refused(
        phare_cli("get", "occitanie", "citizens", "alliances-innovation", "--lang", "fr"),
        2,
        "--lang",
    )


# --- export filters, series titles, widths, leftover options ----------------------------------


@pytest.mark.parametrize(
    ("options", "keywords"),
    [
        (["--disputed"], {"disputed": True}),
        (["--no-disputed"], {"disputed": False}),
        (["--years", "2015:2016"], {"years": (2015, 2016)}),
        (["--years", "2018:"], {"years": (2018, None)}),
        (["--years", ":2012"], {"years": (None, 2012)}),
        (["--years", "2016"], {"years": (2016, 2016)}),
        (["--disputed", "--years", "2015:2021"], {"disputed": True, "years": (2015, 2021)}),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_export_filters_as_figures_does(
    options: list[str], keywords: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "json", *options]) == 0
    exported = [row["id"] for row in json.loads(capsys.readouterr().out)]
    expected = [f.id for f in phare.figures(**keywords)]  # type: ignore[arg-type]
    assert exported == expected
    assert expected  # the filter keeps something, so the test could fail


@pytest.mark.parametrize(
    "years", ["2021:2015", "abc", "2015-2016", "20 15:", "", " ", "12345:", "2015:" + "9" * 50]
)
def test_export_refuses_a_range_that_is_not_one(
    years: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--years", years]) == 2
    err = capsys.readouterr().err
    assert "argument --years:" in err
    assert "Traceback" not in err
    assert "_year_range" not in err
    assert len(err.splitlines()[-1]) <= 200


def test_series_titles_the_figure_in_the_language_asked(capsys: pytest.CaptureFixture[str]) -> None:
    actor, indicator = phare.actor("companies"), phare.indicator("partnering")
    for lang, label in (("en", "label_en"), ("FR", "label_fr")):
        assert main(["series", "france", "companies", "partnering", "--lang", lang]) == 0
        title = capsys.readouterr().out.splitlines()[0]
        assert title == f"France, {getattr(actor, label)}: {getattr(indicator, label)}"  # one line


def _series_cells() -> list[tuple[str, str, str, str | None, str]]:
    """Every distinct series of the data: region, actor, indicator, theme, segment."""
    return sorted(
        {
            (
                f.region.slug,
                f.actor.id,
                f.indicator.id,
                f.theme.id if f.theme else None,
                f.segment.id,
            )
            for f in phare.figures()
        },
        key=str,
    )


def test_every_series_fits_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    for region, actor, indicator, theme, segment in _series_cells():
        argv = ["series", region, actor, indicator, "--segment", segment]
        assert main(argv + (["--theme", theme] if theme else [])) == 0
        out = capsys.readouterr().out
        assert _max_width(out) <= 100, argv
        waves = phare.region(region).series(actor, indicator, theme=theme, segment=segment)
        if len(waves) == 1:
            assert out.endswith("One wave only: no later study has published this figure.\n")


def test_every_ranking_fits_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    ranked = {
        (actor, indicator, theme, segment)
        for region, actor, indicator, theme, segment in _series_cells()
        if region != "france"
    }
    for actor, indicator, theme, segment in sorted(ranked, key=str):
        argv = ["rank", actor, indicator, "--segment", segment]
        assert main(argv + (["--theme", theme] if theme else [])) == 0, argv
        assert _max_width(capsys.readouterr().out) <= 100, argv


def test_an_option_a_command_lacks_is_refused_with_that_commands_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["get", "france", "companies", "partnering", "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: phare get ")
    assert err.endswith("phare get: error: unrecognized arguments: --lang fr\n")
    assert main(["plot", "profile", "occitanie", "--output", "x.png", "--bogus"]) == 2
    assert capsys.readouterr().err.endswith(
        "phare plot profile: error: unrecognized arguments: --bogus\n"
    )


@pytest.mark.parametrize("region", ["france", "nouvelle-aquitaine"])
def test_show_lists_the_studies_oldest_first(
    region: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", region]) == 0
    known = {s.id: s for s in phare.studies()}
    groups = [
        line.split(", ")[:2]
        for line in capsys.readouterr().out.splitlines()
        if line.split(",")[0] in known
    ]
    headings = [study for study, _ in groups]
    dates = [known[study].published or year for study, year in groups]  # else the reference year
    assert set(headings) == {f.study.id for f in phare.region(region).figures()}
    assert [study for study, _ in itertools.groupby(headings)] == list(dict.fromkeys(headings))
    assert dates == sorted(dates)


def test_export_names_a_single_figure_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (one,) = phare.figures(region="occitanie", actor="citizens", indicator="alliances-innovation")
    target = tmp_path / "one.csv"
    argv = ["export", "--region", "occitanie", "--actor", "citizens"]
    argv += ["--indicator", "alliances-innovation", "--output", str(target)]
    assert main(argv) == 0
    assert capsys.readouterr().err == f"phare: wrote 1 figure to {target}\n"
    assert one.id in target.read_text(encoding="utf-8")


def test_a_dangling_link_is_a_file_that_exists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "dangling.sqlite"
    link.symlink_to(tmp_path / "nowhere.sqlite")
    for form in ("csv", "sqlite"):
        assert main(["export", "--format", form, "--output", str(link)]) == 2
        assert "exists; add --force" in capsys.readouterr().err
    assert not (tmp_path / "nowhere.sqlite").exists()
