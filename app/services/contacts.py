"""The learner's contacts and the confirmation of their e-mail address."""

import hashlib
import hmac
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from flask import current_app

from app.extensions import db
from app.models import EmailConfirmation, User
from app.services import DomainError
from app.services.addresses import Place
from app.services.audit import record_audit
from app.services.mail import queue_email
from app.text import is_number
from app.timeutil import to_local

logger = logging.getLogger(__name__)

HOUSE_NUMBER = re.compile(
    r"^\d{1,4}[A-Za-zĄČĘĖĮŠŲŪŽąčęėįšųūž]?([/-]\d{1,4}[A-Za-z]?)?$"
)
FLAT_NUMBER = re.compile(r"^\d{1,4}[A-Za-zĄČĘĖĮŠŲŪŽąčęėįšųūž]?$")
PHONE_FORMAT = "Įveskite telefono numerį formatu +370xxxxxxxx, pvz., +37061234567."


class InvalidContact(DomainError):
    pass


class WrongCode(DomainError):
    pass


class ConfirmationLocked(DomainError):
    pass


@dataclass(frozen=True)
class Contacts:
    place: Place
    street: str
    house: str
    flat: str
    phone: str
    email: str


def normalise_phone(text: str) -> str:
    """Return a Lithuanian phone number as +370XXXXXXXX; raise InvalidContact."""
    cleaned = text.strip()
    if not cleaned:
        raise InvalidContact("Įveskite telefono numerį.")
    try:
        number = phonenumbers.parse(cleaned, "LT")
    except phonenumbers.NumberParseException:
        raise InvalidContact(PHONE_FORMAT) from None

    if number.country_code != 370:
        raise InvalidContact("Įveskite Lietuvos telefono numerį, kuris prasideda +370.")
    if not phonenumbers.is_valid_number(number):
        raise InvalidContact(
            "Toks Lietuvos telefono numeris neegzistuoja. " + PHONE_FORMAT
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(text: str) -> str:
    """Return a checked e-mail address; internationalised domains are welcome."""
    cleaned = text.strip()
    if not cleaned:
        raise InvalidContact("Įveskite el. pašto adresą.")
    try:
        result = validate_email(cleaned, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidContact(
            "Įveskite el. pašto adresą formatu vardas@domenas.lt."
        ) from None
    return result.normalized


def check_house_number(house: str) -> None:
    if not HOUSE_NUMBER.match(house.strip()):
        raise InvalidContact("Įveskite namo numerį, pvz., 12 arba 12A.")


def check_flat_number(flat: str) -> None:
    if flat.strip() and not FLAT_NUMBER.match(flat.strip()):
        raise InvalidContact("Įveskite buto numerį skaičiumi, pvz., 5.")


def save_contacts(learner: User, contacts: Contacts, now: datetime) -> str | None:
    """Keep the learner's contacts; a new or unconfirmed e-mail gets a code.

    Return why no code was sent when confirmation is locked, else None: the
    contacts are kept either way, so nothing the person typed is lost.
    """
    email_changed = contacts.email != learner.email
    learner.address_place_id = contacts.place.id
    learner.address_place = contacts.place.label
    learner.address_street = contacts.street or None
    learner.address_house = contacts.house
    learner.address_flat = contacts.flat or None
    learner.phone = contacts.phone
    learner.email = contacts.email
    if email_changed:
        learner.email_confirmed_at = None
    db.session.flush()

    record_audit(learner, "contacts.saved", learner, email_changed=email_changed)
    logger.info("Contacts of user %s saved", learner.id)
    if learner.email_confirmed:
        return None
    try:
        send_email_code(learner, now)
    except ConfirmationLocked as error:
        return str(error)
    return None


def pending_confirmation(learner: User) -> EmailConfirmation | None:
    """Return the learner's confirmation row if the e-mail still awaits its code."""
    if learner.email_confirmed or not learner.email:
        return None
    return db.session.scalar(
        db.select(EmailConfirmation).where(EmailConfirmation.user_id == learner.id)
    )


def send_email_code(learner: User, now: datetime) -> EmailConfirmation:
    """Make a new 6-digit code, keep only its hash and e-mail the code."""
    if learner.email_confirmed:
        raise DomainError("El. pašto adresas jau patvirtintas.")
    confirmation = db.session.scalar(
        db.select(EmailConfirmation).where(EmailConfirmation.user_id == learner.id)
    )
    if confirmation is None:
        confirmation = EmailConfirmation(user_id=learner.id, failed_attempts=0)
        db.session.add(confirmation)
    _check_lock(confirmation, now)

    config = current_app.config
    code = f"{secrets.randbelow(1_000_000):06d}"
    confirmation.email = learner.email
    confirmation.code_hash = _hash(learner, code)
    confirmation.sent_at = now
    confirmation.expires_at = now + timedelta(minutes=config["EMAIL_CODE_TTL_MINUTES"])
    confirmation.confirmed_at = None
    db.session.flush()

    queue_email(
        learner,
        "email_code",
        "Kursuok el. pašto patvirtinimo kodas",
        code=code,
        minutes=config["EMAIL_CODE_TTL_MINUTES"],
    )
    record_audit(learner, "email.code_sent", confirmation)
    logger.info("E-mail confirmation code sent to user %s", learner.id)
    return confirmation


def confirm_email(learner: User, code: str, now: datetime) -> EmailConfirmation:
    """Confirm the e-mail with its code, counting wrong codes and locking after
    too many.

    XXX: a wrong code raises after the attempt is flushed; the caller must commit
    before showing the message, or the attempt would not count.
    """
    confirmation = pending_confirmation(learner)
    if confirmation is None:
        raise DomainError(
            "Patvirtinti nėra ko: pirmiausia išsaugokite kontaktus, ir atsiųsime kodą."
        )
    _check_lock(confirmation, now)
    if now > confirmation.expires_at:
        raise WrongCode(
            "Kodo galiojimas baigėsi. Paspauskite „Siųsti kodą dar kartą“ ir "
            "įveskite naują kodą."
        )

    code = re.sub(r"\s", "", code or "")
    if not (is_number(code) and len(code) == 6) or not hmac.compare_digest(
        _hash(learner, code), confirmation.code_hash
    ):
        _count_failure(learner, confirmation, now)

    confirmation.confirmed_at = now
    confirmation.failed_attempts = 0
    learner.email_confirmed_at = now
    db.session.flush()

    record_audit(learner, "email.confirmed", confirmation)
    logger.info("E-mail of user %s confirmed", learner.id)
    return confirmation


def _count_failure(learner: User, confirmation: EmailConfirmation, now: datetime):
    config = current_app.config
    confirmation.failed_attempts += 1
    left = config["EMAIL_CODE_MAX_ATTEMPTS"] - confirmation.failed_attempts
    if left < 0:
        confirmation.locked_until = now + timedelta(
            minutes=config["EMAIL_CODE_LOCK_MINUTES"]
        )
    db.session.flush()

    record_audit(learner, "email.code_wrong", confirmation, attempt=left)
    if left < 0:
        logger.info("E-mail confirmation of user %s locked", learner.id)
        raise ConfirmationLocked(_locked_message(confirmation.locked_until))
    raise WrongCode(
        f"Neteisingas kodas. Patikrinkite el. laišką; liko bandymų: {left}."
    )


def _check_lock(confirmation: EmailConfirmation, now: datetime) -> None:
    if confirmation.locked_until is None:
        return
    if confirmation.locked_until > now:
        raise ConfirmationLocked(_locked_message(confirmation.locked_until))
    confirmation.locked_until = None
    confirmation.failed_attempts = 0


def _locked_message(until: datetime) -> str:
    local = to_local(until)
    return (
        "Per daug kartų įvestas neteisingas kodas. Patvirtinti el. paštą galėsite "
        f"nuo {local:%Y-%m-%d %H:%M} (Lietuvos laiku)."
    )


def _hash(learner: User, code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    message = f"email-code:{learner.id}:{code}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
