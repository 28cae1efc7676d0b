"""Catalogue search: filters with facet counts, sorts, pages and a version cache.

The whole search lives in the URL; `read_search` turns query arguments into a
checked `Search` and says what it had to correct, `search_catalogue` answers it.
Everything filters and sorts on plain columns of `programmes` (the derived ones
are kept by the model on every flush), so PostgreSQL answers from indexes: a
trigram GIN index for the word-prefix LIKE, composite indexes for the rest.
"""

import heapq
import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from flask import current_app, g
from sqlalchemy import String, and_, cast, event, exists, func, literal, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.extensions import db
from app.models import (
    CatalogueVersion,
    Category,
    FacetTotal,
    Group,
    Programme,
    Provider,
)
from app.models.catalogue import (
    ADAPTATION_COLUMNS,
    ALL_CATEGORIES,
    EDUCATION_LABELS,
    FACETED_COLUMNS,
    LANGUAGES,
    MODE_LABELS,
    REMOTE_LOCATION,
    SPECIAL_NEEDS_LABELS,
    GroupStatus,
    ProgrammeStatus,
    hours_label,
)
from app.text import lithuanian_sort_key, search_words

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
PROVIDER_CHOICES_SHOWN = 15
# URL value of "no education required", which is stored as an empty string.
NO_EDUCATION = "nera"
SORTS = {
    "aktualumas": "Aktualiausios",
    "pradzia": "Artimiausia pradžia",
    "kaina": "Pigiausios",
    "kaina-mazejanti": "Brangiausios",
    "trukme": "Trumpiausios",
    "trukme-mazejanti": "Ilgiausios",
    "vertinimas": "Geriausiai įvertintos",
    "pavadinimas": "Pagal pavadinimą (A–Ž)",
}
VIEWS = {"sarasas": "Sąrašas", "tinklelis": "Tinklelis"}
NEED_COLUMNS = ADAPTATION_COLUMNS
FACET_COLUMNS = FACETED_COLUMNS


@dataclass(frozen=True)
class Search:
    """One catalogue search, exactly what its URL says."""

    query: str = ""
    categories: tuple[str, ...] = ()
    providers: tuple[int, ...] = ()
    locations: tuple[str, ...] = ()
    educations: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    price_from: int | None = None
    price_to: int | None = None
    hours_from: int | None = None
    hours_to: int | None = None
    start_from: date | None = None
    start_to: date | None = None
    sort: str = "aktualumas"
    page: int = 1

    def filters_key(self) -> Hashable:
        """Return what decides the matching programmes (not their order or page)."""
        return replace(self, sort="", page=1)

    def to_args(self, **changes: Any) -> dict[str, Any]:
        """Return the URL query arguments of this search, leaving defaults out."""
        search = replace(self, **changes)
        args = {
            "q": search.query or None,
            "kategorija": list(search.categories),
            "teikejas": list(search.providers),
            "vieta": list(search.locations),
            "issilavinimas": [e or NO_EDUCATION for e in search.educations],
            "kalba": list(search.languages),
            "budas": list(search.modes),
            "pritaikyta": list(search.needs),
            "kaina_nuo": search.price_from,
            "kaina_iki": search.price_to,
            "trukme_nuo": search.hours_from,
            "trukme_iki": search.hours_to,
            "pradzia_nuo": search.start_from and search.start_from.isoformat(),
            "pradzia_iki": search.start_to and search.start_to.isoformat(),
            "rikiuoti": None if search.sort == "aktualumas" else search.sort,
            "puslapis": None if search.page == 1 else search.page,
        }
        return {key: value for key, value in args.items() if value not in (None, [])}

    @property
    def is_filtered(self) -> bool:
        return self.filters_key() != Search().filters_key()

    @property
    def is_categories_only(self) -> bool:
        """Whether nothing but categories narrows this search."""
        return self.filters_key() == Search(categories=self.categories).filters_key()


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    count: int
    selected: bool

    @property
    def disabled(self) -> bool:
        """A choice that would give nothing is shown, but cannot be picked."""
        return self.count == 0 and not self.selected


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    choices: list[Choice]
    note: str = ""


@dataclass(frozen=True)
class ProgrammeCard:
    """What a result row shows, read with one query and safe to cache."""

    id: int
    title: str
    provider_id: int
    provider_name: str
    category_name: str
    mode: str
    location: str
    hours: int | None
    hours_type: str
    price_cents: int
    next_start: date | None
    rating: float | None
    annotation: str

    @property
    def mode_label(self) -> str:
        return MODE_LABELS.get(self.mode, self.mode)

    @property
    def location_label(self) -> str:
        return location_label(self.location)

    @property
    def hours_label(self) -> str:
        return hours_label(self.hours, self.hours_type)


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


@dataclass(frozen=True)
class CatalogueAnswer:
    search: Search
    results: Page
    facets: list[Facet]
    messages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Vocabulary:
    """The values a search may name, read once per catalogue version.

    It holds every provider's name (a few thousand at national scale), so the
    provider facet and the provider filter need no query of their own.
    """

    categories: list[tuple[int, str, str]]  # id, slug, name in display order
    locations: list[str]
    providers: dict[int, str]  # id → name, every provider

    def category_id(self, slug: str) -> int | None:
        return next((id_ for id_, s, _ in self.categories if s == slug), None)


def location_label(location: str) -> str:
    return "Nuotoliniu būdu" if location == REMOTE_LOCATION else location


# Reading the search from the URL.


def read_search(
    args: Mapping, fixed_category: str | None = None
) -> tuple[Search, list[str]]:
    """Check URL arguments; drop or correct what is wrong and say what was done."""
    messages: list[str] = []
    vocabulary = current_vocabulary()

    query = " ".join(_first(args, "q").split())
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0]
        messages.append(
            f"Paieškos tekstas per ilgas, ieškoma pagal pirmuosius "
            f"{MAX_QUERY_LENGTH} simbolius."
        )
    if query and not search_words(query):
        messages.append(
            f"Paieškos tekste „{query}“ nėra nei raidžių, nei skaitmenų, todėl "
            "jo nepaisoma. Įveskite programos pavadinimo žodį."
        )
        query = ""

    slugs = [slug for _, slug, _ in vocabulary.categories]
    if fixed_category is not None:
        categories = (fixed_category,)
    else:
        categories = _known(args, "kategorija", slugs, "kategorijų", messages)
    providers = _known_providers(_many(args, "teikejas"), messages)
    locations = _known(args, "vieta", vocabulary.locations, "vietų", messages)
    educations = _known(
        args,
        "issilavinimas",
        [e or NO_EDUCATION for e in EDUCATION_LABELS],
        "išsilavinimo reikalavimų",
        messages,
    )
    languages = _known(args, "kalba", LANGUAGES, "kalbų", messages)
    modes = _known(args, "budas", list(MODE_LABELS), "mokymosi būdų", messages)
    needs = _known(args, "pritaikyta", list(SPECIAL_NEEDS_LABELS), "poreikių", messages)

    price_from, price_to = _range(args, "kaina", "Kainos", messages)
    hours_from, hours_to = _range(args, "trukme", "Trukmės", messages)
    start_from, start_to = _period(args, messages)

    sort = _first(args, "rikiuoti") or "aktualumas"
    if sort not in SORTS:
        messages.append("Nežinomas rikiavimas, rodoma pagal aktualumą.")
        sort = "aktualumas"
    page = _page(args, messages)

    search = Search(
        query=query,
        categories=categories,
        providers=providers,
        locations=locations,
        educations=tuple("" if e == NO_EDUCATION else e for e in educations),
        languages=languages,
        modes=modes,
        needs=needs,
        price_from=price_from,
        price_to=price_to,
        hours_from=hours_from,
        hours_to=hours_to,
        start_from=start_from,
        start_to=start_to,
        sort=sort,
        page=page,
    )
    return search, messages


def _many(args: Mapping, name: str) -> list[str]:
    values = args.getlist(name) if hasattr(args, "getlist") else args.get(name, [])
    if isinstance(values, str):
        values = [values]
    return [v.strip() for v in values if v and v.strip()][:50]


def _first(args: Mapping, name: str) -> str:
    values = _many(args, name)
    return values[0] if values else ""


def _known(
    args: Mapping, name: str, allowed: list[str], what: str, messages: list[str]
) -> tuple[str, ...]:
    values = _many(args, name)
    kept = tuple(dict.fromkeys(v for v in values if v in allowed))
    if len(kept) < len(set(values)):
        messages.append(f"Dalis nurodytų {what} nežinomi, jų nepaisoma.")
    return kept


def _known_providers(values: list[str], messages: list[str]) -> tuple[int, ...]:
    ids = tuple(dict.fromkeys(int(v) for v in values if v.isdigit() and len(v) < 10))
    found = _provider_names(ids) if ids else {}
    kept = tuple(i for i in ids if i in found)
    if len(kept) < len(set(values)):
        messages.append("Dalis nurodytų mokymo teikėjų nežinomi, jų nepaisoma.")
    return kept


def _number(text: str) -> int | None:
    text = text.replace(",", ".").replace(" ", "").replace("\u00a0", "")
    try:
        value = float(text)
    except ValueError:
        return None
    if value != value or abs(value) > 1_000_000:  # NaN or absurd
        return None
    return round(value)


def _range(
    args: Mapping, name: str, what: str, messages: list[str]
) -> tuple[int | None, int | None]:
    raw = (_first(args, f"{name}_nuo"), _first(args, f"{name}_iki"))
    low, high = (_number(r) if r else None for r in raw)
    if any(r and v is None for r, v in zip(raw, (low, high), strict=True)):
        messages.append(f"{what} riba turi būti skaičius, netinkamos ribos nepaisoma.")
    if (low is not None and low < 0) or (high is not None and high < 0):
        messages.append(f"{what} riba negali būti neigiama, jos nepaisoma.")
        low = None if low is not None and low < 0 else low
        high = None if high is not None and high < 0 else high
    if low is not None and high is not None and low > high:
        messages.append(f"{what} ribos sukeistos vietomis: nuo {high} iki {low}.")
        low, high = high, low
    return low, high


def _period(args: Mapping, messages: list[str]) -> tuple[date | None, date | None]:
    dates = []
    for name in ("pradzia_nuo", "pradzia_iki"):
        text = _first(args, name)
        try:
            dates.append(date.fromisoformat(text) if text else None)
        except ValueError:
            messages.append("Data turi būti formatu MMMM-MM-DD, jos nepaisoma.")
            dates.append(None)
    start_from, start_to = dates
    if start_from and start_to and start_from > start_to:
        messages.append("Laikotarpio datos sukeistos vietomis.")
        start_from, start_to = start_to, start_from
    return start_from, start_to


def _page(args: Mapping, messages: list[str]) -> int:
    text = _first(args, "puslapis") or "1"
    if not text.isdigit() or not 1 <= int(text) <= 100_000:
        messages.append("Netinkamas puslapio numeris, rodomas pirmasis puslapis.")
        return 1
    return int(text)


# Answering the search.


def search_catalogue(search: Search, today: date, page_size: int) -> CatalogueAnswer:
    """Find the page of programmes a search asks for, with every facet's counts."""
    vocabulary = current_vocabulary()
    day = today if search.start_from or search.start_to else None
    counts, total = cached(
        ("facets", search.filters_key(), day),
        lambda: _count_facets(search, vocabulary, today),
    )

    messages = []
    pages = max((total + page_size - 1) // page_size, 1)
    if search.page > pages:
        messages.append(f"Tokio puslapio nėra, rodomas paskutinis ({pages}).")
        search = replace(search, page=pages)
    items = cached(
        ("page", search, day, page_size),
        lambda: _load_page(search, vocabulary, today, page_size),
    )
    results = Page(items, total, search.page, page_size)
    facets = _build_facets(search, vocabulary, counts)
    return CatalogueAnswer(search, results, facets, messages)


def category_counts() -> list[tuple[Category, int]]:
    """Return every category with the number of its published programmes."""
    vocabulary = current_vocabulary()
    counts, _ = cached(
        ("facets", Search().filters_key(), None),
        lambda: _count_facets(Search(), vocabulary, date.min),
    )
    categories = db.session.scalars(db.select(Category).order_by(Category.position))
    return [(c, counts["kategorija"].get(str(c.id), 0)) for c in categories]


def _conditions(
    search: Search, vocabulary: Vocabulary, today: date
) -> list[ColumnElement]:
    """Build the WHERE clauses of a search."""
    return [
        *_base_conditions(search, today),
        *_choice_conditions(search, vocabulary, FACET_COLUMNS).values(),
    ]


def _base_conditions(search: Search, today: date) -> list[ColumnElement]:
    """Build the clauses that apply to every facet: text, needs, ranges, period."""
    conditions: list[ColumnElement] = [Programme.status == ProgrammeStatus.PUBLISHED]
    for word in search_words(search.query):
        pattern = f"% {escape_like(word)}%"
        conditions.append(Programme.keywords_search.like(pattern, escape="\\"))
    conditions.extend(NEED_COLUMNS[need].is_(True) for need in search.needs)
    if search.price_from is not None:
        conditions.append(Programme.price_cents >= search.price_from * 100)
    if search.price_to is not None:
        conditions.append(Programme.price_cents <= search.price_to * 100)
    if search.hours_from is not None:
        conditions.append(Programme.hours >= search.hours_from)
    if search.hours_to is not None:
        conditions.append(Programme.hours <= search.hours_to)
    if search.start_from or search.start_to:
        conditions.append(_has_group_starting(search, today))
    return conditions


def _choice_conditions(
    search: Search, vocabulary: Vocabulary, columns: Mapping
) -> dict[str, ColumnElement]:
    """Build one clause per facet with chosen values (alternatives, joined by OR)."""
    chosen = _chosen_values(search, vocabulary)
    return {
        name: columns[name].in_(values) for name, values in chosen.items() if values
    }


def _chosen_values(search: Search, vocabulary: Vocabulary) -> dict[str, Any]:
    """Return the values chosen in each facet, as its column stores them."""
    return {
        "kategorija": [vocabulary.category_id(slug) for slug in search.categories],
        "teikejas": search.providers,
        "vieta": search.locations,
        "issilavinimas": search.educations,
        "kalba": search.languages,
        "budas": search.modes,
    }


def _has_group_starting(search: Search, today: date) -> ColumnElement:
    """A group open for registration today starts within the asked period."""
    group = [
        Group.programme_id == Programme.id,
        Group.status == GroupStatus.OPEN,
        Group.registration_deadline >= today,
    ]
    if search.start_from:
        group.append(Group.start_date >= search.start_from)
    if search.start_to:
        group.append(Group.start_date <= search.start_to)
    return exists().where(*group)


def escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def facet_statement(
    search: Search, vocabulary: Vocabulary, today: date, use_totals: bool = True
):
    """Count, in one statement, what each choice would give under the other filters.

    A facet's choices are alternatives, so each facet counts under every filter
    but its own. The facets nobody chose share one row set, the programmes
    that pass every filter (a CTE, usually few rows); each chosen facet counts
    its own, narrower by the other filters, and reads the kept totals instead
    when nothing but categories narrows it (unless use_totals is off). Special
    needs add up (AND), so they count under every filter.
    """
    base = _base_conditions(search, today)
    choices = _choice_conditions(search, vocabulary, FACET_COLUMNS)
    matching = (
        db.select(*FACET_COLUMNS.values(), *NEED_COLUMNS.values())
        .where(*base, *choices.values())
        .cte("matching")
    )

    selects = []
    for name, column in FACET_COLUMNS.items():
        if name not in choices:
            value = matching.c[column.key]
            selects.append(_count_by(name, value).group_by(value))
            continue
        others = {facet: c for facet, c in choices.items() if facet != name}
        kept = _kept_counts(search, vocabulary, name, others) if use_totals else None
        if kept is not None:
            selects.append(kept)
        else:
            selects.append(_count_by(name, column).where(*base, *others.values()))
    for need, column in NEED_COLUMNS.items():
        selects.append(
            db.select(
                literal("pritaikyta").label("facet"),
                literal(need).label("value"),
                func.count().label("count"),
            ).where(matching.c[column.key].is_(True))
        )
    return union_all(*selects)


def _count_by(name: str, column) -> Any:
    """Start a select counting rows per value of a column, labelled as a facet."""
    return db.select(
        literal(name).label("facet"),
        cast(column, String).label("value"),
        func.count().label("count"),
    ).group_by(column)


def _kept_counts(
    search: Search, vocabulary: Vocabulary, name: str, others: dict
) -> Any | None:
    """Count a chosen facet from the kept totals, if they can answer it.

    They can when the search has no text, needs, ranges or period, and the
    facet is narrowed by categories alone, or is the categories narrowed by one
    other facet.
    """
    if not _base_is_plain(search) or len(others) > 1:
        return None

    total = func.sum(FacetTotal.count).label("count")
    if not others:
        return (
            db.select(literal(name).label("facet"), FacetTotal.value, total)
            .where(FacetTotal.category_id == ALL_CATEGORIES, FacetTotal.facet == name)
            .group_by(FacetTotal.value)
        )
    if list(others) == ["kategorija"]:
        chosen = [vocabulary.category_id(slug) for slug in search.categories]
        return (
            db.select(literal(name).label("facet"), FacetTotal.value, total)
            .where(FacetTotal.category_id.in_(chosen), FacetTotal.facet == name)
            .group_by(FacetTotal.value)
        )
    if name == "kategorija":
        (other,) = others
        values = [str(v) for v in _chosen_values(search, vocabulary)[other]]
        return (
            db.select(
                literal(name).label("facet"),
                cast(FacetTotal.category_id, String).label("value"),
                total,
            )
            .where(
                FacetTotal.category_id != ALL_CATEGORIES,
                FacetTotal.facet == other,
                FacetTotal.value.in_(values),
            )
            .group_by(FacetTotal.category_id)
        )
    return None


def _base_is_plain(search: Search) -> bool:
    """Whether only the published status filters a search besides its choices."""
    return not (
        search_words(search.query)
        or search.needs
        or search.price_from is not None
        or search.price_to is not None
        or search.hours_from is not None
        or search.hours_to is not None
        or search.start_from
        or search.start_to
    )


def totals_statement(search: Search, vocabulary: Vocabulary):
    """Add up the kept facet totals of a search narrowed by categories alone.

    Each category's choices count every published programme, and the other
    facets count those of the chosen categories (all when none is chosen).
    """
    chosen = [vocabulary.category_id(slug) for slug in search.categories]
    every = FacetTotal.category_id == ALL_CATEGORIES
    if not chosen:
        return db.select(FacetTotal.facet, FacetTotal.value, FacetTotal.count).where(
            every
        )

    by_category = FacetTotal.facet == "kategorija"
    return (
        db.select(FacetTotal.facet, FacetTotal.value, func.sum(FacetTotal.count))
        .where(
            (every & by_category) | (FacetTotal.category_id.in_(chosen) & ~by_category)
        )
        .group_by(FacetTotal.facet, FacetTotal.value)
    )


def _count_facets(
    search: Search, vocabulary: Vocabulary, today: date
) -> tuple[dict[str, dict[str, int]], int]:
    if search.is_categories_only:
        statement = totals_statement(search, vocabulary)
    else:
        statement = facet_statement(search, vocabulary, today)
    counts: dict[str, dict[str, int]] = {n: {} for n in [*FACET_COLUMNS, "pritaikyta"]}
    # Plain rows through the connection: the ORM's row handling costs more than
    # the query for the ~1,500 rows of the unfiltered catalogue.
    for facet, value, count in db.session.connection().execute(statement).all():
        counts[facet][value] = int(count)

    by_category = counts["kategorija"]
    if search.categories:
        wanted = {str(vocabulary.category_id(slug)) for slug in search.categories}
        total = sum(n for value, n in by_category.items() if value in wanted)
    else:
        total = sum(by_category.values())
    return counts, total


def _relevance(search: Search) -> list:
    """Rank titles that start with the first word, then other title matches."""
    words = search_words(search.query)
    if not words:
        return []
    in_title = and_(
        *(
            Programme.title_search.like(f"% {escape_like(w)}%", escape="\\")
            for w in words
        )
    )
    starts = Programme.title_search.like(f" {escape_like(words[0])}%", escape="\\")
    return [~and_(in_title, starts), ~in_title]


ORDERS: dict[str, Callable[[Search], list]] = {
    "aktualumas": _relevance,
    "pradzia": lambda _: [Programme.next_start.asc().nulls_last()],
    "kaina": lambda _: [Programme.price_cents],
    "kaina-mazejanti": lambda _: [Programme.price_cents.desc()],
    "trukme": lambda _: [Programme.hours.asc().nulls_last()],
    "trukme-mazejanti": lambda _: [Programme.hours.desc().nulls_last()],
    "vertinimas": lambda _: [Programme.rating.desc().nulls_last()],
    "pavadinimas": lambda _: [],
}


def _order(search: Search) -> list:
    """Return the ORDER BY of a search; every order ends in Lithuanian title order."""
    return [*ORDERS[search.sort](search), Programme.title_sort, Programme.id]


def page_statement(search: Search, vocabulary: Vocabulary, today: date, page_size: int):
    """Select one page of result cards in the order the search asks for.

    The page's ids are found first from the sort's index alone, then only their
    rows are read, so a far page does not read every row it skips. A subquery,
    not a join, reads the providers' names by primary key for just those rows.
    """
    page_ids = (
        db.select(Programme.id)
        .where(*_conditions(search, vocabulary, today))
        .order_by(*_order(search))
        .limit(page_size)
        .offset((search.page - 1) * page_size)
        .subquery("page_ids")
    )
    provider_name = (
        db.select(Provider.name)
        .where(Provider.id == Programme.provider_id)
        .scalar_subquery()
    )
    return (
        db.select(
            Programme.id,
            Programme.title,
            Programme.provider_id,
            provider_name,
            Programme.category_id,
            Programme.mode,
            Programme.location,
            Programme.hours,
            Programme.hours_type,
            Programme.price_cents,
            Programme.next_start,
            Programme.rating,
            func.substr(Programme.annotation, 1, 300),
        )
        .join(page_ids, page_ids.c.id == Programme.id)
        .order_by(*_order(search))
    )


def _load_page(
    search: Search, vocabulary: Vocabulary, today: date, page_size: int
) -> list[ProgrammeCard]:
    statement = page_statement(search, vocabulary, today, page_size)
    rows = db.session.connection().execute(statement).all()
    names = {id_: name for id_, _, name in vocabulary.categories}
    return [
        ProgrammeCard(
            id=r[0],
            title=r[1],
            provider_id=r[2],
            provider_name=r[3],
            category_name=names.get(r[4], ""),
            mode=r[5],
            location=r[6],
            hours=r[7],
            hours_type=r[8],
            price_cents=r[9],
            next_start=r[10],
            rating=r[11],
            annotation=_shorten(r[12] or "", 240),
        )
        for r in rows
    ]


def _shorten(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + " …"


def _build_facets(
    search: Search, vocabulary: Vocabulary, counts: dict[str, dict[str, int]]
) -> list[Facet]:
    def choices(name: str, options: list[tuple[str, str, str]], chosen) -> list[Choice]:
        found = counts[name]
        return [
            Choice(value, label, found.get(key, 0), value in chosen)
            for value, key, label in options
        ]

    categories = [(slug, str(id_), name) for id_, slug, name in vocabulary.categories]
    locations = [(loc, loc, location_label(loc)) for loc in vocabulary.locations]
    educations = [
        (key or NO_EDUCATION, key, label) for key, label in EDUCATION_LABELS.items()
    ]
    chosen_educations = [e or NO_EDUCATION for e in search.educations]
    return [
        Facet(
            "kategorija",
            "Kategorija",
            choices("kategorija", categories, search.categories),
        ),
        _provider_facet(search, counts["teikejas"]),
        Facet("vieta", "Vieta", choices("vieta", locations, search.locations)),
        Facet(
            "issilavinimas",
            "Minimalus išsilavinimas",
            choices("issilavinimas", educations, chosen_educations),
        ),
        Facet(
            "kalba",
            "Kalba",
            choices(
                "kalba", [(v, v, v.capitalize()) for v in LANGUAGES], search.languages
            ),
        ),
        Facet(
            "budas",
            "Mokymosi būdas",
            choices("budas", [(k, k, v) for k, v in MODE_LABELS.items()], search.modes),
        ),
        Facet(
            "pritaikyta",
            "Specialieji poreikiai",
            choices(
                "pritaikyta",
                [(k, k, v) for k, v in SPECIAL_NEEDS_LABELS.items()],
                search.needs,
            ),
        ),
    ]


def _provider_facet(search: Search, found: dict[str, int]) -> Facet:
    """Show the providers with the most programmes, and every chosen one."""
    top = heapq.nlargest(PROVIDER_CHOICES_SHOWN, found.items(), key=lambda i: i[1])
    ids = dict.fromkeys([*(int(v) for v, _ in top), *search.providers])
    names = _provider_names(tuple(ids))
    options = [
        Choice(str(i), names[i], found.get(str(i), 0), i in search.providers)
        for i in ids
        if i in names
    ]
    options.sort(key=lambda c: (not c.selected, lithuanian_sort_key(c.label)))
    note = ""
    if len(found) > len(options):
        note = f"Rodomi {len(options)} iš {len(found)} teikėjų, turinčių programų."
    return Facet("teikejas", "Mokymo teikėjas", options, note)


def _provider_names(ids: tuple[int, ...]) -> dict[int, str]:
    providers = current_vocabulary().providers
    return {i: providers[i] for i in ids if i in providers}


class VocabularyMemo:
    """The vocabulary this process read last, and the catalogue version it is of."""

    version_and_vocabulary: tuple[str, Vocabulary] | None = None


def current_vocabulary() -> Vocabulary:
    """Return the vocabulary, read once per catalogue version.

    Every search needs it, whatever it asks, so it is kept even with the answer
    cache off (CATALOGUE_CACHE_SIZE=0).
    """
    if "catalogue_vocabulary" in g:
        return g.catalogue_vocabulary

    version = catalogue_version()
    memo = VocabularyMemo.version_and_vocabulary
    if version is not None and memo is not None and memo[0] == version:
        vocabulary = memo[1]
    else:
        vocabulary = load_vocabulary()
        if version is not None:
            VocabularyMemo.version_and_vocabulary = (version, vocabulary)
    g.catalogue_vocabulary = vocabulary
    return vocabulary


def load_vocabulary() -> Vocabulary:
    categories = db.session.execute(
        db.select(Category.id, Category.slug, Category.name).order_by(Category.position)
    ).all()
    locations = db.session.scalars(
        db.select(FacetTotal.value).where(
            FacetTotal.category_id == ALL_CATEGORIES,
            FacetTotal.facet == "vieta",
            FacetTotal.value != "",
        )
    ).all()
    ordered = sorted(
        locations, key=lambda loc: (loc != REMOTE_LOCATION, lithuanian_sort_key(loc))
    )
    providers = db.session.execute(db.select(Provider.id, Provider.name)).all()
    return Vocabulary([tuple(c) for c in categories], ordered, dict(providers))


# A per-process cache of answers, keyed by the catalogue version.


class AnswerCache:
    """A small least-recently-used map shared by the threads of one process."""

    def __init__(self) -> None:
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            if key not in self._entries:
                return None
            self._entries.move_to_end(key)
            return self._entries[key]

    def put(self, key: Hashable, value: Any, size: int) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


answer_cache = AnswerCache()


class VersionMemo:
    """The catalogue version this process read last, and when."""

    token: str | None = None
    read_at: float = -math.inf


def catalogue_version() -> str | None:
    """Read the token that changes with every catalogue change.

    A process trusts what it read for CATALOGUE_VERSION_TTL seconds, so a
    cached answer needs no database at all; its own commits forget it at once.
    """
    ttl = current_app.config["CATALOGUE_VERSION_TTL"]
    now = time.monotonic()
    if now - VersionMemo.read_at < ttl:
        return VersionMemo.token
    if "catalogue_version" not in g:
        g.catalogue_version = db.session.scalar(
            db.select(CatalogueVersion.token).where(CatalogueVersion.id == 1)
        )
        VersionMemo.token, VersionMemo.read_at = g.catalogue_version, now
    return g.catalogue_version


@event.listens_for(Session, "after_commit")
def _forget_version(session: Session) -> None:
    if session.info.pop("catalogue_changed", False):
        VersionMemo.read_at = -math.inf


def cached(key: tuple, load: Callable[[], Any]) -> Any:
    """Return what `load` gives for a key, kept until the catalogue changes."""
    size = current_app.config["CATALOGUE_CACHE_SIZE"]
    version = catalogue_version() if size else None
    if version is None:
        return load()
    full_key = (version, *key)
    value = answer_cache.get(full_key)
    if value is None:
        value = load()
        answer_cache.put(full_key, value, size)
    return value
