"""Decide how to read one file: as which table or tool, which column feeds which field.

For a member org's file, the first that applies: its mapping.toml entry (`table` or
`tool`), a tool recognised by the header (contract §5), the file name's prefix (§1).
The result is a Plan; the build and `--explain` both follow it, so what --explain
prints is what the ingest does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from dashboard.ingest.discover import SourceFile, org_folders
from dashboard.ingest.limits import without_over_long
from dashboard.ingest.mapping import MAPPING_FILE, FileEntry, OrgMapping, read_mapping
from dashboard.ingest.readers import LINE, FileRefused, ReadResult, normalize_column, read_source
from dashboard.ingest.tools import Tool, tool_for_header, tools_of_format
from dashboard.ingest.vocabulary import TABLES

NO_KIND = (
    "file name matches no table (expected a prefix such as attendance*) and its header "
    "matches no known export (Mobilize, VAN, Action Network, Eventbrite, Google Forms); "
    "a mapping.toml entry can say what it is"
)


@dataclass(frozen=True)
class Plan:
    table_name: str | None
    format: str | None  # csv | parquet | mapping | a tool's format
    tool: Tool | None = None
    entry: FileEntry | None = None
    columns: Mapping[str, str] = field(default_factory=dict)  # field → header column
    day_first: bool = False
    mapping_path: str | None = None  # the org's mapping.toml, present or not
    affiliations: Mapping[str, str] = field(default_factory=dict)  # Mobilize id → org_id
    refusal: str | None = None  # the file is refused (its rows counted as rejected)
    skip: str | None = None  # the file is not data (its rows not counted)

    @property
    def as_written(self) -> bool:
        """A contract file read as it is: no tool, no mapping entry."""
        return self.tool is None and self.entry is None


def table_inputs(table_name: str) -> dict[str, tuple[str, ...]]:
    """A contract table's fields, each read from the column of the same name."""
    spec = TABLES[table_name]
    names = list(spec.columns) + (["recruited_by"] if table_name == "attendance" else [])
    return {name: (name,) for name in names}


def resolve_columns(
    inputs: Mapping[str, tuple[str, ...]], header: list[str], chosen: Mapping[str, str]
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """field → the header column it is read from, and the chosen columns not in the header.

    `chosen` (mapping.toml [files.columns]) wins; otherwise the first published name the
    header has. Names compare normalized (case and surrounding spaces ignored).
    """
    present = set(header)
    columns, absent = {}, []
    for name, published in inputs.items():
        if name in chosen:
            column = normalize_column(chosen[name])
            if column in present:
                columns[name] = column
            else:
                absent.append((name, chosen[name]))
            continue
        found = next((c for c in map(normalize_column, published) if c in present), None)
        if found is not None:
            columns[name] = found
    return columns, absent


def plan_file(
    source: SourceFile,
    header: list[str] | None,
    mapping: OrgMapping | None,
    read_error: str | None = None,
) -> Plan:
    """How to read `source`, given its header (None when it could not be read)."""
    if source.org_id is None or source.format is None:
        # Coalition-level files are always the contract's own; other types are not read.
        return _as_named(source, header, read_error)
    path_in_org = source.source_file.split("/", 1)[1]
    entry = mapping.entry_for(path_in_org) if mapping and not mapping.error else None
    if read_error and entry is None and source.table_name is None:
        return Plan(None, source.format, skip=NO_KIND)
    day_first = mapping.day_first if mapping else False
    if entry and entry.day_first is not None:
        day_first = entry.day_first
    base = Plan(
        source.table_name,
        source.format,
        entry=entry,
        day_first=day_first,
        mapping_path=mapping.path if mapping else f"{source.org_id}/mapping.toml",
        affiliations=mapping.affiliations if mapping else {},
    )
    if mapping and mapping.error:
        return replace(base, refusal=f"{mapping.error}; fix it to read this file")
    if read_error:
        return replace(base, refusal=read_error)
    if entry and entry.error:
        return replace(base, refusal=entry.error)
    if entry and entry.tool:
        return _tool_plan(base, source, header, _named_tool(base, entry.tool, header))
    if entry and entry.table:
        return _table_plan(replace(base, table_name=entry.table), source, header)
    tool = tool_for_header(header)
    if tool is not None:
        return _tool_plan(base, source, header, tool)
    if source.table_name is None:
        return Plan(None, source.format, skip=NO_KIND)
    return _table_plan(base, source, header)


def _as_named(source: SourceFile, header: list[str] | None, read_error: str | None) -> Plan:
    if source.skip_reason:
        return Plan(source.table_name, source.format, skip=source.skip_reason)
    base = Plan(source.table_name, source.format)
    if read_error:
        return replace(base, refusal=read_error)
    return _table_plan(base, source, header)


def _named_tool(plan: Plan, name: str, header: list[str]) -> Tool | str:
    """The tool mapping.toml names; of several exports of one tool, the one it looks like."""
    candidates = tools_of_format(name)
    for tool in candidates:
        if tool.looks_like(header):
            return tool
    if len(candidates) == 1:
        return candidates[0]
    titles = " nor ".join(t.a_title for t in candidates)
    return (
        f"{plan.mapping_path} {plan.entry.label} says {name}, "
        f"but the header looks like neither {titles}"
    )


def _tool_plan(base: Plan, source: SourceFile, header: list[str], tool: Tool | str) -> Plan:
    if isinstance(tool, str):
        return replace(base, refusal=tool)
    plan = replace(base, table_name=tool.table, format=tool.format, tool=tool)
    columns, problem = _columns(plan, source, header, tool.inputs, tool.a_title)
    if problem:
        return replace(plan, columns=columns, refusal=problem)
    given = _given(plan, columns)
    for group in tool.required:
        if not any(name in given for name in group):
            return replace(plan, columns=columns, refusal=_lacks(plan, tool, group))
    return replace(plan, columns=columns)


def _table_plan(base: Plan, source: SourceFile, header: list[str]) -> Plan:
    spec = TABLES[base.table_name]
    plan = replace(base, format="mapping") if base.entry else base
    columns, problem = _columns(
        plan, source, header, table_inputs(spec.name), f"the {spec.name} table"
    )
    if problem:
        return replace(plan, columns=columns, refusal=problem)
    given = _given(plan, columns)
    missing = [c for c in spec.required if c not in given]
    if spec.identity and not any(c in given for c in spec.identity):
        missing.append(" or ".join(spec.identity))
    if missing:
        refusal = "missing required column: " + ", ".join(missing)
        if plan.entry:
            refusal += f" (name it in {plan.mapping_path} [files.columns])"
        return replace(plan, columns=columns, refusal=refusal)
    return replace(plan, columns=columns)


def _columns(
    plan: Plan,
    source: SourceFile,
    header: list[str],
    inputs: Mapping[str, tuple[str, ...]],
    reading: str,
) -> tuple[dict[str, str], str | None]:
    """The plan's columns, or the mapping problem that refuses the file."""
    entry = plan.entry
    if entry is None:
        return resolve_columns(inputs, header, {})[0], None
    where = f"{plan.mapping_path} {entry.label}"
    for setting in ("columns", "values", "fixed"):
        for name in getattr(entry, setting):
            if name not in inputs:
                return {}, (
                    f"{where}: {setting} names field {name!r}, which {reading} does not have "
                    f"(fields: {', '.join(inputs)})"
                )
    if entry.event and "event_id" not in inputs:
        return {}, f"{where}: `event` is for attendance files, not {reading}"
    columns, absent = resolve_columns(inputs, header, entry.columns)
    if absent:
        name, column = absent[0]
        return columns, (
            f"{where} reads {name} from column {column!r}, which {source.source_file} does not have"
        )
    return columns, None


def _given(plan: Plan, columns: Mapping[str, str]) -> set[str]:
    """Fields the file provides: from a column, or fixed in mapping.toml."""
    given = set(columns)
    if plan.entry:
        given |= set(plan.entry.fixed)
        if plan.entry.event:
            given.add("event_id")
    return given


def _lacks(plan: Plan, tool: Tool, group: tuple[str, ...]) -> str:
    published = [name for field_name in group for name in tool.inputs[field_name]]
    expected = ", ".join(published[:-1]) + " or " + published[-1] if len(published) > 1 else ""
    expected = expected or published[0]
    how = f"name the column in {plan.mapping_path} [files.columns]"
    if "event_id" in group:
        how += " or, for a single-event file, the event in [files.event]"
    return (
        f"looks like {tool.a_title} but has no column for {' or '.join(group)} "
        f"(expected {expected}); {how}"
    )


def read_mappings(data_dir: Path) -> dict[str, OrgMapping]:
    """Each member org's mapping.toml, by org_id (orgs without one are absent)."""
    found = (read_mapping(data_dir, org) for org in org_folders(data_dir))
    return {m.path.split("/", 1)[0]: m for m in found if m is not None}


def read_and_plan(
    source: SourceFile, mappings: dict[str, OrgMapping]
) -> tuple[ReadResult | None, Plan]:
    """The file's rows (None when not read) and how to read them."""
    mapping = mappings.get(source.org_id) if source.org_id else None
    if source.refusal:
        return None, Plan(source.table_name, source.format, refusal=source.refusal)
    if source.format is None or (source.org_id is None and source.table_name is None):
        return None, plan_file(source, None, mapping)
    try:
        result = read_source(source.path, source.format)
    except FileRefused as refusal:
        return None, plan_file(source, None, mapping, read_error=str(refusal))
    header = [c for c in result.table.column_names if c != LINE]
    header += [c for c in result.unusable if c not in header]
    plan = plan_file(source, header, mapping)
    if plan.skip:
        return result, plan
    if plan.refusal is None:
        unusable = [c for c in plan.columns.values() if c in result.unusable]
        if unusable:
            return result, replace(plan, refusal=result.unusable[unusable[0]])
        return without_over_long(result, plan.columns), plan
    missing_columns = plan.as_written and plan.refusal.startswith("missing required column")
    if source.format == "csv" and missing_columns and _no_header(header):
        return _first_line_as_row(result, plan)
    return result, plan


# A tool's export is recognised by its header before this question comes up.
_KNOWN_COLUMNS = frozenset(
    [name for spec in TABLES.values() for name in spec.columns] + ["recruited_by"]
)


def _no_header(header: list[str]) -> bool:
    """Whether a contract file's first line is data rather than a header: none of its
    cells names a column of the contract."""
    return bool(header) and not any(c in _KNOWN_COLUMNS for c in header)


def _first_line_as_row(result: ReadResult, plan: Plan) -> tuple[ReadResult, Plan]:
    """A refused file whose first line is a data row: that line counts as a row too."""
    expected = ",".join(TABLES[plan.table_name].columns) if plan.table_name else None
    refusal = "no header row: the first line names no known column" + (
        f" (expected a header such as {expected})" if expected else ""
    )
    plan = replace(plan, refusal=refusal)
    malformed = [(1, "file refused: " + refusal), *result.malformed]
    return replace(result, malformed=malformed), plan


def mapping_warnings(
    data_dir: Path, files: list[SourceFile], mappings: Mapping[str, OrgMapping]
) -> list[str]:
    """Mapping files that will not do what their author meant, though nothing is refused:
    a [[files]] entry that matches no file (a typo in the pattern, most likely), and a
    mapping.toml outside an org folder, which is never read."""
    warnings = []
    for org_id, mapping in sorted(mappings.items()):
        names = [f.source_file.split("/", 1)[1] for f in files if f.org_id == org_id]
        for entry in mapping.entries:
            if not any(entry.matches(name) for name in names):
                warnings.append(f"{mapping.path} {entry.label} matches no file")
    for path in sorted(data_dir.rglob(MAPPING_FILE)):
        relative = path.relative_to(data_dir)
        if len(relative.parts) != 2 and not any(p.startswith(".") for p in relative.parts):
            warnings.append(
                f"{relative.as_posix()} is not read: a mapping.toml belongs directly in a "
                "member org's folder"
            )
    return warnings
