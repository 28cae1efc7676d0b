"""The learner's profile beyond identity: register extracts, documents, e-mail codes."""

import enum
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.user import User
from app.services import DomainError
from app.timeutil import utcnow


class RegisterExtract(db.Model):
    """The last answer a register gave about a person, shown when it is down."""

    __tablename__ = "register_extracts"
    __table_args__ = (UniqueConstraint("user_id", "register"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    register: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    synced_at: Mapped[datetime] = mapped_column(default=utcnow)


class DocumentStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"


DOCUMENT_STATUS_LABELS = {
    DocumentStatus.SUBMITTED: "Pateiktas, laukia peržiūros",
    DocumentStatus.APPROVED: "Patvirtintas",
    DocumentStatus.REJECTED: "Atmestas",
}


class DocumentKind(enum.StrEnum):
    EMPLOYMENT_CONTRACT = "employment_contract"
    EQUIVALENT_RELATIONSHIP = "equivalent_relationship"
    INDIVIDUAL_ACTIVITY = "individual_activity"
    BUSINESS_LICENCE = "business_licence"
    OTHER_EMPLOYMENT = "other_employment"
    DIPLOMA = "diploma"
    NAME_CHANGE = "name_change"
    HIGH_QUALIFICATION = "high_qualification"
    FOREIGN_RECOGNITION = "foreign_recognition"


EMPLOYMENT_KIND_LABELS = {
    DocumentKind.EMPLOYMENT_CONTRACT: "Darbo sutartis",
    DocumentKind.EQUIVALENT_RELATIONSHIP: "Darbo santykiams prilyginti teisiniai "
    "santykiai (pvz., paskyrimo į pareigas dokumentas)",
    DocumentKind.INDIVIDUAL_ACTIVITY: "Individualios veiklos vykdymo pažyma",
    DocumentKind.BUSINESS_LICENCE: "Verslo liudijimas",
    DocumentKind.OTHER_EMPLOYMENT: "Kitas užimtumą įrodantis dokumentas",
}
EDUCATION_KIND_LABELS = {
    DocumentKind.DIPLOMA: "Diplomas ar kvalifikacijos pažymėjimas",
    DocumentKind.NAME_CHANGE: "Vardo ar pavardės pakeitimą patvirtinantis dokumentas",
    DocumentKind.HIGH_QUALIFICATION: "Aukštą profesinę kvalifikaciją liudijantis "
    "dokumentas (užsieniečiams, pvz., ES mėlynoji kortelė)",
    DocumentKind.FOREIGN_RECOGNITION: "Užsienyje įgyto išsilavinimo pripažinimo "
    "dokumentas",
}
DOCUMENT_KIND_LABELS = {**EMPLOYMENT_KIND_LABELS, **EDUCATION_KIND_LABELS}
# A name-change document only supports a diploma; it proves no qualification itself.
QUALIFICATION_KINDS = frozenset(
    {
        DocumentKind.DIPLOMA,
        DocumentKind.HIGH_QUALIFICATION,
        DocumentKind.FOREIGN_RECOGNITION,
    }
)


class DocumentTopic(enum.StrEnum):
    EMPLOYMENT = "employment"
    EDUCATION = "education"


def topic_of(kind: str) -> DocumentTopic:
    if kind in EMPLOYMENT_KIND_LABELS:
        return DocumentTopic.EMPLOYMENT
    return DocumentTopic.EDUCATION


class Document(db.Model):
    """A copy of a document the learner uploaded for the agency to review."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    topic: Mapped[str] = mapped_column(String(20))
    # The name the learner's file had, Lithuanian letters and all; shown only.
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(40))
    size_bytes: Mapped[int]
    status: Mapped[str] = mapped_column(
        String(20), default=DocumentStatus.SUBMITTED, index=True
    )
    rejection_reason: Mapped[str] = mapped_column(String(500), default="")
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    review_due: Mapped[date]
    reviewed_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    owner: Mapped[User] = relationship(foreign_keys=[owner_id])

    @property
    def status_label(self) -> str:
        return DOCUMENT_STATUS_LABELS[DocumentStatus(self.status)]

    @property
    def kind_label(self) -> str:
        return DOCUMENT_KIND_LABELS.get(self.kind, self.kind)

    def approve(self, reviewer: User) -> None:
        self._review(reviewer, DocumentStatus.APPROVED)

    def reject(self, reviewer: User, reason: str) -> None:
        self._review(reviewer, DocumentStatus.REJECTED)
        self.rejection_reason = reason

    def _review(self, reviewer: User, status: DocumentStatus) -> None:
        if self.status != DocumentStatus.SUBMITTED:
            raise DomainError("Šis dokumentas jau peržiūrėtas.")
        self.status = status
        self.reviewed_at = utcnow()
        self.reviewed_by_id = reviewer.id


class EmailConfirmation(db.Model):
    """The pending confirmation code of a learner's e-mail; one row per learner."""

    __tablename__ = "email_confirmations"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    # HMAC of the code with the app's secret; the code itself is never stored.
    code_hash: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    confirmed_at: Mapped[datetime | None]
