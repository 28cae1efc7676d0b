"""Catalogue search: reading a search from its URL and building its answer.

The whole search lives in the URL; `read_search` turns query arguments into a
checked `Search` and says what it had to correct, `search_catalogue` answers it
from the in-memory catalogue index (app/services/catalogue_index.py).
"""

import heapq
import logging
import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, NamedTuple

from app.services.catalogue_index import NO_EDUCATION, CatalogueIndex, current_index
from app.text import is_number, search_words

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
PROVIDER_CHOICES_SHOWN = 15
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
# The fields of a Search that narrow it (all but its order and page).
FILTER_FIELDS = (
    "query",
    "categories",
    "providers",
    "locations",
    "educations",
    "languages",
    "modes",
    "needs",
    "price_from",
    "price_to",
    "hours_from",
    "hours_to",
    "start_from",
    "start_to",
)
# Each filter with choices, by its name in the URL → the Search field holding them.
CHOICE_FIELDS = {
    "kategorija": "categories",
    "teikejas": "providers",
    "vieta": "locations",
    "issilavinimas": "educations",
    "kalba": "languages",
    "budas": "modes",
    "pritaikyta": "needs",
}
# How a message names the values of a filter some of which are unknown.
UNKNOWN_CHOICES = {
    "kategorija": "kategorijų",
    "vieta": "vietų",
    "issilavinimas": "išsilavinimo reikalavimų",
    "kalba": "kalbų",
    "budas": "mokymosi būdų",
    "pritaikyta": "poreikių",
}
# The filters with choices, in the order shown; the providers' comes second.
FACET_LABELS = {
    "kategorija": "Kategorija",
    "vieta": "Vieta",
    "issilavinimas": "Minimalus išsilavinimas",
    "kalba": "Kalba",
    "budas": "Mokymosi būdas",
    "pritaikyta": "Specialieji poreikiai",
}


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

    def chosen(self, name: str) -> tuple:
        """Return the values chosen in a filter, named as in the URL."""
        return getattr(self, CHOICE_FIELDS[name])

    def filters_key(self) -> Hashable:
        """Return what decides the matching programmes (not their order or page)."""
        return replace(self, sort="", page=1)

    def to_args(self, **changes: Any) -> dict[str, Any]:
        """Return the URL query arguments of this search, leaving defaults out."""
        search = replace(self, **changes) if changes else self
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
    def is_categories_only(self) -> bool:
        """Whether nothing but categories narrows this search."""
        return all(
            getattr(self, name) in (None, "", ())
            for name in FILTER_FIELDS
            if name != "categories"
        )


class Choice(NamedTuple):
    """One value of a filter; a tuple, since a page makes a hundred of them."""

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
class Page:
    items: list[int]  # the programmes' positions in the catalogue index
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


# Reading the search from the URL.


def read_search(
    args: Mapping, fixed_category: str | None = None
) -> tuple[Search, list[str]]:
    """Check URL arguments; drop or correct what is wrong and say what was done."""
    messages: list[str] = []
    index = current_index()

    query = _query(args, messages)
    choices = _filter_choices(args, index, messages)
    if fixed_category is not None:
        choices["categories"] = (fixed_category,)
    price_from, price_to = _range(args, "kaina", "Kainos", messages)
    hours_from, hours_to = _range(args, "trukme", "Trukmės", messages)
    start_from, start_to = _period(args, messages)
    sort = _first(args, "rikiuoti") or "aktualumas"
    if sort not in SORTS:
        messages.append("Nežinomas rikiavimas, rodoma pagal aktualumą.")
        sort = "aktualumas"

    search = Search(
        query=query,
        **choices,
        price_from=price_from,
        price_to=price_to,
        hours_from=hours_from,
        hours_to=hours_to,
        start_from=start_from,
        start_to=start_to,
        sort=sort,
        page=_page(args, messages),
    )
    return search, list(dict.fromkeys(messages))


def _query(args: Mapping, messages: list[str]) -> str:
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
    return query


def _filter_choices(
    args: Mapping, index: CatalogueIndex, messages: list[str]
) -> dict[str, tuple]:
    """Read the values chosen in each filter, keeping only the known ones."""
    choices = {
        CHOICE_FIELDS[name]: _known(
            args, name, [value for _, value, _ in index.options[name]], what, messages
        )
        for name, what in UNKNOWN_CHOICES.items()
    }
    choices["educations"] = tuple(
        "" if e == NO_EDUCATION else e for e in choices["educations"]
    )
    choices["providers"] = _known_providers(
        _many(args, "teikejas"), index.providers, messages
    )
    return choices


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
        messages.append(f"Kai kurių nurodytų {what} nėra, jų nepaisoma.")
    return kept


def _known_providers(
    values: list[str], providers: Mapping[int, str], messages: list[str]
) -> tuple[int, ...]:
    ids = [int(v) if is_number(v) and len(v) < 10 else None for v in values]
    if any(i not in providers for i in ids):
        messages.append("Kai kurių nurodytų mokymo teikėjų nėra, jų nepaisoma.")
    return tuple(dict.fromkeys(i for i in ids if i in providers))


def _number(text: str) -> int | None:
    """Read "250", "-5" or "12,50" (rounded); None for anything else, including
    the digits of other scripts and the underscores float() would accept."""
    text = text.replace(" ", "").replace("\u00a0", "")
    if not NUMBER.fullmatch(text):
        return None
    value = float(text.replace(",", "."))
    return round(value) if abs(value) <= 1_000_000 else None


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
    if not is_number(text) or not 1 <= int(text) <= 100_000:
        messages.append("Netinkamas puslapio numeris, rodomas pirmasis puslapis.")
        return 1
    return int(text)


# Answering the search.


def search_catalogue(search: Search, page_size: int) -> CatalogueAnswer:
    """Find the page of programmes a search asks for, with every facet's counts."""
    index = current_index()
    offset = (search.page - 1) * page_size
    answer = index.answer(search, offset, page_size)

    messages = []
    pages = max((answer.total + page_size - 1) // page_size, 1)
    if search.page > pages:
        messages.append(f"Tokio puslapio nėra, rodomas paskutinis ({pages}).")
        search = replace(search, page=pages)
        answer = index.answer(search, (pages - 1) * page_size, page_size)
    results = Page(answer.positions.tolist(), answer.total, search.page, page_size)
    facets = _build_facets(search, index, answer.counts)
    return CatalogueAnswer(search, results, facets, messages)


def category_counts() -> list[tuple[int, str, str, int]]:
    """Return every category (id, slug, name) with its published programmes."""
    index = current_index()
    counts = index.answer(Search(), 0, 0).counts["kategorija"]
    return [
        (id_, slug, name, counts.get(slug, 0)) for id_, slug, name in index.categories
    ]


def _build_facets(
    search: Search, index: CatalogueIndex, counts: dict[str, dict]
) -> list[Facet]:
    """Turn the counts into the choices of each filter, chosen ones marked."""
    facets = [
        Facet(
            name,
            label,
            [
                Choice(url_value, text, counts[name].get(value, 0), value in chosen)
                for value, url_value, text in index.options[name]
            ],
        )
        for name, label in FACET_LABELS.items()
        for chosen in [search.chosen(name)]
    ]
    facets.insert(1, _provider_facet(search, index, counts["teikejas"]))
    return facets


def _provider_facet(search: Search, index: CatalogueIndex, found: dict) -> Facet:
    """Show the providers with the most programmes, and every chosen one."""
    top = heapq.nlargest(PROVIDER_CHOICES_SHOWN, found.items(), key=lambda i: i[1])
    ids = dict.fromkeys([*(i for i, _ in top), *search.providers])
    options = [
        Choice(str(i), index.providers[i], found.get(i, 0), i in search.providers)
        for i in ids
        if i in index.providers
    ]
    options.sort(key=lambda c: (not c.selected, index.provider_sort_key(int(c.value))))
    note = ""
    if len(found) > len(options):
        note = f"Rodomi {len(options)} iš {len(found)} teikėjų, turinčių programų."
    return Facet("teikejas", "Mokymo teikėjas", options, note)
