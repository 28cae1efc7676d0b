"""Basket eligibility: every criterion with whether it is met and why.

Employment and qualification come from SoDra and DAKPR, or from a document the
learner uploaded: an approved one meets the criterion, one still under review
leaves it waiting.
"""

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.integrations.registers import Diploma, RegisterSnapshot
from app.models.profile import (
    QUALIFICATION_KINDS,
    Document,
    DocumentStatus,
    DocumentTopic,
)
from app.services.basket import BasketBalance

MIN_AGE = 18
MAX_AGE = 65
UNKNOWN = "Registras šiuo metu neatsako, o ankstesnių duomenų neturime."


class CriterionStatus(enum.StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    PENDING = "pending"


CRITERION_STATUS_LABELS = {
    CriterionStatus.MET: "Atitinka",
    CriterionStatus.NOT_MET: "Neatitinka",
    CriterionStatus.PENDING: "Laukiama dokumentų peržiūros",
}


@dataclass(frozen=True)
class Criterion:
    key: str
    title: str
    status: CriterionStatus
    reason: str

    @property
    def met(self) -> bool:
        return self.status == CriterionStatus.MET

    @property
    def status_label(self) -> str:
        return CRITERION_STATUS_LABELS[self.status]


def age_on(birth_date: date, day: date) -> int:
    """Return a person's age in full years on a given day."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def basket_criteria(
    snapshot: RegisterSnapshot,
    balance: BasketBalance,
    group_start: date,
    documents: Sequence[Document] = (),
    *,
    group_known: bool = True,
) -> list[Criterion]:
    """Evaluate every basket criterion for a person and a group start date.

    Without a group (the "Finansavimas" card) pass today and group_known=False:
    the age is then told as of today, reminding that the group start decides.
    """
    return [
        _age(snapshot, group_start, group_known),
        _residence(snapshot),
        _employment(snapshot, documents),
        _qualification(snapshot, documents),
        Criterion(
            "basket",
            "Nepanaudotas IMP krepšelio likutis",
            _status(balance.remaining_cents > 0),
            f"Krepšelio likutis: {balance.remaining_cents / 100:.2f} Eur.".replace(
                ".", ",", 1
            ),
        ),
    ]


def _status(met: bool) -> CriterionStatus:
    return CriterionStatus.MET if met else CriterionStatus.NOT_MET


def _age(snapshot: RegisterSnapshot, day: date, group_known: bool) -> Criterion:
    title = "Amžius nuo 18 iki 65 metų"
    if snapshot.person is None:
        return Criterion("age", title, CriterionStatus.NOT_MET, UNKNOWN)
    age = age_on(snapshot.person.birth_date, day)
    if group_known:
        reason = f"Grupės pradžios dieną ({day:%Y-%m-%d}) Jums bus {age} m."
    else:
        reason = (
            f"Šiandien Jums {age} m.; amžius tikrinamas pasirinktos grupės "
            "pradžios dieną."
        )
    return Criterion("age", title, _status(MIN_AGE <= age <= MAX_AGE), reason)


def _residence(snapshot: RegisterSnapshot) -> Criterion:
    title = "Lietuvos pilietybė arba teisė gyventi Lietuvoje"
    person = snapshot.person
    if person is None:
        return Criterion("residence", title, CriterionStatus.NOT_MET, UNKNOWN)
    if person.lithuanian_citizen:
        reason = "Gyventojų registro duomenimis esate Lietuvos pilietis."
    elif person.residence_permit:
        reason = "Gyventojų registro duomenimis turite leidimą gyventi Lietuvoje."
    else:
        reason = "Gyventojų registre nėra duomenų apie teisę gyventi Lietuvoje."
    return Criterion(
        "residence",
        title,
        _status(person.lithuanian_citizen or person.residence_permit),
        reason,
    )


def _employment(snapshot: RegisterSnapshot, documents: Sequence[Document]) -> Criterion:
    title = (
        "Užimtumas (darbo sutartis, jai prilyginti santykiai ar savarankiška veikla)"
    )
    if snapshot.employment is not None and snapshot.employment.employed:
        return Criterion(
            "employment",
            title,
            CriterionStatus.MET,
            "SoDros duomenimis esate užimtas asmuo.",
        )

    papers = [d for d in documents if d.topic == DocumentTopic.EMPLOYMENT]
    register_says = (
        "SoDra neturi duomenų apie Jūsų užimtumą."
        if snapshot.employment is not None
        else "SoDra šiuo metu neatsako, o ankstesnių duomenų neturime."
    )
    return _by_documents("employment", title, papers, register_says, "užimtumą")


def _qualification(
    snapshot: RegisterSnapshot, documents: Sequence[Document]
) -> Criterion:
    title = "Profesinė kvalifikacija arba aukštasis išsilavinimas"
    diplomas = snapshot.diplomas or []
    qualifying: list[Diploma] = [d for d in diplomas if d.qualifies_for_basket]
    if qualifying:
        return Criterion(
            "qualification",
            title,
            CriterionStatus.MET,
            f"DAKPR duomenimis: {qualifying[0].qualification}.",
        )

    papers = [d for d in documents if d.kind in QUALIFICATION_KINDS]
    register_says = (
        "DAKPR neturi duomenų apie kvalifikaciją; brandos atestato nepakanka."
        if snapshot.diplomas is not None
        else "DAKPR šiuo metu neatsako, o ankstesnių duomenų neturime."
    )
    return _by_documents("qualification", title, papers, register_says, "kvalifikaciją")


def _by_documents(
    key: str, title: str, papers: list[Document], register_says: str, what: str
) -> Criterion:
    """Decide a criterion the register did not meet from the uploaded documents."""
    approved = [d for d in papers if d.status == DocumentStatus.APPROVED]
    if approved:
        return Criterion(
            key,
            title,
            CriterionStatus.MET,
            f"Patvirtintas Jūsų pateiktas dokumentas: {approved[0].kind_label}.",
        )

    waiting = [d for d in papers if d.status == DocumentStatus.SUBMITTED]
    if waiting:
        due = max(d.review_due for d in waiting)
        return Criterion(
            key,
            title,
            CriterionStatus.PENDING,
            f"{register_says} Jūsų pateiktas dokumentas bus peržiūrėtas "
            f"iki {due:%Y-%m-%d}.",
        )

    if papers:
        return Criterion(
            key,
            title,
            CriterionStatus.NOT_MET,
            f"{register_says} Jūsų dokumentas atmestas; įkelkite tinkamą "
            f"{what} patvirtinantį dokumentą.",
        )
    return Criterion(
        key,
        title,
        CriterionStatus.NOT_MET,
        f"{register_says} Įkelkite {what} patvirtinančio dokumento kopiją.",
    )
