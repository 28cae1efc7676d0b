"""Simulators of VIISP and the registers, fed by a data file of test persons."""

import json
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.integrations.registers import (
    DAKPR,
    POPULATION,
    SODRA,
    Diploma,
    EmploymentRecord,
    PersonRecord,
    RegisterUnavailable,
)
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
    role: str = "learner"

    @property
    def birth_date(self) -> date:
        return personal_code.birth_date(self.personal_code)


class InvalidTestPersons(ValueError):
    """The test persons file cannot be read or has a bad entry."""


def load_test_persons(path: str | Path) -> dict[str, SimulatedPerson]:
    """Read and check the test persons file; raise InvalidTestPersons if bad."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        entries = raw["persons"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InvalidTestPersons(
            f"test persons file {path} cannot be read: {error!r}; fix it or point "
            "TEST_PERSONS_PATH at a valid file"
        ) from error

    persons = {}
    for number, entry in enumerate(entries, start=1):
        try:
            persons[entry["personal_code"]] = _test_person(entry)
        except KeyError as error:
            raise InvalidTestPersons(
                f"test persons file {path}, person {number}: missing field {error}"
            ) from error
        except (TypeError, ValueError) as error:
            raise InvalidTestPersons(
                f"test persons file {path}, person {number}: {error}"
            ) from error
    return persons


def _test_person(entry: dict) -> SimulatedPerson:
    code = entry["personal_code"]
    if not isinstance(code, str) or not personal_code.is_valid(code):
        raise ValueError(
            f"invalid personal code {personal_code.mask(str(code))}: it needs 11 "
            "digits, a known century digit, a real birth date and a valid check digit"
        )
    employment = entry.get("employment") or {}
    return SimulatedPerson(
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
        role=entry.get("role", "learner"),
    )


@dataclass(frozen=True)
class SimulatorBehaviour:
    """How the simulated registers misbehave: which fail, and how slow they are."""

    failing: frozenset[str] = frozenset()
    delay_seconds: float = 0.0


class SimulatedPersonDirectory:
    """One simulator object that plays the Population register, SoDra and DAKPR."""

    def __init__(
        self, path: str | Path, behaviour: SimulatorBehaviour | None = None
    ) -> None:
        self.path = path
        self.behaviour = behaviour or SimulatorBehaviour()
        self._persons: dict[str, SimulatedPerson] | None = None

    def behaving(self, behaviour: SimulatorBehaviour) -> "SimulatedPersonDirectory":
        """Return a view of the same persons that misbehaves as told."""
        view = SimulatedPersonDirectory(self.path, behaviour)
        view._persons = self.persons
        return view

    def _answer(self, register: str) -> None:
        if self.behaviour.delay_seconds:
            time.sleep(self.behaviour.delay_seconds)
        if register in self.behaviour.failing:
            raise RegisterUnavailable(register, "simulated failure")

    def role_of(self, code: str) -> str:
        """Return the role the simulated gateway grants a person (admin or learner)."""
        person = self.persons.get(code)
        return person.role if person else "learner"

    def load(self) -> None:
        """Read and check the file now; raise InvalidTestPersons if it is bad."""
        self._persons = load_test_persons(self.path)

    @property
    def persons(self) -> dict[str, SimulatedPerson]:
        if self._persons is None:
            self._persons = load_test_persons(self.path)
        return self._persons

    # Population register
    def find_person(self, code: str) -> PersonRecord | None:
        self._answer(POPULATION)
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
        self._answer(SODRA)
        person = self.persons.get(code)
        return person.employment if person else EmploymentRecord(employed=False)

    # DAKPR
    def diplomas(self, code: str) -> list[Diploma]:
        self._answer(DAKPR)
        person = self.persons.get(code)
        return list(person.diplomas) if person else []
