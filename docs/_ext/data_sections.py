"""The generated sections of the data pages, one function each, written from the public API.

Each function returns Markdown whose headings start at ``##``, as if the section sat right under
the page title; :mod:`phare_data` shifts them to fit where the section is asked for.

>>> "phare-nouvelle-aquitaine-2016" in SECTIONS["studies"]()
True
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from data_inventory import disputes, regions_with_figures, sources
from exclusions import KINDS, exclusions, record
from markdown_text import anchor, bullets, code, link, links, shown, table, text

import phare
from phare.formatting import format_qualified
from phare.model import Dispute, Figure, Source
from phare.vocabulary import BREAK_WORDS, CONFIDENCE_WORDS


def summary_md() -> str:
    """The size of the dataset, counted from the package."""
    figures = phare.figures()
    national = sum(f.region.is_national for f in figures)
    rows = [
        ("Figures", len(figures)),
        ("... national (France)", national),
        ("... regional", len(figures) - national),
        ("... with a recorded dispute", sum(f.disputed for f in figures)),
        ("Regions (France excluded)", len(phare.regions())),
        ("... with at least one figure", len(regions_with_figures())),
        ("Programmes", len(phare.programmes())),
        ("Studies", len(phare.studies())),
        ("Actors", len(phare.actors())),
        ("Segments (`all` included)", len(phare.segments())),
        ("Indicators", len(phare.indicators())),
        ("Themes", len(phare.themes())),
        ("Sources cited", len(sources())),
        ("Disputes between sources", len(disputes())),
    ]
    return table(["What", "How many"], rows)


def observatory_md() -> str:
    """The Observatory, Le RAMEAU, and the facts recorded about them."""
    obs = phare.observatory()
    rameau = obs.le_rameau
    founded = f"{obs.founded} (from {links(obs.founded_sources)})"
    if obs.disputes:
        founded += "; another year is given by some sources, see {doc}`disputes`"
    parts = [
        bullets(
            [
                ("Name", text(obs.name)),
                ("Short name", text(obs.short_name)),
                ("Former names", "; ".join(text(n) for n in obs.former_names)),
                ("Founded", founded),
                ("Founders", f"{text(', '.join(obs.founders))} ({links(obs.founders_sources)})"),
                ("Partners", f"{text(', '.join(obs.partners))} ({link(obs.partners_source)})"),
                (
                    "Scientific direction",
                    f"{text(obs.scientific_director)}, {text(obs.scientific_director_firm)} "
                    f"({links(obs.scientific_direction_sources)})",
                ),
            ]
        ),
        "## Objectives",
        _objectives(obs.objectives_en, obs.objectives_fr, [obs.objectives_source]),
        f"## {text(rameau.name)}",
        bullets(
            [
                ("Founded", str(rameau.founded)),
                ("What it is", text(rameau.nature_en)),
                ("Ce que c'est", text(rameau.nature_fr)),
                ("President and founder", text(rameau.president_founder)),
                ("Source", link(rameau.source)),
            ]
        ),
        "\n".join(f"- {text(activity)}" for activity in rameau.activities),
    ]
    return "\n\n".join(parts)


def _objectives(
    english: Sequence[str],
    french: Sequence[str],
    sources: Sequence[Source],
    note: str | None = None,
) -> str:
    """Objectives side by side in both languages, then where they were read and any caveat."""
    rows = ((text(en), text(fr)) for en, fr in zip(english, french, strict=True))
    lines = [table(["English", "Français"], rows), f"Source: {links(sources)}"]
    if note:
        lines.append(f"Note: {text(note)}")
    return "\n\n".join(lines)


def _strands(programme: phare.Programme) -> str:
    """How many strands a programme has, and their names with their sources when known."""
    if programme.strands is None:
        return ""
    if not programme.strand_names:
        return str(programme.strands)
    names = ", ".join(text(name) for name in programme.strand_names)
    return f"{programme.strands}, named {names} ({links(programme.strand_sources)})"


def programmes_md() -> str:
    """The programmes, their studies and their milestones."""
    programmes = phare.programmes()
    parts = [
        table(
            ["Programme", "Years", "Focus", "Objet", "Strands", "Studies", "Figures"],
            (
                (
                    f"{{ref}}`{p.id} <programme-{p.id.lower()}>`",
                    p.period,
                    text(p.focus_en),
                    text(p.focus_fr),
                    p.strands if p.strands is not None else "not stated",
                    len(p.studies()),
                    len(phare.figures(programme=p.id)),
                )
                for p in programmes
            ),
        )
    ]
    for p in programmes:
        parts.append(f"{anchor('programme', p.id.lower())}\n## {p.id} ({p.period})")
        parts.append(
            bullets(
                [
                    ("Years", f"{p.period} ({links(p.period_sources)})"),
                    ("The name stands for", "; ".join(text(e) for e in p.expansions)),
                    ("Strands", _strands(p)),
                    ("Studies", ", ".join(f"{{ref}}`{s.id} <study-{s.id}>`" for s in p.studies())),
                    ("Source", link(p.source)),
                    ("See also", links(p.see_also)),
                    (
                        "Disputed",
                        "; ".join(
                            f"{text(d.field)}: {text(d.kept)} kept, {text(d.other)} "
                            f"given by {link(d.source)}"
                            for d in p.disputes
                        ),
                    ),
                ]
            )
        )
        if p.objectives_en:
            parts.append("Objectives, in our words:")
            parts.append(
                _objectives(
                    p.objectives_en, p.objectives_fr, p.objectives_sources, p.objectives_note
                )
            )
        parts.append("Milestones:")
        parts.append("\n".join(f"- {text(m)}" for m in p.milestones))
    return "\n\n".join(parts)


def _dispute_lines(records: Sequence[Dispute]) -> str:
    first = records[0]
    return bullets(
        [
            ("Field", code(first.field)),
            ("Kept", text(first.kept)),
            ("Other value or meaning", text(first.other)),
            ("Given by", links(d.source for d in records)),
            ("Why the kept one", text(first.note)),
        ]
    )


def studies_md() -> str:
    """Every study: programme, date, report number, sponsors, source, figures."""
    figure_counts = Counter(f.study.id for f in phare.figures())
    parts = [
        table(
            ["Study", "Programme", "Published", "Scope", "Regional report", "Figures"],
            (
                (
                    f"{{ref}}`{s.id} <study-{s.id}>`",
                    s.programme,
                    s.published or "unknown",
                    s.region or s.scope,
                    s.regional_report_number or "",
                    figure_counts[s.id],
                )
                for s in phare.studies()
            ),
        )
    ]
    for s in phare.studies():
        sample = ""
        if s.sample_size is not None:
            qualifier = s.sample_qualifier or "exact"
            size = format_qualified(float(s.sample_size), "count", qualifier, words=True)
            sample = f"{size} respondents"
        region = phare.region(s.region).name if s.region else ""
        parts.append(f"{anchor('study', s.id)}\n## {code(s.id)}: {text(s.title)}")
        parts.append(
            bullets(
                [
                    ("Programme", f"{{ref}}`{s.programme} <programme-{s.programme.lower()}>`"),
                    ("Published", s.published or "unknown"),
                    ("Made public", text(s.presented_at or "")),
                    ("Scope", s.scope + (f" ({text(region)})" if region else "")),
                    ("Regional report number", str(s.regional_report_number or "")),
                    ("Actors surveyed", ", ".join(code(a) for a in s.actors)),
                    ("Produced by", text(s.producer)),
                    ("Sponsors or partners", text(", ".join(s.sponsors)) or "none recorded"),
                    ("Sample", sample or "not found"),
                    ("Figures bundled", str(figure_counts[s.id])),
                    ("Source", link(s.source)),
                    ("See also", links(s.see_also)),
                    ("Note", text(s.note)),
                ]
            )
        )
        for d in s.disputes:
            parts.append(f"Disputed {code(d.field)}:\n\n{_dispute_lines([d])}")
    return "\n\n".join(parts)


def actors_md() -> str:
    """The actors, with labels and definitions in English and French."""
    counts = Counter(f.actor.id for f in phare.figures())
    parts = [
        table(
            ["Actor", "English", "Français", "Figures"],
            (
                (code(a.id), text(a.label_en), text(a.label_fr), counts[a.id])
                for a in phare.actors()
            ),
        )
    ]
    for a in phare.actors():
        parts.append(f"{anchor('actor', a.id)}\n## {text(a.label_en)} / {text(a.label_fr)}")
        parts.append(
            bullets(
                [
                    ("Identifier", code(a.id)),
                    ("Definition", text(a.definition_en)),
                    ("Définition", text(a.definition_fr)),
                    ("Also answers to", ", ".join(code(alias) for alias in a.aliases)),
                    (
                        "Segments",
                        ", ".join(code(s.id) for s in phare.segments() if s.actor == a.id),
                    ),
                ]
            )
        )
    return "\n\n".join(parts)


def segments_md() -> str:
    """The segments of each actor, in both languages."""
    counts = Counter(f.segment.id for f in phare.figures())
    return table(
        ["Segment", "Actor", "English", "Français", "Definition", "Définition", "Figures"],
        (
            (
                code(s.id),
                code(s.actor) if s.actor else "any",
                text(s.label_en),
                text(s.label_fr),
                text(s.definition_en),
                text(s.definition_fr),
                counts[s.id],
            )
            for s in phare.segments()
        ),
    )


UNIT_TEXT = {
    "percent": "percent (read it as a share with `Region.share()`)",
    "score-10": "mean score out of 10",
    "count": "count",
    "points": "change in percentage points",
}


def indicators_md() -> str:
    """Every indicator: unit, labels and definitions in both languages, themes."""
    counts = Counter(f.indicator.id for f in phare.figures())
    parts = [
        table(
            ["Indicator", "Unit", "English", "Français", "Figures"],
            (
                (
                    f"{{ref}}`{i.id} <indicator-{i.id}>`",
                    i.unit,
                    text(i.label_en),
                    text(i.label_fr),
                    counts[i.id],
                )
                for i in phare.indicators()
            ),
        )
    ]
    for i in phare.indicators():
        themes = [t for t in phare.themes() if t.kind == i.theme_kind]
        parts.append(f"{anchor('indicator', i.id)}\n## {code(i.id)}")
        parts.append(
            bullets(
                [
                    ("English", text(i.label_en)),
                    ("Français", text(i.label_fr)),
                    ("Unit", UNIT_TEXT[i.unit]),
                    ("Definition", text(i.definition_en)),
                    ("Définition", text(i.definition_fr)),
                    (
                        "Broken down by theme",
                        f"yes, {code(i.theme_kind)}: " + ", ".join(code(t.id) for t in themes)
                        if i.theme_kind
                        else "no",
                    ),
                    ("Also answers to", ", ".join(code(alias) for alias in i.aliases)),
                    ("Figures", str(counts[i.id])),
                ]
            )
        )
    return "\n\n".join(parts)


def themes_md() -> str:
    """The themes, by kind, in both languages."""
    counts = Counter(f.theme.id for f in phare.figures() if f.theme is not None)
    parts = []
    for kind in dict.fromkeys(t.kind for t in phare.themes()):
        indicators = [i.id for i in phare.indicators() if i.theme_kind == kind]
        parts.append(f"{anchor('themes', kind)}\n## {code(kind)}")
        parts.append(
            "Breaks down: " + ", ".join(f"{{ref}}`{i} <indicator-{i}>`" for i in indicators)
        )
        parts.append(
            table(
                ["Theme", "English", "Français", "Also answers to", "Figures"],
                (
                    (
                        code(t.id),
                        text(t.label_en),
                        text(t.label_fr),
                        ", ".join(code(alias) for alias in t.aliases),
                        counts[t.id],
                    )
                    for t in phare.themes()
                    if t.kind == kind
                ),
            )
        )
    return "\n\n".join(parts)


def regions_md() -> str:
    """France and the regions: names, codes, former regions and codes, figures."""
    return table(
        [
            "Slug",
            "Name",
            "INSEE",
            "ISO 3166-2",
            "NUTS",
            "Kind",
            "Former regions (INSEE, NUTS-2)",
            "ISO codes until 2016",
            "Former and provisional names",
            "Départements",
            "Figures",
        ],
        (
            (
                code(r.slug),
                text(r.name),
                r.insee_code or "",
                r.iso_3166_2,
                r.nuts,
                r.kind,
                text(", ".join(f"{f.name} ({f.insee_code}, {f.nuts})" for f in r.former_regions)),
                text(", ".join(f"{c.code} ({c.name})" for c in r.former_codes)),
                text(", ".join(f"{n.name} ({n.kind})" for n in r.former_names)),
                text(", ".join(d.code for d in r.departements)),
                len(r.figures()),
            )
            for r in (phare.national(), *phare.regions())
        ),
    )


#: The class of the catalogue's tables, which ``phare.css`` and :mod:`phare_data` style.
CATALOGUE_CLASS = "phare-catalogue"

#: The catalogue's columns and their shares of the table's width (out of 200), so that the nine
#: fit a 1280-pixel screen: the identifier first (it wraps at its hyphens), and the source as
#: its publisher's name linked to the page, not as a web address.
CATALOGUE_COLUMNS = (
    ("Figure", 39),
    ("Actor", 18),
    ("Indicator", 27),
    ("Theme", 26),
    ("Value", 16),
    ("Year", 10),
    ("Study", 24),
    ("Grade", 12),
    ("Source", 28),
)


def _source_cell(source: Source) -> str:
    """A source, short enough for a table cell: its publisher, linked to the page when it has one."""
    if source.url is None:
        return text(source.location)
    return f"[{text(source.publisher)}]({source.url})"


def catalogue_md() -> str:
    """Every figure, region by region (France first): its keys, value, year, study, grade, source.

    Each region's table has the class ``phare-catalogue`` and the widths of
    :data:`CATALOGUE_COLUMNS`: ``phare.css`` widens the page for it and wraps its identifiers,
    and on a phone its rows read as cards, each cell labelled with its column's header
    (:func:`phare_data.label_cells`).
    """
    parts = []
    for region in (phare.national(), *phare.regions()):
        figures = region.figures()
        if not figures:
            continue
        parts.append(f"{anchor('catalogue', region.slug)}\n## {text(region.name)}")
        rows = (
            (
                code(f.id),
                code(f.actor.id) + ("" if f.segment.id == "all" else f" ({code(f.segment.id)})"),
                code(f.indicator.id),
                code(f.theme.id) if f.theme is not None else "",
                shown(f) + (" ({doc}`disputed <disputes>`)" if f.disputed else ""),
                f.reference_year,
                f"{{ref}}`{f.study.id} <study-{f.study.id}>`",
                f.confidence,
                _source_cell(f.source),
            )
            for f in figures
        )
        table_md = table([header for header, _ in CATALOGUE_COLUMNS], rows)
        widths = " ".join(str(width) for _, width in CATALOGUE_COLUMNS)
        parts.append(
            f"```{{table}}\n:class: {CATALOGUE_CLASS}\n:widths: {widths}\n\n{table_md}\n```"
        )
    return "\n\n".join(parts)


def _coverage_table(columns: Sequence[str], key: Callable[[Figure], str]) -> str:
    rows = []
    for r in (phare.national(), *phare.regions()):
        counts = Counter(key(f) for f in r.figures())
        rows.append((text(r.name), *(counts[c] or "" for c in columns), len(r.figures()) or ""))
    return table(["Region", *(code(c) for c in columns), "Total"], rows)


def coverage_md() -> str:
    """How many figures each region has, by actor and by programme."""
    return "\n\n".join(
        [
            "## By actor",
            _coverage_table([a.id for a in phare.actors()], lambda f: f.actor.id),
            "## By programme",
            _coverage_table([p.id for p in phare.programmes()], lambda f: f.programme),
        ]
    )


def confidence_md() -> str:
    """The grades, what they mean, and how the figures spread over them."""
    figures = phare.figures()
    programmes = [p.id for p in phare.programmes()]
    rows = []
    for grade, meaning in CONFIDENCE_WORDS.items():
        graded = [f for f in figures if f.confidence == grade]
        by_programme = Counter(f.programme for f in graded)
        rows.append(
            (
                f"**{grade}**",
                text(meaning[:1].upper() + meaning[1:]) + ".",
                len(graded),
                *(by_programme[p] for p in programmes),
            )
        )
    return table(["Grade", "Meaning", "Figures", *programmes], rows)


def _subject(kind: str, subject: str) -> str:
    if kind == "figure":
        f = next(f for f in phare.figures() if f.id == subject)
        return (
            f"{text(f.region.name)}, {text(f.label)}: {shown(f)} "
            f"({f.reference_year}, {{ref}}`{f.study.id} <study-{f.study.id}>`, "
            f"figure {code(f.id)})"
        )
    if kind == "study":
        return f"study {{ref}}`{subject} <study-{subject}>`"
    if kind == "programme":
        return f"programme {{ref}}`{subject} <programme-{subject.lower()}>`"
    return f"the {text(subject)}"


def disputes_md() -> str:
    """Every disagreement between sources, grouped by what it is about."""
    headings = {
        "figure": "Figures",
        "study": "Studies",
        "programme": "Programmes",
        "observatory": "The Observatory",
    }
    parts = []
    found = disputes()
    for kind, heading in headings.items():
        parts.append(f"## {heading}")
        of_kind = [(subject, records) for k, subject, records in found if k == kind]
        if not of_kind:
            parts.append("None recorded.")
        for subject, records in of_kind:
            parts.append(f"### {_subject(kind, subject)}\n\n{_dispute_lines(records)}")
    return "\n\n".join(parts)


def _wave(figure: Figure) -> str:
    return f"{shown(figure)} ({figure.reference_year}, {{ref}}`{figure.study.id} <study-{figure.study.id}>`)"


def breaks_md() -> str:
    """Every break in a series: the two waves, the kind of break, the reason and its source."""
    done: set[tuple[str, str, str, str | None, str]] = set()
    rows = []
    for f in phare.figures():
        theme = None if f.theme is None else f.theme.id
        key = (f.region.slug, f.actor.id, f.indicator.id, theme, f.segment.id)
        if key in done:
            continue
        done.add(key)
        for b in f.region.series(
            f.actor.id, f.indicator.id, theme=theme, segment=f.segment.id
        ).breaks:
            rows.append(
                (
                    f"{text(b.before.region.name)}, {text(b.before.label)}",
                    f"{_wave(b.before)} → {_wave(b.after)}",
                    code(b.kind),
                    text(b.reason),
                    link(b.source),
                )
            )
    kinds = bullets((kind, text(meaning)) for kind, meaning in BREAK_WORDS.items())
    found = (
        table(["Series", "Waves", "Kind", "Reason", "Source"], rows) if rows else "None recorded."
    )
    return f"{kinds}\n\n{found}"


def excluded_md() -> str:
    """What the sources say that the package does not hold as a figure, by kind of reason.

    Written from ``docs/data/excluded.csv`` (:mod:`exclusions`); each record a row says keeps
    its fact is looked up in the package, so a row naming a missing record fails the build.
    """
    cited = {source.id: source for source, _ in sources().values()}
    rows = exclusions()
    parts = []
    for kind, heading in KINDS.items():
        of_kind = [row for row in rows if row.kind == kind]
        if not of_kind:
            continue
        parts.append(f"## {text(heading)}")
        cells = []
        for row in of_kind:
            kept = []
            for ref_kind, ident in row.where_kept:
                found = record((ref_kind, ident))
                kept.append(_subject(ref_kind, found.name if ref_kind == "observatory" else ident))
            if row.source is None:
                source = ""
            elif row.source in cited:
                source = link(cited[row.source])
            elif row.source.startswith(("https://", "http://")):
                source = f"[{text(urlsplit(row.source).netloc)}]({row.source})"
            else:
                raise ValueError(
                    f"excluded.csv: {row.source!r} is neither a URL nor a cited source"
                )
            cells.append((text(row.item), text(row.reason), "; ".join(kept), source))
        parts.append(table(["What was found", "Why", "Kept in", "Source"], cells))
    return "\n\n".join(parts)


def sources_md() -> str:
    """Every source cited anywhere in the data, and what cites it."""
    rows = []
    for source, uses in sorted(sources().values(), key=lambda pair: pair[0].publisher.lower()):
        used = ", ".join(f"{count} {kind}" for kind, count in sorted(uses.items()))
        rows.append((text(source.publisher), link(source), used))
    return table(["Publisher", "Source", "Cited by"], rows)


def _rule(field: Mapping[str, Any]) -> str:
    constraints = field.get("constraints", {})
    rules = []
    if "enum" in constraints:
        rules.append("one of " + ", ".join(code(v) for v in constraints["enum"]))
    if "pattern" in constraints:
        # A pipe would end the table cell, even inside a code span: escape it.
        rules.append("matches " + code(constraints["pattern"]).replace("|", "\\|"))
    if "minimum" in constraints or "maximum" in constraints:
        low, high = constraints.get("minimum", ""), constraints.get("maximum", "")
        rules.append(f"from {low} to {high}" if low != "" and high != "" else f"at least {low}")
    if constraints.get("unique"):
        rules.append("unique")
    return "; ".join(rules)


def tables_md() -> str:
    """The data contract: every bundled file, its fields and keys, from ``datapackage.json``.

    The package ships the Frictionless descriptor of its own files; this section reads it as
    shipped, so the page shows the contract the loader and the validator enforce.
    """
    descriptor = resources.files("phare") / "data" / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    parts = [text(package["description"])]
    for resource in package["resources"]:
        parts.append(f"{anchor('table', resource['name'])}\n## {code(resource['path'])}")
        parts.append(text(resource.get("description", "")))
        schema = resource.get("schema")
        if schema is None:
            continue
        parts.append(
            table(
                ["Field", "Type", "Required", "What it holds", "Rule"],
                (
                    (
                        code(f["name"]),
                        f.get("type", ""),
                        "yes" if f.get("constraints", {}).get("required") else "",
                        text(f.get("description", "")),
                        _rule(f),
                    )
                    for f in schema["fields"]
                ),
            )
        )
        keys = [("Primary key", ", ".join(code(k) for k in _listed(schema.get("primaryKey"))))]
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            target = ", ".join(f"{ref['resource']}.{name}" for name in _listed(ref["fields"]))
            keys.append(
                (
                    "Refers to",
                    f"{', '.join(code(n) for n in _listed(fk['fields']))} -> {code(target)}",
                )
            )
        parts.append(bullets(keys))
    return "\n\n".join(part for part in parts if part)


def _listed(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


#: The sections a marker can ask for.
SECTIONS: dict[str, Callable[[], str]] = {
    "actors": actors_md,
    "breaks": breaks_md,
    "catalogue": catalogue_md,
    "confidence": confidence_md,
    "coverage": coverage_md,
    "disputes": disputes_md,
    "excluded": excluded_md,
    "indicators": indicators_md,
    "observatory": observatory_md,
    "programmes": programmes_md,
    "regions": regions_md,
    "segments": segments_md,
    "sources": sources_md,
    "studies": studies_md,
    "summary": summary_md,
    "tables": tables_md,
    "themes": themes_md,
}
