"""The data contract, read from ``datapackage.json``: every rule of every field, stated once.

The loader does not restate the contract. It reads the descriptor of the data package it loads
and builds each field's checks from the field's ``type`` and ``constraints``, one checker per
constraint name (the way frictionless-py builds its cell checks), and the uniqueness, primary
and foreign keys from the table schemas. ``observatory.json`` is checked against the JSON Schema
shipped beside it, and a key given twice in it is refused rather than silently overwritten.
What a Table Schema cannot state (a figure's theme must be of its indicator's kind, ...) is
checked by :mod:`phare._store`, each rule once.

Every refusal is a :class:`~phare.errors.DataError` naming the file, the row (the header being
row 1, as the reference validator counts) and the field.
"""

from __future__ import annotations

# The C reader behind the csv module: csv.py adds DictReader, Sniffer and dialect classes
# this module never uses, and about 0.06 MiB to every process (docs/performance.md).
import _csv as csv
import json
import json.decoder
import json.scanner
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from phare.errors import DataError

#: A cell once read: text, a whole number, a number, or ``None`` for an empty cell.
Value = str | int | float | None
#: The check of one constraint: the problem with a value, or ``None`` when it passes.
Check = Callable[[Any], "str | None"]

#: The descriptor every data package folder holds.
DESCRIPTOR = "datapackage.json"

#: Numbers as the tables write them: ASCII digits, an optional minus sign and decimal point.
#: ``float()`` would also take ``4_5``, `` 45 ``, ``1e3`` or Arabic-Indic digits, and read a
#: typo as a number; the contract's numbers are plain.
PLAIN_INTEGER = re.compile(r"-?[0-9]+")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
#: One line of a CSV file, with its end kept, cut where ``io.StringIO(newline="")`` cuts it.
LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


class CellError(Exception):
    """What is wrong with one value; the caller adds the file, the row and the field."""


# --- one field -------------------------------------------------------------------------------


def _string(raw: str) -> str:
    return raw


def _integer(raw: str) -> int:
    if PLAIN_INTEGER.fullmatch(raw) is None:
        raise CellError(f"{raw!r} is not a whole number in plain digits")
    return int(raw)


def _number(raw: str) -> float:
    if PLAIN_NUMBER.fullmatch(raw) is None:
        raise CellError(f"{raw!r} is not a number in plain digits (such as 45 or 5.7)")
    return float(raw)


#: How a cell of each Table Schema type is read.
TYPES: Mapping[str, Callable[[str], Value]] = {
    "string": _string,
    "integer": _integer,
    "number": _number,
}


def _enum(allowed: Sequence[str]) -> Check:
    choices = frozenset(allowed)
    listed = ", ".join(allowed)
    return lambda value: None if value in choices else f"{value!r} is not one of {listed}"


def _pattern(pattern: str) -> Check:
    compiled = re.compile(pattern)
    return lambda value: (
        None if compiled.fullmatch(value) else f"{value!r} does not match the pattern {pattern}"
    )


def _minimum(low: float) -> Check:
    return lambda value: None if value >= low else f"{value} is out of range: at least {low}"


def _maximum(high: float) -> Check:
    return lambda value: None if value <= high else f"{value} is out of range: at most {high}"


#: One checker per constraint name; ``required`` and ``unique`` are checked by the table.
CONSTRAINTS: Mapping[str, Callable[[Any], Check]] = {
    "enum": _enum,
    "pattern": _pattern,
    "minimum": _minimum,
    "maximum": _maximum,
}


class Field:
    """One column of a table and the checks its descriptor asks for."""

    __slots__ = ("checks", "name", "parse", "required", "unique")

    def __init__(self, descriptor: Mapping[str, Any]) -> None:
        self.name: str = descriptor["name"]
        constraints: Mapping[str, Any] = descriptor.get("constraints", {})
        try:
            self.parse = TYPES[descriptor.get("type", "string")]
        except KeyError:
            raise DataError(
                f"{DESCRIPTOR}: field {self.name!r} has the type {descriptor['type']!r}, "
                f"which phare does not read ({', '.join(TYPES)})"
            ) from None
        self.required = bool(constraints.get("required"))
        self.unique = bool(constraints.get("unique"))
        self.checks = tuple(
            CONSTRAINTS[name](rule) for name, rule in constraints.items() if name in CONSTRAINTS
        )

    def read(self, raw: str) -> Value:
        """The value of a cell, or a :class:`CellError` saying which rule it breaks."""
        if not raw:
            if self.required:
                raise CellError("is empty, but the field is required")
            return None
        value = self.parse(raw)
        for check in self.checks:
            problem = check(value)
            if problem is not None:
                raise CellError(problem)
        return value


# --- one table -------------------------------------------------------------------------------


class Row:
    """One row of a table, its values read and checked, and where it stands in its file.

    The values are a list in the table's column order, found by name through the table's one
    index: a dict per row would hold a quarter of a MiB more while a package loads.
    """

    __slots__ = ("position", "table", "values")

    def __init__(self, table: Table, number: int, values: list[Value]) -> None:
        self.table, self.position, self.values = table, number, values

    @property
    def name(self) -> str:
        """The file the row was read from."""
        return self.table.name

    def fail(self, field: str, problem: str) -> DataError:
        """The error for *field* of this row: file, row and field named."""
        return DataError(f"{self.name}, row {self.position}, field {field!r}: {problem}")

    def get(self, field: str) -> Value:
        """The value of *field*; a descriptor without the field is a :class:`DataError`."""
        try:
            return self.values[self.table.index[field]]
        except KeyError:
            raise DataError(f"{DESCRIPTOR}: {self.name} has no field {field!r}") from None

    def text(self, field: str) -> str:
        """A text field the contract requires."""
        value = self.get(field)
        if not isinstance(value, str):
            raise self.fail(field, "must be text, required by the contract")
        return value

    def optional(self, field: str) -> str | None:
        """A text field that may be empty."""
        value = self.get(field)
        return value if isinstance(value, str) else None

    def integer(self, field: str) -> int | None:
        """A whole-number field, ``None`` when empty."""
        value = self.get(field)
        return value if isinstance(value, int) else None

    def number(self, field: str) -> float | None:
        """A number field, ``None`` when empty."""
        value = self.get(field)
        return value if isinstance(value, float) else None

    def listed(self, field: str) -> tuple[str, ...]:
        """A semicolon-separated list, its items stripped (the contract's pattern checked it)."""
        value = self.optional(field)
        return tuple(part.strip() for part in value.split(";")) if value else ()


class Table:
    """The schema of one CSV resource: its fields in order, its unique and key fields."""

    __slots__ = ("fields", "foreign_keys", "index", "name", "primary_key", "resource")

    def __init__(self, resource: Mapping[str, Any]) -> None:
        self.name: str = resource["path"]
        self.resource: str = resource["name"]
        schema: Mapping[str, Any] = resource.get("schema", {})
        self.fields = tuple(Field(field) for field in schema.get("fields", ()))
        #: The position of each column in a row's values.
        self.index = {field.name: n for n, field in enumerate(self.fields)}
        key = schema.get("primaryKey", ())
        self.primary_key: tuple[str, ...] = (key,) if isinstance(key, str) else tuple(key)
        self.foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = tuple(
            (
                tuple(_as_list(fk["fields"])),
                fk["reference"]["resource"],
                tuple(_as_list(fk["reference"]["fields"])),
            )
            for fk in schema.get("foreignKeys", ())
        )

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names, in the order the file must give them."""
        return tuple(field.name for field in self.fields)

    def read(self, text: str) -> list[Row]:
        """The rows of the CSV *text*, each cell read and checked, keys unique.

        A text that does not end with a line break is refused first, as a file cut short.
        Blank lines are skipped, as :class:`csv.DictReader` skips them; the text is cut into
        lines without an :class:`io.StringIO` copy, which would hold 0.2 MiB more while the
        figures table loads.
        """
        if not text.strip():
            raise DataError(f"{self.name}: the file is empty")
        if not text.endswith(("\n", "\r")):
            # checked before any row, so that a file cut short is named as such, rather than
            # by a half row's missing fields or by the records of other tables it no longer holds
            last = text.count("\n") + 1 if "\n" in text else text.count("\r") + 1
            raise DataError(
                f"{self.name}, line {last}: the file ends inside a line, without a line break: "
                "it looks cut short (every table ends with a line break)"
            )
        reader = csv.reader((line.group() for line in LINE.finditer(text)), strict=True)
        rows: list[Row] = []
        try:
            self._check_header(next(reader))
            for cells in reader:
                if cells:
                    rows.append(self._row(len(rows) + 2, cells))
        except csv.Error as exc:
            # the row after the last one read, counting the header as row 1
            raise DataError(f"{self.name}, row {len(rows) + 2}: malformed CSV ({exc})") from exc
        if not rows:
            raise DataError(f"{self.name}: the table has no rows")
        for field in self.fields:
            if field.unique:
                _unique(rows, (field.name,))
        if len(self.primary_key) > 1:
            _unique(rows, self.primary_key)
        return rows

    def _row(self, number: int, cells: list[str]) -> Row:
        if len(cells) != len(self.fields):
            raise DataError(f"{self.name}, row {number}: expected {len(self.fields)} fields")
        values: list[Value] = []
        for field, raw in zip(self.fields, cells, strict=False):
            try:
                values.append(field.read(raw))
            except CellError as problem:
                raise DataError(
                    f"{self.name}, row {number}, field {field.name!r}: {problem}"
                ) from None
        return Row(self, number, values)

    def _check_header(self, header: Sequence[str]) -> None:
        columns = self.columns
        if list(header) == list(columns):
            return
        missing = [column for column in columns if column not in header]
        if missing:
            raise DataError(f"{self.name}: missing column(s) {', '.join(missing)}")
        extra = [column for column in header if column not in columns]
        if extra:
            raise DataError(f"{self.name}: unexpected column(s) {', '.join(extra)}")
        raise DataError(f"{self.name}: the columns must read {', '.join(columns)}, in this order")


def _as_list(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _unique(rows: Sequence[Row], fields: Sequence[str]) -> None:
    """Fail on the first row whose *fields* repeat an earlier row's (empty keys are skipped)."""
    seen: dict[tuple[Value, ...], int] = {}
    for row in rows:
        key = tuple(row.get(field) for field in fields)
        if all(part is None for part in key):
            continue
        first = seen.setdefault(key, row.position)
        if first != row.position:
            shown = ", ".join(fields)
            plain = tuple("" if part is None else str(part) for part in key)
            raise DataError(
                f"{row.name}, row {row.position}, field(s) {shown}: {plain!r} repeats row {first}"
            )


# --- the package -----------------------------------------------------------------------------


class Contract:
    """What ``datapackage.json`` says of every file: table schemas, JSON Schemas, extra rules.

    >>> from phare._store import DataFolder
    >>> contract = Contract(DataFolder().text(DESCRIPTOR))
    >>> contract.tables["regions.csv"].columns
    ('slug', 'name', 'insee_code', 'iso_3166_2', 'nuts', 'kind')
    >>> contract.unit_bounds["percent"]
    (0.0, 100.0)
    """

    __slots__ = ("json_schemas", "resources", "tables", "unit_bounds", "version")

    def __init__(self, text: str) -> None:
        descriptor = load_json(text, DESCRIPTOR)
        if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
            raise DataError(f"{DESCRIPTOR}: expected an object with a list of resources")
        version = descriptor.get("version")
        if not isinstance(version, str) or not version:
            raise DataError(f"{DESCRIPTOR}, field 'version': the data's version must be given")
        #: The version of the data: the date of its last change.
        self.version: str = version
        try:
            self.tables = {r["path"]: Table(r) for r in descriptor["resources"] if "schema" in r}
            self.resources = {r["name"]: r["path"] for r in descriptor["resources"]}
            #: The JSON Schema file of each JSON resource, by the resource's path.
            self.json_schemas: dict[str, str] = {
                r["path"]: r["jsonSchema"] for r in descriptor["resources"] if "jsonSchema" in r
            }
            figures = next(r for r in descriptor["resources"] if r["path"] == "figures.csv")
            value = next(f for f in figures["schema"]["fields"] if f["name"] == "value")
            bounds = value["phare:unitBounds"]
        except (KeyError, TypeError, StopIteration) as exc:
            raise DataError(f"{DESCRIPTOR}: incomplete resource description ({exc!r})") from None
        inf = float("inf")
        self.unit_bounds: dict[str, tuple[float, float]] = {
            unit: (float(low), inf if high is None else float(high))
            for unit, (low, high) in bounds.items()
        }

    def table(self, name: str) -> Table:
        """The schema of the table in the file *name*, or a :class:`DataError`."""
        try:
            return self.tables[name]
        except KeyError:
            raise DataError(f"{DESCRIPTOR}: no table schema for {name}") from None

    def check_foreign_keys(self, rows: Mapping[str, Sequence[Row]]) -> None:
        """Fail on the first value of a foreign key that the table it names does not hold.

        A key of several fields is checked field by field, so the error names the first
        field whose value cannot be found with the ones before it.
        """
        known: dict[tuple[str, tuple[str, ...]], set[object]] = {}
        for name, table in self.tables.items():
            for fields, resource, ref_fields in table.foreign_keys:
                target = rows[self.resources[resource]]
                for n in range(1, len(fields) + 1):
                    # each prefix of a key once, as a plain value when it has one field
                    if (resource, ref_fields[:n]) not in known:
                        known[resource, ref_fields[:n]] = {_key(r, ref_fields[:n]) for r in target}
                for row in rows[name]:
                    if any(row.get(f) is None for f in fields):
                        continue
                    for n in range(1, len(fields) + 1):
                        if _key(row, fields[:n]) not in known[resource, ref_fields[:n]]:
                            shown = _key(row, fields[:n])
                            raise row.fail(
                                fields[n - 1],
                                f"{shown!r} refers to nothing in {self.resources[resource]} "
                                f"({', '.join(ref_fields[:n])})",
                            )


def _key(row: Row, fields: Sequence[str]) -> object:
    """The value of *fields* in *row*: the value itself for one field, else a tuple."""
    if len(fields) == 1:
        return row.get(fields[0])
    return tuple(row.get(f) for f in fields)


# --- JSON --------------------------------------------------------------------------------------


def load_json(text: str, name: str) -> Any:
    """Parse *text*, refusing a key given twice in one object (JSON would keep the last)."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(items)
        if len(found) != len(items):
            key = next(k for n, (k, _) in enumerate(items) if k in dict(items[:n]))
            raise DataError(f"{name}, line {_line_of_twice(text, key)}, field {key!r}: given twice")
        return found

    try:
        return json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise DataError(f"{name}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc


def _line_of_twice(text: str, key: str) -> int:
    """The line where *key* is given the second time in one object of *text*.

    Only a refusal pays for this: the text is read again by the pure-Python scanner, whose
    object parser is told where each object starts, so the repeated key is found in its own
    object and not in another that shares its name.
    """
    where: list[int] = []

    def parse_object(
        s_and_end: tuple[str, int],
        strict: bool,
        scan_once: Any,
        hook: Any,
        _pairs_hook: Any,  # replaced by ``pairs`` below, which finds the repeated key
        *rest: Any,
    ) -> Any:
        start = s_and_end[1]

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            names = [k for k, _ in items]
            if not where and names.count(key) > 1:
                first = text.index(json.dumps(key), start)
                where.append(text.index(json.dumps(key), first + 1))
            return dict(items)

        return json.decoder.JSONObject(s_and_end, strict, scan_once, hook, pairs, *rest)  # type: ignore[attr-defined]

    decoder = json.JSONDecoder()
    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    decoder.decode(text)
    return text.count("\n", 0, where[0]) + 1 if where else 1


def check_json(data: Any, schema: Mapping[str, Any], name: str) -> None:
    """Check *data* against the JSON Schema *schema*; the error names the file and field path.

    The keywords read are those the data package's schemas use: ``type``, ``const``, ``enum``,
    ``required``, ``properties``, ``additionalProperties``, ``items``, ``minItems``,
    ``minLength``, ``pattern``, ``minimum``, ``maximum`` and ``oneOf``. A schema using another
    keyword is refused, so no rule is silently skipped.

    >>> check_json({"year": 2008}, {"type": "object", "properties": {"year": {"type": "integer"}}}, "x.json")
    >>> check_json({"year": "2008"}, {"properties": {"year": {"type": "integer"}}}, "x.json")
    Traceback (most recent call last):
      ...
    phare.errors.DataError: x.json, field 'year': expected a whole number
    """
    for path, problem in _json_problems(data, schema, ""):
        raise DataError(f"{name}, field {path or '(top)'!r}: {problem}")


_JSON_TYPES: Mapping[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
#: How an error names what each JSON type should have been.
_JSON_WORDS: Mapping[str, str] = {
    "object": "an object",
    "array": "a list",
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}
_JSON_KEYWORDS = frozenset(
    {
        "$schema", "$id", "title", "description", "type", "const", "enum", "required",
        "properties", "additionalProperties", "items", "minItems", "minLength", "pattern",
        "minimum", "maximum", "oneOf",
    }
)  # fmt: skip


def _json_problems(data: Any, schema: Mapping[str, Any], path: str) -> Iterator[tuple[str, str]]:
    unknown = sorted(set(schema) - _JSON_KEYWORDS)
    if unknown:
        yield path, f"the schema uses {unknown[0]!r}, which phare does not check"
        return
    wrong_type = _type_words(data, schema)
    if wrong_type is not None:
        yield path, f"expected {wrong_type}"
        return
    if "const" in schema and data != schema["const"]:
        yield path, f"must be {schema['const']!r}"
    if "enum" in schema and data not in schema["enum"]:
        yield path, f"{data!r} is not one of {', '.join(map(str, schema['enum']))}"
    if "oneOf" in schema:
        forms = schema["oneOf"]
        found = [list(_json_problems(data, form, path)) for form in forms]
        passing = sum(not problems for problems in found)
        if passing > 1:
            yield path, f"{data!r} matches {passing} of the allowed forms, not exactly one"
        elif passing == 0:
            # the problems of the form of the right type, else the types that were allowed
            typed = [
                p for form, p in zip(forms, found, strict=True) if _type_words(data, form) is None
            ]
            words = " or ".join(_JSON_WORDS[kind] for form in forms for kind in _kinds(form))
            yield from typed[0] if typed else [(path, f"expected {words}")]
    if isinstance(data, str):
        if len(data) < schema.get("minLength", 0):
            yield path, "expected a non-empty string"
        if "pattern" in schema and re.search(schema["pattern"], data) is None:
            yield path, f"{data!r} does not match the pattern {schema['pattern']}"
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        if "minimum" in schema and data < schema["minimum"]:
            yield path, f"{data} is out of range: at least {schema['minimum']}"
        if "maximum" in schema and data > schema["maximum"]:
            yield path, f"{data} is out of range: at most {schema['maximum']}"
    if isinstance(data, list):
        if len(data) < schema.get("minItems", 0):
            least = schema["minItems"]
            yield (
                path,
                "expected a non-empty list" if least == 1 else f"expected {least} items or more",
            )
        if "items" in schema:
            for n, item in enumerate(data):
                yield from _json_problems(item, schema["items"], f"{path}[{n}]")
    if isinstance(data, dict):
        for key in schema.get("required", ()):
            if key not in data:
                yield _join(path, key), "is missing"
        properties: Mapping[str, Any] = schema.get("properties", {})
        for key, value in data.items():
            if key in properties:
                yield from _json_problems(value, properties[key], _join(path, key))
            elif schema.get("additionalProperties", True) is False:
                yield _join(path, key), "is not a known field"


def _type_words(data: Any, schema: Mapping[str, Any]) -> str | None:
    """``None`` when *data* has a type *schema* allows, else the allowed types in words."""
    allowed = _kinds(schema)
    if not allowed or any(_JSON_TYPES[kind](data) for kind in allowed):
        return None
    return " or ".join(_JSON_WORDS[kind] for kind in allowed)


def _kinds(schema: Mapping[str, Any]) -> list[str]:
    kinds = schema.get("type", [])
    return [kinds] if isinstance(kinds, str) else list(kinds)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
