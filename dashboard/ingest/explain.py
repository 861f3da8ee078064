"""`coalition ingest --explain`: how each file would be read, without building anything.

It follows the same Plan as the ingest (recognise.py), so what it prints is what the
ingest does: the format recognised, the table, which column feeds which field, and
the columns left out. It prints header names only, never a value.
"""

from __future__ import annotations

from pathlib import Path

from dashboard.ingest.discover import discover
from dashboard.ingest.readers import LINE, ReadResult
from dashboard.ingest.recognise import Plan, mapping_warnings, read_and_plan, read_mappings
from dashboard.ingest.vocabulary import CONTACT_FIELDS

CONTACT_NOTE = "(identity only: hashed into person_key, never stored)"


def explain(data_dir: Path) -> str:
    data_dir = Path(data_dir)
    files = discover(data_dir)
    mappings = read_mappings(data_dir)
    blocks = [f"{data_dir}: {len(files)} files"]
    for source in files:
        result, plan = read_and_plan(source, mappings)
        blocks.append("\n".join([source.source_file, *_describe(result, plan)]))
    warnings = [m.error for m in mappings.values() if m.error]
    warnings += mapping_warnings(data_dir, files, mappings)
    if warnings:
        blocks.append("\n".join(f"warning: {w}" for w in warnings))
    return "\n\n".join(blocks) + "\n"


def _describe(result: ReadResult | None, plan: Plan) -> list[str]:
    if plan.skip:
        return [f"  skipped: {plan.skip}"]
    lines = [f"  read as: {_kind(plan)}"]
    if plan.refusal:
        lines.append(f"  REFUSED: {plan.refusal}")
    if result is None:
        return lines
    if plan.day_first:
        lines.append(f"  dates: day first (from {plan.mapping_path})")
    lines += _mapping_settings(plan)
    header = [c for c in result.table.column_names if c != LINE]
    width = max((len(c) for c in plan.columns.values()), default=0)
    for name, column in plan.columns.items():
        note = f" {CONTACT_NOTE}" if name in CONTACT_FIELDS else ""
        lines.append(f"  {column:<{width}} → {name}{note}")
    used = set(plan.columns.values())
    ignored = [c for c in header if c not in used]
    if ignored:
        lines.append("  ignored: " + ", ".join(ignored))
    return lines


def _kind(plan: Plan) -> str:
    kind = f"{plan.format} → {plan.table_name or '?'}"
    if plan.tool:
        kind = f"{plan.format} ({plan.tool.title}) → {plan.table_name}"
        if plan.tool.derives:
            kind += f", also {' and '.join(plan.tool.derives)} (derived, not counted)"
    elif plan.entry:
        kind += f" (per {plan.mapping_path} {plan.entry.label})"
    return kind


def _mapping_settings(plan: Plan) -> list[str]:
    lines = []
    entry = plan.entry
    if entry:
        for name, synonyms in entry.values.items():
            pairs = ", ".join(f"{k!r} → {v}" for k, v in synonyms.items())
            lines.append(f"  values of {name}: {pairs}")
        for name, value in entry.fixed.items():
            lines.append(f"  {name}: {value!r} where the file gives none")
        if entry.event:
            event = entry.event
            dated = f", starts {event.starts_at}" if event.starts_at else ""
            lines.append(f"  event: {event.event_id!r}{dated} (from {plan.mapping_path})")
    if plan.tool and "recruited_by" in plan.tool.inputs and plan.affiliations:
        pairs = ", ".join(f"{k} → {v}" for k, v in plan.affiliations.items())
        lines.append(f"  affiliations (recruited_by): {pairs}")
    return lines
