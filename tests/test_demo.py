"""The demo coalition generator (dashboard/demo/) and the bundled data/demo folder."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import polars as pl
import pytest

from dashboard.demo import EMAIL_DOMAINS, generate

REPO = Path(__file__).resolve().parent.parent
BUNDLED_DEMO = REPO / "data" / "demo"
REGENERATE = "coalition demo-data --out data/demo (or dashboard.demo.generate)"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    """A fresh scale-1, seed-7 demo and the counts generate() returned."""
    folder = tmp_path_factory.mktemp("demo") / "demo"
    return folder, generate(folder, scale=1, seed=7)


def digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def read_file(path: Path) -> pl.DataFrame:
    """One member file as text columns, lower-case names; blank cells are null.

    Read independently of the ingest, so these tests check the demo, not the reader.
    """
    if path.suffix == ".parquet":
        frame = pl.read_parquet(path)
        frame = frame.with_columns(pl.col(pl.List(pl.String)).list.join(";"))
        frame = frame.select(pl.all().cast(pl.String))
    else:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        header = text.partition("\n")[0]
        delimiter = max((",", ";", "\t"), key=header.count)
        frame = pl.read_csv(
            text.encode("utf-8"),
            separator=delimiter,
            infer_schema=False,
            truncate_ragged_lines=True,  # the planted malformed line still counts as a row
        )
    return frame.rename({name: name.strip().lower() for name in frame.columns})


def read_table(folder: Path, table: str) -> pl.DataFrame:
    """Every member file of one kind (by name prefix), with the org of each row."""
    frames = [
        read_file(path).with_columns(org_id=pl.lit(path.parent.name))
        for path in sorted(folder.glob(f"*/{table}*"))
    ]
    return pl.concat(frames, how="diagonal")


# --- determinism ----------------------------------------------------------------------


def test_the_same_scale_and_seed_give_byte_identical_files(demo, tmp_path):
    folder, counts = demo
    again = generate(tmp_path / "again", scale=1, seed=7)
    assert again == counts
    assert digests(tmp_path / "again") == digests(folder)


def test_another_seed_gives_other_people(demo, tmp_path):
    folder, _ = demo
    generate(tmp_path / "other", scale=1, seed=8)
    first = (folder / "eastside-tenants" / "people.csv").read_bytes()
    assert (tmp_path / "other" / "eastside-tenants" / "people.csv").read_bytes() != first


def test_the_bundled_demo_equals_a_fresh_generation(demo):
    folder, _ = demo
    bundled = digests(BUNDLED_DEMO)
    fresh = digests(folder)
    assert sorted(bundled) == sorted(fresh), f"file lists differ; regenerate with {REGENERATE}"
    changed = [name for name in fresh if bundled[name] != fresh[name]]
    assert not changed, f"{changed} differ; regenerate with {REGENERATE}"


def test_regenerating_replaces_an_earlier_demo(demo, tmp_path):
    generate(tmp_path / "demo", scale=2, seed=7)
    generate(tmp_path / "demo", scale=1, seed=7)
    assert digests(tmp_path / "demo") == digests(demo[0])


def test_a_folder_that_holds_no_demo_is_never_overwritten(tmp_path):
    (tmp_path / "precious.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        generate(tmp_path)
    assert (tmp_path / "precious.txt").read_text() == "keep me"


# --- size and content -------------------------------------------------------------------


def test_scale_1_has_ten_orgs_of_several_kinds(demo):
    folder, counts = demo
    orgs = pl.read_csv(folder / "organizations.csv")
    assert orgs.height == counts["organizations"] >= 10
    assert orgs["kind"].n_unique() >= 6
    assert sorted(orgs["org_id"]) == sorted(p.name for p in folder.iterdir() if p.is_dir())


def test_scale_1_has_5000_people_a_fifth_of_them_in_several_orgs(demo):
    people = read_table(demo[0], "people")
    phone_digits = pl.col("phone").str.replace_all(r"\D", "").str.slice(-10)
    identity = (  # contract §4, closely enough for counting
        pl.when(pl.col("email").str.contains("@"))
        .then(pl.col("email").str.strip_chars().str.to_lowercase())
        .when(phone_digits.str.len_chars() == 10)
        .then(phone_digits)
        .otherwise(pl.concat_str("org_id", pl.lit(":"), "person_id"))
    )
    orgs_per_person = people.group_by(identity.alias("identity")).agg(pl.col("org_id").n_unique())
    assert orgs_per_person.height >= 5_000
    share_in_several = (orgs_per_person["org_id"] >= 2).mean()
    assert 0.15 <= share_in_several <= 0.25


def test_scale_1_has_50000_attendance_rows_of_every_status(demo):
    attendance = read_table(demo[0], "attendance")
    assert attendance.height >= 50_000
    statuses = set(attendance["status"].str.to_lowercase())
    assert {"attended", "walk_in", "no_show", "rsvp", "cancelled"} <= statuses
    assert {"registered", "checked in", "no-show", "declined"} <= statuses  # synonyms


def test_the_counts_returned_are_the_rows_in_the_files(demo):
    folder, counts = demo
    for table in ("people", "events", "attendance", "shifts", "actions"):
        assert read_table(folder, table).height == counts[table], table
    for table in ("organizations", "campaigns", "milestones"):
        assert pl.read_csv(folder / f"{table}.csv").height == counts[table], table


def test_files_come_in_every_shape_the_contract_allows(demo):
    folder = demo[0]
    raw = {name: (folder / name).read_bytes() for name in digests(folder)}
    assert any(name.endswith(".parquet") for name in raw)
    assert any(re.fullmatch(r"[a-z-]+/attendance-\d{4}-\d{2}\.csv", name) for name in raw)
    assert raw["mutual-aid-network/people.csv"].startswith(b"\xef\xbb\xbf")  # BOM
    assert b"\r\n" in raw["youth-climate-action/people.csv"]
    assert raw["northgate-council/people.csv"].split(b"\n")[0].count(b";") == 7
    assert raw["riverside-legal-aid/people.csv"].split(b"\n")[0].count(b"\t") == 7
    latin1 = raw["st-brigid-parish/people.csv"]
    with pytest.raises(UnicodeDecodeError):
        latin1.decode("utf-8")
    us_timestamp = rb"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2} [AP]M"
    assert re.search(us_timestamp, raw["mutual-aid-network/events.csv"])


def test_contacts_are_fictional(demo):
    people = read_table(demo[0], "people")
    emails = people["email"].drop_nulls().str.strip_chars().str.to_lowercase()
    assert set(emails.str.split("@").list.last()) <= set(EMAIL_DOMAINS)
    digits = people["phone"].drop_nulls().str.replace_all(r"\D", "").str.slice(-10)
    assert digits.str.starts_with("555").all()


def test_scale_2_has_about_ten_times_sqrt_2_orgs(tmp_path):
    counts = generate(tmp_path / "demo2", scale=2, seed=7)
    assert counts["organizations"] == 14
    assert len([p for p in (tmp_path / "demo2").iterdir() if p.is_dir()]) == 14
    assert counts["attendance"] >= 100_000


# --- what the ingest makes of it --------------------------------------------------------


def test_the_ingest_rejects_exactly_the_planted_mistakes(demo, tmp_path, monkeypatch):
    from dashboard.ingest import ingest

    monkeypatch.setenv("COALITION_KEY", "demo-key-of-at-least-32-bytes-long")
    files = ingest(demo[0], tmp_path / "warehouse.duckdb").files
    assert files["rows_rejected"].sum() == 13
    assert files["rows_deduplicated"].sum() == 7
    assert files.filter(pl.col("status") == "refused").height == 0
    skipped = files.filter(pl.col("status") == "skipped")["source_file"].to_list()
    assert skipped == ["eastside-tenants/notes.csv"]
