"""Catalogue queries: category counts and accent-folded name search."""

from dataclasses import dataclass

from sqlalchemy import func

from app.extensions import db
from app.models import Category, Programme
from app.models.catalogue import ProgrammeStatus
from app.text import search_words


@dataclass(frozen=True)
class Page:
    items: list
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max((self.total + self.page_size - 1) // self.page_size, 1)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def category_counts() -> list[tuple[Category, int]]:
    """Return every category with the number of its published programmes."""
    rows = db.session.execute(
        db.select(Category, func.count(Programme.id))
        .outerjoin(
            Programme,
            (Programme.category_id == Category.id)
            & (Programme.status == ProgrammeStatus.PUBLISHED),
        )
        .group_by(Category.id)
        .order_by(Category.position)
    ).all()
    return [(category, count) for category, count in rows]


def escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_programmes(
    category: Category | None, query: str, page: int, page_size: int
) -> Page:
    """Find published programmes whose title words start with every query word."""
    statement = db.select(Programme).where(
        Programme.status == ProgrammeStatus.PUBLISHED
    )
    if category is not None:
        statement = statement.where(Programme.category_id == category.id)
    for word in search_words(query):
        pattern = f"% {escape_like(word)}%"
        statement = statement.where(Programme.title_search.like(pattern, escape="\\"))

    total = db.session.scalar(db.select(func.count()).select_from(statement.subquery()))
    page = min(page, max((total + page_size - 1) // page_size, 1))
    items = db.session.scalars(
        statement.order_by(Programme.title_sort, Programme.id)
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    return Page(list(items), total, page, page_size)
