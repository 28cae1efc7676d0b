"""Simulators of VIISP and the registers, fed by a data file of test persons."""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.integrations.registers import Diploma, EmploymentRecord, PersonRecord
from app.services import personal_code

IDENTIFICATION_METHODS = {
    "bank": "Elektroninė bankininkystė",
    "esignature": "Elektroninis parašas",
    "mobile": "Mobilusis elektroninis parašas",
    "smartid": "Smart-ID",
}


@dataclass(frozen=True)
class SimulatedPerson:
    personal_code: str
    first_name: str
    last_name: str
    citizenship: str
    lithuanian_citizen: bool
    residence_permit: bool
    employment: EmploymentRecord
    diplomas: list[Diploma]
    email: str
    case: str

    @property
    def birth_date(self) -> date:
        return personal_code.birth_date(self.personal_code)


def load_test_persons(path: str | Path) -> dict[str, SimulatedPerson]:
    """Read and check the test persons file; raise ValueError on a bad entry."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    persons = {}
    for entry in raw["persons"]:
        code = entry["personal_code"]
        if not personal_code.is_valid(code):
            raise ValueError(f"invalid personal code in test persons: {code[:7]}")
        employment = entry.get("employment") or {}
        persons[code] = SimulatedPerson(
            personal_code=code,
            first_name=entry["first_name"],
            last_name=entry["last_name"],
            citizenship=entry.get("citizenship", "Lietuvos Respublika"),
            lithuanian_citizen=entry.get("lithuanian_citizen", True),
            residence_permit=entry.get("residence_permit", False),
            employment=EmploymentRecord(
                employed=employment.get("employed", False),
                kind=employment.get("kind", ""),
            ),
            diplomas=[Diploma(**d) for d in entry.get("diplomas", [])],
            email=entry.get("email", ""),
            case=entry.get("case", ""),
        )
    return persons


class SimulatedPersonDirectory:
    """One simulator object that plays the Population register, SoDra and DAKPR."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self._persons: dict[str, SimulatedPerson] | None = None

    @property
    def persons(self) -> dict[str, SimulatedPerson]:
        if self._persons is None:
            self._persons = load_test_persons(self.path)
        return self._persons

    # Population register
    def find_person(self, code: str) -> PersonRecord | None:
        person = self.persons.get(code)
        if person is None:
            return None
        return PersonRecord(
            personal_code=code,
            first_name=person.first_name,
            last_name=person.last_name,
            birth_date=person.birth_date,
            citizenship=person.citizenship,
            lithuanian_citizen=person.lithuanian_citizen,
            residence_permit=person.residence_permit,
        )

    # SoDra
    def employment(self, code: str) -> EmploymentRecord:
        person = self.persons.get(code)
        return person.employment if person else EmploymentRecord(employed=False)

    # DAKPR
    def diplomas(self, code: str) -> list[Diploma]:
        person = self.persons.get(code)
        return list(person.diplomas) if person else []
