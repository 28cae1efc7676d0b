"""Fill the benchmark database: 1,500 providers, 50,000 programmes, 150,000 groups.

Rows go in with COPY (no ORM); the folded search and sort columns are computed
with the same functions the model uses, so the app searches them as its own.
Run inside the app: `python bench/generate.py` with DATABASE_URL set.
"""

import json
import random
import uuid
from datetime import timedelta

from app import create_app
from app.extensions import db
from app.models.catalogue import REMOTE_LOCATION, main_city
from app.seed import CATEGORIES
from app.text import lithuanian_sort_key, search_document
from app.timeutil import local_today

PROVIDERS = 1_500
PROGRAMMES = 50_000
GROUPS_PER_PROGRAMME = 3
SUBJECTS = [
    "Anglų kalba",
    "Verslo anglų kalba",
    "Anglų kalbos gramatika",
    "Vokiečių kalba",
    "Prancūzų kalba",
    "Ispanų kalba",
    "Italų kalba",
    "Rusų kalba",
    "Lenkų kalba",
    "Lietuvių kalba užsieniečiams",
    "Švedų kalba",
    "Norvegų kalba",
    "Projektų valdymas",
    "Excel skaičiuoklė",
    "Duomenų analizė",
    "Python programavimas",
    "Java programavimas",
    "Interneto svetainių kūrimas",
    "UX/UI dizainas su Figma",
    "Skaitmeninė rinkodara",
    "Socialinių tinklų turinys",
    "Kibernetinis saugumas",
    "Buhalterinė apskaita",
    "Apskaita pagal VSAFAS",
    "Viešieji pirkimai",
    "Personalo valdymas",
    "Derybos",
    "Viešasis kalbėjimas",
    "Laiko planavimas",
    "Streso valdymas",
    "Emocinis intelektas",
    "Pirmoji pagalba",
    "Šaltųjų patiekalų gamyba",
    "Konditerija",
    "Barista įgūdžiai",
    "Floristika",
    "Fotografija",
    "Vaizdo montažas",
    "Grafinis dizainas",
    "Keramika",
    "Šokių terapija",
    "Žurnalistika",
    "Kūrybinis rašymas",
    "Finansinis raštingumas",
    "Verslo planas",
    "Elektroninė prekyba",
    "Logistika",
    "Statybos darbų vadovavimas",
    "Suvirinimas",
    "Elektros instaliacija",
    "Saulės elektrinės",
    "Dirbtinis intelektas",
]
LEVELS = [
    "pradedantiesiems",
    "pažengusiems",
    "A1 lygis",
    "A2 lygis",
    "B1 lygis",
    "B2 lygis",
    "C1 lygis",
    "intensyvūs kursai",
    "praktiniai užsiėmimai",
    "darbui biure",
    "vadovams",
    "savarankiškai besimokantiems",
]
PROVIDER_KINDS = [
    "Mokymo centras",
    "Žinių akademija",
    "Profesinio mokymo centras",
    "Kolegija",
    "Kompetencijų centras",
    "Švietimo centras",
    "Verslo mokykla",
    "Kalbų mokykla",
]
CITIES = [
    "Vilnius",
    "Kaunas",
    "Klaipėda",
    "Šiauliai",
    "Panevėžys",
    "Alytus",
    "Marijampolė",
    "Mažeikiai",
    "Jonava",
    "Utena",
    "Kėdainiai",
    "Telšiai",
    "Tauragė",
    "Ukmergė",
    "Visaginas",
    "Plungė",
    "Kretinga",
    "Šilutė",
    "Radviliškis",
    "Druskininkai",
    "Palanga",
    "Rokiškis",
    "Biržai",
    "Gargždai",
    "Kuršėnai",
    "Elektrėnai",
    "Jurbarkas",
    "Garliava",
    "Vilkaviškis",
    "Raseiniai",
    "Anykščiai",
    "Lentvaris",
    "Prienai",
    "Kelmė",
    "Varėna",
    "Kaišiadorys",
    "Pasvalys",
    "Kupiškis",
    "Zarasai",
    "Širvintos",
]
MODES = ["kontaktinis"] * 5 + ["nuotolinis"] * 3 + ["mišrus"] * 2
LANGUAGES = ["lietuvių"] * 14 + ["anglų"] * 3 + ["rusų"] * 2 + ["lenkų"]
EDUCATIONS = [
    "",
    "",
    "",
    "profesinis",
    "aukštasis koleginis",
    "aukštasis universitetinis",
]


def main() -> None:
    rng = random.Random(20261204)
    app = create_app()
    with app.app_context():
        connection = db.engine.raw_connection()
        try:
            with connection.cursor() as cursor:
                _fill(cursor, rng)
            connection.commit()
        finally:
            connection.close()


def _fill(cursor, rng: random.Random) -> None:
    today = local_today()
    cursor.execute(
        "TRUNCATE categories, providers, programmes, groups, group_sessions "
        "RESTART IDENTITY CASCADE"
    )
    with cursor.copy("COPY categories (id, slug, name, position) FROM STDIN") as copy:
        for position, (slug, name) in enumerate(CATEGORIES):
            copy.write_row((position + 1, slug, name, position))

    providers = []
    columns = (
        "id, name, legal_form, kind, city, website, email, phone, address, "
        "description, source_url, note, synthetic_fields"
    )
    with cursor.copy(f"COPY providers ({columns}) FROM STDIN") as copy:
        for number in range(1, PROVIDERS + 1):
            city = rng.choice(CITIES)
            name = f"{rng.choice(PROVIDER_KINDS)} {city} {number}"
            providers.append(name)
            copy.write_row(
                (
                    number,
                    name,
                    "UAB",
                    "mokymo teikėjas",
                    city,
                    "",
                    f"info{number}@example.lt",
                    f"+3705{2000000 + number}",
                    f"Gedimino pr. {number % 80 + 1}, {city}",
                    f"{name}: sintetinis mokymo teikėjas etalonui.",
                    "",
                    "",
                    "[]",
                )
            )

    columns = (
        "id, provider_id, category_id, title, title_search, title_sort, title_basis, "
        "annotation, competences, content, hours, hours_type, duration_note, "
        "min_education, requirements, mode, city, language, special_needs, "
        "price_cents, price_note, status, source_url, source_date, synthetic_fields, "
        "rating, keywords_search, location, adapted_mobility, adapted_hearing, "
        "adapted_vision"
    )
    groups = []
    with cursor.copy(f"COPY programmes ({columns}) FROM STDIN") as copy:
        for number in range(1, PROGRAMMES + 1):
            title = f"{rng.choice(SUBJECTS)} {rng.choice(LEVELS)}"
            provider_id = rng.randrange(1, PROVIDERS + 1)
            mode = rng.choice(MODES)
            city = rng.choice(CITIES)
            needs = sorted(
                rng.sample(["mobility", "hearing", "vision"], rng.randrange(0, 3))
            )
            hours = rng.choice([8, 16, 24, 32, 40, 60, 80, 108, 120, 160])
            price = min(rng.choice([5, 6, 8, 10, 12]) * hours, 1500) * 100
            published = rng.random() < 0.95
            for _ in range(GROUPS_PER_PROGRAMME):
                start = today + timedelta(days=rng.randrange(7, 150))
                is_open = rng.random() < 0.9
                groups.append((number, start, is_open, mode, city, price))
            copy.write_row(
                (
                    number,
                    provider_id,
                    rng.randrange(1, len(CATEGORIES) + 1),
                    title,
                    search_document(title),
                    lithuanian_sort_key(title),
                    "",
                    f"Sintetinė etalono programa „{title}“: {hours} ak. val. mokymai.",
                    "Sintetinės kompetencijos.",
                    "1. Įvadas.\n2. Praktika.",
                    hours,
                    "akademinės",
                    "",
                    rng.choice(EDUCATIONS),
                    "Specialių reikalavimų nėra.",
                    mode,
                    city,
                    rng.choice(LANGUAGES),
                    json.dumps(needs),
                    price,
                    "",
                    "published" if published else "draft",
                    "",
                    "",
                    "[]",
                    None,
                    search_document(f"{title} {providers[provider_id - 1]}")[:700],
                    REMOTE_LOCATION if mode == "nuotolinis" else main_city(city),
                    "mobility" in needs,
                    "hearing" in needs,
                    "vision" in needs,
                )
            )

    columns = (
        "id, programme_id, code, start_date, end_date, registration_deadline, "
        "mode, city, address, language, capacity, seats_taken, price_cents, "
        "status, synthetic"
    )
    with cursor.copy(f"COPY groups ({columns}) FROM STDIN") as copy:
        for number, (programme_id, start, is_open, mode, city, price) in enumerate(
            groups, start=1
        ):
            capacity = rng.choice([8, 12, 15, 20, 25])
            copy.write_row(
                (
                    number,
                    programme_id,
                    f"B{number:06d}",
                    start,
                    start + timedelta(days=30),
                    start - timedelta(days=3),
                    mode,
                    "" if mode == "nuotolinis" else city,
                    "Gedimino pr. 1",
                    "lietuvių",
                    capacity,
                    rng.randrange(0, capacity + 1),
                    price,
                    "open" if is_open else "closed",
                    True,
                )
            )

    columns = "group_id, day, starts_at, ends_at, topic, place"
    with cursor.copy(f"COPY group_sessions ({columns}) FROM STDIN") as copy:
        for number, (_, start, *_rest) in enumerate(groups, start=1):
            for session in range(2):
                day = start + timedelta(days=7 * session)
                copy.write_row(
                    (
                        number,
                        day,
                        "18:00",
                        "21:00",
                        f"{session + 1} užsiėmimas",
                        "Gedimino pr. 1",
                    )
                )

    for table in ("categories", "providers", "programmes", "groups", "group_sessions"):
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
            f"(SELECT max(id) FROM {table}))"
        )
    cursor.execute("UPDATE catalogue_versions SET token = %s", (uuid.uuid4().hex,))
    print(
        f"Generated {PROVIDERS} providers, {PROGRAMMES} programmes, "
        f"{len(groups)} groups, {2 * len(groups)} sessions."
    )


if __name__ == "__main__":
    main()
