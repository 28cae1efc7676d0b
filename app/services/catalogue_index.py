"""The catalogue index: every published programme held in columns in memory.

A web process reads the published programmes and their open groups once per
catalogue version and day, and answers every search from arrays: a filter is a
boolean mask, a facet's counts are one `bincount`, a sort is an order computed
when the index is built. The database stays the only record; the index is a
copy that `current_index` rebuilds as soon as the catalogue version changes or
the day turns (the nearest start depends on the day).
"""

import bisect
import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
from flask import Flask, current_app, g
from markupsafe import Markup
from sqlalchemy import event, func
from sqlalchemy.orm import Session

from app.extensions import db
from app.models import CatalogueVersion, Category, Group, Programme, Provider
from app.models.catalogue import (
    EDUCATION_LABELS,
    LANGUAGES,
    MODE_LABELS,
    REMOTE_LOCATION,
    SPECIAL_NEEDS_LABELS,
    GroupStatus,
    ProgrammeStatus,
    academic_hours,
    hours_label,
    location_label,
)
from app.text import lithuanian_sort_key, search_words
from app.timeutil import local_today

if TYPE_CHECKING:
    from app.services.catalogue import Search

logger = logging.getLogger(__name__)

# The facets whose choices are alternatives (one value per programme), by their
# name in the URL: category, provider, location, education, language, mode.
FACETS = ("kategorija", "teikejas", "vieta", "issilavinimas", "kalba", "budas")
# What the index reads of each published programme.
PROGRAMME_COLUMNS = (
    Programme.id,
    Programme.provider_id,
    Programme.category_id,
    Programme.title,
    Programme.title_sort,
    Programme.title_search,
    Programme.keywords_search,
    Programme.hours,
    Programme.hours_type,
    Programme.min_education,
    Programme.mode,
    Programme.location,
    Programme.language,
    Programme.adapted_mobility,
    Programme.adapted_hearing,
    Programme.adapted_vision,
    Programme.price_cents,
    Programme.rating,
)
NEEDS = tuple(SPECIAL_NEEDS_LABELS)
ANNOTATION_LENGTH = 240
PREFIX_CACHE_SIZE = 4096
# Rendered pieces kept per index (cards, filter choices); forgotten all at once
# when there are more, since a new index forgets them anyway.
FRAGMENTS_KEPT = 20_000
NO_DAY = np.iinfo(np.int32).max
# URL value of "no education required", which is stored as an empty string.
NO_EDUCATION = "nera"


@dataclass(frozen=True)
class ProgrammeCard:
    """What a result row shows."""

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


class WordIndex:
    """Find the programmes with a word starting with a prefix, by binary search."""

    def __init__(self, documents: Iterable[str]) -> None:
        postings: dict[str, list[int]] = {}
        for position, document in enumerate(documents):
            for word in set(document.split()):
                postings.setdefault(word, []).append(position)
        self.words = sorted(postings)
        self.postings = [np.array(postings[w], dtype=np.intp) for w in self.words]
        self._found: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def find(self, prefix: str) -> np.ndarray:
        """Return the sorted positions of the documents with a word so prefixed."""
        with self._lock:
            if prefix in self._found:
                self._found.move_to_end(prefix)
                return self._found[prefix]

        first = bisect.bisect_left(self.words, prefix)
        last = bisect.bisect_left(self.words, prefix + "\uffff", lo=first)
        parts = self.postings[first:last]
        if not parts:
            found = np.empty(0, dtype=np.intp)
        elif len(parts) == 1:
            found = parts[0]
        else:
            found = np.unique(np.concatenate(parts))
        with self._lock:
            self._found[prefix] = found
            while len(self._found) > PREFIX_CACHE_SIZE:
                self._found.popitem(last=False)
        return found

    def find_all(self, prefixes: list[str]) -> np.ndarray:
        """Return the positions of the documents matching every prefix."""
        found = self.find(prefixes[0])
        for prefix in prefixes[1:]:
            found = np.intersect1d(found, self.find(prefix), assume_unique=True)
        return found


class FacetColumn:
    """One facet's values in display order and each programme's value code."""

    def __init__(self, values: list, codes: np.ndarray) -> None:
        self.values = values
        self.codes = codes
        self.code_of = {value: code for code, value in enumerate(values)}
        self._marks: dict[tuple, np.ndarray] = {}

    def marks(self, chosen: tuple) -> np.ndarray:
        """Return a lookup table: True at the codes of the chosen values."""
        table = self._marks.get(chosen)
        if table is None:
            table = np.zeros(len(self.values), dtype=bool)
            table[[self.code_of[v] for v in chosen if v in self.code_of]] = True
            if len(self._marks) < 1024:
                self._marks[chosen] = table
        return table


@dataclass(frozen=True)
class Answer:
    """What the index answers: counts per facet and need, the total and a page."""

    counts: dict[str, dict]
    total: int
    positions: np.ndarray


class CatalogueIndex:
    """The published programmes of one catalogue version on one day."""

    def __init__(self, version: str | None, today: date) -> None:
        self.version = version
        self.today = today
        self.started = time.monotonic()
        # Kept as asked for: rendered pieces, providers' sort keys.
        self._fragments: dict[Hashable, Markup] = {}
        self._provider_keys: dict[int, str] = {}
        self._load_names()
        self._load_programmes()
        self._load_groups()
        self._build_orders()
        self._everything = self._count_all(None)
        self._by_category = {
            slug: self._narrowed_to_categories((slug,))
            for slug in self.facets["kategorija"].values[:-1]
        }

    # Building.

    def _load_names(self) -> None:
        self.categories = [
            tuple(row)
            for row in db.session.connection().execute(
                db.select(Category.id, Category.slug, Category.name).order_by(
                    Category.position, Category.id
                )
            )
        ]
        self.providers = dict(
            db.session.connection().execute(db.select(Provider.id, Provider.name)).all()
        )

    def _load_programmes(self) -> None:
        """Read every published programme, in id order, into coded columns."""
        rows = _published_programmes()
        self.rows = rows
        self.size = len(rows)
        self.ids = np.array([r.id for r in rows], dtype=np.int64)

        slugs = {id_: slug for id_, slug, _ in self.categories}
        self.locations = sorted(
            {r.location for r in rows if r.location},
            key=lambda loc: (loc != REMOTE_LOCATION, lithuanian_sort_key(loc)),
        )
        self.facets = {
            "kategorija": _coded(
                [slug for _, slug, _ in self.categories],
                [slugs.get(r.category_id) for r in rows],
            ),
            "teikejas": _coded(sorted(self.providers), [r.provider_id for r in rows]),
            "vieta": _coded(self.locations, [r.location for r in rows]),
            "issilavinimas": _coded(EDUCATION_LABELS, [r.min_education for r in rows]),
            "kalba": _coded(LANGUAGES, [r.language for r in rows]),
            "budas": _coded(MODE_LABELS, [r.mode for r in rows]),
        }
        self.options = _options(self.categories, self.locations)
        self.needs = {
            need: np.array([getattr(r, f"adapted_{need}") for r in rows], dtype=bool)
            for need in NEEDS
        }
        self.price = np.array([r.price_cents for r in rows], dtype=np.int64)
        # Durations compare in academic hours; "60 val." is 80 of them.
        self.hours = _with_nan([academic_hours(r.hours, r.hours_type) for r in rows])
        self.rating = _with_nan([r.rating for r in rows])

        by_title = sorted(range(self.size), key=lambda p: (rows[p].title_sort, p))
        self.title_rank = np.empty(self.size, dtype=np.int64)
        self.title_rank[by_title] = np.arange(self.size)
        self.keywords = WordIndex(r.keywords_search for r in rows)
        self.title_words = WordIndex(r.title_search for r in rows)
        self.first_title_words = WordIndex(
            " ".join(r.title_search.split()[:1]) for r in rows
        )

    def _load_groups(self) -> None:
        """Read the open groups; note each programme's nearest start."""
        rows = (
            db.session.connection()
            .execute(
                db.select(Group.programme_id, Group.start_date).where(
                    Group.status == GroupStatus.OPEN,
                    Group.registration_deadline >= self.today,
                )
            )
            .all()
        )
        programme_ids = np.array([p for p, _ in rows], dtype=np.int64)
        starts = np.array([s.toordinal() for _, s in rows], dtype=np.int64)
        # Positions follow the ids' order; groups of unpublished programmes drop out.
        positions = np.searchsorted(self.ids, programme_ids)
        positions[positions == self.size] = 0
        published = self.ids[positions] == programme_ids if self.size else positions < 0
        self.group_programme = positions[published]
        self.group_start = starts[published]
        self.next_start = np.full(self.size, NO_DAY, dtype=np.int64)
        np.minimum.at(self.next_start, self.group_programme, self.group_start)

    def _build_orders(self) -> None:
        """Order every programme by each sort, ties by title and id."""

        def nulls_last(values: np.ndarray) -> np.ndarray:
            return np.where(np.isnan(values), np.inf, values)

        keys = {
            "pradzia": self.next_start,
            "kaina": self.price,
            "kaina-mazejanti": -self.price,
            "trukme": nulls_last(self.hours),
            "trukme-mazejanti": nulls_last(-self.hours),
            "vertinimas": nulls_last(-self.rating),
        }
        self.sort_keys = keys
        self.orders = {
            name: np.lexsort((self.title_rank, key)) for name, key in keys.items()
        }
        self.orders["pavadinimas"] = np.argsort(self.title_rank)
        self.orders["aktualumas"] = self.orders["pavadinimas"]

    def age(self) -> float:
        """Return the seconds since this index began reading the catalogue."""
        return time.monotonic() - self.started

    # Answering.

    def answer(self, search: "Search", offset: int, limit: int) -> Answer:
        """Count every facet under the other filters and pick one page of results."""
        if search.is_categories_only:
            return self._answer_by_categories(search, offset, limit)

        subset = self._narrowed(search)
        codes = {
            name: facet.codes if subset is None else facet.codes[subset]
            for name, facet in self.facets.items()
        }
        chosen = {
            name: self.facets[name].marks(values)[codes[name]]
            for name in FACETS
            if (values := search.chosen(name))
        }

        counts = self._count_facets(codes, chosen)
        positions = _kept(subset, _all(list(chosen.values())))
        counts["pritaikyta"] = _need_counts(
            column if positions is None else column[positions]
            for column in self.needs.values()
        )
        total = self.size if positions is None else len(positions)
        return Answer(counts, total, self._page(search, positions, offset, limit))

    def _count_facets(self, codes: dict, chosen: dict) -> dict[str, dict]:
        """Count each facet's values under the choices made in the other facets."""
        counts = {}
        for name, facet in self.facets.items():
            keep = _all([mask for other, mask in chosen.items() if other != name])
            values = codes[name] if keep is None else codes[name][keep]
            counts[name] = _counts(
                facet, np.bincount(values, minlength=len(facet.values))
            )
        return counts

    def _narrowed(self, search: "Search") -> np.ndarray | None:
        """Return the positions passing the text and the filters every facet counts
        under (needs, ranges, period), or None when nothing of that is asked."""
        words = _words(search)
        subset = self.keywords.find_all(words) if words else None
        return _kept(subset, self._base_mask(search, subset))

    def _answer_by_categories(self, search: "Search", offset: int, limit: int):
        """Answer a search narrowed by categories alone, from what the build kept
        for the whole catalogue and for each category."""
        if not search.categories:
            counts, total = self._everything
            order = self.orders[search.sort]
        elif len(search.categories) == 1 and search.categories[0] in self._by_category:
            counts, total, orders = self._by_category[search.categories[0]]
            order = orders[search.sort]
        else:
            counts, total, orders = self._narrowed_to_categories(
                search.categories, sorts=(search.sort,)
            )
            order = orders[search.sort]
        return Answer(counts, total, order[offset : offset + limit])

    def _narrowed_to_categories(
        self, categories: tuple, sorts: tuple | None = None
    ) -> tuple[dict, int, dict]:
        """Count the programmes of some categories and order them by some sorts
        (all when None); the categories' own choices count every programme."""
        facet = self.facets["kategorija"]
        keep = facet.marks(categories)[facet.codes]
        counts, total = self._count_all(keep)
        counts["kategorija"] = self._everything[0]["kategorija"]
        orders = {
            sort: self.orders[sort][keep[self.orders[sort]]]
            for sort in sorts or self.orders
        }
        return counts, total, orders

    def _count_all(self, keep: np.ndarray | None) -> tuple[dict, int]:
        counts = {
            name: _counts(
                facet,
                np.bincount(
                    facet.codes if keep is None else facet.codes[keep],
                    minlength=len(facet.values),
                ),
            )
            for name, facet in self.facets.items()
        }
        counts["pritaikyta"] = _need_counts(
            column if keep is None else column & keep for column in self.needs.values()
        )
        total = self.size if keep is None else int(np.count_nonzero(keep))
        return counts, total

    def _base_mask(
        self, search: "Search", subset: np.ndarray | None
    ) -> np.ndarray | None:
        """AND the filters every facet counts under: needs, ranges and period."""
        masks = [_pick(self.needs[need], subset) for need in search.needs]
        bounds = [
            (self.price, search.price_from, search.price_to, 100),
            (self.hours, search.hours_from, search.hours_to, 1),
        ]
        for column, low, high, unit in bounds:
            if low is not None:
                masks.append(_pick(column, subset) >= low * unit)
            if high is not None:
                masks.append(_pick(column, subset) <= high * unit)
        if search.start_from or search.start_to:
            masks.append(_pick(self._starting(search), subset))
        return _all(masks)

    def _starting(self, search: "Search") -> np.ndarray:
        """Mark the programmes with an open group starting within the period."""
        starts = np.ones(len(self.group_start), dtype=bool)
        if search.start_from:
            starts &= self.group_start >= search.start_from.toordinal()
        if search.start_to:
            starts &= self.group_start <= search.start_to.toordinal()
        found = np.zeros(self.size, dtype=bool)
        found[self.group_programme[starts]] = True
        return found

    def _page(self, search: "Search", positions, offset: int, limit: int) -> np.ndarray:
        """Order the matching positions by the search's sort and slice a page."""
        if positions is None:
            return self.orders[search.sort][offset : offset + limit]
        rank = self.title_rank[positions]
        if search.sort in self.sort_keys:
            keys = (rank, self.sort_keys[search.sort][positions])
        elif search.sort == "aktualumas" and _words(search):
            keys = (rank, *self._relevance(search, positions))
        else:
            keys = (rank,)
        ordered = positions[np.lexsort(keys)]
        return ordered[offset : offset + limit]

    def _relevance(
        self, search: "Search", positions: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """Rank titles holding every word, those starting with the first word first."""
        words = _words(search)
        in_title = _among(positions, self.title_words.find_all(words))
        first = _among(positions, self.first_title_words.find(words[0]))
        return (~in_title, ~(in_title & first))

    def provider_sort_key(self, provider_id: int) -> str:
        key = self._provider_keys.get(provider_id)
        if key is None:
            key = lithuanian_sort_key(self.providers.get(provider_id, ""))
            self._provider_keys[provider_id] = key
        return key

    def category_slug_known(self, slug: str) -> bool:
        return slug in self.facets["kategorija"].code_of

    def fragment(self, key: Hashable, render: Callable[[], Markup]) -> Markup:
        """Return a piece of markup rendered once for this index and kept."""
        found = self._fragments.get(key)
        if found is None:
            if len(self._fragments) >= FRAGMENTS_KEPT:
                self._fragments.clear()
            found = self._fragments[key] = render()
        return found

    def card(self, position: int) -> ProgrammeCard:
        """Return what the result row of the programme at a position shows."""
        row = self.rows[position]
        names = {id_: name for id_, _, name in self.categories}
        start = int(self.next_start[position])
        return ProgrammeCard(
            id=row.id,
            title=row.title,
            provider_id=row.provider_id,
            provider_name=self.providers.get(row.provider_id, ""),
            category_name=names.get(row.category_id, ""),
            mode=row.mode,
            location=row.location,
            hours=row.hours,
            hours_type=row.hours_type,
            price_cents=row.price_cents,
            next_start=None if start == NO_DAY else date.fromordinal(start),
            rating=row.rating,
            annotation=_shorten(row.annotation or "", ANNOTATION_LENGTH),
        )


def _words(search: "Search") -> list[str]:
    return search_words(search.query)


def _pick(column: np.ndarray, subset: np.ndarray | None) -> np.ndarray:
    return column if subset is None else column[subset]


def _kept(subset: np.ndarray | None, keep: np.ndarray | None) -> np.ndarray | None:
    """Return the positions a mask keeps of a subset (None: all programmes)."""
    if keep is None:
        return subset
    return np.flatnonzero(keep) if subset is None else subset[keep]


def _among(positions: np.ndarray, found: np.ndarray) -> np.ndarray:
    """Mark the positions that are in `found` (sorted, without repeats)."""
    if not len(found):
        return np.zeros(len(positions), dtype=bool)
    places = np.minimum(np.searchsorted(found, positions), len(found) - 1)
    return found[places] == positions


def _all(masks: list[np.ndarray]) -> np.ndarray | None:
    """AND masks together; None stands for "everything"."""
    result = None
    for mask in masks:
        result = mask if result is None else result & mask
    return result


def _counts(facet: FacetColumn, counts: np.ndarray) -> dict:
    """Map each value some programme has to its count; the uncoded one drops out."""
    if len(counts) <= 64:  # a plain loop costs less than numpy's calls here
        return {
            v: n
            for v, n in zip(facet.values, counts.tolist(), strict=True)
            if n and v is not None
        }
    found = np.flatnonzero(counts[:-1])
    return dict(
        zip([facet.values[c] for c in found], counts[found].tolist(), strict=True)
    )


def _need_counts(columns: Iterable[np.ndarray]) -> dict[str, int]:
    counts = zip(NEEDS, map(np.count_nonzero, columns), strict=True)
    return {need: int(n) for need, n in counts if n}


def _shorten(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + " …"


def _published_programmes() -> list:
    """Read what the index needs of every published programme, in id order."""
    annotation = func.substr(Programme.annotation, 1, ANNOTATION_LENGTH + 60)
    statement = (
        db.select(*PROGRAMME_COLUMNS, annotation.label("annotation"))
        .where(Programme.status == ProgrammeStatus.PUBLISHED)
        .order_by(Programme.id)
    )
    return db.session.connection().execute(statement).all()


def _coded(values: Iterable, column: list) -> FacetColumn:
    """Code a column by its facet's values; an unknown value counts nowhere."""
    values = list(values)
    code_of = {value: code for code, value in enumerate(values)}
    other = len(values)
    codes = np.array([code_of.get(v, other) for v in column], dtype=np.intp)
    return FacetColumn([*values, None], codes)


def _with_nan(values: list) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def _options(categories: list, locations: list[str]) -> dict[str, list]:
    """Return each facet's choices as (value, value in the URL, label)."""
    return {
        "kategorija": [(slug, slug, name) for _, slug, name in categories],
        "vieta": [(loc, loc, location_label(loc)) for loc in locations],
        "issilavinimas": [
            (key, key or NO_EDUCATION, label) for key, label in EDUCATION_LABELS.items()
        ],
        "kalba": [(v, v, v.capitalize()) for v in LANGUAGES],
        "budas": [(k, k, v) for k, v in MODE_LABELS.items()],
        "pritaikyta": [(k, k, v) for k, v in SPECIAL_NEEDS_LABELS.items()],
    }


# Keeping one index per process, rebuilt when the catalogue version changes.


class IndexHolder:
    """The index this process built last, and whether a new one is being built."""

    index: "CatalogueIndex | None" = None
    lock = threading.Lock()  # held while building
    building = False
    building_lock = threading.Lock()  # held while checking or setting building


def current_index() -> CatalogueIndex:
    """Return the index of the current catalogue version.

    A small catalogue, or a process without any index yet, waits for the build.
    A large one keeps answering from the previous index while a thread builds
    the next (about a second of CPU at 50,000 programmes), so a change to the
    catalogue never stalls the searches in flight; and it is rebuilt at most
    every CATALOGUE_INDEX_REBUILD_SECONDS, so a burst of changes cannot keep
    every process busy rebuilding.
    """
    if "catalogue_index" in g:
        return g.catalogue_index

    version, today = catalogue_version(), local_today()
    index = IndexHolder.index
    if not _is_current(index, version, today):
        config = current_app.config
        if index is None or index.size < config["CATALOGUE_INDEX_WAIT_BELOW"]:
            index = _build(version, today)
        elif index.age() >= config["CATALOGUE_INDEX_REBUILD_SECONDS"]:
            _build_in_background(current_app._get_current_object(), version, today)
    g.catalogue_index = index
    return index


def _build(version: str | None, today: date) -> CatalogueIndex:
    with IndexHolder.lock:
        index = IndexHolder.index
        if _is_current(index, version, today):
            return index

        started = time.perf_counter()
        index = CatalogueIndex(version, today)
        IndexHolder.index = index
    logger.info(
        "Catalogue index of %s programmes built in %.0f ms",
        index.size,
        (time.perf_counter() - started) * 1000,
    )
    return index


def _build_in_background(app: Flask, version: str | None, today: date) -> None:
    """Start one thread building the index, unless one is already at it."""
    with IndexHolder.building_lock:
        if IndexHolder.building:
            return
        IndexHolder.building = True

    def build() -> None:
        try:
            with app.app_context():
                _build(version, today)
        except Exception:
            logger.exception("Building the catalogue index failed")
        finally:
            IndexHolder.building = False

    threading.Thread(target=build, name="catalogue-index", daemon=True).start()


def warm_catalogue_index(app: Flask) -> None:
    """Build the index before a web process takes its first request.

    A database that cannot answer yet is no reason to stop the process: its
    first search builds the index instead.
    """
    try:
        with app.app_context():
            current_index()
    except Exception:
        logger.exception("Building the catalogue index at start failed")


def _is_current(index: CatalogueIndex | None, version: str | None, today) -> bool:
    return (
        index is not None
        and version is not None
        and index.version == version
        and index.today == today
    )


class VersionMemo:
    """The catalogue version this process read last, and when."""

    token: str | None = None
    read_at: float = -math.inf


def catalogue_version() -> str | None:
    """Read the token that changes with every catalogue change.

    A process trusts what it read for CATALOGUE_VERSION_TTL seconds; its own
    commits forget it at once.
    """
    ttl = current_app.config["CATALOGUE_VERSION_TTL"]
    now = time.monotonic()
    if now - VersionMemo.read_at < ttl:
        return VersionMemo.token

    token = db.session.scalar(
        db.select(CatalogueVersion.token).where(CatalogueVersion.id == 1)
    )
    VersionMemo.token, VersionMemo.read_at = token, now
    return token


@event.listens_for(Session, "after_commit")
def _forget_version(session: Session) -> None:
    if session.info.pop("catalogue_changed", False):
        VersionMemo.read_at = -math.inf
