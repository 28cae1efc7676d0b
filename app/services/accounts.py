"""Accounts: a person known from the gateway and the Population register."""

import logging

from app.extensions import db
from app.integrations import registers, simulated_persons
from app.integrations.registers import RegisterUnavailable
from app.models import Consent, User
from app.services import DomainError
from app.services.audit import record_audit
from app.services.register_data import store_person_extract
from app.timeutil import utcnow

logger = logging.getLogger(__name__)


def log_in_from_gateway(personal_code: str, rules_version: str) -> User:
    """Find or create the learner for an identified person and record the consent.

    When the Population register does not answer, a person who has logged in before
    goes on with the data kept from then; a newcomer is asked to try later.
    """
    user = db.session.scalar(db.select(User).where(User.personal_code == personal_code))
    try:
        person = registers().find_person(personal_code)
    except RegisterUnavailable:
        if user is None:
            raise DomainError(
                "Gyventojų registras šiuo metu neatsako. Pabandykite prisijungti "
                "vėliau."
            ) from None
        person = None
    else:
        if person is None:
            raise DomainError(
                "Gyventojų registre nerasta Jūsų duomenų. Kreipkitės į agentūrą."
            )

    if user is None:
        user = User(personal_code=personal_code)
        db.session.add(user)
    if person is not None:
        user.first_name = person.first_name
        user.last_name = person.last_name
        user.birth_date = person.birth_date
        user.citizenship = person.citizenship
        user.registers_synced_at = utcnow()
    # XXX: roles come from the simulated gateway's data file until the agency's
    # own user administration exists.
    user.role = simulated_persons().role_of(personal_code)
    user.last_login_at = utcnow()
    db.session.add(Consent(user=user, rules_version=rules_version))
    db.session.flush()
    if person is not None:
        store_person_extract(user, person)

    record_audit(user, "user.logged_in", user, rules_version=rules_version)
    logger.info("User %s logged in", user.id)
    return user
