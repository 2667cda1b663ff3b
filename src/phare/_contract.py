"""The data contract, read from ``datapackage.json``: every rule of every field, stated once.

The loader does not restate the contract. It reads the descriptor of the data package it loads
and builds each field's checks from the field's ``type`` and ``constraints``, one checker per
constraint name (the way frictionless-py builds its cell checks), and the uniqueness, primary
and foreign keys from the table schemas. ``observatory.json`` is checked against the JSON Schema
shipped beside it, and a key given twice in it is refused rather than silently overwritten.
What a Table Schema cannot state (a figure's theme must be of its indicator's kind, ...) is
checked by :mod:`phare._store`, each rule once.

The descriptor is read as data a user may have edited: its own shape (resources, schemas,
fields, constraints, keys, unit bounds) is checked as it is read, and :meth:`Contract.require`
checks that it still states what the code relies on, each field's :class:`Need` as
:mod:`phare._store` declares it. JSON that the parser cannot read (a number too long, nesting
too deep) is refused like any other broken file.

Every refusal is a :class:`~phare.errors.DataError` naming the file, the row (the header being
row 1, as the reference validator counts) and the field; for the descriptor, the resource and
the field.
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
from typing import Any, cast

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


class RuleError(Exception):
    """What is wrong with one rule of the descriptor; the caller adds the resource and field."""


def refused(resource: str, problem: str, field: str | None = None) -> DataError:
    """The error for a descriptor that phare cannot hold a table to: resource and field named."""
    where = "" if field is None else f", field {field!r}"
    return DataError(f"{DESCRIPTOR}, resource {resource!r}{where}: {problem}")


# --- one field -------------------------------------------------------------------------------


def _string(raw: str) -> str:
    return raw


def _integer(raw: str) -> int:
    if PLAIN_INTEGER.fullmatch(raw) is None:
        raise CellError(f"{raw!r} is not a whole number in plain digits")
    try:
        return int(raw)
    except ValueError:  # longer than Python converts (sys.get_int_max_str_digits)
        raise CellError(f"is a whole number of {len(raw)} digits, too long to read") from None


def _number(raw: str) -> float:
    if PLAIN_NUMBER.fullmatch(raw) is None:
        raise CellError(f"{raw!r} is not a number in plain digits (such as 45 or 5.7)")
    value = float(raw)
    if value - value != 0:  # so many digits that the float is infinite
        raise CellError(f"is a number of {len(raw)} digits, too large to read")
    return value


#: How a cell of each Table Schema type is read.
TYPES: Mapping[str, Callable[[str], Value]] = {
    "string": _string,
    "integer": _integer,
    "number": _number,
}


def _enum(allowed: Any, kind: str) -> Check:
    if not isinstance(allowed, list) or not allowed:
        raise RuleError("must be a non-empty list of the values allowed")
    if not all(_JSON_TYPES[kind](value) for value in allowed):
        raise RuleError(f"must list values of the field's type, {kind}")
    choices = frozenset(allowed)
    listed = ", ".join(map(str, allowed))
    return lambda value: None if value in choices else f"{value!r} is not one of {listed}"


def _pattern(pattern: Any, kind: str) -> Check:
    if kind != "string":
        raise RuleError("applies to string fields only")
    if not isinstance(pattern, str):
        raise RuleError("must be a regular expression, written as a string")
    try:
        compiled = re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise RuleError(
            f"must be a regular expression phare can read, not {pattern!r} ({exc})"
        ) from None
    return lambda value: (
        None if compiled.fullmatch(value) else f"{value!r} does not match the pattern {pattern}"
    )


def _limit(rule: Any, kind: str) -> float:
    """A bound of a ``minimum`` or ``maximum``: a number, on a field of numbers."""
    if kind == "string":
        raise RuleError("applies to integer and number fields only")
    if not _JSON_TYPES["number"](rule):
        raise RuleError("must be a number")
    return cast(float, rule)


def _minimum(rule: Any, kind: str) -> Check:
    low = _limit(rule, kind)
    return lambda value: None if value >= low else f"{value} is out of range: at least {low}"


def _maximum(rule: Any, kind: str) -> Check:
    high = _limit(rule, kind)
    return lambda value: None if value <= high else f"{value} is out of range: at most {high}"


#: One checker per constraint name, each refusing a rule it cannot apply to the field's type;
#: ``required`` and ``unique`` are flags, checked by the field and the table.
CONSTRAINTS: Mapping[str, Callable[[Any, str], Check]] = {
    "enum": _enum,
    "pattern": _pattern,
    "minimum": _minimum,
    "maximum": _maximum,
}
#: The constraints that are true or false.
FLAGS = ("required", "unique")


class Field:
    """One column of a table and the checks its descriptor asks for.

    The descriptor is the user's to edit, so each part of it is checked as it is read: a rule
    that cannot be applied (a pattern that does not compile, a minimum on text, a constraint
    phare does not check) is refused here, once, rather than failing on the first cell or
    being skipped without a word.
    """

    __slots__ = ("checks", "enum", "name", "parse", "required", "type", "unique")

    def __init__(self, descriptor: Any, resource: str, position: int) -> None:
        if not isinstance(descriptor, dict) or not isinstance(descriptor.get("name"), str):
            raise refused(resource, f"schema.fields[{position}] must be an object with a name")
        self.name: str = descriptor["name"]
        kind = descriptor.get("type", "string")
        if not isinstance(kind, str) or kind not in TYPES:
            raise refused(
                resource,
                f"the type {kind!r} is not one phare reads ({', '.join(TYPES)})",
                self.name,
            )
        #: The Table Schema type, which says how a cell is read.
        self.type: str = kind
        self.parse = TYPES[kind]
        constraints = descriptor.get("constraints", {})
        if not isinstance(constraints, dict):
            raise refused(resource, "'constraints' must be an object", self.name)
        checks: list[Check] = []
        for name, rule in constraints.items():
            try:
                if name in CONSTRAINTS:
                    checks.append(CONSTRAINTS[name](rule, kind))
                elif name not in FLAGS:
                    known = ", ".join((*FLAGS, *CONSTRAINTS))
                    raise RuleError(f"is not one phare checks ({known})")
                elif not isinstance(rule, bool):
                    raise RuleError("must be true or false")
            except RuleError as problem:
                raise refused(resource, f"the constraint {name!r} {problem}", self.name) from None
        self.checks = tuple(checks)
        self.required: bool = constraints.get("required", False)
        self.unique: bool = constraints.get("unique", False)
        #: The values the contract allows, or ``None`` when it states no enum.
        self.enum: tuple[Value, ...] | None = (
            tuple(constraints["enum"]) if "enum" in constraints else None
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


#: A foreign key: the fields of a table, the resource they refer to, and the fields there.
ForeignKey = tuple[tuple[str, ...], str, tuple[str, ...]]


def _names(value: Any) -> tuple[str, ...] | None:
    """The fields of a key, written as Table Schema writes them (a name or a list); else ``None``."""
    names = [value] if isinstance(value, str) else value
    if isinstance(names, list) and all(isinstance(name, str) for name in names):
        return tuple(names)
    return None


class Table:
    """The schema of one CSV resource: its fields in order, its unique and key fields.

    Every key is checked to name fields of the table; what a foreign key refers to is checked
    by the :class:`Contract`, which knows the other tables.
    """

    __slots__ = ("fields", "foreign_keys", "index", "name", "primary_key", "resource")

    def __init__(self, resource: Mapping[str, Any]) -> None:
        self.name: str = resource["path"]
        self.resource: str = resource["name"]
        schema = resource["schema"]
        if not isinstance(schema, dict):
            raise refused(self.resource, "'schema' must be an object (a Table Schema)")
        fields = schema.get("fields")
        if not isinstance(fields, list) or not fields:
            raise refused(self.resource, "'schema.fields' must be a list of the table's fields")
        self.fields = tuple(Field(field, self.resource, n) for n, field in enumerate(fields))
        #: The position of each column in a row's values.
        self.index = {field.name: n for n, field in enumerate(self.fields)}
        if len(self.index) != len(self.fields):
            twice = next(f.name for n, f in enumerate(self.fields) if self.index[f.name] != n)
            raise refused(self.resource, "is given twice in 'schema.fields'", twice)
        self.primary_key = self._key(schema.get("primaryKey", []), "primaryKey")
        keys = schema.get("foreignKeys", [])
        if not isinstance(keys, list):
            raise refused(self.resource, "'foreignKeys' must be a list")
        self.foreign_keys: tuple[ForeignKey, ...] = tuple(
            self._foreign_key(key, f"foreignKeys[{n}]") for n, key in enumerate(keys)
        )

    def _foreign_key(self, key: Any, place: str) -> ForeignKey:
        if not isinstance(key, dict) or not isinstance(key.get("reference"), dict):
            raise refused(self.resource, f"{place} must be an object with fields and a reference")
        fields = self._key(key.get("fields"), f"{place}.fields")
        if not fields:
            raise refused(self.resource, f"{place}.fields must name fields of the table")
        reference = key["reference"]
        target = reference.get("resource", "")
        if not isinstance(target, str):
            raise refused(self.resource, f"{place}.reference.resource must be a resource's name")
        names = _names(reference.get("fields"))
        if names is None:
            raise refused(self.resource, f"{place}.reference.fields must name fields")
        if len(names) != len(fields):
            raise refused(
                self.resource,
                f"{place} refers from {len(fields)} field(s) to {len(names)}: as many as it has",
            )
        # an empty resource name refers to the table itself, as in Table Schema
        return fields, target or self.resource, names

    def _key(self, value: Any, place: str) -> tuple[str, ...]:
        """The fields a key names, each a field of this table, none twice."""
        names = _names(value)
        if names is None:
            raise refused(self.resource, f"{place} must name fields of the table")
        for name in names:
            if name not in self.index:
                raise refused(self.resource, f"{place} names {name!r}, which is not a field")
        if len(set(names)) != len(names):
            raise refused(self.resource, f"{place} names a field twice")
        return names

    def field(self, name: str) -> Field:
        """The field *name*, or a :class:`DataError` saying the descriptor lacks it."""
        try:
            return self.fields[self.index[name]]
        except KeyError:
            raise refused(self.resource, f"has no field {name!r}, which phare reads") from None

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
        keys: list[tuple[str, ...]] = [(field.name,) for field in self.fields if field.unique]
        if self.primary_key and self.primary_key not in keys:
            keys.append(self.primary_key)  # a primary key is unique, stated so or not
        for key in keys:
            _unique(rows, key)
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


class Need:
    """What the code that builds the records relies on in one field of the descriptor.

    The descriptor of a copy is its user's to edit, and most of it is theirs to change: a
    pattern, a bound, a new programme. Some of it the code cannot do without: the type it reads
    a field as, a value in every row of a field it reads as given, ids that find one record
    each, and the closed vocabularies the records hold (units, qualifiers, grades...), which a
    new value cannot join without new code. :meth:`Contract.require` checks, once per load,
    that the descriptor still states these, so that a loosened one is refused by name rather
    than failing deep inside, on the first row it lets through.

    >>> Need("integer", required=True).problem(Field({"name": "year"}, "studies", 0), ())
    "must be of type 'integer', as phare reads it, not 'string'"
    """

    __slots__ = ("members", "required", "type", "unique")

    def __init__(
        self,
        type: str = "string",  # the Table Schema word, as the descriptor spells it
        *,
        required: bool = False,
        unique: bool = False,
        members: Sequence[str] | None = None,
    ) -> None:
        self.type, self.required, self.unique, self.members = type, required, unique, members

    def problem(self, field: Field, primary_key: tuple[str, ...]) -> str | None:
        """What *field*, in a table of that *primary_key*, no longer states; ``None`` if all."""
        if field.type != self.type:
            return f"must be of type {self.type!r}, as phare reads it, not {field.type!r}"
        if self.required and not field.required:
            return "must stay required: phare reads a value in every row"
        if self.unique and not (field.unique or primary_key == (field.name,)):
            return "must stay unique: phare finds one record by each value"
        if self.members is None:
            return None
        known = ", ".join(self.members)
        if field.enum is None:
            return f"must keep an enum within {known}: the records hold no other value"
        extra = [value for value in field.enum if value not in self.members]
        if extra:
            return f"its enum allows {extra[0]!r}, but the records hold only {known}"
        return None


class Contract:
    """What ``datapackage.json`` says of every file: table schemas, JSON Schemas, extra rules.

    The descriptor's own shape is checked as it is read (resources, schemas, fields, keys,
    constraints, unit bounds), each refusal a :class:`~phare.errors.DataError` naming
    ``datapackage.json``, the resource and the field.

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
        resources = [_resource(r, n) for n, r in enumerate(descriptor["resources"])]
        #: The file of each resource, by the resource's name.
        self.resources = {r["name"]: r["path"] for r in resources}
        by_path = {r["path"]: r for r in resources}
        for key in ("name", "path"):
            given = [r[key] for r in resources]
            twice = next((value for value in given if given.count(value) > 1), None)
            if twice is not None:
                raise DataError(f"{DESCRIPTOR}: the resource {key} {twice!r} is given twice")
        self.tables = {r["path"]: Table(r) for r in resources if "schema" in r}
        self.unit_bounds = _unit_bounds(self.table(FIGURES), by_path[FIGURES])
        for table in self.tables.values():
            self._check_references(table)
        #: The JSON Schema file of each JSON resource, by the resource's path.
        self.json_schemas: dict[str, str] = {
            r["path"]: r["jsonSchema"] for r in resources if "jsonSchema" in r
        }

    def _check_references(self, table: Table) -> None:
        """Fail on a foreign key of *table* that names no table, or fields it does not have."""
        for n, (_, resource, fields) in enumerate(table.foreign_keys):
            place = f"foreignKeys[{n}].reference"
            target = self.tables.get(self.resources.get(resource, ""))
            if target is None:
                raise refused(table.resource, f"{place} names {resource!r}, which is no table")
            for name in fields:
                if name not in target.index:
                    raise refused(
                        table.resource,
                        f"{place} names {name!r}, which is not a field of {resource}",
                    )

    def table(self, name: str) -> Table:
        """The schema of the table in the file *name*, or a :class:`DataError`."""
        try:
            return self.tables[name]
        except KeyError:
            raise DataError(f"{DESCRIPTOR}: no table schema for {name}") from None

    def require(
        self, needs: Mapping[str, Mapping[str, Need]], links: Mapping[str, Sequence[ForeignKey]]
    ) -> None:
        """Fail unless the descriptor still states what the code relies on, before any row.

        *needs* gives, for each table the code reads, the :class:`Need` of each field it reads;
        *links*, the foreign keys it follows from one record to another, each of which must stay
        a foreign key (a copy may add more, never drop one).
        """
        for name, fields in needs.items():
            table = self.table(name)
            for field, need in fields.items():
                problem = need.problem(table.field(field), table.primary_key)
                if problem is not None:
                    raise refused(table.resource, problem, field)
            for key in links.get(name, ()):
                if key not in table.foreign_keys:
                    fields_, resource, ref_fields = key
                    raise refused(
                        table.resource,
                        f"must stay a foreign key to {resource} ({', '.join(ref_fields)}): "
                        "phare follows it from each row to the record it names",
                        ", ".join(fields_),
                    )

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


def _resource(resource: Any, position: int) -> dict[str, Any]:
    """One entry of ``resources``: an object with a name, and paths to files inside the folder.

    A path is a file of the folder (or below it), never an absolute path or one that climbs
    out with ``..``, as the Data Package standard asks.
    """
    if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
        raise DataError(f"{DESCRIPTOR}, resources[{position}]: expected an object with a name")
    for key in ("path", "jsonSchema"):
        if key == "jsonSchema" and key not in resource:
            continue  # only a JSON resource names its schema
        path = resource.get(key)
        if (
            not isinstance(path, str)
            or not path
            or "\x00" in path
            or path.startswith(("/", "\\"))
            or ".." in re.split(r"[/\\]", path)
        ):
            raise refused(resource["name"], f"{key!r} must be the path of a file inside the folder")
    return resource


#: The table whose ``value`` field holds the bounds of each unit, and the key that holds them.
FIGURES = "figures.csv"
UNIT_BOUNDS = "phare:unitBounds"


def _unit_bounds(table: Table, resource: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """The bounds of each unit, from the ``value`` field of figures: ``[lowest, highest]``.

    The highest may be ``null`` (no bound); each unit named must be one the ``unit`` field
    allows, so that a misspelt unit is refused rather than left without bounds.
    """
    name, is_number = table.field("value").name, _JSON_TYPES["number"]
    field = next(f for f in resource["schema"]["fields"] if f["name"] == name)  # shape checked
    bounds = field.get(UNIT_BOUNDS)
    if not isinstance(bounds, dict):
        raise refused(
            table.resource,
            f"{UNIT_BOUNDS!r} must be an object: each unit's [lowest, highest]",
            name,
        )
    units = table.fields[table.index["unit"]].enum if "unit" in table.index else None
    kept: dict[str, tuple[float, float]] = {}
    for unit, pair in bounds.items():
        where = f"{UNIT_BOUNDS} of {unit!r}"
        if units is not None and unit not in units:
            raise refused(table.resource, f"{where}: not a unit the 'unit' field allows", name)
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not is_number(pair[0])
            or not (pair[1] is None or is_number(pair[1]))
        ):
            raise refused(
                table.resource, f"{where} must be [lowest, highest], highest a number or null", name
            )
        try:
            low, high = float(pair[0]), float("inf") if pair[1] is None else float(pair[1])
        except OverflowError:  # an integer beyond any float
            low, high = float("nan"), float("nan")
        if not (low - low == 0 and (pair[1] is None or high - high == 0)):
            raise refused(table.resource, f"{where}: the bounds must be finite numbers", name)
        if low > high:
            raise refused(table.resource, f"{where}: the lowest is above the highest", name)
        kept[unit] = (low, high)
    return kept


def _key(row: Row, fields: Sequence[str]) -> object:
    """The value of *fields* in *row*: the value itself for one field, else a tuple."""
    if len(fields) == 1:
        return row.get(fields[0])
    return tuple(row.get(f) for f in fields)


# --- JSON --------------------------------------------------------------------------------------


def load_json(text: str, name: str) -> Any:
    """Parse *text*, refusing a key given twice in one object (JSON would keep the last).

    What the parser cannot read is refused with the file's name too: a whole number longer
    than Python converts (``sys.get_int_max_str_digits``), lists or objects nested deeper than
    it recurses.

    >>> load_json("[" * 100_000, "x.json")
    Traceback (most recent call last):
      ...
    phare.errors.DataError: x.json: not valid JSON: lists or objects nested too deeply to read
    """

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(items)
        if len(found) != len(items):
            key = next(k for n, (k, _) in enumerate(items) if k in dict(items[:n]))
            line = _line_of_twice(text, key)
            where = "" if line is None else f", line {line}"
            raise DataError(f"{name}{where}, field {key!r}: given twice")
        return found

    def whole(digits: str) -> int:
        try:
            return int(digits)
        except ValueError:
            line = text.count("\n", 0, text.find(digits)) + 1
            size = len(digits.lstrip("-"))
            raise DataError(
                f"{name}, line {line}: a whole number of {size} digits, too long to read"
            ) from None

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_int=whole)
    except json.JSONDecodeError as exc:
        raise DataError(f"{name}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    except RecursionError:
        raise DataError(
            f"{name}: not valid JSON: lists or objects nested too deeply to read"
        ) from None


def _line_of_twice(text: str, key: str) -> int | None:
    """The line where *key* is given the second time in one object of *text*.

    Only a refusal pays for this: the text is read again by the pure-Python scanner, whose
    object parser is told where each object starts, so the repeated key is found in its own
    object and not in another that shares its name. That scanner recurses deeper than the C
    one: for a text nested too deeply for it, the line is not known (``None``).
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
    try:
        decoder.decode(text)
    except RecursionError:
        return None
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
    try:
        for path, problem in _json_problems(data, schema, ""):
            raise DataError(f"{name}, field {path or '(top)'!r}: {problem}")
    except (LookupError, TypeError, ValueError, re.error, RecursionError) as exc:
        # the schema is a file of the folder too: one its keywords cannot be read from
        # (``"enum": 5``, an unknown type, a pattern that does not compile) is refused by name
        raise DataError(f"{name}: its JSON Schema cannot be applied ({exc!r})") from None


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
    if not isinstance(schema, Mapping):
        yield path, "its JSON Schema here is not an object"
        return
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
