"""The catalogue: categories, providers, programmes, groups and their sessions."""

import enum
import uuid
from datetime import date, time

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    String,
    Text,
    event,
    inspect,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from app.extensions import db
from app.text import lithuanian_sort_key, search_document


class ProgrammeStatus(enum.StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    RETURNED = "returned"
    REJECTED = "rejected"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"


class GroupStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    CANCELLED = "cancelled"


MODE_LABELS = {
    "kontaktinis": "Kontaktinis",
    "nuotolinis": "Nuotolinis",
    "mišrus": "Mišrus",
}
EDUCATION_LABELS = {
    "": "Nėra reikalavimų",
    "profesinis": "Profesinis išsilavinimas",
    "aukštasis koleginis": "Aukštasis koleginis išsilavinimas",
    "aukštasis universitetinis": "Aukštasis universitetinis išsilavinimas",
}
SPECIAL_NEEDS_LABELS = {
    "mobility": "Pritaikyta judėjimo negalią turintiems",
    "hearing": "Pritaikyta klausos negalią turintiems",
    "vision": "Pritaikyta regėjimo negalią turintiems",
}
LANGUAGES = ["lietuvių", "anglų", "rusų", "lenkų"]
# The location of a programme taught only remotely, whatever its provider's city.
REMOTE_LOCATION = "nuotoliu"
ACADEMIC_HOURS = "akademinės"
ASTRONOMICAL_HOURS = "astronominės"


def academic_hours(hours: int | None, hours_type: str) -> float | None:
    """Say a duration in academic hours (45 minutes), so durations compare.

    Only hours the source calls astronomical are converted; "nenurodyta" (not
    said) is taken as given, like the academic hours most programmes use.
    """
    if hours is None or hours_type != ASTRONOMICAL_HOURS:
        return hours
    return hours * 60 / 45


def location_label(location: str) -> str:
    """Say where a programme is taught: its city, or "Nuotoliniu būdu"."""
    return "Nuotoliniu būdu" if location == REMOTE_LOCATION else location


def hours_label(hours: int | None, hours_type: str) -> str:
    """Say a duration the same way everywhere: "50 ak. val." or "50 val."."""
    if hours is None:
        return "—"
    unit = "ak. val." if (hours_type or ACADEMIC_HOURS) == ACADEMIC_HOURS else "val."
    return f"{hours} {unit}"


class Category(db.Model):
    """One of the eight EU key competences."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    position: Mapped[int] = mapped_column(default=0)

    programmes: Mapped[list["Programme"]] = relationship(back_populates="category")


class Provider(db.Model):
    __tablename__ = "providers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    legal_form: Mapped[str] = mapped_column(String(60), default="")
    kind: Mapped[str] = mapped_column(String(60), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    source_url: Mapped[str] = mapped_column(String(500), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # Names of the fields whose values were invented for the demo.
    synthetic_fields: Mapped[list] = mapped_column(JSON, default=list)

    programmes: Mapped[list["Programme"]] = relationship(back_populates="provider")


class Programme(db.Model):
    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("providers.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    title_search: Mapped[str] = mapped_column(String(400), default="")
    title_sort: Mapped[str] = mapped_column(String(255), default="", index=True)
    title_basis: Mapped[str] = mapped_column(String(120), default="")
    annotation: Mapped[str] = mapped_column(Text, default="")
    competences: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[str] = mapped_column(Text, default="")
    hours: Mapped[int | None]
    hours_type: Mapped[str] = mapped_column(String(30), default=ACADEMIC_HOURS)
    duration_note: Mapped[str] = mapped_column(String(300), default="")
    min_education: Mapped[str] = mapped_column(String(40), default="")
    requirements: Mapped[str] = mapped_column(Text, default="")
    mode: Mapped[str] = mapped_column(String(20), default="kontaktinis")
    city: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(20), default="lietuvių")
    special_needs: Mapped[list] = mapped_column(JSON, default=list)
    price_cents: Mapped[int] = mapped_column(default=0)
    price_note: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(
        String(20), default=ProgrammeStatus.PUBLISHED, index=True
    )
    source_url: Mapped[str] = mapped_column(String(500), default="")
    source_date: Mapped[str] = mapped_column(String(60), default="")
    synthetic_fields: Mapped[list] = mapped_column(JSON, default=list)
    # Average learner rating (1–5). No ratings are collected yet, so it stays
    # empty and sorts last; the questionnaire (manual 2.3.5) will fill it.
    rating: Mapped[float | None]

    # Derived from the columns above on every flush (see _keep_catalogue_columns),
    # so the catalogue index reads plain columns instead of JSON and joins.
    keywords_search: Mapped[str] = mapped_column(String(700), default="")
    location: Mapped[str] = mapped_column(String(100), default="")
    adapted_mobility: Mapped[bool] = mapped_column(default=False)
    adapted_hearing: Mapped[bool] = mapped_column(default=False)
    adapted_vision: Mapped[bool] = mapped_column(default=False)

    __table_args__ = ()

    provider: Mapped[Provider] = relationship(back_populates="programmes")
    category: Mapped[Category] = relationship(back_populates="programmes")
    groups: Mapped[list["Group"]] = relationship(
        back_populates="programme", order_by="Group.start_date"
    )

    @property
    def mode_label(self) -> str:
        return MODE_LABELS.get(self.mode, self.mode)

    @property
    def hours_label(self) -> str:
        return hours_label(self.hours, self.hours_type)

    @property
    def education_label(self) -> str:
        return EDUCATION_LABELS.get(self.min_education, self.min_education)

    @property
    def special_needs_labels(self) -> list[str]:
        return [SPECIAL_NEEDS_LABELS[n] for n in self.special_needs or []]

    @property
    def location_label(self) -> str:
        return location_label(self.location)

    def is_synthetic(self, field: str) -> bool:
        return field in (self.synthetic_fields or [])

    def refresh_derived_columns(self) -> None:
        """Recompute the search, location and adaptation columns."""
        provider_name = self.provider.name if self.provider is not None else ""
        keywords = f"{self.title or ''} {provider_name}"
        self.keywords_search = search_document(keywords)[:700]
        # Column defaults are applied only at the INSERT, after this runs.
        if self.mode == "nuotolinis":
            self.location = REMOTE_LOCATION
        else:
            self.location = main_city(self.city or "")
        needs = set(self.special_needs or [])
        self.adapted_mobility = "mobility" in needs
        self.adapted_hearing = "hearing" in needs
        self.adapted_vision = "vision" in needs


def main_city(city: str) -> str:
    """Take the first place of a list like "Kaunas, Jurbarkas" or "Vilniaus r. (…)"."""
    return city.split(",")[0].split("(")[0].strip()[:100]


@event.listens_for(Programme.title, "set", retval=False)
def _keep_title_columns(target: Programme, value: str, oldvalue, initiator) -> None:
    """Maintain the folded search column and the Lithuanian sort key with the title."""
    target.title_search = search_document(value or "")
    target.title_sort = lithuanian_sort_key(value or "")


class Group(db.Model):
    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    start_date: Mapped[date] = mapped_column(index=True)
    end_date: Mapped[date]
    registration_deadline: Mapped[date]
    mode: Mapped[str] = mapped_column(String(20), default="kontaktinis")
    city: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(20), default="lietuvių")
    capacity: Mapped[int]
    # Kept by one conditional UPDATE so two requests cannot take the last seat.
    seats_taken: Mapped[int] = mapped_column(default=0)
    price_cents: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), default=GroupStatus.OPEN)
    synthetic: Mapped[bool] = mapped_column(default=True)

    __table_args__ = (
        Index("ix_groups_programme_id_start_date", "programme_id", "start_date"),
    )

    programme: Mapped[Programme] = relationship(back_populates="groups")
    sessions: Mapped[list["GroupSession"]] = relationship(
        back_populates="group", order_by="(GroupSession.day, GroupSession.starts_at)"
    )

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)

    @property
    def mode_label(self) -> str:
        return MODE_LABELS.get(self.mode, self.mode)

    @property
    def place_label(self) -> str:
        """Say how and where the group learns, each part once: "Kontaktinis,
        Laisvės al. 21, Utena" or "Nuotolinis (prisijungimo nuoroda …)"."""
        if self.mode == "nuotolinis":
            return self.mode_label + (f" ({self.address})" if self.address else "")
        return ", ".join(
            part for part in (self.mode_label, self.address, self.city) if part
        )

    def is_open_on(self, day: date) -> bool:
        return self.status == GroupStatus.OPEN and day <= self.registration_deadline


class GroupSession(db.Model):
    """One scheduled lesson of a group."""

    __tablename__ = "group_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    day: Mapped[date]
    starts_at: Mapped[time]
    ends_at: Mapped[time]
    topic: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(200), default="")

    group: Mapped[Group] = relationship(back_populates="sessions")


class CatalogueVersion(db.Model):
    """One row whose token changes with every change to the catalogue.

    Web processes key their cached search answers by it, so a change made by any
    process shows at once everywhere.
    """

    __tablename__ = "catalogue_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32))


CATALOGUE_CLASSES = (Category, Provider, Programme, Group, GroupSession)


@event.listens_for(Session, "before_flush")
def _keep_catalogue_columns(session: Session, flush_context, instances) -> None:
    """Refresh the derived programme columns and the catalogue version.

    A provider's new name changes the search words of all its programmes.
    """
    changed = [
        o
        for o in (*session.new, *session.dirty, *session.deleted)
        if isinstance(o, CATALOGUE_CLASSES)
    ]
    if not changed:
        return

    programmes = {o for o in changed if isinstance(o, Programme)}
    renamed = [
        o
        for o in changed
        if isinstance(o, Provider)
        and o not in session.new
        and inspect(o).attrs.name.history.has_changes()
    ]
    for provider in renamed:
        programmes.update(provider.programmes)
    for programme in programmes:
        if programme not in session.deleted:
            programme.refresh_derived_columns()
    bump_catalogue_version(session)


def bump_catalogue_version(session: Session) -> None:
    """Give the catalogue a new version token, creating its row if missing."""
    token = uuid.uuid4().hex
    result = session.connection().execute(
        update(CatalogueVersion).where(CatalogueVersion.id == 1).values(token=token)
    )
    if result.rowcount == 0:
        session.add(CatalogueVersion(id=1, token=token))
    session.info["catalogue_changed"] = True
