"""Registering learners into groups and leaving them."""

import logging
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.integrations.registers import RegisterSnapshot
from app.models import Group, Registration, User
from app.models.registration import ACTIVE_STATUSES, Funding, RegistrationStatus
from app.services import DomainError
from app.services.audit import record_audit
from app.services.basket import (
    BasketBalance,
    basket_balance,
    lock_basket,
    release_basket,
    reserve_basket,
    split_price,
)
from app.services.documents import learner_documents
from app.services.eligibility import Criterion, CriterionStatus, basket_criteria
from app.services.ics import group_calendar
from app.services.mail import queue_email
from app.services.register_data import refresh_register_data, register_notices

logger = logging.getLogger(__name__)

# A learner may leave until the contract is signed by both sides.
LEAVABLE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.APPROVED,
    RegistrationStatus.CONTRACT,
)


class GroupFull(DomainError):
    pass


class AlreadyRegistered(DomainError):
    pass


class ContactsMissing(DomainError):
    pass


CONTACTS_MISSING = (
    "Prieš registruodamiesi į mokymus užpildykite kontaktus ir patvirtinkite el. "
    "pašto adresą kortelėje „Kontaktai“."
)


@dataclass(frozen=True)
class RegistrationQuote:
    """What a learner sees before confirming: criteria and who pays what."""

    criteria: list[Criterion]
    balance: BasketBalance
    price_cents: int
    notices: list[str]

    @property
    def basket_allowed(self) -> bool:
        """The basket may be chosen unless a criterion is plainly not met.

        A criterion waiting for document review does not stop registration: the
        documents must be approved before the contract is signed, not before.
        """
        return all(c.status != CriterionStatus.NOT_MET for c in self.criteria)

    @property
    def awaiting_documents(self) -> bool:
        return any(c.status == CriterionStatus.PENDING for c in self.criteria)

    @property
    def basket_cents(self) -> int:
        return split_price(self.price_cents, self.balance)[0]

    @property
    def own_cents(self) -> int:
        return split_price(self.price_cents, self.balance)[1]


def load_snapshot(learner: User) -> RegisterSnapshot:
    """Read the registers, or their last known data where one does not answer."""
    return refresh_register_data(learner)


def quote_registration(learner: User, group: Group, today: date) -> RegistrationQuote:
    """Work out the basket criteria and the split of the price for a group."""
    balance = basket_balance(learner, today)
    snapshot = load_snapshot(learner)
    criteria = basket_criteria(
        snapshot, balance, group.start_date, learner_documents(learner)
    )
    return RegistrationQuote(
        criteria, balance, group.price_cents, register_notices(snapshot)
    )


def active_registration(learner: User, group: Group) -> Registration | None:
    return db.session.scalar(
        db.select(Registration).where(
            Registration.learner_id == learner.id,
            Registration.group_id == group.id,
            Registration.status.in_(ACTIVE_STATUSES),
        )
    )


def register_for_group(
    learner: User,
    group: Group,
    funding: Funding,
    today: date,
    seat_held: bool = False,
) -> Registration:
    """Register a learner into a group, taking a seat and reserving basket money.

    `seat_held` is set when the seat was already kept for this learner by a
    waiting-list offer.
    """
    if not learner.contacts_complete:
        raise ContactsMissing(CONTACTS_MISSING)
    if not seat_held and not group.is_open_on(today):
        raise DomainError("Registracija į šią grupę jau baigėsi.")
    if active_registration(learner, group):
        raise AlreadyRegistered("Jūs jau esate užsiregistravę į šią grupę.")

    if funding == Funding.BASKET:
        # Two registrations of one learner at once must not both spend the remainder.
        lock_basket(learner)
    quote = quote_registration(learner, group, today)
    if funding == Funding.BASKET and not quote.basket_allowed:
        raise DomainError(
            "Neatitinkate visų IMP krepšelio kriterijų. "
            "Pasirinkite mokymąsi savo lėšomis."
        )

    if not seat_held:
        _take_seat(group)
    registration = Registration(
        learner_id=learner.id,
        group_id=group.id,
        funding=funding,
        price_cents=group.price_cents,
        basket_cents=quote.basket_cents if funding == Funding.BASKET else 0,
    )
    db.session.add(registration)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as error:
        raise AlreadyRegistered("Jūs jau esate užsiregistravę į šią grupę.") from error

    if registration.basket_cents:
        reserve_basket(registration, registration.basket_cents)
    record_audit(learner, "registration.created", registration, funding=funding)
    email = queue_email(
        learner,
        "registration_received",
        f"Registracija į mokymus: {group.programme.title}",
        registration=registration,
        group=group,
    )
    email.attachment_name = f"kursuok-{group.code}.ics"
    email.attachment_type = "text/calendar"
    email.attachment_body = group_calendar(group).decode()
    logger.info("Registration %s created by user %s", registration.id, learner.id)
    return registration


def _take_seat(group: Group) -> None:
    """Take one seat with a conditional UPDATE, atomic on every database."""
    result = db.session.execute(
        update(Group)
        .where(Group.id == group.id, Group.seats_taken < Group.capacity)
        .values(seats_taken=Group.seats_taken + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise GroupFull("Šioje grupėje laisvų vietų nebeliko.")
    db.session.refresh(group)


def free_seat(group: Group) -> None:
    """Give one seat back to the group."""
    db.session.execute(
        update(Group)
        .where(Group.id == group.id, Group.seats_taken > 0)
        .values(seats_taken=Group.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(group)


def leave_group(learner: User, registration: Registration, now: datetime) -> bool:
    """Withdraw a learner's registration before the contract is signed.

    Releases the basket reservation and passes the seat to the waiting list.
    Return False when there was nothing to do (the learner had already left).
    """
    from app.services.waitlist import pass_seat_on

    registration = db.session.get(Registration, registration.id, with_for_update=True)
    if registration.status == RegistrationStatus.WITHDRAWN:
        return False
    if registration.status not in LEAVABLE_STATUSES:
        raise DomainError(
            "Pasirašius mokymosi sutartį grupės palikti nebegalima. "
            "Galite teikti prašymą nutraukti sutartį."
        )

    registration.status = RegistrationStatus.WITHDRAWN
    registration.left_at = now
    release_basket(registration)
    record_audit(learner, "registration.withdrawn", registration, reason="learner left")
    pass_seat_on(registration.group, now)
    logger.info("Registration %s withdrawn by user %s", registration.id, learner.id)
    return True
