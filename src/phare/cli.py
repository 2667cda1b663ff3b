"""The ``phare`` command: what the Python API answers, from a shell.

``regions``, ``show``, ``get``, ``compare``, ``rank``, ``coverage``, ``cite``, ``export`` and
``plot`` take the names and filters of the Python functions they call, and fail as they do.

Every failure prints one line on stderr, never a traceback, and sets the exit status: 2 for
what the user can fix (an unknown region, a typo in an actor, a usage error), 1 when the data
or the output fails (a broken data file, a full disk, a closed stdout). A character the output's
encoding cannot hold (``PYTHONIOENCODING=ascii``) is replaced, not fatal.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import re
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import IO, Any

import phare
from phare import display, export, vocabulary
from phare._query import without_figures
from phare.errors import DataError, PhareError, UnknownNameError
from phare.formatting import counted, format_difference, format_qualified, plain_number
from phare.model import Actor, Figure, Indicator, Region, Series, Theme

#: Exit status when the command did what was asked.
SUCCESS = 0
#: Exit status when the data or the output failed: a broken data file, a full disk.
FAILURE = 1
#: Exit status for input the user can fix (the argparse convention).
USAGE_ERROR = 2

EXIT_STATUS_HELP = (
    f"Exit status: {SUCCESS} on success, {FAILURE} when the data or the output fails, "
    f"{USAGE_ERROR} for a usage error."
)


class OutputError(Exception):
    """Writing the answer failed (a full disk, a closed stream): exit status :data:`FAILURE`.

    >>> str(OutputError("cannot write to stdout: No space left on device"))
    'cannot write to stdout: No space left on device'
    """


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Align *rows* under *headers* in plain-text columns.

    >>> print(render_table(["a", "bb"], [["xyz", "1"]]))
    a    bb
    ---  --
    xyz  1
    """
    widths = [
        max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)
    ]
    lines = [headers, ["-" * width for width in widths], *rows]
    return "\n".join(
        "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


#: The widest line ``phare show`` and the other tables print: a 100-column terminal.
WIDTH = 100

#: The formats of ``phare regions``.
REGION_FORMATS = ("text", "csv", "json")


def _region_format(value: object) -> str:
    """The ``phare regions`` format *value* names, by the one matcher of :mod:`phare.vocabulary`.

    >>> _region_format("CSV")
    'csv'
    """
    return vocabulary.match(REGION_FORMATS, value, kind="regions format", argument="format")


def _regions_text(form: str = "text") -> str:
    """France and the regions with their codes and figure counts, in the *form* asked."""
    records = [
        {
            "slug": r.slug,
            "name": r.name,
            "insee": r.insee_code,
            "iso": r.iso_3166_2,
            "nuts": r.nuts,
            "kind": r.kind,
            "figures": len(r.figures()),
        }
        for r in (phare.national(), *phare.regions())
    ]
    if form == "json":
        return json.dumps(records, ensure_ascii=False, indent=2)
    headers = list(records[0])
    rows = [["" if value is None else str(value) for value in r.values()] for r in records]
    if form == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([headers, *rows])
        return buffer.getvalue()
    return render_table(headers, rows)


class _AddressWrapper(textwrap.TextWrapper):
    """A wrapper that may break a word after ``/`` or ``-`` (addresses, identifiers)."""

    wordsep_simple_re = re.compile(r"(\s+|(?<=[/-])(?=[^\s/-]))")


def _wrapped(text: str, indent: int, first: int = 0) -> str:
    """*text* wrapped to :data:`WIDTH`, its first line indented by *first* spaces, the rest *indent*.

    A web address breaks after a ``/`` or a ``-`` rather than anywhere, so that its pieces
    read back in order.

    >>> print(_wrapped("[1] https://example.org/" + "a-" * 60, 4))
    [1] https://example.org/a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-
        a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-
    """
    wrapper = _AddressWrapper(
        width=WIDTH,
        initial_indent=" " * first,
        subsequent_indent=" " * indent,
        break_on_hyphens=False,
    )
    return "\n".join(wrapper.wrap(text))


def _sources_notes(sources: Sequence[str]) -> str:
    """The numbered list of *sources* (or studies) under a table, each wrapped to :data:`WIDTH`."""
    return "\n".join(
        _wrapped(f"[{n}] {location}", len(f"[{n}] ")) for n, location in enumerate(sources, 1)
    )


def _numbered(
    figures: Sequence[Figure], of: Callable[[Figure], str] = lambda f: f.source.location
) -> tuple[list[int], list[str]]:
    """Each figure's number, and the things numbered in the order first met.

    What is numbered is each figure's source, unless *of* names something else (its study).
    """
    named: list[str] = []
    numbers = []
    for f in figures:
        if of(f) not in named:
            named.append(of(f))
        numbers.append(named.index(of(f)) + 1)
    return numbers, named


def _show_text(region: Region, lang: str | None = None) -> str:
    """A region's figures, grouped by study, year, actor and segment, within :data:`WIDTH`.

    Each group has a heading line (``study, year, actor, segment``) and one indented line
    per figure: indicator, theme, value with its marks, confidence grade and source number.
    Grouping keeps every line short without cutting a value; long source notes are wrapped.
    The studies come oldest first (by publication, else reference year), each one's figures in
    table order. With *lang*, a heading names the actor and the segment by their labels in that
    language; the indicators and themes keep their ids, the keys to ask for them.
    """
    codes = f"INSEE {region.insee_code}, " if region.insee_code else ""
    head = f"{region.name} ({codes}{region.iso_3166_2}, NUTS {region.nuts})"
    figures = sorted(region.figures(), key=_published)
    unpublished = without_figures(region.reports_without_figures())
    if unpublished:  # a region is not "not surveyed" when a report of it is known
        head += f"\n{unpublished[0].upper()}{unpublished[1:]}."
    if not figures:
        return f"{head}\nNo figure has been published for {region.name}."
    numbers, sources = _numbered(figures)
    chosen = None if lang is None else vocabulary.language(lang)
    groups: dict[tuple[str, int, str, str], list[list[str]]] = {}
    for f, number in zip(figures, numbers, strict=True):
        who = (
            (f.actor.id, f.segment.id)
            if chosen is None
            else (vocabulary.label(f.actor, chosen), vocabulary.label(f.segment, chosen))
        )
        key = (f.study.id, f.reference_year, *who)
        groups.setdefault(key, []).append(
            [
                f.indicator.id,
                f.theme.id if f.theme else "",
                display.value_text(f),
                f.confidence,
                f"[{number}]",
            ]
        )
    headers = ["indicator", "theme", "value", "conf", "src"]
    lines = render_table(headers, [row for rows in groups.values() for row in rows]).splitlines()
    body = ["study, year, actor, segment", *(f"  {line}" for line in lines[:2])]
    rows = iter(lines[2:])
    for (study, year, actor, segment), members in groups.items():
        body.append(f"{study}, {year}, {actor}, {segment}")
        body += [f"  {next(rows)}" for _ in members]
    table = "\n".join(body)
    legend = display.marks_legend(figures)
    if legend:
        table += f"\n{legend}"
    return f"{head}\n{len(figures)} figures\n\n{table}\n\nSources:\n{_sources_notes(sources)}"


def _published(figure: Figure) -> str:
    """When the figure's study came out, as an ISO date that sorts (its reference year if unknown)."""
    return figure.study.published or str(figure.reference_year)


def _series_text(region: Region, waves: Series, lang: str = "en") -> str:
    """The waves of a series as a table, then each break with its reason and source.

    The title names the figure by its labels in *lang*; the reasons and sources of the breaks
    are wrapped to :data:`WIDTH`, each under the break it explains.
    """
    kinds = {b.after.id: b.kind for b in waves.breaks}
    rows = [
        [
            str(f.reference_year),
            display.value_text(f),
            f.study.id,
            f.confidence,
            kinds.get(f.id, ""),
        ]
        for f in waves
    ]
    table = render_table(["year", "value", "study", "conf", "break before"], rows)
    first = waves[0]
    title = f"{region.name}, {_title(first.actor, first.indicator, first.theme, lang)}"
    text = f"{_wrapped(title + _segment_words(first, lang), 2)}\n\n{table}"
    legend = display.marks_legend(waves)
    if legend:
        text += f"\n{legend}"
    if len(waves) == 1:
        return f"{text}\n\nOne wave only: no later study has published this figure."
    if not waves.breaks:
        return f"{text}\n\nNo break is recorded between these waves."
    lines = []
    for line in display.breaks_lines(waves.breaks, reasons=True):
        words = line.lstrip()
        indent = " " * (len(line) - len(words))
        if words.startswith("Source: "):  # an address: it may break after a / or a -
            lines.append(_wrapped(words, len(indent), len(indent)))
        else:  # prose: "PHARE-Entreprises" stays one word
            lines += textwrap.wrap(
                words, WIDTH, initial_indent=indent, subsequent_indent=indent,
                break_on_hyphens=False,
            )  # fmt: skip
    return f"{text}\n\n" + "\n".join(lines)


def _segment_words(figure: Figure, lang: str) -> str:
    """``, segment …`` after a title, naming the segment in *lang*; nothing for the whole."""
    if figure.segment.id == "all":
        return ""
    return f", segment {vocabulary.label(figure.segment, vocabulary.language(lang))}"


class _Parser(argparse.ArgumentParser):
    """argparse's parser, but its help and usage messages go out as every other output does.

    argparse drops an ``OSError`` raised while it prints (``phare --help > /dev/full`` would
    succeed, silently); here it reaches :func:`main`, which says so and exits with status 1.
    """

    def print_help(self, file: Any = None) -> None:
        _write(sys.stdout if file is None else file, self.format_help())

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            _write(file or sys.stderr, message)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Parse, and refuse what is left over here, with this (sub)command's own usage.

        argparse leaves an option a subcommand does not know to the top-level parser, whose
        usage (``phare [-h] [--version] COMMAND ...``) says nothing of the subcommand's options.
        """
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras


def _add_figure_options(parser: argparse.ArgumentParser, *, study: bool) -> None:
    """The options that pick one figure, as the keyword arguments of :meth:`Region.figure`."""
    parser.add_argument("--theme", help="required for indicators broken down by theme")
    parser.add_argument("--segment", default="all", help="sub-population, default: all")
    if study:
        parser.add_argument("--study", help="a study id, default: the latest")


def _add_grade_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument(
        "--min-confidence",
        type=_choice(vocabulary.confidence),
        metavar="{" + ",".join(vocabulary.CONFIDENCES) + "}",
        help=help_text,
    )


def _add_rank_options(parser: argparse.ArgumentParser) -> None:
    """The filters of :func:`phare.rank`, for ``phare rank`` and the charts that rank."""
    parser.add_argument("actor")
    parser.add_argument("indicator")
    _add_figure_options(parser, study=False)
    parser.add_argument("--programme", help="only this programme's figures (an id: PHARE...)")
    _add_grade_option(parser, "B keeps A and B")


def _add_lang_option(parser: argparse.ArgumentParser, default: str | None = "en") -> None:
    parser.add_argument(
        "--lang",
        type=_choice(vocabulary.language),
        default=default,
        metavar="{" + ",".join(vocabulary.LANGUAGES) + "}",
        help="the language of labels (ids stay the keys, notes stay in English); default: en",
    )


def _add_chart_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", required=True, metavar="FILE", help="a .png or .svg file")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    _add_lang_option(parser)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``phare`` command."""
    parser = _Parser(
        prog="phare",
        description="Figures of the French Observatoire national des partenariats, with sources.",
        epilog=f"{display.marks_legend()} {EXIT_STATUS_HELP}",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"phare {phare.__version__} (data {phare.__data_version__})",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    regions = commands.add_parser("regions", help="list France and the regions with their codes")
    regions.add_argument(
        "--format",
        type=_choice(_region_format),
        default="text",
        metavar="{" + ",".join(REGION_FORMATS) + "}",
        help="a table (default), CSV, or JSON: a list of objects with the table's columns",
    )
    show = commands.add_parser("show", help="print a region's figures with study and source")
    show.add_argument("region", help="slug, name or code: nouvelle-aquitaine, 'FR-NAQ', 75, FRI")
    _add_lang_option(show, default=None)
    get = commands.add_parser(
        "get", help="print one figure: a share for percentages, else the value"
    )
    get.add_argument("region")
    get.add_argument("actor", help="citizens, companies, associations or mayors (or French names)")
    get.add_argument("indicator", help="partnering, alliances-innovation, fragility-score...")
    _add_figure_options(get, study=True)
    compare = commands.add_parser(
        "compare", help="a region's figure against France's of the same programme"
    )
    compare.add_argument("region")
    compare.add_argument("actor")
    compare.add_argument("indicator")
    _add_figure_options(compare, study=True)
    _add_lang_option(compare)
    ranked = commands.add_parser("rank", help="the regions ranked on one figure, against France")
    _add_rank_options(ranked)
    _add_lang_option(ranked)
    commands.add_parser("coverage", help="how many figures each region has, by actor")
    cite = commands.add_parser(
        "cite",
        help="a reference: for a figure, a study (--study alone) or the dataset (no argument)",
    )
    cite.add_argument(
        "names",
        nargs="*",
        metavar="REGION ACTOR INDICATOR",
        help="the figure to cite; leave out for a study (--study) or the dataset",
    )
    _add_figure_options(cite, study=True)
    cite.add_argument(
        "--style",
        type=_choice(vocabulary.citation_style),
        default="text",
        metavar="{" + ",".join(vocabulary.STYLES) + "}",
        help="default: text",
    )
    waves = commands.add_parser(
        "series",
        help="print one figure over the years, and where the series breaks",
        description="Print every wave of one figure, oldest first, then the breaks between "
        "waves that cannot be read as one trend (populations or questions differ, or a wave "
        "does not state its base), each with its reason and source.",
    )
    waves.add_argument("region")
    waves.add_argument("actor")
    waves.add_argument("indicator")
    waves.add_argument("--theme", help="required for indicators broken down by theme")
    waves.add_argument("--segment", default="all", help="sub-population, default: all")
    _add_lang_option(waves)
    out = commands.add_parser(
        "export",
        help="write the tidy table of figures as CSV, JSON, Markdown, Excel or SQLite",
        description="Write the figures, one row per figure with its source, to stdout or a file. "
        "JSON is a list of objects with the same keys as the CSV columns. xlsx and sqlite write "
        "a file (--output is required) with the studies, sources, regions, disputes and breaks too.",
    )
    out.add_argument(
        "--format",
        type=_choice(vocabulary.export_format),
        default="csv",
        metavar="{" + ",".join(vocabulary.FORMATS) + "}",
        help="default: csv",
    )
    out.add_argument("--region", help="only this region (slug, name or code; france for national)")
    out.add_argument("--actor", help="only this actor")
    out.add_argument("--indicator", help="only this indicator")
    out.add_argument("--theme", help="only this theme")
    out.add_argument("--segment", help="only this segment")
    out.add_argument("--study", help="only this study")
    out.add_argument("--programme", help="only this programme")
    out.add_argument(
        "--disputed",
        action=argparse.BooleanOptionalAction,
        help="only the figures another source disputes (--no-disputed: only the others)",
    )
    out.add_argument(
        "--years",
        type=_year_range,
        metavar="FIRST:LAST",
        help="only these reference years, both included; leave an end out to open it (2018:)",
    )
    _add_grade_option(out, "B keeps grades A and B; default: all")
    out.add_argument(
        "--output", metavar="FILE", help="write to FILE instead of stdout; FILE must not exist"
    )
    out.add_argument("--force", action="store_true", help="let --output replace an existing FILE")
    _add_lang_option(out, default=None)
    charts = commands.add_parser(
        "plot", help="draw a chart to a PNG or SVG file (needs the plot extra)"
    ).add_subparsers(dest="chart", required=True, metavar="CHART")
    profile = charts.add_parser("profile", help="a region's percentages beside France's")
    profile.add_argument("region")
    _add_chart_output(profile)
    waves_chart = charts.add_parser("series", help="one figure over the years, breaks marked")
    for name in ("region", "actor", "indicator"):
        waves_chart.add_argument(name)
    waves_chart.add_argument("--theme", help="required for indicators broken down by theme")
    waves_chart.add_argument("--segment", default="all", help="sub-population, default: all")
    _add_chart_output(waves_chart)
    for name, what in (
        ("rank", "the regions ranked on one figure, France marked on each bar"),
        ("tiles", "the regions as tiles coloured by one figure"),
    ):
        chart = charts.add_parser(name, help=what)
        _add_rank_options(chart)
        _add_chart_output(chart)
    return parser


def _choice(match: Callable[[str], str]) -> Callable[[str], str]:
    """An argparse ``type`` that reads an option by a :mod:`phare.vocabulary` matcher.

    The option is then matched as in Python (``--format CSV``, ``--min-confidence b``), and a
    miss is argparse's usage error, with the matcher's message listing the choices.
    """

    def parse(text: str) -> str:
        try:
            return match(text)
        except UnknownNameError as err:
            raise argparse.ArgumentTypeError(str(err)) from err

    return parse


#: The most digits a year of ``--years`` may have.
YEAR_DIGITS = 4


def _year_range(text: str) -> tuple[int | None, int | None]:
    """``--years FIRST:LAST`` as the ``years=`` of :func:`phare.figures`; an empty end is open.

    >>> _year_range("2015:2021"), _year_range("2018:"), _year_range(":2016"), _year_range("2016")
    ((2015, 2021), (2018, None), (None, 2016), (2016, 2016))
    """
    first, colon, last = text.partition(":")
    if not text.strip():  # an empty value is a slip, not "every year"
        raise argparse.ArgumentTypeError(
            "no range given: write FIRST:LAST (2015:2021), FIRST: or :LAST"
        )
    if not colon:
        last = first
    ends = []
    for end in (first.strip(), last.strip()):
        if end and not (end.isascii() and end.isdigit() and len(end) <= YEAR_DIGITS):
            shown = text if len(text) <= 2 * YEAR_DIGITS + 1 else text[: 2 * YEAR_DIGITS] + "..."
            raise argparse.ArgumentTypeError(
                f"{shown!r} is not a range of years: write FIRST:LAST (2015:2021), FIRST: or :LAST"
            )
        ends.append(int(end) if end else None)
    first_year, last_year = ends
    if first_year is not None and last_year is not None and last_year < first_year:
        raise argparse.ArgumentTypeError(f"{text!r} ends before it starts: write FIRST:LAST")
    return first_year, last_year


#: What a command prints: the text for stdout, then a note for stderr ("" for none).
Answer = tuple[str, str]


def _export(args: argparse.Namespace) -> Answer:
    if args.output == "":
        raise PhareError("--output needs a file name; leave it out to write to stdout")
    figures = phare.figures(
        region=args.region,
        actor=args.actor,
        indicator=args.indicator,
        theme=args.theme,
        segment=args.segment,
        study=args.study,
        min_confidence=args.min_confidence,
        programme=args.programme,
        disputed=args.disputed,
        years=args.years,
    )
    if args.format in vocabulary.FILE_FORMATS:
        if args.output is None:
            raise PhareError(f"--format {args.format} writes a file: give --output FILE")
        _check_target(args.output, replace=args.force)
        with _output_failures():
            export.write(figures, args.format, args.output)
        return "", f"wrote {counted(len(figures), 'figure')} to {args.output}"
    text = export.render(figures, args.format, lang=args.lang)
    if args.output is None:
        return text, ""
    _write_file(args.output, text, replace=args.force)
    return "", f"wrote {counted(len(figures), 'figure')} to {args.output}"


def _check_target(name: str, *, replace: bool) -> None:
    """Refuse a folder, and a file that exists unless *replace* is set: the user's to fix."""
    if os.path.isdir(name):
        raise PhareError(f"{name} is a folder; give --output the name of a file")
    if os.path.lexists(name) and not replace:  # a dangling link is there too
        raise PhareError(f"{name} exists; add --force to replace it")


@contextlib.contextmanager
def _output_failures() -> Iterator[None]:
    """Make a file that could not be written (a full disk, a missing folder) a failure, status 1.

    The writers say so with a :class:`PhareError` caused by the :class:`OSError`; what stands
    at the path (a pipe, a device) is a :class:`PhareError` of its own, the user's to fix.
    """
    try:
        yield
    except PhareError as err:
        if isinstance(err.__cause__, OSError):
            raise OutputError(str(err)) from err
        raise


def _plot(args: argparse.Namespace) -> Answer:
    """Draw the chart asked for and save it; a file that cannot be written is a failure (1)."""
    from phare import plot

    if os.path.splitext(args.output)[1].lower() not in plot.FILE_FORMATS:
        raise PhareError(f"cannot save a chart as {args.output!r}: name a .png or .svg file")
    if args.chart == "profile":
        ax = plot.profile(args.region, lang=args.lang)
    elif args.chart == "series":
        ax = plot.series(
            args.region,
            args.actor,
            args.indicator,
            theme=args.theme,
            segment=args.segment,
            lang=args.lang,
        )
    else:
        draw = plot.rank if args.chart == "rank" else plot.tiles
        ax = draw(
            args.actor,
            args.indicator,
            theme=args.theme,
            segment=args.segment,
            programme=args.programme,
            min_confidence=args.min_confidence,
            lang=args.lang,
        )
    _check_target(args.output, replace=args.force)  # after drawing: the data's errors first
    with _output_failures():
        plot.save(ax, args.output)
    return "", f"wrote {args.output}"


def _title(actor: Actor, indicator: Indicator, theme: Theme | None, lang: str) -> str:
    """What a figure measures, in the labels of *lang*: ``Companies: Already partnering``."""
    label = f"label_{lang}"
    title = f"{getattr(actor, label)}: {getattr(indicator, label)}"
    return f"{title} ({getattr(theme, label)})" if theme is not None else title


def _compare(args: argparse.Namespace) -> Answer:
    """A regional figure and France's of the same programme, the gap, and their sources."""
    region = phare.region(args.region)
    if region.is_national:
        raise PhareError(
            f"{region.name} is the reference every region is compared with; name a region, "
            f"as in: phare compare nouvelle-aquitaine {args.actor} {args.indicator}"
        )
    comparison = region.compare(
        args.actor, args.indicator, theme=args.theme, segment=args.segment, study=args.study
    )
    pair = [comparison.region, comparison.national]
    numbers, sources = _numbered(pair)
    table = render_table(
        ["region", "segment", "value", "year", "study", "conf", "src"],
        [
            [
                f.region.name,
                f.segment.id,
                display.value_text(f),
                str(f.reference_year),
                f.study.id,
                f.confidence,
                f"[{n}]",
            ]
            for f, n in zip(pair, numbers, strict=True)
        ],
    )
    first = comparison.region
    lines = [
        _title(first.actor, first.indicator, first.theme, args.lang),
        "",
        table,
        f"Difference: {format_difference(comparison.difference, comparison.unit)} "
        f"({comparison.programme} programme on both sides)",
    ]
    legend = display.marks_legend(pair)
    if legend:
        lines.append(legend)
    lines += ["", "Sources:", _sources_notes(sources)]
    return "\n".join(lines), ""


def _rank(args: argparse.Namespace) -> Answer:
    """The table of :func:`phare.rank`, each value with its marks, France's beside it.

    The studies are numbered in the table and named under it, as the sources of ``show``
    are: their ids would push the table past :data:`WIDTH`.
    """
    table = phare.rank(
        args.actor,
        args.indicator,
        theme=args.theme,
        segment=args.segment,
        programme=args.programme,
        min_confidence=args.min_confidence,
    )
    france = phare.national()

    def figure(region: Region, study: str) -> Figure:
        return region.figure(
            args.actor, args.indicator, theme=args.theme, segment=args.segment, study=study
        )

    figures = [
        figure(phare.region(region), study)
        for region, study in zip(table["region"], table["study"], strict=True)
    ]
    nationals = [
        figure(france, study) if isinstance(study, str) else None
        for study in table["national_study"]
    ]
    numbers, studies = _numbered(figures, lambda f: f.study.id)
    rows = []
    for f, national, number, (_, row) in zip(
        figures, nationals, numbers, table.iterrows(), strict=True
    ):
        rows.append(
            [
                str(row["rank"]),
                f.region.name,
                display.value_text(f),
                display.value_text(national) if national is not None else "",
                format_difference(row["difference"], f.unit) if national is not None else "",
                str(f.reference_year),
                f.confidence,
                f"[{number}]",
            ]
        )
    first = figures[0]
    lines = [
        _wrapped(
            _title(first.actor, first.indicator, first.theme, args.lang)
            + _segment_words(first, args.lang),
            2,
        ),
        "",
        render_table(["rank", "region", "value", "France", "gap", "year", "conf", "study"], rows),
    ]
    shown = [*figures, *(n for n in nationals if n is not None)]
    legend = display.marks_legend(shown)
    if legend:
        lines.append(legend)
    lines += ["", "Studies:", _sources_notes(studies)]
    by_programme = {n.programme: n.study.id for n in nationals if n is not None}
    named = ", ".join(f"{study} ({programme})" for programme, study in by_programme.items())
    lines.append(
        _wrapped(
            "France: its latest figure of the region's programme, with the same filters"
            + (f": {named}." if named else "; it has none."),
            2,
        )
    )
    return "\n".join(lines), ""


def _coverage(args: argparse.Namespace) -> Answer:
    """The table of :func:`phare.coverage`, then the reports known without a public figure.

    The reports come one per line under the table: a column would not fit the terminal.
    """
    table = phare.coverage()
    unpublished = "reports_without_figures"
    headers = [str(c) for c in table.columns if c not in ("region", unpublished)]
    rows = [[str(row[column]) for column in headers] for _, row in table.iterrows()]
    text = render_table(["region", *headers[1:]], rows)
    known = [(r["region_name"], r[unpublished]) for _, r in table.iterrows() if r[unpublished]]
    if known:
        heading = "Reports known, no figure of them public yet:"
        lines = [f"  {name}: {reports}" for name, reports in known]
        text += "\n\n" + "\n".join([heading, *lines])
    return text, ""


def _cite(args: argparse.Namespace) -> Answer:
    """A figure's reference (three names), a study's (``--study`` alone) or the dataset's."""
    if args.names:
        if len(args.names) != 3:
            raise PhareError(
                "name a figure as REGION ACTOR INDICATOR (three names), a study with --study "
                f"alone, or nothing for the dataset; got {len(args.names)} name(s)"
            )
        region, actor, indicator = args.names
        figure = phare.region(region).figure(
            actor, indicator, theme=args.theme, segment=args.segment, study=args.study
        )
        return figure.cite(args.style), ""
    if args.theme is not None or args.segment != "all":
        raise PhareError("--theme and --segment pick a figure: give REGION ACTOR INDICATOR too")
    if args.study is not None:
        return phare.study(args.study).cite(args.style), ""
    return phare.cite(args.style), ""


def _write_file(name: str, text: str, *, replace: bool) -> None:
    """Write *text* to the file *name*, which must not exist unless *replace* is set.

    A name no file can have (a NUL, a lone surrogate), a folder or a file that exists is the
    user's to fix; a write that fails (a full disk, a missing folder) is an :class:`OutputError`,
    and a file this call created is removed again rather than left half written.
    """
    _check_target(name, replace=True)
    try:
        handle = open(name, "w" if replace else "x", encoding="utf-8", newline="")  # noqa: SIM115
    except FileExistsError as err:
        raise PhareError(f"{name} exists; add --force to replace it") from err
    except ValueError as err:
        raise PhareError(f"cannot write {name}: {err}") from err
    except OSError as err:
        raise OutputError(f"cannot write {name}: {err.strerror or err}") from err
    try:
        with handle:
            handle.write(text)
    except OSError as err:
        if not replace:
            os.remove(name)
        raise OutputError(f"cannot write {name}: {err.strerror or err}") from err


def _get(figure: Figure) -> Answer:
    """The bare number, for scripts; notes on how it was published and on other sources' values.

    A value published as approximate or as a lower bound gets one note, and each reading of
    another source (a value or a meaning that differs) one more, naming that source.
    """
    number = plain_number(figure.share if figure.share is not None else figure.value)
    notes = []
    if figure.qualifier != "exact":
        published = format_qualified(figure.value, figure.unit, figure.qualifier, words=True)
        notes.append(f"note: published as {published!r}")
    notes += [
        f"note: disputed {d.field}: {d.source.publisher} gives {d.other!r} ({d.source.location})"
        for d in figure.disputes
    ]
    return number, "\n".join(notes)


#: The commands that answer from the arguments alone, without naming a region first.
_COMMANDS: Mapping[str, Callable[[argparse.Namespace], Answer]] = MappingProxyType(
    {
        "regions": lambda args: (_regions_text(args.format), ""),
        "compare": _compare,
        "rank": _rank,
        "coverage": _coverage,
        "cite": _cite,
        "export": _export,
        "plot": _plot,
    }
)


def run(args: argparse.Namespace) -> Answer:
    """Carry out a parsed command; return what to print on stdout, and notes for stderr."""
    command = _COMMANDS.get(args.command)
    if command is not None:
        return command(args)
    region = phare.region(args.region)
    if args.command == "show":
        return _show_text(region, args.lang), ""
    if args.command == "series":
        waves = region.series(args.actor, args.indicator, theme=args.theme, segment=args.segment)
        return _series_text(region, waves, args.lang), ""
    return _get(
        region.figure(
            args.actor, args.indicator, theme=args.theme, segment=args.segment, study=args.study
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status, never raise for what a user typed.

    The status is :data:`SUCCESS` (0), :data:`FAILURE` (1) when the data or the output fails,
    or :data:`USAGE_ERROR` (2) for input the user can fix, argparse's own usage errors
    included; *argv* itself must be a list of ``str`` (anything else is a :class:`TypeError`).

    >>> main(["get", "nouvelle-aquitaine", "entreprises", "partnering"])
    0.45
    0

    The number is bare, for scripts; a value published as approximate or as a lower bound
    says so in a note on stderr (``phare: note: published as 'more than 674000'``).

    >>> main(["get", "france", "companies", "partnerships-count"])
    674000
    0
    >>> main(["get", "bretange", "companies", "partnering"])
    2
    >>> main(["export", "--format", "JSON", "--region", "occitanie", "--actor", "citizens"])
    ... # doctest: +ELLIPSIS
    [
      {
        "id": "occ-citizens-alliances-innovation-2019",
    ...
    ]
    0
    >>> main(["frobnicate"])
    2
    """
    if argv is not None and (
        not isinstance(argv, Sequence)
        or isinstance(argv, (str, bytes))
        or not all(isinstance(arg, str) for arg in argv)
    ):
        raise TypeError("argv must be a list of str")
    try:
        # argparse reads plain copies: a str subclass's own methods never run in phare
        args = build_parser().parse_args(
            None if argv is None else [str.__str__(arg) for arg in argv]
        )
    except SystemExit as exit_:  # argparse has printed the usage or the help
        status = exit_.code if isinstance(exit_.code, int) else USAGE_ERROR
        return _finish(status, "", "")
    except BrokenPipeError:  # phare --help | head -1
        return _finish(SUCCESS, "", "")
    except (OSError, ValueError) as err:  # the help could not be written
        return _finish(FAILURE, "", f"error: cannot write to stdout: {_reason(err)}")
    try:
        output, note = run(args)
    except DataError as err:
        return _finish(FAILURE, "", f"error: {err}")
    except PhareError as err:
        return _finish(USAGE_ERROR, "", f"error: {err}")
    except OutputError as err:
        return _finish(FAILURE, "", f"error: {err}")
    return _finish(SUCCESS, output, note)


def _finish(status: int, output: str, note: str) -> int:
    """Write *output* on stdout and *note* on stderr; the exit status, *status* unless that fails.

    A reader that stops early (``phare regions | head -1``) is no failure; any other failure
    to write stdout (a full disk, a closed stream) is said in one line on stderr and gives
    :data:`FAILURE`.
    """
    try:
        _write(sys.stdout, output)
    except BrokenPipeError:
        _silence_stdout()
    except (OSError, ValueError) as err:  # ValueError: a stream closed from within Python
        _silence_stdout()
        status, note = FAILURE, f"error: cannot write to stdout: {_reason(err)}"
    if note:
        with contextlib.suppress(OSError, ValueError):  # nowhere left to say it: the status tells
            _write(sys.stderr, "\n".join(f"phare: {line}" for line in note.splitlines()))
    return status


def _write(stream: IO[str] | None, text: str) -> None:
    """Write *text* and a line end to *stream*, and flush it.

    Characters the stream's encoding cannot hold are replaced. ``None`` (Python's stdout when
    the process started with it closed) is a closed stream.
    """
    if stream is None:
        raise OSError(9, "the stream is closed")
    if text:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            text = text.encode(encoding, "replace").decode(encoding)
        except LookupError:  # an encoding Python does not know: the stream will say
            pass
        stream.write(text if text.endswith("\n") else text + "\n")
    stream.flush()


def _reason(err: Exception) -> str:
    return (err.strerror if isinstance(err, OSError) else None) or str(err)


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's final flush fails no more."""
    if sys.stdout is None:
        return
    try:
        fileno = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file, or closed: there is nothing to flush
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)
