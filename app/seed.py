"""Demo data: the real catalogue from app/data/catalogue, with synthetic gaps.

Every value not found in the source is invented here and its field name is kept
in `synthetic_fields` (groups and sessions are synthetic as a whole). Group
dates are placed relative to the day the data is loaded, so the demo always
has groups open for registration.
"""

import csv
import hashlib
import math
import random
from datetime import date, time, timedelta
from pathlib import Path

from flask import current_app

from app.extensions import db
from app.models import Category, Group, GroupSession, Programme, Provider
from app.models.catalogue import main_city
from app.services.calendar import working_calendar
from app.timeutil import local_today

CATEGORIES = [
    ("skaitmenine", "Skaitmeninė"),
    ("rastingumo", "Raštingumo"),
    ("daugiakalbystes", "Daugiakalbystės"),
    (
        "matematine-ir-gamtos-mokslu",
        "Matematinė ir gamtos mokslų, technologijų, inžinerijos",
    ),
    ("asmenine-socialine", "Asmeninė, socialinė ir mokymosi mokytis"),
    ("pilietiskumo", "Pilietiškumo"),
    ("verslumo", "Verslumo"),
    ("kulturinio-samoningumo", "Kultūrinio sąmoningumo ir raiškos"),
]
CITIES = ["Vilnius", "Kaunas", "Klaipėda", "Šiauliai", "Panevėžys", "Alytus", "Utena"]
STREETS = ["Gedimino pr.", "Laisvės al.", "Taikos pr.", "Vilniaus g.", "Tilžės g."]
ACADEMIC_HOURS_PER_SESSION = 4
REMOTE_ADDRESS = "prisijungimo nuoroda siunčiama el. paštu"


def seed_demo(today: date | None = None) -> str:
    """Load categories, providers, programmes and synthetic groups; return a summary."""
    today = today or local_today()
    directory = Path(current_app.config["CATALOGUE_DIR"])

    categories = _seed_categories()
    providers = _seed_providers(directory / "providers.csv")
    programmes = _seed_programmes(directory / "programmes.csv", categories, providers)
    groups = sum(_seed_groups(programme, today) for programme in programmes)
    db.session.flush()
    return (
        f"Loaded {len(categories)} categories, {len(providers)} providers, "
        f"{len(programmes)} programmes and {groups} synthetic groups."
    )


def _rng(*parts: object) -> random.Random:
    """A random generator seeded by the row, so the demo data is reproducible."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _seed_categories() -> dict[str, Category]:
    categories = {}
    for position, (slug, name) in enumerate(CATEGORIES):
        category = Category(slug=slug, name=name, position=position)
        db.session.add(category)
        categories[name] = category
    return categories


def _seed_providers(path: Path) -> dict[str, Provider]:
    providers = {}
    for row in _read(path):
        rng = _rng("provider", row["name"])
        synthetic = ["email", "phone", "address", "description"]
        city = row["city"]
        if not city:
            city = rng.choice(CITIES)
            synthetic.append("city")
        domain = row["website"] or "example.lt"
        provider = Provider(
            name=row["name"],
            legal_form=row["legal_form"],
            kind=row["type"],
            city=city,
            website=row["website"],
            email=f"info@{domain}",
            phone=f"+3705{rng.randrange(2000000, 2999999)}",
            address=f"{rng.choice(STREETS)} {rng.randrange(1, 80)}, {city}",
            description=_provider_description(row, city),
            source_url=row["source_url"],
            note=row["note"],
            synthetic_fields=synthetic,
        )
        db.session.add(provider)
        providers[row["name"]] = provider
    return providers


def _provider_description(row: dict[str, str], city: str) -> str:
    """Describe a provider in sentences that need no declension of its name."""
    kind = row["type"] or "mokymo teikėjas"
    text = f"Teikėjo tipas: {kind}. Veiklos vieta: {city}."
    note = row["note"].strip().rstrip(".")
    if note:
        text += f" {note[0].upper()}{note[1:]}."
    return text


def _seed_programmes(
    path: Path, categories: dict[str, Category], providers: dict[str, Provider]
) -> list[Programme]:
    programmes = []
    for index, row in enumerate(_read(path)):
        rng = _rng("programme", index, row["title"])
        synthetic = ["competences", "content", "requirements", "special_needs"]
        provider = providers[row["provider"]]

        hours = int(row["hours"]) if row["hours"] else None
        if hours is None:
            hours = rng.choice([8, 16, 24, 32, 40, 60, 80])
            synthetic.append("hours")
        price_cents = round(float(row["price_eur"]) * 100) if row["price_eur"] else None
        if price_cents is None:
            price_cents = min(rng.choice([6, 7, 8, 9, 10]) * hours, 500) * 100
            synthetic.append("price_cents")
        mode = row["mode"]
        if not mode:
            mode = rng.choice(["kontaktinis", "kontaktinis", "nuotolinis", "mišrus"])
            synthetic.append("mode")
        language = row["language"]
        if not language:
            language = "lietuvių"
            synthetic.append("language")
        city = row["city"]
        if not city:
            city = provider.city
            synthetic.append("city")
        min_education = rng.choice(["", "", "", "profesinis", "aukštasis koleginis"])
        synthetic.append("min_education")

        programme = Programme(
            provider=provider,
            category=categories[row["topic_area"]],
            title=row["title"],
            title_basis=row["title_basis"],
            annotation=row["description"],
            competences=_competences(row["title"]),
            content=_content(row["title"], hours),
            hours=hours,
            hours_type=row["hours_type"] or "akademinės",
            duration_note=row["duration_note"],
            min_education=min_education,
            requirements=_requirements(min_education),
            mode=mode,
            city=city,
            language=language,
            special_needs=sorted(
                rng.sample(["mobility", "hearing", "vision"], rng.randrange(0, 3))
            ),
            price_cents=price_cents,
            price_note=row["price_note"],
            source_url=row["source_url"],
            source_date=row["source_date"],
            synthetic_fields=synthetic,
        )
        db.session.add(programme)
        programmes.append(programme)
    db.session.flush()
    return programmes


def _competences(title: str) -> str:
    return (
        f"Įgyjamos ir tobulinamos kompetencijos, reikalingos temai „{title}“: "
        "žinios, praktiniai įgūdžiai ir gebėjimas juos taikyti darbe."
    )


def _content(title: str, hours: int) -> str:
    return (
        f"1. Įvadas į temą „{title}“.\n2. Pagrindinės sąvokos ir metodai.\n"
        f"3. Praktinės užduotys.\n4. Baigiamasis vertinimas. Iš viso {hours} ak. val."
    )


# Education levels in the accusative case, as "turėti ne žemesnį kaip …" needs.
EDUCATION_ACCUSATIVE = {
    "profesinis": "profesinį",
    "aukštasis koleginis": "aukštąjį koleginį",
    "aukštasis universitetinis": "aukštąjį universitetinį",
}


def _requirements(min_education: str) -> str:
    if not min_education:
        return "Specialių reikalavimų dalyviui nėra."
    level = EDUCATION_ACCUSATIVE[min_education]
    return f"Dalyvis turi turėti ne žemesnį kaip {level} išsilavinimą."


def _seed_groups(programme: Programme, today: date) -> int:
    rng = _rng("groups", programme.id, programme.title)
    count = rng.choice([1, 2, 2, 3])
    for number in range(1, count + 1):
        start = _next_monday(today + timedelta(weeks=rng.randrange(2, 10)))
        city, address = _group_place(programme, rng)
        group = Group(
            programme=programme,
            code=f"G{programme.id:04d}-{number}",
            start_date=start,
            end_date=start,
            registration_deadline=start,
            mode=programme.mode,
            city=city,
            address=address,
            language=programme.language,
            capacity=rng.choice([8, 12, 15, 20, 25]),
            price_cents=programme.price_cents,
            synthetic=True,
        )
        db.session.add(group)
        _seed_sessions(group, programme.hours or 8, rng)
        group.start_date = group.sessions[0].day
        group.end_date = group.sessions[-1].day
        group.registration_deadline = group.start_date - timedelta(days=3)
    return count


def _group_place(programme: Programme, rng: random.Random) -> tuple[str, str]:
    """Return one coherent (city, street address) for a group.

    The provider's own street is used only in the provider's own city; a group
    elsewhere gets a street of its own, so the city and the address agree.
    """
    if programme.mode == "nuotolinis":
        return "", REMOTE_ADDRESS

    city = main_city(programme.city or programme.provider.city)
    provider_street, _, provider_city = programme.provider.address.rpartition(", ")
    if provider_street and provider_city == city:
        return city, provider_street
    return city, f"{rng.choice(STREETS)} {rng.randrange(1, 80)}"


def _seed_sessions(group: Group, hours: int, rng: random.Random) -> None:
    """Schedule a group's sessions on its weekdays, skipping public holidays."""
    count = min(math.ceil(hours / ACADEMIC_HOURS_PER_SESSION), 100)
    weekdays = [0, 2] if hours <= 40 else [0, 2, 4] if hours <= 120 else [0, 1, 2, 3, 4]
    evening = group.mode != "kontaktinis" or rng.random() < 0.5
    starts, ends = (time(18, 0), time(21, 0)) if evening else (time(9, 0), time(12, 0))
    place = "Nuotoliu" if group.mode == "nuotolinis" else group.place_label

    day = group.start_date
    for number in range(1, count + 1):
        while day.weekday() not in weekdays or not working_calendar.is_working_day(day):
            day += timedelta(days=1)
        group.sessions.append(
            GroupSession(
                day=day,
                starts_at=starts,
                ends_at=ends,
                topic=f"{number} užsiėmimas",
                place=place,
            )
        )
        day += timedelta(days=1)


def _next_monday(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)
