"""Contract §5: a member org's mapping.toml, and what a wrong one does (refuse, never crash)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from importer_helpers import ADA, BAYARD, CESAR, EVENTS, ORGS, VAN, export, van_row
from ingest_helpers import TEST_KEY, lines, write_folder

from dashboard.cli import main
from dashboard.ingest.mapping import ENTRY_SETTINGS, EVENT_SETTINGS, SETTINGS, read_mapping

README = Path(__file__).resolve().parents[1] / "README.md"

HOURS_LOG = lines(
    "Date,Hours worked,E-mail,Notes",
    f"3/14/2025,2.5,{ADA.email},door knocking with Bayard",
    f"3/15/2025,1,{BAYARD.email},",
)
SIGN_IN = lines(
    "Name,Email,Mobile,Came?",
    f"{ADA.first} {ADA.last},{ADA.email},{ADA.phone},Yes",
    f"{BAYARD.first} {BAYARD.last},{BAYARD.email},,no",
    f"{CESAR.first} {CESAR.last},,{CESAR.phone},YES",
)


def coalition(mapping: str, **files) -> dict:
    return {
        "organizations.csv": ORGS,
        "a/events.csv": EVENTS,
        "a/mapping.toml": mapping,
        "b/events.csv": EVENTS,
        **files,
    }


# --- what a mapping file says ---------------------------------------------------------


def test_columns_say_which_column_is_which_field_of_any_table(ingest_folder):
    mapping = """
[[files]]
pattern = "Volunteer hours*.csv"
table = "shifts"
[files.columns]
shift_date = "Date"
hours = "hours worked"   # names compare without case
email = "E-mail"
"""
    wh = ingest_folder(coalition(mapping, **{"a/Volunteer hours 2025.csv": HOURS_LOG}))
    record = wh.file("a/Volunteer hours 2025.csv")
    assert (record["format"], record["table_name"], record["status"]) == (
        "mapping",
        "shifts",
        "loaded",
    )
    assert sorted(wh.rows("select person_key, shift_date::varchar, hours from shifts")) == sorted(
        [(ADA.key, "2025-03-14", 2.5), (BAYARD.key, "2025-03-15", 1.0)]
    )


def test_values_fixed_fields_and_a_fixed_event_read_a_paper_sign_in_sheet(ingest_folder):
    mapping = """
[[files]]
pattern = "sign-in *.csv"
table = "attendance"
event = "102"
[files.columns]
email = "Email"
phone = "Mobile"
status = "Came?"
[files.values.status]
"Yes" = "attended"
"No" = "no_show"
[files.fixed]
role = "volunteer"
"""
    wh = ingest_folder(coalition(mapping, **{"a/sign-in 2025-04-02.csv": SIGN_IN}))
    assert sorted(wh.rows("select event_id, person_key, status, role from attendance")) == sorted(
        [
            ("102", ADA.key, "attended", "volunteer"),
            ("102", BAYARD.key, "no_show", "volunteer"),
            ("102", CESAR.phone_key, "attended", "volunteer"),
        ]
    )


def test_a_fixed_event_unknown_to_the_events_files_and_undated_is_rejected_with_how_to_fix(
    ingest_folder,
):
    mapping = """
[[files]]
pattern = "sign-in *.csv"
table = "attendance"
event = "potluck"
columns = { email = "Email", phone = "Mobile", status = "Came?" }
values.status = { "yes" = "attended", "no" = "no_show" }
"""
    wh = ingest_folder(coalition(mapping, **{"a/sign-in 2025-04-02.csv": SIGN_IN}))
    reasons = {r["reason"] for r in wh.rejects("a/sign-in 2025-04-02.csv")}
    assert reasons == {
        "event_id potluck not found in this organization's events: add it to an events "
        "file, or give its starts_at in a/mapping.toml [files.event]"
    }


def test_day_first_applies_to_every_file_of_the_org_unless_an_entry_says_otherwise(
    ingest_folder,
):
    mapping = """
day_first = true
[[files]]
pattern = "events-us.csv"
day_first = false
"""
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/mapping.toml": mapping,
            "a/events.csv": lines("event_id,event_type,starts_at", "e1,rally,04/03/2025"),
            "a/events-us.csv": lines("event_id,event_type,starts_at", "e2,rally,04/03/2025"),
            "b/events.csv": lines("event_id,event_type,starts_at", "e3,rally,04/03/2025"),
        }
    )
    assert wh.rows("select org_id, event_id, event_date::varchar from events order by 2") == [
        ("a", "e1", "2025-03-04"),
        ("a", "e2", "2025-04-03"),
        ("b", "e3", "2025-04-03"),  # another org's files are not concerned
    ]
    assert wh.file("a/events.csv")["format"] == "csv"
    assert wh.file("a/events-us.csv")["format"] == "mapping"


def test_tool_columns_and_values_can_be_set_for_a_tool_export(ingest_folder):
    columns = ["Email Address" if c == "email" else c for c in VAN]
    rows = [van_row(ADA, "101", "Showed"), van_row(BAYARD, "101", "Completed", vanId="9")]
    for row in rows:
        row["Email Address"] = row.pop("email")
    mapping = """
[[files]]
pattern = "signups*.csv"
tool = "van"
columns = { email = "Email Address" }
values.status = { "Showed" = "attended" }
"""
    wh = ingest_folder(coalition(mapping, **{"a/signups.csv": export(columns, rows)}))
    assert wh.file("a/signups.csv")["format"] == "van"
    assert sorted(wh.rows("select person_key, status from attendance")) == sorted(
        [(ADA.key, "attended"), (BAYARD.key, "attended")]
    )


def test_a_tool_named_by_the_mapping_file_needs_no_recognisable_header(ingest_folder):
    text = lines("Event,Who,State", f"101,{ADA.email},Completed")
    mapping = """
[[files]]
pattern = "odd-export.csv"
tool = "van"
columns = { event_id = "Event", email = "Who", status = "State" }
"""
    wh = ingest_folder(coalition(mapping, **{"a/odd-export.csv": text}))
    assert wh.rows("select event_id, person_key, status from attendance") == [
        ("101", ADA.key, "attended")
    ]


def test_mapped_spreadsheet_rejects_show_only_the_mapped_columns_without_contacts(
    ingest_folder,
):
    text = lines("When,Hours,E-mail,Notes", f"someday,2,{ADA.email},call {ADA.phone}")
    mapping = """
[[files]]
pattern = "log.csv"
table = "shifts"
columns = { shift_date = "When", email = "E-mail" }
"""
    wh = ingest_folder(coalition(mapping, **{"a/log.csv": text}))
    reject = wh.reject_at("a/log.csv", 2)
    assert reject["reason"] == "shift_date is not a valid date"
    assert reject["raw"] == '{"when":"someday","hours":"2"}'


# --- a wrong mapping file ---------------------------------------------------------------


def _refusals(wh, org: str = "a") -> dict[str, str]:
    return {
        f["source_file"]: f["message"]
        for f in wh.dicts("select * from ingest_files where org_id = $o", {"o": org})
        if f["status"] == "refused"
    }


def test_a_mapping_file_that_is_not_toml_refuses_the_orgs_files_and_the_others_load(
    ingest_folder,
):
    wh = ingest_folder(coalition("[[files]\npattern = 'x'\n"))
    record = wh.file("a/events.csv")
    assert record["status"] == "refused"
    assert record["message"].startswith("a/mapping.toml: not a valid TOML file")
    assert (record["rows_read"], record["rows_loaded"], record["rows_rejected"]) == (2, 0, 2)
    assert wh.file("b/events.csv")["status"] == "loaded"
    assert wh.result.replaced


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        ("dayfirst = true\n", "unknown setting 'dayfirst'"),
        ("day_first = 'yes'\n", "`day_first` must be true or false"),
        ('[[files]]\ntable = "shifts"\n', "[[files]] #1 has no pattern"),
        ("affiliations = 3\n", "`affiliations` must be a table"),
    ],
)
def test_a_wrong_setting_refuses_every_file_of_the_org(ingest_folder, mapping, expected):
    wh = ingest_folder(coalition(mapping))
    message = wh.file("a/events.csv")["message"]
    assert message.startswith("a/mapping.toml: ")
    assert expected in message
    assert wh.file("b/events.csv")["status"] == "loaded"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ('table = "volunteers"', "unknown table 'volunteers' (tables: people, events, "),
        ('tool = "mailchimp"', "unknown tool 'mailchimp' (tools: mobilize, van, "),
        ('table = "shifts"\ntool = "van"', "give `table` or `tool`, not both"),
        ('table = "shifts"\ncolums = { hours = "H" }', "unknown setting 'colums'"),
        (
            'table = "attendance"\nvalues.status = { "Yes" = "present" }',
            "values.status maps to 'present', which is not a status",
        ),
    ],
)
def test_a_wrong_entry_refuses_the_files_it_matches_only(ingest_folder, entry, expected):
    mapping = f'[[files]]\npattern = "log*.csv"\n{entry}\n'
    wh = ingest_folder(coalition(mapping, **{"a/log-2025.csv": HOURS_LOG}))
    assert list(_refusals(wh)) == ["a/log-2025.csv"]
    message = wh.file("a/log-2025.csv")["message"]
    assert message.startswith("a/mapping.toml [[files]] #1 (pattern 'log*.csv'): ")
    assert expected in message
    assert wh.file("a/events.csv")["status"] == "loaded"


def test_an_unknown_field_refuses_the_file_and_lists_the_fields(ingest_folder):
    mapping = """
[[files]]
pattern = "log*.csv"
table = "shifts"
columns = { minutes = "Hours worked" }
"""
    wh = ingest_folder(coalition(mapping, **{"a/log-2025.csv": HOURS_LOG}))
    message = wh.file("a/log-2025.csv")["message"]
    assert "columns names field 'minutes', which the shifts table does not have" in message
    assert "shift_date, hours" in message


def test_an_unknown_tool_field_refuses_the_file(ingest_folder):
    mapping = '[[files]]\npattern = "signups*"\ntool = "van"\ncolumns = { shoe_size = "x" }\n'
    text = export(VAN, [van_row(ADA, "101", "Completed")])
    wh = ingest_folder(coalition(mapping, **{"a/signups.csv": text}))
    message = wh.file("a/signups.csv")["message"]
    assert "'shoe_size', which a VAN / EveryAction event signups export does not have" in message


def test_a_column_the_data_file_lacks_refuses_that_file_naming_both_files(ingest_folder):
    mapping = (
        '[[files]]\npattern = "log*.csv"\ntable = "shifts"\ncolumns = { hours = "Time spent" }\n'
    )
    wh = ingest_folder(
        coalition(mapping, **{"a/log-2025.csv": HOURS_LOG, "a/log-2024.csv": HOURS_LOG})
    )
    message = wh.file("a/log-2025.csv")["message"]
    assert message.startswith(
        "a/mapping.toml [[files]] #1 (pattern 'log*.csv') reads hours from column "
        "'Time spent', which a/log-2025.csv does not have"
    )
    assert set(_refusals(wh)) == {"a/log-2024.csv", "a/log-2025.csv"}


def test_a_mapped_table_without_a_required_field_is_refused_with_where_to_name_it(
    ingest_folder,
):
    mapping = '[[files]]\npattern = "log*.csv"\ntable = "shifts"\ncolumns = { email = "E-mail" }\n'
    wh = ingest_folder(coalition(mapping, **{"a/log-2025.csv": HOURS_LOG}))
    assert wh.file("a/log-2025.csv")["message"].startswith(
        "missing required column: shift_date, hours (name it in a/mapping.toml [files.columns])"
    )


def test_an_entry_matching_no_file_is_a_warning(ingest_folder):
    wh = ingest_folder(coalition('[[files]]\npattern = "hours*.xlsx.csv"\ntable = "shifts"\n'))
    assert wh.result.warnings == [
        "a/mapping.toml [[files]] #1 (pattern 'hours*.xlsx.csv') matches no file"
    ]


def test_a_wrong_mapping_is_a_clear_message_at_the_command_line_never_a_traceback(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("COALITION_KEY", TEST_KEY)
    data = write_folder(
        tmp_path / "data",
        coalition('[[files]]\npattern = "log*"\ntool = "vann"\n', **{"a/log.csv": HOURS_LOG}),
    )
    code = main(["ingest", str(data), "--warehouse", str(tmp_path / "w.duckdb")])
    out, err = capsys.readouterr()
    assert code == 0
    assert "a/log.csv: a/mapping.toml [[files]] #1 (pattern 'log*'): unknown tool 'vann'" in out
    assert "Traceback" not in out + err


# --- the README documents it ---------------------------------------------------------------


def _readme_mapping() -> str:
    section = README.read_text().split("## Exports from organizing tools and mapping.toml")[1]
    return re.search(r"```toml\n(.*?)```", section, re.S).group(1)


def test_the_readme_example_mapping_file_is_valid(tmp_path):
    write_folder(tmp_path, {"tenants/mapping.toml": _readme_mapping()})
    mapping = read_mapping(tmp_path, "tenants")
    assert mapping.error is None
    assert [e.error for e in mapping.entries] == [None] * len(mapping.entries)
    assert mapping.day_first is True
    assert mapping.affiliations == {"40211": "eastside-tenants", "40212": "interfaith-housing"}
    assert {e.table or e.tool for e in mapping.entries} >= {"shifts", "attendance", "van"}


def test_the_readme_example_uses_every_setting():
    example = _readme_mapping()
    for setting in SETTINGS + ENTRY_SETTINGS + EVENT_SETTINGS:
        assert re.search(rf"(^|[\s.{{\[]){setting}\b", example, re.M), setting


def test_a_mapping_file_outside_an_org_folder_is_a_warning(ingest_folder):
    files = coalition("", **{"mapping.toml": "day_first = true\n", "a/old/mapping.toml": ""})
    wh = ingest_folder(files)
    assert wh.result.warnings == [
        "a/old/mapping.toml is not read: a mapping.toml belongs directly in a member org's folder",
        "mapping.toml is not read: a mapping.toml belongs directly in a member org's folder",
    ]


def test_values_can_turn_a_tools_always_rsvp_into_another_status(ingest_folder):
    text = lines(
        "action_network:person_id,action_network:event_id,status,email",
        f"p1,101,accepted,{ADA.email}",
        f"p2,101,declined,{BAYARD.email}",
    )
    mapping = """
[[files]]
pattern = "an-*.csv"
tool = "action_network"
values.status = { "declined" = "cancelled" }
"""
    wh = ingest_folder(coalition(mapping, **{"a/an-rsvps.csv": text}))
    assert dict(wh.rows("select person_key, status from attendance")) == {
        ADA.key: "rsvp",
        BAYARD.key: "cancelled",
    }


def test_a_tool_with_two_exports_is_told_apart_by_header(ingest_folder):
    mapping = '[[files]]\npattern = "an-*.csv"\ntool = "action_network"\n'
    wh = ingest_folder(
        coalition(
            mapping,
            **{
                "a/an-people.csv": lines("uuid,email,can2_phone", f"u1,{ADA.email},"),
                "a/an-other.csv": lines("id,email", f"u1,{ADA.email}"),
            },
        )
    )
    assert wh.file("a/an-people.csv")["table_name"] == "people"
    assert wh.file("a/an-other.csv")["message"].startswith(
        "a/mapping.toml [[files]] #1 (pattern 'an-*.csv') says action_network, but the header "
        "looks like neither an Action Network attendance export nor an Action Network "
        "activist report"
    )
