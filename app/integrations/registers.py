"""Interfaces of the state registers and the records they return."""

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


class RegisterUnavailable(Exception):
    """A register did not answer in time or answered with an error."""


@dataclass(frozen=True)
class PersonRecord:
    """What the Population register says about a person."""

    personal_code: str
    first_name: str
    last_name: str
    birth_date: date
    citizenship: str
    lithuanian_citizen: bool
    residence_permit: bool


@dataclass(frozen=True)
class EmploymentRecord:
    """What SoDra says about a person's employment."""

    employed: bool
    kind: str = ""


@dataclass(frozen=True)
class Diploma:
    """A record from the register of diplomas (DAKPR)."""

    level: str
    institution: str
    qualification: str
    year: int

    @property
    def qualifies_for_basket(self) -> bool:
        """A vocational qualification or higher education qualifies; school does not."""
        return self.level in {
            "profesinis",
            "aukštasis koleginis",
            "aukštasis universitetinis",
        }


@dataclass(frozen=True)
class RegisterSnapshot:
    person: PersonRecord
    employment: EmploymentRecord
    diplomas: list[Diploma] = field(default_factory=list)


class PopulationRegister(Protocol):
    def find_person(self, personal_code: str) -> PersonRecord | None: ...


class EmploymentRegister(Protocol):
    def employment(self, personal_code: str) -> EmploymentRecord: ...


class DiplomaRegister(Protocol):
    def diplomas(self, personal_code: str) -> list[Diploma]: ...


@dataclass
class Registers:
    population: PopulationRegister
    employment: EmploymentRegister
    diplomas: DiplomaRegister

    def snapshot(self, personal_code: str) -> RegisterSnapshot | None:
        """Read a person from all three registers; None if the person is unknown."""
        person = self.population.find_person(personal_code)
        if person is None:
            return None

        return RegisterSnapshot(
            person=person,
            employment=self.employment.employment(personal_code),
            diplomas=self.diplomas.diplomas(personal_code),
        )
