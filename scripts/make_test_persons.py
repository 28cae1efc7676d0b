"""Write app/data/test_persons.json: simulated register records of test persons.

Run once when the set of cases changes; the personal codes get the first digit
that the person's sex and birth century call for, and valid check digits.
"""

import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.services.personal_code import first_digit, make_code
from app.text import fold

HIGHER = {
    "level": "aukštasis universitetinis",
    "institution": "Vilniaus universitetas",
    "qualification": "Ekonomikos bakalauras",
    "year": 2012,
}
COLLEGE = {
    "level": "aukštasis koleginis",
    "institution": "Kauno kolegija",
    "qualification": "Buhalterinės apskaitos profesinis bakalauras",
    "year": 2015,
}
VOCATIONAL = {
    "level": "profesinis",
    "institution": "Rokiškio profesinio mokymo centras",
    "qualification": "Virėjas",
    "year": 1995,
}
SCHOOL = {
    "level": "vidurinis",
    "institution": "Šiaulių Didždvario gimnazija",
    "qualification": "Brandos atestatas",
    "year": 2019,
}

FEMALE, MALE = "F", "M"

CASES = [
    # sex, birth date, first name, last name, employment, diplomas, extra, case
    (
        FEMALE,
        date(1988, 3, 14),
        "Ona",
        "Petraitienė",
        "darbo sutartis",
        [HIGHER],
        {},
        "Tinka krepšeliui: pilietė, dirba, aukštasis išsilavinimas",
    ),
    (
        MALE,
        date(1974, 11, 2),
        "Jonas",
        "Kazlauskas",
        "darbo sutartis",
        [VOCATIONAL],
        {},
        "Tinka krepšeliui: profesinė kvalifikacija",
    ),
    (
        MALE,
        date(1992, 6, 30),
        "Žydrūnas",
        "Šimkūnas",
        "individuali veikla",
        [COLLEGE],
        {},
        "Tinka krepšeliui: savarankiškai dirbantis",
    ),
    (
        FEMALE,
        date(1961, 1, 20),
        "Elena",
        "Jankauskienė",
        "darbo sutartis",
        [HIGHER],
        {},
        "Sukanka 66 m. 2027-01-20: krepšelis tik grupėms, "
        "prasidedančioms iki tos dienos",
    ),
    (
        MALE,
        date(1955, 8, 9),
        "Vytautas",
        "Stankevičius",
        "darbo sutartis",
        [HIGHER],
        {},
        "Netinka: vyresnis nei 65 m.",
    ),
    (
        FEMALE,
        date(2009, 9, 1),
        "Gabija",
        "Vaitkutė",
        "",
        [],
        {},
        "Netinka: jaunesnė nei 18 m.",
    ),
    (
        FEMALE,
        date(1983, 4, 5),
        "Rūta",
        "Paulauskienė",
        "",
        [HIGHER],
        {},
        "Netinka: SoDra neturi užimtumo duomenų",
    ),
    (
        MALE,
        date(2000, 12, 12),
        "Mantas",
        "Urbonas",
        "darbo sutartis",
        [SCHOOL],
        {},
        "Netinka: tik brandos atestatas",
    ),
    (
        FEMALE,
        date(1979, 2, 28),
        "Olena",
        "Kovalenko",
        "darbo sutartis",
        [HIGHER],
        {
            "citizenship": "Ukraina",
            "lithuanian_citizen": False,
            "residence_permit": True,
        },
        "Tinka krepšeliui: užsienietė su leidimu gyventi",
    ),
    (
        MALE,
        date(1990, 7, 7),
        "John",
        "Smith",
        "darbo sutartis",
        [HIGHER],
        {
            "citizenship": "Jungtinė Karalystė",
            "lithuanian_citizen": False,
            "residence_permit": False,
        },
        "Netinka: užsienietis be leidimo gyventi",
    ),
    (
        MALE,
        date(1985, 10, 10),
        "Darius",
        "Žukauskas",
        "darbo sutartis",
        [],
        {},
        "Netinka: DAKPR neturi diplomų",
    ),
    (
        FEMALE,
        date(1970, 5, 1),
        "Aušra",
        "Čepaitė-Balčiūnienė",
        "darbo sutartis",
        [VOCATIONAL, HIGHER],
        {},
        "Tinka krepšeliui: keli diplomai, ilga pavardė",
    ),
    (
        FEMALE,
        date(1980, 9, 15),
        "Agnė",
        "Administratorė",
        "darbo sutartis",
        [HIGHER],
        {"role": "admin"},
        "Agentūros administratorė: peržiūri įkeltus dokumentus",
    ),
]


def main() -> None:
    persons = []
    for serial, (sex, born, first, last, job, diplomas, extra, case) in enumerate(
        CASES, start=1
    ):
        ascii_slug = fold(f"{first}.{last}")
        digit = first_digit(sex == FEMALE, born)
        person = {
            "personal_code": make_code(digit, born, 100 + serial),
            "first_name": first,
            "last_name": last,
            "citizenship": "Lietuvos Respublika",
            "lithuanian_citizen": True,
            "residence_permit": False,
            "employment": {"employed": bool(job), "kind": job},
            "diplomas": diplomas,
            "email": f"{ascii_slug}@example.lt",
            "case": case,
        }
        person.update(extra)
        persons.append(person)

    target = Path(__file__).resolve().parent.parent / "app/data/test_persons.json"
    document = {
        "note": "Simulated register records; every person is fictional.",
        "persons": persons,
    }
    target.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
