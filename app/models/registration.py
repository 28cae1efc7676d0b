"""Registrations into groups and the basket ledger."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.catalogue import Group
from app.models.user import User
from app.timeutil import utcnow


class RegistrationStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    CONTRACT = "contract"
    ONGOING = "ongoing"
    FINISHED = "finished"
    COMPLETED = "completed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    DEREGISTERED = "deregistered"
    TERMINATED = "terminated"


ACTIVE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.APPROVED,
    RegistrationStatus.CONTRACT,
    RegistrationStatus.ONGOING,
)

STATUS_LABELS = {
    RegistrationStatus.PENDING: "Laukiama mokymo teikėjo patvirtinimo",
    RegistrationStatus.APPROVED: "Registracija patvirtinta",
    RegistrationStatus.CONTRACT: "Pasirašoma sutartis",
    RegistrationStatus.ONGOING: "Mokymai vyksta",
    RegistrationStatus.FINISHED: "Mokymai baigti",
    RegistrationStatus.COMPLETED: "Mokymai užbaigti",
    RegistrationStatus.REJECTED: "Registracija atmesta",
    RegistrationStatus.WITHDRAWN: "Registracija atšaukta",
    RegistrationStatus.DEREGISTERED: "Išregistruota",
    RegistrationStatus.TERMINATED: "Sutartis nutraukta",
}


class Funding(enum.StrEnum):
    BASKET = "basket"
    OWN = "own"


FUNDING_LABELS = {
    Funding.BASKET: "IMP krepšelio lėšos",
    Funding.OWN: "Savo lėšos",
}

_ACTIVE_SQL = "status IN ('pending', 'approved', 'contract', 'ongoing')"


class Registration(db.Model):
    __tablename__ = "registrations"
    __table_args__ = (
        # At most one active registration of a learner in a group, even under races.
        Index(
            "uq_registrations_active_learner_group",
            "learner_id",
            "group_id",
            unique=True,
            postgresql_where=text(_ACTIVE_SQL),
            sqlite_where=text(_ACTIVE_SQL),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    funding: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default=RegistrationStatus.PENDING)
    price_cents: Mapped[int]
    basket_cents: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    left_at: Mapped[datetime | None]

    learner: Mapped[User] = relationship()
    group: Mapped[Group] = relationship()

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[RegistrationStatus(self.status)]

    @property
    def funding_label(self) -> str:
        return FUNDING_LABELS[Funding(self.funding)]

    @property
    def own_cents(self) -> int:
        return self.price_cents - self.basket_cents


class BasketEntryKind(enum.StrEnum):
    RESERVE = "reserve"
    RELEASE = "release"
    SPEND = "spend"


class BasketEntry(db.Model):
    """An append-only ledger line; the basket balance is always derived from these."""

    __tablename__ = "basket_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registrations.id"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    amount_cents: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    registration: Mapped[Registration] = relationship()
