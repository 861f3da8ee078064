"""An org's people file, and how the org names each member in its other files."""

from __future__ import annotations

import random
from dataclasses import dataclass

from dashboard.demo.population import Population, Roster
from dashboard.demo.profiles import OrgProfile
from dashboard.demo.table import Table
from dashboard.demo.vocabulary import (
    ALL_POSTAL_CODES,
    FIRST_NAMES,
    LANGUAGES,
    LAST_NAMES,
    format_phone,
)

PEOPLE_COLUMNS = (
    "person_id", "email", "phone", "first_name", "last_name", "postal_code", "language",
    "joined_on",
)  # fmt: skip


@dataclass
class OrgContacts:
    """How one org writes each member: person_id, email and phone as in its files."""

    person_id: list[str]
    email: list[str | None]
    phone: list[str | None]

    def identity(self, org: OrgProfile, position: int) -> dict[str, str | None]:
        """The member's values for the org's identity columns in act rows."""
        if org.identity == "person_id":
            return {"person_id": self.person_id[position]}
        return {"email": self.email[position], "phone": self.phone[position]}


def people_table(
    org: OrgProfile, roster: Roster, population: Population, rng: random.Random
) -> tuple[Table, OrgContacts]:
    table = Table.empty(*PEOPLE_COLUMNS)
    contacts = OrgContacts([], [], [])
    for position, person in enumerate(roster.person):
        person_id = org.person_id(position)
        email = population.email(person)
        digits = population.phone_digits(person)
        email = _typed_email(rng, email, org.email_noise) if email else None
        phone = format_phone(digits, org.phone_style) if digits else None
        if org.identity == "person_id" and rng.random() < 0.03:
            email = phone = None  # signed a sheet with a name only: a local identity
        postal = ALL_POSTAL_CODES[population.postal[person]]
        if rng.random() < 0.02:
            postal += f"-{rng.randrange(1000, 10000)}"  # ZIP+4
        contacts.person_id.append(person_id)
        contacts.email.append(email)
        contacts.phone.append(phone)
        table.append(
            person_id=person_id,
            email=email,
            phone=phone,
            first_name=FIRST_NAMES[population.first[person]],
            last_name=LAST_NAMES[population.last[person]],
            postal_code=postal,
            language=LANGUAGES[population.language[person]],
            joined_on=roster.joined[position],
        )
    return table, contacts


def _typed_email(rng: random.Random, email: str, noise: float) -> str:
    """Emails as people type them: case and stray spaces vary (the ingest trims/lowers)."""
    if rng.random() >= noise:
        return email
    return rng.choice((email.capitalize(), email.title(), email.upper(), email + " ", " " + email))
