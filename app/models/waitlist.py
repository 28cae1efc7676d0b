"""The waiting list of a full group."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.catalogue import Group
from app.models.user import User
from app.timeutil import utcnow


class WaitlistStatus(enum.StrEnum):
    WAITING = "waiting"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


OPEN_STATUSES = (WaitlistStatus.WAITING, WaitlistStatus.OFFERED)
_OPEN_SQL = "status IN ('waiting', 'offered')"

STATUS_LABELS = {
    WaitlistStatus.WAITING: "Laukiate vietos",
    WaitlistStatus.OFFERED: "Jums pasiūlyta vieta",
    WaitlistStatus.ACCEPTED: "Vieta priimta",
    WaitlistStatus.DECLINED: "Atsisakėte vietos",
    WaitlistStatus.EXPIRED: "Pasiūlymo laikas baigėsi",
    WaitlistStatus.CANCELLED: "Laukimas atšauktas",
}


class WaitlistEntry(db.Model):
    __tablename__ = "waitlist_entries"
    __table_args__ = (
        # One open place in line per learner and group.
        Index(
            "uq_waitlist_entries_open_learner_group",
            "learner_id",
            "group_id",
            unique=True,
            postgresql_where=text(_OPEN_SQL),
            sqlite_where=text(_OPEN_SQL),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=WaitlistStatus.WAITING)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    offered_at: Mapped[datetime | None]
    offer_expires_at: Mapped[datetime | None] = mapped_column(index=True)
    closed_at: Mapped[datetime | None]

    learner: Mapped[User] = relationship()
    group: Mapped[Group] = relationship()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[WaitlistStatus(self.status)]
