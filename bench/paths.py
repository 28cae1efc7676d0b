"""Write the varied request paths the benchmark rotates through, one per line.

`python bench/paths.py search|catalogue` prints a fixed, shuffled set large
enough that a per-process cache of 512 answers cannot serve most of it: three
filters with a text for the search, every page and sort for the catalogue.
"""

import random
import sys
from urllib.parse import urlencode

WORDS = [
    "anglu",
    "vokieciu",
    "prancuzu",
    "ispanu",
    "projektu valdymas",
    "excel",
    "duomenu analize",
    "python",
    "java",
    "dizainas",
    "rinkodara",
    "apskaita",
    "pirmoji pagalba",
    "fotografija",
    "derybos",
    "logistika",
    "saugumas",
    "kalba",
    "programavimas",
    "verslo",
]
LANGUAGES = ["lietuvių", "anglų", "rusų", "lenkų"]
MODES = ["kontaktinis", "nuotolinis", "mišrus"]
PRICES = [150, 250, 400, 600]
SORTS = [
    "aktualumas",
    "pradzia",
    "kaina",
    "kaina-mazejanti",
    "trukme",
    "trukme-mazejanti",
    "vertinimas",
    "pavadinimas",
]


def search_paths() -> list[str]:
    return [
        "/mokymai/paieska?"
        + urlencode({"q": q, "kalba": lang, "budas": mode, "kaina_iki": price})
        for q in WORDS
        for lang in LANGUAGES
        for mode in MODES
        for price in PRICES
    ]


def catalogue_paths() -> list[str]:
    return [
        "/mokymai/paieska?" + urlencode({"rikiuoti": sort, "puslapis": page})
        for sort in SORTS
        for page in range(1, 201)
    ]


def main(kind: str) -> None:
    paths = {"search": search_paths, "catalogue": catalogue_paths}[kind]()
    random.Random(4).shuffle(paths)
    print("\n".join(paths))


if __name__ == "__main__":
    main(sys.argv[1])
