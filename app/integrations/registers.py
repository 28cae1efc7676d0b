"""Interfaces of the state registers, the records they return, and the adapters
that call them with a time limit."""

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol, TypeVar

logger = logging.getLogger(__name__)

POPULATION = "population"
SODRA = "sodra"
DAKPR = "dakpr"
REGISTER_NAMES = (POPULATION, SODRA, DAKPR)
REGISTER_TITLES = {
    POPULATION: "Gyventojų registras",
    SODRA: "SoDra",
    DAKPR: "Diplomų, atestatų ir kvalifikacijos pažymėjimų registras (DAKPR)",
}

# Calls that outlive their time limit finish here in the background; a few
# threads are enough because a slow register is the exception.
_executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="register")
T = TypeVar("T")


class RegisterUnavailable(Exception):
    """A register did not answer in time or answered with an error."""

    def __init__(self, register: str, why: str) -> None:
        super().__init__(f"{register}: {why}")
        self.register = register


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
    """What the registers say about a person; a part is None when it is unknown.

    `stale` names the registers that did not answer, with the time of the last
    known data used in their place.
    """

    person: PersonRecord | None
    employment: EmploymentRecord | None
    diplomas: list[Diploma] | None = field(default_factory=list)
    stale: dict[str, datetime | None] = field(default_factory=dict)


class PopulationRegister(Protocol):
    def find_person(self, personal_code: str) -> PersonRecord | None: ...


class EmploymentRegister(Protocol):
    def employment(self, personal_code: str) -> EmploymentRecord: ...


class DiplomaRegister(Protocol):
    def diplomas(self, personal_code: str) -> list[Diploma]: ...


@dataclass
class Registers:
    """The three registers, each call bounded by a time limit."""

    population: PopulationRegister
    employment: EmploymentRegister
    diplomas: DiplomaRegister
    timeout_seconds: float = 5.0

    def find_person(self, personal_code: str) -> PersonRecord | None:
        return self._call(POPULATION, self.population.find_person, personal_code)

    def find_employment(self, personal_code: str) -> EmploymentRecord:
        return self._call(SODRA, self.employment.employment, personal_code)

    def find_diplomas(self, personal_code: str) -> list[Diploma]:
        return self._call(DAKPR, self.diplomas.diplomas, personal_code)

    def _call(self, register: str, method: Callable[[str], T], code: str) -> T:
        """Run one register call; raise RegisterUnavailable when it fails or is late."""
        future = _executor.submit(method, code)
        try:
            return future.result(timeout=self.timeout_seconds)
        except FutureTimeout:
            logger.warning("Register %s did not answer in time", register)
            raise RegisterUnavailable(register, "timeout") from None
        except RegisterUnavailable:
            logger.warning("Register %s is unavailable", register)
            raise
        except Exception as error:
            logger.exception("Register %s failed", register)
            raise RegisterUnavailable(register, type(error).__name__) from error
