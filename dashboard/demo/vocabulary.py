"""The fictional names, places and contact formats every demo person and org is made of.

Names are Latin-1 characters only (one org's files are Latin-1 encoded); emails use only
example.org / example.com / example.net and phones only area code 555.
"""

from __future__ import annotations

import unicodedata

FIRST_NAMES = (
    "José", "María", "Ana", "Luis", "Carmen", "Jesús", "Sofía", "Mateo", "Lucía", "Diego",
    "Guadalupe", "Ángel", "Raúl", "Inés", "Ramón", "Linh", "Minh", "Huong", "Wei", "Mei",
    "Jun", "Ahmed", "Fatima", "Omar", "Amina", "Yusuf", "Hodan", "Abdi", "Jean", "Wesline",
    "Marie-Claire", "James", "Mary", "Michael", "Jennifer", "David", "Sarah", "Robert",
    "Linda", "Emily", "Daniel", "Aisha", "Jamal", "Keisha", "DeShawn", "Tyrone", "Jürgen",
    "Zoë", "François", "Björn", "Søren", "Chloé", "Noé", "Renée", "Agnès", "Priya", "Ravi",
    "Grace", "Samuel", "Rosa", "Tomás", "Olga", "Patrick", "Bridget", "Kwame", "Ngozi",
)  # fmt: skip
LAST_NAMES = (
    "García", "Hernández", "Müller", "Nguyen", "Smith", "Johnson", "Williams", "Brown",
    "Jones", "López", "Martínez", "Rodríguez", "Pérez", "Gómez", "Díaz", "Cruz", "Chen",
    "Wang", "Li", "Kim", "Park", "Tran", "Pham", "Ali", "Hassan", "Mohamed", "Ibrahim",
    "Jean-Baptiste", "Pierre", "O'Brien", "Murphy", "Kowalski", "Novak", "Schäfer", "Weiß",
    "Olsen", "Jørgensen", "Thompson", "Washington", "Jackson", "Robinson", "Lewis", "Walker",
    "Okafor", "Adeyemi", "Mensah", "Santos", "Silva", "Gonçalves", "Fernández", "Núñez",
    "Peña", "Ortiz", "Reyes", "Castillo", "Rossi", "Dubois", "Lefèvre", "Patel", "Shah",
)  # fmt: skip
EMAIL_DOMAINS = ("example.org", "example.com", "example.net")
LANGUAGES = ("en", "es", "zh", "vi", "ht", "so", "ar", "pt")
LANGUAGE_WEIGHTS = (62, 22, 4, 4, 2, 2, 2, 2)
# Boston-style ZIP codes: the leading zero is a trap for tools that guess numbers.
POSTAL_CODES = {
    "Eastside": ("02128", "02129", "02150"),
    "Westside": ("02134", "02135", "02163"),
    "Northgate": ("02143", "02144", "02145"),
    "Downtown": ("02108", "02109", "02111"),
    "Riverside South": ("02119", "02121", "02124", "02125"),
}
REGIONS = tuple(POSTAL_CODES)
ALL_POSTAL_CODES = tuple(code for codes in POSTAL_CODES.values() for code in codes)
# Where generated orgs (beyond the ten base orgs) are named after.
PLACES = (
    "Hillcrest", "Maple Park", "Harbor View", "Cedar Heights", "Mill Valley", "Lincoln Square",
    "Oak Grove", "Brookside", "Fairmount", "Union Point", "Kingsley", "Elm Terrace",
    "Ashmont", "Bayside", "Clover Hill", "Dorchester Bay", "Fort Hill", "Granite Falls",
    "Highland", "Ironbound", "Jasper Court", "Lakeview", "Mission Hill", "Northbridge",
)  # fmt: skip

PHONE_STYLES = ("paren", "dots", "intl", "dash", "plain")


def format_phone(digits: str, style: str) -> str:
    """`digits` is 10 digits (area code 555)."""
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    if style == "paren":
        return f"({area}) {exchange}-{line}"
    if style == "dots":
        return f"{area}.{exchange}.{line}"
    if style == "intl":
        return f"+1 {area} {exchange} {line}"
    if style == "plain":
        return digits
    return f"{area}-{exchange}-{line}"


def ascii_fold(text: str) -> str:
    """The text without accents, as in email addresses and org ids."""
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    folded = ascii_fold(text).lower().replace("&", " and ")
    return "-".join("".join(ch if ch.isalnum() else " " for ch in folded).split())
