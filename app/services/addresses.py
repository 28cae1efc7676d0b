"""Lithuanian places and streets for the address autocomplete.

The Address Register data (app/data/addresses, CC BY 4.0) is small enough to keep
in memory: one lazily built, accent-folded index that behaves the same whatever the
database is.
"""

import csv
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from app.config import DATA_DIR
from app.text import fold, is_number, lithuanian_sort_key

ADDRESS_DIR = DATA_DIR / "addresses"
RESULT_LIMIT = 10
# Cities and towns come before villages and single homesteads.
TYPE_RANK = {"miestas": 0, "miestelis": 1, "kaimas": 2, "viensėdis": 3}


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    type: str
    type_abbr: str
    municipality: str
    eldership: str
    address_form: str
    street_count: int

    @property
    def label(self) -> str:
        """Name a place so that a person can tell it from its namesakes."""
        if self.type == "miestas":
            return f"{self.name} ({self.municipality})"
        eldership = self.eldership.replace(" seniūnija", " sen.")
        where = ", ".join(p for p in (self.municipality, eldership) if p)
        return f"{self.name}, {self.type_abbr} ({where})"


@dataclass(frozen=True)
class Street:
    id: int
    place_id: int
    name: str


class AddressIndex:
    """Places and streets, loaded from the CSV files on first use."""

    def __init__(self, directory: Path = ADDRESS_DIR) -> None:
        self.directory = directory
        self._lock = threading.Lock()
        self._places: dict[int, Place] | None = None
        self._place_keys: list[tuple[str, list[str], Place]] = []
        self._streets: dict[int, list[tuple[str, list[str], Street]]] = {}

    def _load(self) -> None:
        with self._lock:
            if self._places is not None:
                return
            places = {}
            with (self.directory / "settlements.csv").open(encoding="utf-8") as file:
                for row in csv.DictReader(file):
                    place = Place(
                        id=int(row["settlement_id"]),
                        name=row["name"],
                        type=row["type"],
                        type_abbr=row["type_abbr"],
                        municipality=row["municipality_short"],
                        eldership=row["eldership"],
                        address_form=row["address_form"],
                        street_count=int(row["street_count"] or 0),
                    )
                    places[place.id] = place
            streets: dict[int, list] = {}
            with (self.directory / "streets.csv").open(encoding="utf-8") as file:
                for row in csv.DictReader(file):
                    street = Street(
                        int(row["street_id"]),
                        int(row["settlement_id"]),
                        row["full_name"],
                    )
                    folded = fold(street.name)
                    streets.setdefault(street.place_id, []).append(
                        (folded, folded.split(), street)
                    )
            self._place_keys = [
                (fold(p.name), fold(p.name).replace("-", " ").split(), p)
                for p in places.values()
            ]
            self._streets = streets
            self._places = places

    def place(self, place_id: int) -> Place | None:
        self._load()
        return self._places.get(place_id)

    def find_places(self, query: str, limit: int = RESULT_LIMIT) -> list[Place]:
        """Places whose name or one of its words starts with the folded query."""
        needle = fold(query).strip()
        if len(needle) < 2:
            return []
        self._load()

        found = []
        for folded, words, place in self._place_keys:
            match = _match_rank(needle, folded, words)
            if match is not None:
                found.append((match, place))
        found.sort(
            key=lambda item: (
                item[0],
                TYPE_RANK.get(item[1].type, 4),
                -item[1].street_count,
                lithuanian_sort_key(item[1].name),
                item[1].id,
            )
        )
        return [place for _, place in found[:limit]]

    def find_streets(
        self, place_id: int, query: str, limit: int = RESULT_LIMIT
    ) -> list[Street]:
        """Streets of one place whose name or one of its words starts with the query."""
        needle = fold(query).strip()
        self._load()

        found = []
        for folded, words, street in self._streets.get(place_id, []):
            match = _match_rank(needle, folded, words) if needle else 1
            if match is not None:
                found.append((match, street))
        found.sort(key=lambda item: (item[0], lithuanian_sort_key(item[1].name)))
        return [street for _, street in found[:limit]]

    def street(self, place_id: int, street_id: int) -> Street | None:
        self._load()
        for _, _, street in self._streets.get(place_id, []):
            if street.id == street_id:
                return street
        return None

    def has_streets(self, place_id: int) -> bool:
        self._load()
        return bool(self._streets.get(place_id))

    def street_named(self, place_id: int, name: str) -> Street | None:
        """Return the place's street with exactly this name, accents aside."""
        needle = fold(name).strip()
        self._load()
        for folded, _, street in self._streets.get(place_id, []):
            if folded == needle:
                return street
        return None


def _match_rank(needle: str, folded: str, words: list[str]) -> int | None:
    """0 for the whole name, 1 for its start, 2 for the start of a later word."""
    if folded == needle:
        return 0
    if folded.startswith(needle):
        return 1
    if any(word.startswith(needle) for word in words[1:]):
        return 2
    return None


address_index = AddressIndex()


def resolve_place(
    text: str, place_id: str = "", choice: str = ""
) -> tuple[Place | None, list[Place]]:
    """Turn what was typed or chosen into one place, or into candidates to choose
    from (the server-side lookup when there is no JavaScript)."""
    if is_number(choice) and (place := address_index.place(int(choice))):
        return place, []
    place = address_index.place(int(place_id)) if is_number(place_id) else None
    if place is not None and fold(text).strip() == fold(place.label):
        return place, []

    # A chosen label ("Vilnius, k. (Kupiškio r. sav., …)") is looked up by its name.
    name = re.split(r"[,(]", text, maxsplit=1)[0]
    candidates = address_index.find_places(name, limit=50)
    needle = fold(text).strip()
    exact = [c for c in candidates if fold(c.label) == needle] or [
        c for c in candidates if fold(c.name) == needle
    ]
    if len(exact) == 1:
        return exact[0], []
    return None, candidates[:RESULT_LIMIT]


def resolve_street(
    place: Place, text: str, choice: str = ""
) -> tuple[str | None, list[Street]]:
    """Turn what was typed or chosen into one of the place's streets, or into
    candidates; a place without streets in the register takes the text as is."""
    if not address_index.has_streets(place.id):
        return text.strip(), []
    if is_number(choice) and (street := address_index.street(place.id, int(choice))):
        return street.name, []
    if text.strip() and (street := address_index.street_named(place.id, text)):
        return street.name, []
    return None, address_index.find_streets(place.id, text)
