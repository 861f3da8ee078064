"""How long a value may be: a 50 MB title or postal code is a broken export, not data.

An id (any `*_id` field, `recruited_by`, `lead_org`) may have at most 200 characters;
every other text field (names, titles, notes, emails, dates as written) at most 1,000.
A row with a longer value in a field the file is read for is rejected with its line and
the field, and keeps no content; the file's other rows load.
"""

from __future__ import annotations

import pyarrow.compute as pc

from dashboard.ingest.readers import LINE, ReadResult

ID_LIMIT = 200
TEXT_LIMIT = 1_000
ID_FIELDS = ("recruited_by", "lead_org")


def limit_of(field: str) -> int:
    return ID_LIMIT if field.endswith("_id") or field in ID_FIELDS else TEXT_LIMIT


def without_over_long(result: ReadResult, columns: dict[str, str]) -> ReadResult:
    """`result` without the rows that have a value over its limit in one of `columns`
    (field → column); those rows become malformed lines naming the field."""
    table = result.table
    over = None
    reasons: dict[int, str] = {}
    for field, column in columns.items():
        if column not in table.column_names:
            continue
        values = table.column(column)
        limit = limit_of(field)
        # Bytes are never fewer than characters: most files stop at this cheap test.
        if not table.num_rows or pc.max(pc.binary_length(values)).as_py() <= limit:
            continue
        lengths = pc.utf8_length(values)
        too_long = pc.fill_null(pc.greater(lengths, limit), False)
        if not pc.any(too_long).as_py():
            continue
        for line, length in zip(
            pc.filter(table.column(LINE), too_long).to_pylist(),
            pc.filter(lengths, too_long).to_pylist(),
            strict=True,
        ):
            reasons.setdefault(
                line, f"value too long: {field} has {length:,} characters (at most {limit:,})"
            )
        over = too_long if over is None else pc.or_(over, too_long)
    if over is None:
        return result
    kept = table.filter(pc.invert(over))
    malformed = sorted([*result.malformed, *reasons.items()])
    return ReadResult(kept, malformed, result.encoding, result.unusable)
