"""The ``phare`` command: list regions, show a region's figures, get one number, export.

Every failure prints one line on stderr, never a traceback, and sets the exit status: 2 for
what the user can fix (an unknown region, a typo in an actor, a usage error), 1 when the data
or the output fails (a broken data file, a full disk, a closed stdout). A character the output's
encoding cannot hold (``PYTHONIOENCODING=ascii``) is replaced, not fatal.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any

import phare
from phare import display, export, vocabulary
from phare._query import without_figures
from phare.errors import DataError, PhareError, UnknownNameError
from phare.formatting import format_qualified, plain_number
from phare.model import Figure, Region, Series

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


def _regions_text() -> str:
    rows = [
        [r.slug, r.name, r.insee_code or "", r.iso_3166_2, r.nuts, r.kind, str(len(r.figures()))]
        for r in (phare.national(), *phare.regions())
    ]
    return render_table(["slug", "name", "insee", "iso", "nuts", "kind", "figures"], rows)


def _show_text(region: Region) -> str:
    codes = f"INSEE {region.insee_code}, " if region.insee_code else ""
    head = f"{region.name} ({codes}{region.iso_3166_2}, NUTS {region.nuts})"
    figures = region.figures()
    unpublished = without_figures(region.reports_without_figures())
    if unpublished:  # a region is not "not surveyed" when a report of it is known
        head += f"\n{unpublished[0].upper()}{unpublished[1:]}."
    if not figures:
        return f"{head}\nNo figure has been published for {region.name}."
    sources: list[str] = []
    rows = []
    for f in figures:
        location = f.source.location
        if location not in sources:
            sources.append(location)
        rows.append(_figure_row(f, sources.index(location) + 1))
    table = render_table(
        ["actor", "segment", "indicator", "theme", "value", "year", "study", "conf", "src"], rows
    )
    legend = display.marks_legend(figures)
    if legend:
        table += f"\n{legend}"
    notes = "\n".join(f"[{n}] {location}" for n, location in enumerate(sources, start=1))
    return f"{head}\n{len(figures)} figures\n\n{table}\n\nSources:\n{notes}"


def _series_text(region: Region, waves: Series) -> str:
    """The waves of a series as a table, then each break with its reason and source."""
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
    text = f"{region.name}, {waves[0].label}\n\n{table}"
    legend = display.marks_legend(waves)
    if legend:
        text += f"\n{legend}"
    if not waves.breaks:
        return f"{text}\n\nNo break is recorded between these waves."
    return f"{text}\n\n" + "\n".join(display.breaks_lines(waves.breaks, reasons=True))


def _figure_row(f: Figure, source_number: int) -> list[str]:
    return [
        f.actor.id,
        f.segment.id,
        f.indicator.id,
        f.theme.id if f.theme else "",
        display.value_text(f),
        str(f.reference_year),
        f.study.id,
        f.confidence,
        f"[{source_number}]",
    ]


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
    commands.add_parser("regions", help="list France and the regions with their codes")
    show = commands.add_parser("show", help="print a region's figures with study and source")
    show.add_argument("region", help="slug, name or code: nouvelle-aquitaine, 'FR-NAQ', 75, FRI")
    get = commands.add_parser(
        "get", help="print one figure: a share for percentages, else the value"
    )
    get.add_argument("region")
    get.add_argument("actor", help="citizens, companies, associations or mayors (or French names)")
    get.add_argument("indicator", help="partnering, alliances-innovation, fragility-score...")
    get.add_argument("--theme", help="required for indicators broken down by theme")
    get.add_argument("--segment", default="all", help="sub-population, default: all")
    get.add_argument("--study", help="a study id, default: the latest")
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
    out = commands.add_parser(
        "export",
        help="write the tidy table of figures as CSV, JSON, Markdown, Excel or SQLite",
        description="Write the figures, one row per figure with its source, to stdout or a file. "
        "JSON is a list of objects with the same keys as the CSV columns. xlsx and sqlite write "
        "a file (--output is required) with the studies, sources, regions and disputes too.",
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
    out.add_argument(
        "--min-confidence",
        type=_choice(vocabulary.confidence),
        metavar="{" + ",".join(vocabulary.CONFIDENCES) + "}",
        help="B keeps grades A and B; default: all",
    )
    out.add_argument(
        "--output", metavar="FILE", help="write to FILE instead of stdout; FILE must not exist"
    )
    out.add_argument("--force", action="store_true", help="let --output replace an existing FILE")
    charts = commands.add_parser(
        "plot", help="draw a chart to a PNG or SVG file (needs the plot extra)"
    ).add_subparsers(dest="chart", required=True, metavar="CHART")
    tiles = charts.add_parser("tiles", help="the regions as tiles coloured by one figure")
    tiles.add_argument("actor")
    tiles.add_argument("indicator")
    tiles.add_argument("--theme", help="required for indicators broken down by theme")
    tiles.add_argument("--segment", default="all", help="sub-population, default: all")
    tiles.add_argument("--programme", help="only this programme's figures (an id: PHARE...)")
    tiles.add_argument(
        "--min-confidence",
        type=_choice(vocabulary.confidence),
        metavar="{" + ",".join(vocabulary.CONFIDENCES) + "}",
        help="B keeps A and B",
    )
    tiles.add_argument("--output", required=True, metavar="FILE", help="a .png or .svg file")
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


#: What a command prints: the text for stdout, then a note for stderr ("" for none).
Answer = tuple[str, str]


def _export(args: argparse.Namespace) -> Answer:
    if args.output == "":
        raise PhareError("--output needs a file name; leave it out to write to stdout")
    figures = phare.figures(
        region=args.region,
        actor=args.actor,
        indicator=args.indicator,
        min_confidence=args.min_confidence,
    )
    if args.format in vocabulary.FILE_FORMATS:
        if args.output is None:
            raise PhareError(f"--format {args.format} writes a file: give --output FILE")
        _check_target(args.output, replace=args.force)
        try:
            export.write(figures, args.format, args.output)
        except OSError as err:
            raise OutputError(f"cannot write {args.output}: {err.strerror or err}") from err
        return "", f"wrote {len(figures)} figures to {args.output}"
    text = export.render(figures, args.format)
    if args.output is None:
        return text, ""
    _write_file(args.output, text, replace=args.force)
    return "", f"wrote {len(figures)} figures to {args.output}"


def _check_target(name: str, *, replace: bool) -> None:
    """Refuse a folder, and a file that exists unless *replace* is set: the user's to fix."""
    if os.path.isdir(name):
        raise PhareError(f"{name} is a folder; give --output the name of a file")
    if os.path.exists(name) and not replace:
        raise PhareError(f"{name} exists; add --force to replace it")


def _plot(args: argparse.Namespace) -> Answer:
    from phare import plot

    ax = plot.tiles(
        args.actor,
        args.indicator,
        theme=args.theme,
        segment=args.segment,
        programme=args.programme,
        min_confidence=args.min_confidence,
    )
    plot.save(ax, args.output)
    return "", f"wrote {args.output}"


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
    """The bare number, for scripts; how it was published, when not exactly, as a note."""
    number = plain_number(figure.share if figure.share is not None else figure.value)
    if figure.qualifier == "exact":
        return number, ""
    published = format_qualified(figure.value, figure.unit, figure.qualifier, words=True)
    return number, f"note: published as {published!r}"


def run(args: argparse.Namespace) -> Answer:
    """Carry out a parsed command; return what to print on stdout, and a note for stderr."""
    if args.command == "regions":
        return _regions_text(), ""
    if args.command == "export":
        return _export(args)
    if args.command == "plot":
        return _plot(args)
    region = phare.region(args.region)
    if args.command == "show":
        return _show_text(region), ""
    if args.command == "series":
        waves = region.series(args.actor, args.indicator, theme=args.theme, segment=args.segment)
        return _series_text(region, waves), ""
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
            _write(sys.stderr, f"phare: {note}")
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
