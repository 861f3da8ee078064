"""Tool exports for the importer tests, written from the column lists the tools publish.

`export(COLUMNS, rows)` writes a CSV with the tool's full header; each row gives only
the cells a test cares about (the rest stay empty). People carry realistic names,
emails and phones, which tests/test_importers_privacy.py looks for in the warehouse.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ingest_helpers import person_key

# As published (contract §5 and each tool's export documentation).
MOBILIZE = [
    "id",
    "created_date",
    "modified_date",
    "user_id",
    "user__given_name",
    "user__family_name",
    "user__email_address",
    "user__phone_number",
    "user__postal_code",
    "event_id",
    "timeslot_id",
    "override_start_date",
    "organization_id",
    "affiliation_id",
    "status",
    "attended",
    "email_at_signup",
]
VAN = [
    "eventSignupId",
    "email",
    "firstName",
    "lastName",
    "phone",
    "vanId",
    "status_name",
    "event_eventId",
    "event_name",
    "shift_name",
    "role_name",
    "location_name",
]
ACTION_NETWORK_ATTENDANCE = [
    "action_network:person_id",
    "action_network:event_id",
    "status",
    "email",
    "first_name",
    "last_name",
    "created_date",
]
ACTION_NETWORK_ACTIVISTS = [
    "uuid",
    "first_name",
    "last_name",
    "email",
    "zip_code",
    "can2_phone",
    "can2_user_tags",
    "can2_subscription_status",
]
EVENTBRITE = [
    "Order #",
    "Order Date",
    "First Name",
    "Last Name",
    "Email",
    "Quantity",
    "Ticket Type",
    "Attendee #",
    "Attendee Status",
    "Event Name",
    "Event ID",
]
EVENTBRITE_UK = [
    "Order no.",
    "Order Date",
    "First Name",
    "Surname",
    "Email",
    "Quantity",
    "Ticket Type",
    "Attendee no.",
    "Attendee Status",
    "Event Name",
]
GOOGLE_FORMS = ["Timestamp", "Email Address", "Full name", "Phone number", "What brought you?"]

ORGS = "org_id,name\na,Alpha Tenants\nb,Beta Faith\n"
EVENTS = "event_id,event_type,starts_at\n101,rally,2025-03-14 18:00\n102,meeting,2025-04-02\n"


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    email: str
    phone: str
    tool_id: str  # the person's id in a tool (Mobilize user_id, ...)

    @property
    def key(self) -> str:
        return person_key(f"email:{self.email.lower()}")

    @property
    def phone_key(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return person_key("phone:" + (f"1{digits}" if len(digits) == 10 else digits))

    @property
    def contacts(self) -> tuple[str, ...]:
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return (self.first, self.last, self.email, self.phone, digits)


ADA = Person("Ada", "Lovelace", "ada.lovelace@example.org", "(617) 555-0101", "31001")
BAYARD = Person("Bayard", "Rustin", "bayard@example.net", "617-555-0102", "31002")
CESAR = Person("Cesar", "Chavez", "cesar.chavez@example.com", "+1 617 555 0103", "31003")
DOLORES = Person("Dolores", "Huerta", "dolores.huerta@example.org", "617.555.0104", "31004")
ELLA = Person("Ella", "Baker", "ella.baker@example.org", "6175550105", "31005")
FANNIE = Person("Fannie", "Hamer", "fannie.lou@example.com", "(617) 555-0106", "31006")
PEOPLE = (ADA, BAYARD, CESAR, DOLORES, ELLA, FANNIE)


def export(columns: list[str], rows: list[dict], *, delimiter: str = ",") -> str:
    """A CSV with the full published header; cells a row does not give are empty."""
    unknown = {name for row in rows for name in row} - set(columns)
    assert not unknown, f"not in the published columns: {unknown}"
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def mobilize_row(person: Person, event_id: str, status: str, attended: str = "", **cells):
    return {
        "id": cells.pop("id", "1"),
        "created_date": "2025-03-01 10:15:00",
        "user_id": cells.pop("user_id", person.tool_id),
        "user__given_name": person.first,
        "user__family_name": person.last,
        "user__email_address": person.email,
        "user__phone_number": person.phone,
        "user__postal_code": "02139",
        "event_id": event_id,
        "timeslot_id": "9001",
        "organization_id": "512",
        "status": status,
        "attended": attended,
        "email_at_signup": person.email,
        **cells,
    }


def van_row(person: Person | None, event_id: str, status: str, **cells):
    contact = (
        {
            "email": person.email,
            "firstName": person.first,
            "lastName": person.last,
            "phone": person.phone,
        }
        if person
        else {}
    )
    return {
        "eventSignupId": cells.pop("eventSignupId", "77001"),
        "vanId": cells.pop("vanId", "100234"),
        "status_name": status,
        "event_eventId": event_id,
        "event_name": "Rent strike rally",
        "shift_name": "Main",
        "role_name": cells.pop("role_name", "Attendee"),
        "location_name": "Union hall",
        **contact,
        **cells,
    }


def eventbrite_row(person: Person, status: str, **cells):
    return {
        "Order #": "1234567890",
        "Order Date": "2025-03-01 09:30:00",
        "First Name": person.first,
        "Last Name": person.last,
        "Email": person.email,
        "Quantity": "1",
        "Ticket Type": "General admission",
        "Attendee #": cells.pop("attendee", "9876543210"),
        "Attendee Status": status,
        **cells,
    }


def every_text_value(wh) -> list[str]:
    """Every non-null value of every table and view of the warehouse, as text."""
    texts = []
    for (table,) in wh.rows("select table_name from information_schema.tables"):
        for row in wh.con.table(table).fetchall():
            texts.extend(str(value) for value in row if value is not None)
    return texts
