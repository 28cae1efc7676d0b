"""The test persons file: checked at start, and every shipped person plausible."""

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from app import create_app
from app.config import DATA_DIR, TestingConfig
from app.integrations.simulator import InvalidTestPersons, load_test_persons
from app.services.personal_code import first_digit, make_code

SHIPPED = DATA_DIR / "test_persons.json"
TODAY = date.today()


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def write_persons(path: Path, code: str) -> Path:
    person = {"personal_code": code, "first_name": "Testas", "last_name": "Blogas"}
    path.write_text(json.dumps({"persons": [person]}), encoding="utf-8")
    return path


def config_with(path: Path) -> type:
    class Config(TestingConfig):
        TEST_PERSONS_PATH = str(path)

    return Config


def test_app_refuses_to_start_with_an_invalid_personal_code(tmp_path):
    path = write_persons(tmp_path / "persons.json", "48803141014")

    with pytest.raises(InvalidTestPersons, match="invalid personal code 4880314"):
        create_app(config_with(path))


def test_app_refuses_to_start_without_its_test_persons_file(tmp_path):
    with pytest.raises(InvalidTestPersons, match="TEST_PERSONS_PATH"):
        create_app(config_with(tmp_path / "missing.json"))


def test_app_refuses_a_person_with_a_missing_field(tmp_path):
    path = tmp_path / "persons.json"
    path.write_text('{"persons": [{"personal_code": "48803141013"}]}')

    with pytest.raises(InvalidTestPersons, match="person 1: missing field"):
        create_app(config_with(path))


def test_app_starts_with_a_valid_file(tmp_path):
    path = write_persons(tmp_path / "persons.json", make_code(5, date(2001, 2, 3), 7))

    app = create_app(config_with(path))

    assert len(app.extensions["kursuok.test_persons"].persons) == 1


@pytest.mark.parametrize(
    ("female", "born", "digit"),
    [
        (False, date(1899, 12, 31), 1),
        (True, date(1850, 1, 1), 2),
        (False, date(1950, 1, 1), 3),
        (True, date(1999, 12, 31), 4),
        (False, date(2000, 12, 12), 5),
        (True, date(2009, 9, 1), 6),
    ],
)
def test_first_digit_follows_sex_and_birth_century(female, born, digit):
    assert first_digit(female, born) == digit


def test_first_digit_refuses_births_outside_1800_to_2099():
    with pytest.raises(ValueError):
        first_digit(False, date(2100, 1, 1))


def shipped_persons():
    return list(load_test_persons(SHIPPED).values())


@pytest.mark.parametrize("person", shipped_persons(), ids=lambda p: p.last_name)
def test_shipped_person_has_a_plausible_age_and_sex(person):
    """The birth date in the code gives an age of 0–110 and the sex of the name."""
    assert 0 <= age_on(person.birth_date, TODAY) <= 110

    female = person.first_name.endswith(("a", "ė"))
    assert int(person.personal_code[0]) % 2 == (0 if female else 1)


@pytest.mark.parametrize("person", shipped_persons(), ids=lambda p: p.last_name)
def test_shipped_person_age_matches_the_case(person):
    """What the case says about age holds for the birth date in the code."""
    age = age_on(person.birth_date, TODAY)
    turns = re.search(r"Sukanka (\d+) m\. (\d{4}-\d{2}-\d{2})", person.case)

    if "vyresn" in person.case:
        assert age > 65
    elif "jaunesn" in person.case:
        assert age < 18
    elif turns:
        day = date.fromisoformat(turns.group(2))
        assert age_on(person.birth_date, day) == int(turns.group(1))
        assert age_on(person.birth_date, day - timedelta(days=1)) < int(turns.group(1))
    else:
        assert 18 <= age <= 65, person.case
