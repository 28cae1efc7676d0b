"""Lithuanian personal codes (asmens kodai): check digit and birth date."""

from datetime import date

from app.text import is_number

FIRST_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 1)
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 1, 2, 3)
CENTURY_BY_FIRST_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


def check_digit(first_ten: str) -> int:
    """Return the check digit for the first ten digits by the two-pass mod-11 rule."""
    digits = [int(c) for c in first_ten]

    remainder = sum(d * w for d, w in zip(digits, FIRST_WEIGHTS, strict=True)) % 11
    if remainder != 10:
        return remainder

    remainder = sum(d * w for d, w in zip(digits, SECOND_WEIGHTS, strict=True)) % 11
    return 0 if remainder == 10 else remainder


def birth_date(code: str) -> date:
    """Return the birth date encoded in a personal code; raise ValueError if none."""
    century = CENTURY_BY_FIRST_DIGIT.get(int(code[0]))
    if century is None:
        raise ValueError("unknown century digit")
    return date(century + int(code[1:3]), int(code[3:5]), int(code[5:7]))


def is_valid(code: str) -> bool:
    """Tell whether a string is a well-formed personal code with a valid check digit."""
    if len(code) != 11 or not is_number(code):
        return False

    try:
        birth_date(code)
    except ValueError:
        return False

    return check_digit(code[:10]) == int(code[10])


def first_digit(female: bool, born: date) -> int:
    """Return the first digit, which says the sex and the century of birth:
    1/2 for 1800-1899, 3/4 for 1900-1999, 5/6 for 2000-2099 (odd for men)."""
    centuries = {1800: 1, 1900: 3, 2000: 5}
    male_digit = centuries.get(born.year // 100 * 100)
    if male_digit is None:
        raise ValueError("personal codes cover births from 1800 to 2099")
    return male_digit + (1 if female else 0)


def make_code(sex_century_digit: int, born: date, serial: int) -> str:
    """Build a valid personal code; used to generate test persons."""
    first_ten = f"{sex_century_digit}{born:%y%m%d}{serial:03d}"
    return first_ten + str(check_digit(first_ten))


def mask(code: str) -> str:
    """Hide all but the birth-date part, where the full code is not needed."""
    return code[:7] + "****"
