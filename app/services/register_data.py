"""What the state registers say about a learner, with the last known data kept.

Each register is asked on its own; an answer is stored as the learner's extract,
and a register that fails or is late is replaced by its stored extract, so the
learner sees the last known data with a notice instead of an error page.
"""

import logging
from dataclasses import asdict
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.integrations import registers
from app.integrations.registers import (
    DAKPR,
    POPULATION,
    REGISTER_TITLES,
    SODRA,
    Diploma,
    EmploymentRecord,
    PersonRecord,
    RegisterSnapshot,
    RegisterUnavailable,
)
from app.models import RegisterExtract, User
from app.timeutil import to_local, utcnow

logger = logging.getLogger(__name__)


def refresh_register_data(learner: User) -> RegisterSnapshot:
    """Ask the three registers about a learner; fall back to the last known data."""
    adapters = registers()
    code = learner.personal_code
    stale: dict[str, datetime | None] = {}

    person = _ask(learner, POPULATION, lambda: adapters.find_person(code), stale)
    employment = _ask(learner, SODRA, lambda: adapters.find_employment(code), stale)
    diplomas = _ask(learner, DAKPR, lambda: adapters.find_diplomas(code), stale)

    return RegisterSnapshot(
        person=_person_from(person),
        employment=EmploymentRecord(**employment) if employment is not None else None,
        diplomas=[Diploma(**d) for d in diplomas["items"]]
        if diplomas is not None
        else None,
        stale=stale,
    )


def store_person_extract(learner: User, person: PersonRecord) -> None:
    """Keep what the Population register said at login."""
    _store(learner, POPULATION, _person_data(person))


def register_notices(snapshot: RegisterSnapshot) -> list[str]:
    """Say, in Lithuanian, which registers did not answer and what is shown instead."""
    notices = []
    for register, synced_at in snapshot.stale.items():
        title = REGISTER_TITLES[register]
        if synced_at is None:
            notices.append(
                f"{title} šiuo metu neatsako, o ankstesnių duomenų neturime. "
                "Pabandykite vėliau."
            )
        else:
            local = to_local(synced_at).strftime("%Y-%m-%d %H:%M")
            notices.append(
                f"{title} šiuo metu neatsako. Rodome paskutinius žinomus duomenis "
                f"(gauti {local}); pabandykite atnaujinti vėliau."
            )
    return notices


def _ask(learner: User, register: str, call, stale: dict) -> dict | None:
    try:
        answer = call()
    except RegisterUnavailable:
        extract = _extracts(learner).get(register)
        stale[register] = extract.synced_at if extract else None
        return extract.data if extract else None

    if register == POPULATION:
        data = _person_data(answer) if answer else None
    elif register == SODRA:
        data = asdict(answer)
    else:
        data = {"items": [asdict(d) for d in answer]}
    if data is not None:
        _store(learner, register, data)
    return data


def _extracts(learner: User) -> dict[str, RegisterExtract]:
    rows = db.session.scalars(
        db.select(RegisterExtract).where(RegisterExtract.user_id == learner.id)
    ).all()
    return {row.register: row for row in rows}


def _store(learner: User, register: str, data: dict) -> None:
    extract = _extracts(learner).get(register)
    if extract is not None:
        if extract.data != data:
            extract.data = data
        extract.synced_at = utcnow()
        db.session.flush()
        return

    try:
        with db.session.begin_nested():
            db.session.add(
                RegisterExtract(user_id=learner.id, register=register, data=data)
            )
    except IntegrityError:
        # Two requests of one learner asked at the same moment; either answer will do.
        logger.debug("Register extract %s stored by a concurrent request", register)


def _person_data(person: PersonRecord) -> dict:
    data = asdict(person)
    data["birth_date"] = person.birth_date.isoformat()
    return data


def _person_from(data: dict | None) -> PersonRecord | None:
    if data is None:
        return None
    return PersonRecord(
        **{**data, "birth_date": date.fromisoformat(data["birth_date"])}
    )
