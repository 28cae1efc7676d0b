"""People who log in, and their consents."""

import enum
from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.timeutil import utcnow


class Role(enum.StrEnum):
    LEARNER = "learner"
    PROVIDER = "provider"
    ADMIN = "admin"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    personal_code: Mapped[str] = mapped_column(String(11), unique=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date]
    citizenship: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20), default=Role.LEARNER)
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))
    email_confirmed_at: Mapped[datetime | None]
    # The place is a settlement_id of app/data/addresses; the texts are kept as
    # typed so an address survives changes to the reference data.
    address_place_id: Mapped[int | None]
    address_place: Mapped[str | None] = mapped_column(String(200))
    address_street: Mapped[str | None] = mapped_column(String(200))
    address_house: Mapped[str | None] = mapped_column(String(20))
    address_flat: Mapped[str | None] = mapped_column(String(20))
    registers_synced_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # Secret for the personal calendar feed URL; None when the feed is off.
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)

    consents: Mapped[list["Consent"]] = relationship(back_populates="user")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def email_confirmed(self) -> bool:
        return bool(self.email and self.email_confirmed_at)

    @property
    def contacts_complete(self) -> bool:
        """Tell whether every required contact is filled in and the e-mail confirmed."""
        return (
            bool(self.address_place and self.address_house and self.phone)
            and self.email_confirmed
        )

    @property
    def address_line(self) -> str:
        street = " ".join(p for p in (self.address_street, self.address_house) if p)
        if self.address_flat:
            street += f"-{self.address_flat}"
        return ", ".join(p for p in (street, self.address_place) if p)


class Consent(db.Model):
    """Acceptance of the privacy and data processing rules, by version."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    rules_version: Mapped[str] = mapped_column(String(40))
    accepted_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="consents")
