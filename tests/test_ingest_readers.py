"""The CSV readers agree: Arrow's parser and the vectorized splitter for files without
quotes, and the csv-module one for files with them, give the same rows, lines and rejects.
The fast forms of Parquet dates write them as strftime does."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from dashboard.ingest.readers import _formatted, _parse_plain, _split_plain, _split_quoted, read_csv

CASES = {
    "simple": "a,b\n1,2\n3,4\n",
    "crlf": "a,b\r\n1,2\r\n3,4\r\n",
    "blank lines": "a,b\n\n1,2\n   \n3,4\n\n",
    "padding": "a,b\n1,2,,\n3,4\n",
    "wrong counts": "a,b\n1,2,3\n4\n5,6\n",
    "no final newline": "a;b\n1;2",
    "header only": "a,b\n",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_plain_and_quoted_splitters_agree(text):
    delimiter = ";" if ";" in text else ","
    names_p, columns_p, lines_p, malformed_p = _split_plain(text, delimiter)
    names_q, columns_q, lines_q, malformed_q = _split_quoted(text, delimiter, False)
    assert names_p == names_q
    assert [c.to_pylist() for c in columns_p] == [c.to_pylist() for c in columns_q]
    assert lines_p.to_pylist() == lines_q.to_pylist()
    assert malformed_p == malformed_q


def test_a_quoted_file_keeps_multi_line_fields_and_physical_lines(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text('a,b\n1,"two\nlines"\n3,4\n')
    result = read_csv(path)
    assert result.table.column("b").to_pylist() == ["two\nlines", "4"]
    assert result.table.column("_line").to_pylist() == [2, 4]


PARSER_CASES = {
    **CASES,
    "bom": "\ufeffa,b\n1,2\n",
    "empty fields": "a,b,c\n,,\n1,,3\n",
    "tabs": "a\tb\n1\t2\n",
    "a line of tabs is blank": "a\tb\n1\t2\n\t\n3\t4\n",
    "trailing spaces": "a,b\n1,2\n  ",
    "unicode": "a;b\nÿ;日本\n",
}


@pytest.mark.parametrize("text", PARSER_CASES.values(), ids=PARSER_CASES.keys())
def test_arrow_parser_gives_what_the_plain_splitter_gives_or_declines(text):
    delimiter = max((",", ";", "\t"), key=lambda d: (text.split("\n")[0].count(d), d == ","))
    parsed = _parse_plain(text.encode("utf-8"), text.removeprefix("\ufeff"), delimiter)
    names, columns, lines, malformed = _split_plain(text.removeprefix("\ufeff"), delimiter)
    if parsed is None:
        return
    assert parsed[0] == names
    assert [c.to_pylist() for c in parsed[1]] == [c.to_pylist() for c in columns]
    assert parsed[2].to_pylist() == lines.to_pylist()
    assert parsed[3] == malformed == []


def test_the_arrow_parser_reads_a_clean_file_and_declines_blank_or_malformed_lines():
    assert _parse_plain(b"a,b\n1,2\n3,4", "a,b\n1,2\n3,4", ",") is not None
    for text in ("a,b\n1,2\n\n3,4\n", "a,b\n1,2,3\n", "a\tb\n1\t2\n \t\n"):
        delimiter = "\t" if "\t" in text else ","
        assert _parse_plain(text.encode(), text, delimiter) is None


def test_parquet_timestamps_and_dates_read_as_strftime_writes_them():
    stamps = pa.chunked_array(
        [pa.array([0, -1, 1_700_000_000_123_456, -62135596800_000_001, None], pa.timestamp("us"))]
    )
    assert (
        _formatted(stamps, "%Y-%m-%d %H:%M:%S").to_pylist()
        == pc.strftime(stamps, format="%Y-%m-%d %H:%M:%S").to_pylist()
    )
    days = pa.chunked_array([pa.array([0, -719529, 2932896, 3_000_000, None], pa.date32())])
    assert (
        _formatted(days, "%Y-%m-%d").to_pylist() == pc.strftime(days, format="%Y-%m-%d").to_pylist()
    )
