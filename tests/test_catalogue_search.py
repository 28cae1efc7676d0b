"""Ieškoti mokymų: filters with facet counts, sorts, URLs, htmx and bad input."""

import re
import threading
from collections import Counter
from datetime import timedelta

import pytest
from werkzeug.datastructures import MultiDict

from app.extensions import db as _db
from app.models import Group, Programme
from app.models.catalogue import GroupStatus, ProgrammeStatus
from app.services import catalogue_index
from app.services.catalogue import Search, read_search
from app.services.catalogue_index import FACETS, current_index
from app.templating import format_date as lt_date
from app.text import search_document, search_words
from app.timeutil import local_today

SEARCH = "/mokymai/paieska"


def titles(html: str) -> list[str]:
    """Return the programme titles of a results page, in order."""
    return re.findall(r'<h3><a href="/programos/\d+">([^<]+)</a></h3>', html)


def choice(html: str, name: str, value: str) -> str:
    """Return the markup of one filter choice (its input and its label)."""
    match = re.search(
        rf'<input type="checkbox" id="[^"]+" name="{name}" value="{re.escape(value)}"'
        r"[^>]*>\s*<label[^>]*>[^<]*<span class=\"count\">\(\d+\)</span>",
        html,
    )
    assert match, f"no choice {name}={value}"
    return match.group(0)


def count_of(html: str, name: str, value: str) -> int:
    return int(re.search(r"\((\d+)\)</span>$", choice(html, name, value)).group(1))


# Name search.


def test_search_across_all_categories_folds_accents_and_case(client, make_programme):
    make_programme("Anglų kalba")
    make_programme("Projektų valdymas", category="skaitmenine")
    make_programme("Excel pradedantiesiems", category="skaitmenine")

    assert titles(client.get(SEARCH, query_string={"q": "ANGLU"}).text) == [
        "Anglų kalba"
    ]
    found = client.get(SEARCH, query_string={"q": "projektu valdymas"}).text
    assert titles(found) == ["Projektų valdymas"]
    assert titles(client.get(SEARCH, query_string={"q": "excel"}).text) == [
        "Excel pradedantiesiems"
    ]


def test_category_page_searches_only_its_category_with_all_one_click_away(
    client, make_programme
):
    make_programme("Anglų kalba")
    make_programme("Anglų kalba IT specialistams", category="skaitmenine")

    page = client.get("/mokymai/skaitmenine?q=anglu").text

    assert titles(page) == ["Anglų kalba IT specialistams"]
    link = re.search(r'<a href="([^"]+)">Ieškoti visose kategorijose</a>', page)
    everywhere = client.get(link.group(1).replace("&amp;", "&")).text
    assert sorted(titles(everywhere)) == [
        "Anglų kalba",
        "Anglų kalba IT specialistams",
    ]


def test_title_matches_rank_before_provider_name_matches(client, make_programme):
    make_programme("Vokiečių kalba", provider="Anglų kalbos centras")
    make_programme("Verslo anglų kalba")
    make_programme("Anglų kalba B1")

    page = client.get(SEARCH, query_string={"q": "anglu"}).text

    assert titles(page) == ["Anglų kalba B1", "Verslo anglų kalba", "Vokiečių kalba"]


def test_titles_starting_with_the_first_word_rank_first(client, make_programme):
    make_programme("Anglų kalba")
    make_programme("Kalbos kultūra")
    make_programme("Lietuvių kalba", provider="Kalbų centras")

    page = client.get(SEARCH, query_string={"q": "kalb"}).text

    assert titles(page) == ["Kalbos kultūra", "Anglų kalba", "Lietuvių kalba"]


# Filters and their counts.


@pytest.mark.parametrize(
    ("param", "value", "matching", "other"),
    [
        ("kategorija", "skaitmenine", {"category": "skaitmenine"}, {}),
        ("vieta", "Kaunas", {"city": "Kaunas"}, {"city": "Vilnius"}),
        ("vieta", "nuotoliu", {"mode": "nuotolinis"}, {"mode": "kontaktinis"}),
        ("issilavinimas", "profesinis", {"min_education": "profesinis"}, {}),
        ("issilavinimas", "nera", {}, {"min_education": "profesinis"}),
        ("kalba", "anglų", {"language": "anglų"}, {"language": "lietuvių"}),
        ("budas", "mišrus", {"mode": "mišrus"}, {"mode": "kontaktinis"}),
        ("pritaikyta", "vision", {"special_needs": ["vision"]}, {}),
    ],
)
def test_each_filter_keeps_only_matching_programmes(
    client, make_programme, param, value, matching, other
):
    make_programme("Tinkama programa", **matching)
    make_programme("Netinkama programa", **other)

    page = client.get(SEARCH, query_string={param: value}).text

    assert titles(page) == ["Tinkama programa"]
    assert "checked" in choice(page, param, value)


def test_provider_filter(client, make_programme):
    wanted = make_programme("Tinkama programa", provider="Kalbų namai")
    make_programme("Netinkama programa", provider="Kiti namai")

    page = client.get(SEARCH, query_string={"teikejas": wanted.provider_id}).text

    assert titles(page) == ["Tinkama programa"]


def test_price_duration_and_period_ranges(client, make_programme):
    make_programme("Pigi trumpa greita", price_cents=10000, hours=16, starts_in=10)
    make_programme("Brangi ilga vėlyva", price_cents=90000, hours=120, starts_in=90)
    today = local_today()

    def found(**args):
        return titles(client.get(SEARCH, query_string=args).text)

    assert found(kaina_iki=100) == ["Pigi trumpa greita"]
    assert found(kaina_nuo=500) == ["Brangi ilga vėlyva"]
    assert found(trukme_nuo=100) == ["Brangi ilga vėlyva"]
    assert found(trukme_iki=20) == ["Pigi trumpa greita"]
    late = (today + timedelta(days=60)).isoformat()
    assert found(pradzia_nuo=late) == ["Brangi ilga vėlyva"]
    assert found(pradzia_iki=late) == ["Pigi trumpa greita"]


def test_filters_combine(client, make_programme):
    make_programme("Anglų kalba nuotoliu", mode="nuotolinis", language="anglų")
    make_programme("Anglų kalba klasėje", mode="kontaktinis", language="anglų")
    make_programme("Lietuvių kalba nuotoliu", mode="nuotolinis")

    page = client.get(
        SEARCH, query_string={"q": "anglu", "budas": "nuotolinis", "kalba": "anglų"}
    ).text

    assert titles(page) == ["Anglų kalba nuotoliu"]


def test_facet_counts_follow_the_other_filters(client, make_programme):
    make_programme("A", mode="nuotolinis", language="anglų")
    make_programme("B", mode="nuotolinis", language="lietuvių")
    make_programme("C", mode="kontaktinis", language="anglų")
    make_programme("D", mode="kontaktinis", language="anglų", category="skaitmenine")

    page = client.get(SEARCH, query_string={"budas": "nuotolinis"}).text

    # Modes are alternatives: their counts ignore the chosen mode.
    assert count_of(page, "budas", "nuotolinis") == 2
    assert count_of(page, "budas", "kontaktinis") == 2
    # Other facets count under the chosen mode.
    assert count_of(page, "kalba", "anglų") == 1
    assert count_of(page, "kalba", "lietuvių") == 1
    assert count_of(page, "kategorija", "skaitmenine") == 0


def test_zero_choices_are_shown_disabled_unless_chosen(client, make_programme):
    make_programme("A", language="lietuvių")

    page = client.get(SEARCH, query_string={"budas": "nuotolinis"}).text
    lithuanian = client.get(SEARCH).text

    assert "disabled" in choice(lithuanian, "kalba", "rusų")
    assert "disabled" not in choice(lithuanian, "kalba", "lietuvių")
    chosen = choice(page, "budas", "nuotolinis")
    assert "checked" in chosen and "disabled" not in chosen
    assert "Rasta programų: 0" in page


def test_special_needs_add_up(client, make_programme):
    make_programme("Abu", special_needs=["hearing", "vision"])
    make_programme("Tik regos", special_needs=["vision"])

    page = client.get(SEARCH, query_string={"pritaikyta": ["vision", "hearing"]}).text

    assert titles(page) == ["Abu"]
    assert count_of(page, "pritaikyta", "mobility") == 0


def test_only_published_programmes_and_open_groups_count(client, db, make_programme):
    make_programme("Paskelbta")
    make_programme("Juodraštis", status=ProgrammeStatus.DRAFT)
    closed = make_programme("Uždaryta grupė")
    closed.groups[0].status = GroupStatus.CLOSED
    db.session.commit()

    page = client.get(SEARCH).text
    programme_page = client.get(f"/programos/{closed.id}").text

    assert titles(page) == ["Paskelbta", "Uždaryta grupė"]
    assert "Šiuo metu atvirų grupių nėra." in programme_page
    assert "atvirų grupių nėra" in page


def test_a_change_shows_at_once_in_a_small_catalogue(client, db, make_programme):
    programme = make_programme("Anglų kalba")
    assert titles(client.get(SEARCH, query_string={"q": "anglu"}).text)

    programme.title = "Vokiečių kalba"
    db.session.commit()

    assert titles(client.get(SEARCH, query_string={"q": "anglu"}).text) == []


def _finish_background_build() -> None:
    for thread in threading.enumerate():
        if thread.name == "catalogue-index":
            thread.join(timeout=10)


def test_a_large_catalogue_answers_from_the_old_index_while_the_new_one_builds(
    app, client, db, make_programme, monkeypatch
):
    monkeypatch.setitem(app.config, "CATALOGUE_INDEX_WAIT_BELOW", 0)
    monkeypatch.setitem(app.config, "CATALOGUE_INDEX_REBUILD_SECONDS", 0)
    programme = make_programme("Anglų kalba")
    client.get(SEARCH)
    _finish_background_build()
    assert titles(client.get(SEARCH, query_string={"q": "anglu"}).text)

    programme.title = "Vokiečių kalba"
    db.session.commit()
    during = titles(client.get(SEARCH, query_string={"q": "anglu"}).text)
    _finish_background_build()
    after = titles(client.get(SEARCH, query_string={"q": "anglu"}).text)

    assert during == ["Anglų kalba"]
    assert after == []


def test_a_large_catalogue_is_rebuilt_at_most_every_so_often(
    app, client, db, make_programme, monkeypatch
):
    monkeypatch.setitem(app.config, "CATALOGUE_INDEX_WAIT_BELOW", 0)
    monkeypatch.setitem(app.config, "CATALOGUE_INDEX_REBUILD_SECONDS", 0)
    programme = make_programme("Anglų kalba")
    client.get(SEARCH)
    _finish_background_build()

    monkeypatch.setitem(app.config, "CATALOGUE_INDEX_REBUILD_SECONDS", 3600)
    programme.title = "Vokiečių kalba"
    db.session.commit()
    client.get(SEARCH)
    _finish_background_build()
    within_the_hour = titles(client.get(SEARCH, query_string={"q": "anglu"}).text)
    monkeypatch.setitem(app.config, "CATALOGUE_INDEX_REBUILD_SECONDS", 0)
    client.get(SEARCH)
    _finish_background_build()
    later = titles(client.get(SEARCH, query_string={"q": "anglu"}).text)

    assert within_the_hour == ["Anglų kalba"]
    assert later == []


def test_the_nearest_start_moves_on_when_the_day_turns(
    client, db, make_programme, monkeypatch
):
    programme = make_programme("Anglų kalba", starts_in=10)
    later = programme.groups[0].start_date + timedelta(days=30)
    programme.groups.append(
        Group(
            code="S-later",
            start_date=later,
            end_date=later + timedelta(days=14),
            registration_deadline=later - timedelta(days=3),
            capacity=10,
            price_cents=programme.price_cents,
        )
    )
    db.session.commit()
    first = programme.groups[0].start_date
    assert f"pradžia {lt_date(first)}" in client.get(SEARCH).text

    after_deadline = local_today() + timedelta(days=8)
    monkeypatch.setattr(catalogue_index, "local_today", lambda: after_deadline)

    assert f"pradžia {lt_date(later)}" in client.get(SEARCH).text


# Sorting.


def test_sorts(client, make_programme):
    make_programme("Šokiai", price_cents=30000, hours=80, starts_in=20, rating=4.5)
    make_programme("Siuvimas", price_cents=10000, hours=120, starts_in=40)
    make_programme("Zebrai", price_cents=20000, hours=8, starts_in=10, rating=3.0)

    def order(sort):
        return titles(client.get(SEARCH, query_string={"rikiuoti": sort}).text)

    assert order("pavadinimas") == ["Siuvimas", "Šokiai", "Zebrai"]
    assert order("kaina") == ["Siuvimas", "Zebrai", "Šokiai"]
    assert order("kaina-mazejanti") == ["Šokiai", "Zebrai", "Siuvimas"]
    assert order("trukme") == ["Zebrai", "Šokiai", "Siuvimas"]
    assert order("trukme-mazejanti") == ["Siuvimas", "Šokiai", "Zebrai"]
    assert order("pradzia") == ["Zebrai", "Šokiai", "Siuvimas"]
    # No ratings are collected yet; unrated programmes come last.
    assert order("vertinimas") == ["Šokiai", "Zebrai", "Siuvimas"]


# The URL holds the whole search.


def test_search_round_trips_through_its_url(client, make_programme):
    make_programme("Anglų kalba", provider="Kalbų namai")
    args = MultiDict(
        [
            ("q", "anglu kalba"),
            ("kategorija", "daugiakalbystes"),
            ("kategorija", "skaitmenine"),
            ("kalba", "anglų"),
            ("issilavinimas", "nera"),
            ("pritaikyta", "vision"),
            ("kaina_nuo", "10"),
            ("kaina_iki", "300"),
            ("trukme_nuo", "8"),
            ("pradzia_nuo", "2030-01-01"),
            ("pradzia_iki", "2030-02-01"),
            ("rikiuoti", "kaina"),
            ("puslapis", "2"),
        ]
    )
    with client.application.test_request_context():
        search, messages = read_search(args)
        again, _ = read_search(MultiDict(_flatten(search.to_args())))

    assert messages == []
    assert again == search
    assert search.educations == ("",)


def _flatten(args: dict) -> list[tuple[str, str]]:
    return [
        (key, str(v))
        for key, value in args.items()
        for v in (value if isinstance(value, list) else [value])
    ]


def test_a_form_sent_without_javascript_is_sent_on_to_its_short_address(
    client, make_programme
):
    make_programme("Anglų kalba", language="anglų")

    response = client.get(
        SEARCH + "?q=anglu&kalba=angl%C5%B3&kaina_nuo=&kaina_iki=&pradzia_nuo="
        "&rikiuoti=aktualumas"
    )
    bad = client.get(SEARCH + "?q=anglu&kaina_nuo=&kaina_iki=daug")

    assert response.status_code == 303
    assert response.headers["Location"] == "/mokymai/paieska?q=anglu&kalba=angl%C5%B3"
    assert bad.status_code == 200
    assert "Kainos riba turi būti skaičius" in bad.text


def test_one_category_searches_read_as_its_category_page(htmx_client, make_programme):
    make_programme("Anglų kalba")

    response = htmx_client.get(
        SEARCH, query_string={"kategorija": "daugiakalbystes", "q": "anglu", "q2": ""}
    )

    assert response.headers["HX-Push-Url"] == "/mokymai/daugiakalbystes?q=anglu"


def test_pages_link_with_the_whole_search(app, client, make_programme):
    for number in range(app.config["PAGE_SIZE"] + 1):
        make_programme(f"Kursas {number:02d}", language="anglų")

    page = client.get(SEARCH, query_string={"kalba": "anglų", "rikiuoti": "kaina"})

    assert (
        'href="/mokymai/paieska?kalba=angl%C5%B3&amp;rikiuoti=kaina&amp;puslapis=2"'
        in page.text
    )


# htmx and the display.


def test_htmx_gets_results_and_filters_out_of_band(htmx_client, make_programme):
    make_programme("Anglų kalba")

    response = htmx_client.get(SEARCH, query_string={"q": "anglu"})

    assert response.text.lstrip().startswith(
        "<title>Visų kategorijų mokymai: „anglu“ – Kursuok</title>"
    )
    assert '<section id="programme-results"' in response.text
    assert '<div id="catalogue-filters" class="filters" hx-swap-oob="true">' in (
        response.text
    )
    assert "<html" not in response.text
    assert response.headers["HX-Push-Url"] == "/mokymai/paieska?q=anglu"


def test_htmx_search_brings_the_heading_scope_and_links_up_to_date(
    htmx_client, make_programme
):
    make_programme("Excel", category="skaitmenine")

    response = htmx_client.get(
        SEARCH, query_string={"kategorija": "skaitmenine", "q": "exc"}
    )

    heading = re.search(
        r'<div id="search-heading" hx-swap-oob="true">.*?</div>', (response.text), re.S
    ).group(0)
    assert "<h1>Skaitmeninė kompetencija</h1>" in heading
    assert 'href="/mokymai/paieska?q=exc">Ieškoti visose kategorijose' in heading
    assert (
        '<span id="search-scope" hx-swap-oob="true">šioje kategorijoje</span>'
        in response.text
    )
    assert 'href="/mokymai/skaitmenine?q=exc&amp;vaizdas=tinklelis"' in response.text
    assert "<title>Skaitmeninė kompetencija: „exc“ – Kursuok</title>" in response.text


def test_an_unfiltered_category_page_offers_no_clearing_and_says_it_is_empty(
    client, categories
):
    page = client.get("/mokymai/skaitmenine").text

    assert "Išvalyti filtrus" not in page
    assert "Šioje kategorijoje programų dar nėra." in page


@pytest.mark.parametrize(
    "header", ["HX-Boosted", "HX-History-Restore-Request"], ids=["boost", "restore"]
)
def test_boosted_and_history_requests_get_the_full_page(
    htmx_client, make_programme, header
):
    make_programme("Anglų kalba")

    response = htmx_client.get(SEARCH + "?q=anglu", headers={header: "true"})

    assert "<html" in response.text
    assert 'id="catalogue-filters" class="filters">' in response.text


def test_grid_or_list_is_remembered(client, make_programme):
    make_programme("Anglų kalba")

    chosen = client.get(SEARCH, query_string={"q": "anglu", "vaizdas": "tinklelis"})
    later = client.get(SEARCH)

    assert chosen.status_code == 303
    assert chosen.headers["Location"] == "/mokymai/paieska?q=anglu"
    assert "kursuok_vaizdas=tinklelis" in chosen.headers["Set-Cookie"]
    assert 'class="programme-list view-tinklelis"' in later.text


# Bad input.


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"kalba": "klingonų"}, "Kai kurių nurodytų kalbų nėra"),
        ({"kategorija": "nera-tokios"}, "Kai kurių nurodytų kategorijų nėra"),
        ({"teikejas": ["999999", "abc"]}, "nurodytų mokymo teikėjų nėra"),
        ({"teikejas": "²"}, "nurodytų mokymo teikėjų nėra"),
        ({"kaina_nuo": "-5"}, "Kainos riba negali būti neigiama"),
        ({"kaina_nuo": "300", "kaina_iki": "100"}, "Kainos ribos sukeistos"),
        ({"kaina_iki": "daug"}, "Kainos riba turi būti skaičius"),
        ({"kaina_nuo": "٣"}, "Kainos riba turi būti skaičius"),
        ({"trukme_nuo": "1_0"}, "Trukmės riba turi būti skaičius"),
        ({"pradzia_nuo": "vakar"}, "Data turi būti formatu"),
        ({"puslapis": "-3"}, "Netinkamas puslapio numeris"),
        ({"puslapis": "²"}, "Netinkamas puslapio numeris"),
        ({"puslapis": "٣"}, "Netinkamas puslapio numeris"),
        ({"puslapis": "99"}, "Tokio puslapio nėra"),
        ({"rikiuoti": "DROP TABLE"}, "Nežinomas rikiavimas"),
        ({"q": "anglu " * 400}, "Paieškos tekstas per ilgas"),
    ],
)
def test_bad_input_gives_a_normal_page_with_a_message(
    client, make_programme, args, message
):
    make_programme("Anglų kalba", price_cents=20000)

    response = client.get(SEARCH, query_string=args)

    assert response.status_code == 200
    assert message in response.text
    assert titles(response.text) == ["Anglų kalba"]


def test_each_message_is_said_once_and_the_same_provider_twice_is_no_mistake(
    client, make_programme
):
    programme = make_programme("Anglų kalba")
    provider = str(programme.provider_id)

    response = client.get(
        SEARCH,
        query_string={
            "pradzia_nuo": "vakar",
            "pradzia_iki": "rytoj",
            "teikejas": [provider, f"0{provider}"],
        },
    )

    assert response.text.count("Data turi būti formatu") == 1
    assert "teikėjų nėra" not in response.text
    assert titles(response.text) == ["Anglų kalba"]


def test_swapped_price_range_is_corrected(client, make_programme):
    make_programme("Anglų kalba", price_cents=20000)

    page = client.get(SEARCH, query_string={"kaina_nuo": 300, "kaina_iki": 100}).text

    assert 'name="kaina_nuo" min="0" step="1" inputmode="numeric" value="100"' in page


def test_markup_and_sql_are_escaped_everywhere(client, make_programme):
    make_programme("Anglų kalba")
    evil = "<script>alert(1)</script>' OR 1=1 --"

    response = client.get(SEARCH, query_string={"q": evil, "vieta": evil})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


def test_a_search_of_only_symbols_is_ignored_with_a_message(client, make_programme):
    """Symbols alone cannot match a word, so they must not pass for a search."""
    make_programme("Anglų kalba")
    make_programme("Excel skaičiuoklė")

    response = client.get(SEARCH, query_string={"q": "% _ ?!"})

    assert response.status_code == 200
    assert "nėra nei raidžių, nei skaitmenų, todėl jo nepaisoma" in response.text
    assert sorted(titles(response.text)) == ["Anglų kalba", "Excel skaičiuoklė"]
    assert read_search(MultiDict({"q": "%_"}))[0].query == ""
    assert read_search(MultiDict({"q": "c++"}))[0].query == "c++"


# Hours.


def test_durations_compare_in_academic_hours(client, make_programme):
    make_programme("Vokiečių kalba", hours=45, hours_type="astronominės")
    make_programme("Anglų kalba", hours=50, hours_type="akademinės")
    make_programme("Estų kalba", hours=52, hours_type="nenurodyta")

    shortest = titles(client.get(SEARCH, query_string={"rikiuoti": "trukme"}).text)
    up_to_55 = titles(client.get(SEARCH, query_string={"trukme_iki": "55"}).text)

    assert shortest == ["Anglų kalba", "Estų kalba", "Vokiečių kalba"]
    assert up_to_55 == ["Anglų kalba", "Estų kalba"]


@pytest.mark.parametrize(
    ("hours_type", "label"),
    [("akademinės", "50 ak. val."), ("astronominės", "50 val.")],
)
def test_hours_read_the_same_in_the_list_and_on_the_programme_page(
    client, make_programme, hours_type, label
):
    programme = make_programme("Anglų kalba", hours=50, hours_type=hours_type)

    listed = client.get(SEARCH).text
    shown = client.get(f"/programos/{programme.id}").text

    assert f"· {label} ·" in listed
    assert f"<dd>{label}</dd>" in shown
    results = listed[listed.index('<section id="programme-results"') :]
    assert "ak. val." not in results or hours_type == "akademinės"


# The in-memory index against a count made row by row.


def _value(programme: Programme, facet: str):
    return {
        "kategorija": programme.category.slug,
        "teikejas": programme.provider_id,
        "vieta": programme.location,
        "issilavinimas": programme.min_education,
        "kalba": programme.language,
        "budas": programme.mode,
    }[facet]


def _passes(programme: Programme, search: Search, skip: str = "") -> bool:
    """Check one programme against every filter of a search but `skip`'s."""
    words = search_document(f"{programme.title} {programme.provider.name}").split()
    hours = programme.hours
    if hours is not None and programme.hours_type == "astronominės":
        hours = hours * 60 / 45
    today = local_today()
    starts = [
        g.start_date
        for g in programme.groups
        if g.status == GroupStatus.OPEN and g.registration_deadline >= today
    ]
    checks = [
        all(any(w.startswith(q) for w in words) for q in search_words(search.query)),
        all(need in programme.special_needs for need in search.needs),
        search.price_from is None or programme.price_cents >= search.price_from * 100,
        search.price_to is None or programme.price_cents <= search.price_to * 100,
        search.hours_from is None or (hours or -1) >= search.hours_from,
        search.hours_to is None or (hours is not None and hours <= search.hours_to),
        not (search.start_from or search.start_to)
        or any(
            (not search.start_from or s >= search.start_from)
            and (not search.start_to or s <= search.start_to)
            for s in starts
        ),
    ]
    for facet in FACETS:
        chosen = search.chosen(facet)
        checks.append(facet == skip or not chosen or _value(programme, facet) in chosen)
    return all(checks)


def _counted_row_by_row(search: Search) -> dict:
    programmes = _db.session.scalars(
        _db.select(Programme).where(Programme.status == ProgrammeStatus.PUBLISHED)
    ).all()
    counts = {facet: Counter() for facet in FACETS}
    for facet in FACETS:
        for programme in programmes:
            if _passes(programme, search, skip=facet):
                counts[facet][_value(programme, facet)] += 1
    matching = [p for p in programmes if _passes(p, search)]
    counts["pritaikyta"] = Counter(n for p in matching for n in p.special_needs)
    return {name: dict(found) for name, found in counts.items()}, len(matching)


def test_index_counts_agree_with_a_row_by_row_count_after_every_change(
    app, db, make_programme, categories
):
    english = make_programme("Anglų kalba", language="anglų", mode="nuotolinis")
    excel = make_programme(
        "Excel pradmenys",
        category="skaitmenine",
        special_needs=["vision"],
        city="Kaunas",
    )
    make_programme(
        "Python", category="skaitmenine", min_education="profesinis", hours=80
    )
    make_programme("Anglų verslo kalba", hours=None, price_cents=45000, starts_in=90)
    make_programme("Vokiečių kalba", hours=30, hours_type="astronominės")
    searches = [
        Search(),
        Search(categories=("skaitmenine",)),
        Search(categories=("daugiakalbystes", "skaitmenine")),
        Search(languages=("anglų", "rusų")),
        Search(categories=("skaitmenine",), modes=("nuotolinis",)),
        Search(categories=("skaitmenine",), locations=("Kaunas",), modes=("mišrus",)),
        Search(query="angl", languages=("anglų",), price_to=400),
        Search(query="pr", needs=("vision",)),
        Search(hours_from=10, hours_to=45, educations=("",)),
        Search(hours_from=35, hours_to=40),
        Search(start_from=local_today() + timedelta(days=60)),
    ]

    def assert_counts_agree():
        with app.app_context():
            for search in searches:
                answer = current_index().answer(search, 0, 50)
                assert (answer.counts, answer.total) == _counted_row_by_row(search), (
                    search
                )

    assert_counts_agree()
    english.category = categories["skaitmenine"]
    excel.language = "rusų"
    db.session.commit()
    assert_counts_agree()
    excel.special_needs = ["mobility"]
    excel.city = "Vilnius"
    english.status = ProgrammeStatus.WITHDRAWN
    db.session.commit()
    assert_counts_agree()
    for group in excel.groups:
        db.session.delete(group)
    db.session.delete(excel)
    db.session.commit()
    assert_counts_agree()
    english.status = ProgrammeStatus.PUBLISHED
    db.session.commit()
    assert_counts_agree()


def test_unfiltered_and_category_pages_count_every_published_programme(
    client, make_programme
):
    make_programme("Anglų kalba", language="anglų")
    make_programme("Excel", category="skaitmenine")

    everything = client.get(SEARCH).text
    one_category = client.get("/mokymai/skaitmenine").text

    assert count_of(everything, "kategorija", "skaitmenine") == 1
    assert count_of(everything, "kalba", "anglų") == 1
    assert count_of(one_category, "kategorija", "daugiakalbystes") == 1
    assert count_of(one_category, "kalba", "anglų") == 0
    assert count_of(one_category, "kalba", "lietuvių") == 1


def test_a_remote_programme_says_so_on_its_page_as_in_the_list(client, make_programme):
    programme = make_programme("Anglų kalba", mode="nuotolinis", city="Rokiškis")

    listed = client.get(SEARCH).text
    shown = client.get(f"/programos/{programme.id}").text

    assert "Nuotoliniu būdu" in listed
    assert "<dt>Vieta</dt><dd>Nuotoliniu būdu</dd>" in shown
    assert "Rokiškis" not in shown
