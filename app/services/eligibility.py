"""Basket eligibility: every criterion with whether it is met and why."""

from dataclasses import dataclass
from datetime import date

from app.integrations.registers import Diploma, RegisterSnapshot
from app.services.basket import BasketBalance

MIN_AGE = 18
MAX_AGE = 65


@dataclass(frozen=True)
class Criterion:
    key: str
    title: str
    met: bool
    reason: str


def age_on(birth_date: date, day: date) -> int:
    """Return a person's age in full years on a given day."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def basket_criteria(
    snapshot: RegisterSnapshot, balance: BasketBalance, group_start: date
) -> list[Criterion]:
    """Evaluate every basket criterion for a person and a group start date."""
    person = snapshot.person
    age = age_on(person.birth_date, group_start)
    qualifying = [d for d in snapshot.diplomas if d.qualifies_for_basket]

    return [
        Criterion(
            "age",
            "Amžius nuo 18 iki 65 metų",
            MIN_AGE <= age <= MAX_AGE,
            f"Grupės pradžios dieną ({group_start:%Y-%m-%d}) Jums bus {age} m.",
        ),
        Criterion(
            "residence",
            "Lietuvos pilietybė arba teisė gyventi Lietuvoje",
            person.lithuanian_citizen or person.residence_permit,
            _residence_reason(person.lithuanian_citizen, person.residence_permit),
        ),
        Criterion(
            "employment",
            "Užimtumas (darbo sutartis, jai prilyginti santykiai "
            "ar savarankiška veikla)",
            snapshot.employment.employed,
            "SoDros duomenimis esate užimtas asmuo."
            if snapshot.employment.employed
            else "SoDra neturi duomenų apie Jūsų užimtumą.",
        ),
        Criterion(
            "qualification",
            "Profesinė kvalifikacija arba aukštasis išsilavinimas",
            bool(qualifying),
            _qualification_reason(qualifying),
        ),
        Criterion(
            "basket",
            "Nepanaudotas IMP krepšelio likutis",
            balance.remaining_cents > 0,
            f"Krepšelio likutis: {balance.remaining_cents / 100:.2f} Eur.".replace(
                ".", ",", 1
            ),
        ),
    ]


def _residence_reason(citizen: bool, permit: bool) -> str:
    if citizen:
        return "Gyventojų registro duomenimis esate Lietuvos pilietis."
    if permit:
        return "Gyventojų registro duomenimis turite leidimą gyventi Lietuvoje."
    return "Gyventojų registre nėra duomenų apie teisę gyventi Lietuvoje."


def _qualification_reason(qualifying: list[Diploma]) -> str:
    if qualifying:
        return f"DAKPR duomenimis: {qualifying[0].qualification}."
    return "DAKPR neturi duomenų apie kvalifikaciją; brandos atestato nepakanka."
