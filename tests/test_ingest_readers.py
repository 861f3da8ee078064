"""The two CSV splitters agree: the vectorized one for files without quotes and the
csv-module one for files with them must give the same rows, lines and rejects."""

from __future__ import annotations

import pytest

from dashboard.ingest.readers import _split_plain, _split_quoted, read_csv

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
