"""The CSV readers agree: Arrow's parser and the vectorized splitter for files without
quotes, and the csv-module one for files with them, give the same rows, lines and rejects.
The fast forms of Parquet dates write them as strftime does."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from dashboard.ingest.readers import (
    UNCLOSED_QUOTE,
    _first_line,
    _formatted,
    _parse_arrow,
    _parse_plain,
    _split_plain,
    _split_quoted,
    read_csv,
)

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
    parsed = _parse_plain(text.encode("utf-8"), _first_line(text.removeprefix("\ufeff")), delimiter)
    names, columns, lines, malformed = _split_plain(text.removeprefix("\ufeff"), delimiter)
    if parsed is None:
        return
    assert parsed[0] == names
    assert [c.to_pylist() for c in parsed[1]] == [c.to_pylist() for c in columns]
    assert parsed[2].to_pylist() == lines.to_pylist()
    assert parsed[3] == malformed == []


def test_the_arrow_parser_reads_a_clean_file_and_declines_blank_or_malformed_lines():
    assert _parse_plain(b"a,b\n1,2\n3,4", "a,b", ",") is not None
    for text in ("a,b\n1,2\n\n3,4\n", "a,b\n1,2,3\n", "a\tb\n1\t2\n \t\n"):
        delimiter = "\t" if "\t" in text else ","
        assert _parse_plain(text.encode(), _first_line(text), delimiter) is None


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


QUOTED_CASES = {
    "quoted delimiter": 'a,b\n1,"x, y"\n2,z\n',
    "doubled quote": 'a,b\n1,"say ""hi"""\n',
    "quote inside an unquoted field": 'a,b\n1,5" tall\n',
    "quoted header": '"a","b"\r\n"1","2"\r\n',
    "empty quoted": 'a,b\n"",2\n',
}


@pytest.mark.parametrize("text", QUOTED_CASES.values(), ids=QUOTED_CASES.keys())
def test_arrow_parser_reads_well_quoted_lines_as_the_csv_module_does(text):
    parsed = _parse_arrow(text.encode(), _first_line(text), ",", quoted=True)
    assert parsed is not None
    names, columns, lines, malformed = _split_quoted(text, ",", False)
    assert parsed[0] == names
    assert [c.to_pylist() for c in parsed[1]] == [c.to_pylist() for c in columns]
    assert parsed[2].to_pylist() == lines.to_pylist()
    assert malformed == []


@pytest.mark.parametrize(
    "text",
    ['a,b\n1,"two\nlines"\n', 'a,b\n1,"open\n2,3\n', 'a,b\n1,"x"y\n'],
    ids=["multi-line field", "unclosed quote", "text after a closing quote"],
)
def test_arrow_parser_declines_quotes_that_are_not_one_complete_record_per_line(text):
    assert _parse_arrow(text.encode(), _first_line(text), ",", quoted=True) is None


def _attendance(rows: int, replace: dict[int, str]) -> str:
    """An attendance file with `rows` data rows; replace: physical line → text."""
    lines = ["event_id,person_id,status,rsvp_at,role"]
    lines += [f"e1,p{i},attended,,attendee" for i in range(rows)]
    for number, text in replace.items():
        lines[number - 1] = text
    return "\n".join(lines) + "\n"


def test_an_unclosed_quote_costs_its_own_line_only(tmp_path):
    path = tmp_path / "attendance.csv"
    path.write_text(_attendance(1000, {10: 'a1,"q-8,,attended,'}))
    result = read_csv(path)
    assert result.malformed == [(10, UNCLOSED_QUOTE)]
    assert result.rows_read == 1000
    assert result.table.num_rows == 999
    assert result.table.column("_line").to_pylist() == [n for n in range(2, 1002) if n != 10]


def test_an_unclosed_quote_paired_with_a_later_quote_costs_its_own_line_only(tmp_path):
    # The stray quote at line 10 would close at line 500's first quote, swallowing 490
    # lines into one record of the wrong width.
    path = tmp_path / "attendance.csv"
    path.write_text(_attendance(1000, {10: 'a1,"q-8,,attended,', 500: 'e1,"p 5",attended,,host'}))
    result = read_csv(path)
    assert result.malformed == [(10, UNCLOSED_QUOTE)]
    assert result.table.num_rows == 999
    assert result.table.column("person_id").to_pylist()[497] == "p 5"


def test_a_multi_line_quoted_field_still_loads_as_one_record_beside_a_stray_quote(tmp_path):
    path = tmp_path / "attendance.csv"
    text = _attendance(1000, {10: 'a1,"q-8,,attended,', 500: 'e1,p,attended,,"two'})
    path.write_text(text.replace('"two\n', '"two\nlines"\n'))
    result = read_csv(path)
    assert result.malformed == [(10, UNCLOSED_QUOTE)]
    assert result.rows_read == 1000
    assert result.table.column("role").to_pylist()[497] == "two\nlines"
    # the record at line 500 runs to line 501; the next one is line 502
    assert result.table.column("_line").to_pylist()[497:499] == [500, 502]


def test_many_stray_quotes_in_a_large_file_read_in_linear_time(tmp_path):
    # Each stray quote scans ahead at most to the next line with a quote: never to the
    # end of the file again and again.
    path = tmp_path / "attendance.csv"
    path.write_text(_attendance(40_000, {n: 'a1,"q,,attended,' for n in range(10, 40_000, 10)}))
    result = read_csv(path)
    assert len(result.malformed) == 3_999
    assert result.rows_read == 40_000


def test_duplicate_columns_with_different_values_are_named(tmp_path):
    path = tmp_path / "attendance.csv"
    path.write_text("event_id,status,Status\ne1,attended,attended\ne2,attended,no_show\n")
    assert read_csv(path).unusable == {
        "status": "two columns named 'status' with different values (first at line 3); "
        "remove or rename one"
    }
    path.write_text("event_id,status,Status\ne1,attended,attended\n")
    assert read_csv(path).unusable == {}
