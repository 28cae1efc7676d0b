"""Accounts: a person known from the gateway and the Population register."""

import logging

from app.extensions import db
from app.integrations import registers
from app.models import Consent, User
from app.services import DomainError
from app.services.audit import record_audit
from app.timeutil import utcnow

logger = logging.getLogger(__name__)


def log_in_from_gateway(personal_code: str, rules_version: str) -> User:
    """Find or create the learner for an identified person and record the consent."""
    person = registers().population.find_person(personal_code)
    if person is None:
        raise DomainError(
            "Gyventojų registre nerasta Jūsų duomenų. Kreipkitės į agentūrą."
        )

    user = db.session.scalar(db.select(User).where(User.personal_code == personal_code))
    if user is None:
        user = User(personal_code=personal_code)
        db.session.add(user)

    user.first_name = person.first_name
    user.last_name = person.last_name
    user.birth_date = person.birth_date
    user.citizenship = person.citizenship
    user.registers_synced_at = user.last_login_at = utcnow()
    db.session.add(Consent(user=user, rules_version=rules_version))
    db.session.flush()

    record_audit(user, "user.logged_in", user, rules_version=rules_version)
    logger.info("User %s logged in", user.id)
    return user
