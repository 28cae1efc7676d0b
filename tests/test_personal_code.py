"""Personal codes: check digit by the two-pass mod-11 rule and the birth date."""

import json
from datetime import date
from pathlib import Path

from app.services.personal_code import birth_date, check_digit, is_valid, make_code


def test_known_valid_code_passes():
    assert is_valid("33309240064")


def test_wrong_check_digit_is_rejected():
    assert not is_valid("33309240065")


def test_code_whose_first_pass_gives_ten_uses_second_pass():
    for serial in range(1000):
        first_ten = f"3850101{serial:03d}"
        digits = [int(c) for c in first_ten]
        first = sum(
            d * w for d, w in zip(digits, (1, 2, 3, 4, 5, 6, 7, 8, 9, 1), strict=True)
        )
        if first % 11 == 10:
            code = first_ten + str(check_digit(first_ten))
            assert is_valid(code)
            return
    raise AssertionError("no code with first remainder 10 found")


def test_malformed_codes_are_rejected():
    for code in [
        "",
        "3330924006",
        "333092400641",
        "3330924006a",
        "73309240064",
        "33313240064",
    ]:
        assert not is_valid(code)


def test_birth_date_comes_from_century_digit():
    assert birth_date("33309240064") == date(1933, 9, 24)
    assert birth_date(make_code(6, date(2005, 2, 1), 123)) == date(2005, 2, 1)


def test_every_shipped_test_person_has_a_valid_code():
    path = Path(__file__).parent.parent / "app/data/test_persons.json"
    persons = json.loads(path.read_text(encoding="utf-8"))["persons"]
    assert len(persons) >= 10
    assert all(is_valid(p["personal_code"]) for p in persons)
