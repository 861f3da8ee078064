"""`coalition ingest --explain`: per file, the format and column → field; builds nothing."""

from __future__ import annotations

import pytest
from importer_helpers import (
    ADA,
    BAYARD,
    EVENTS,
    GOOGLE_FORMS,
    MOBILIZE,
    ORGS,
    PEOPLE,
    VAN,
    export,
    mobilize_row,
    van_row,
)
from ingest_helpers import TEST_KEY, build_warehouse, lines, write_folder

from dashboard.cli import main

MAPPING = """
[affiliations]
"40211" = "b"

[[files]]
pattern = "hours*.csv"
table = "shifts"
day_first = true
columns = { shift_date = "Date", hours = "Hours worked", email = "E-mail" }

[[files]]
pattern = "sign-in*.csv"
event = { event_id = "101", starts_at = "2025-03-14 18:00" }
"""

FILES = {
    "organizations.csv": ORGS,
    "a/events.csv": EVENTS,
    "a/mapping.toml": MAPPING,
    "a/mobilize-march.csv": export(
        MOBILIZE, [mobilize_row(ADA, "101", "REGISTERED", "true", affiliation_id="40211")]
    ),
    "a/van.csv": export(VAN, [van_row(BAYARD, "101", "Completed")]),
    "a/hours.csv": lines("Date,Hours worked,E-mail,Notes", f"14/03/2025,2,{ADA.email},ok"),
    "a/sign-in-0314.csv": export(GOOGLE_FORMS, []),
    "a/notes.csv": "anything at all\n",
    "a/broken.csv": lines("user__email_address,event_id,status", f"{ADA.email},101,REGISTERED"),
}


@pytest.fixture
def explained(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COALITION_KEY", TEST_KEY)
    monkeypatch.chdir(tmp_path)
    data = write_folder(tmp_path / "data", FILES)
    code = main(["ingest", "--explain", str(data)])
    out, err = capsys.readouterr()
    assert code == 0, err
    blocks = {block.splitlines()[0]: block for block in out.split("\n\n")}
    return out, blocks, tmp_path


def test_explain_builds_nothing(explained):
    _, _, cwd = explained
    assert not (cwd / ".coalition").exists()


def test_explain_names_the_tool_and_maps_each_tool_column_to_a_field(explained):
    _, blocks, _ = explained
    block = blocks["a/mobilize-march.csv"]
    assert "read as: mobilize (Mobilize participations export) → attendance" in block
    for line in [
        "event_id            → event_id",
        "user_id             → person_id",
        "user__email_address → email (identity only",
        "attended            → attended",
        "override_start_date → starts_at",
        "affiliation_id      → recruited_by",
    ]:
        assert line in block
    assert "affiliations (recruited_by): 40211 → b" in block
    ignored = next(line for line in block.splitlines() if "ignored:" in line)
    for column in ("id", "user__given_name", "user__family_name", "modified_date", "timeslot_id"):
        assert column in ignored
    assert "read as: van (VAN / EveryAction event signups export)" in blocks["a/van.csv"]
    assert "status_name   → status" in blocks["a/van.csv"]


def test_explain_shows_the_mapping_files_columns_day_first_and_event(explained):
    _, blocks, _ = explained
    hours = blocks["a/hours.csv"]
    assert "read as: mapping → shifts (per a/mapping.toml [[files]] #1" in hours
    assert "dates: day first (from a/mapping.toml)" in hours
    assert "hours worked → hours" in hours
    assert "ignored: notes" in hours
    sign_in = blocks["a/sign-in-0314.csv"]
    assert "read as: google_forms (Google Forms sign-in sheet) → attendance" in sign_in
    assert "event: '101', starts 2025-03-14 18:00 (from a/mapping.toml)" in sign_in


def test_explain_says_what_is_skipped_and_refused_and_why(explained):
    _, blocks, _ = explained
    assert "skipped: file name matches no table" in blocks["a/notes.csv"]
    assert (
        "REFUSED: looks like a Mobilize participations export but has no column for attended"
        in (blocks["a/broken.csv"])
    )


def test_explain_prints_header_names_never_values(explained):
    out, _, _ = explained
    for person in PEOPLE:
        for contact in person.contacts:
            assert contact not in out


def test_explain_says_what_the_ingest_does(explained, tmp_path):
    _, blocks, _ = explained
    wh = build_warehouse(tmp_path / "again", FILES)
    try:
        for record in wh.dicts("select source_file, format, table_name, status from ingest_files"):
            block = blocks[record["source_file"]]
            if record["status"] == "skipped":
                assert "skipped:" in block
            else:
                assert f"read as: {record['format']} " in block
                assert f"→ {record['table_name']}" in block
    finally:
        wh.close()


def test_explain_of_a_missing_folder_is_a_one_line_error(tmp_path, capsys):
    assert main(["ingest", "--explain", str(tmp_path / "nope")]) == 1
    assert "no such data folder" in capsys.readouterr().err
