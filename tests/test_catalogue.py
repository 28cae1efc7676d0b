"""Ieškoti mokymų: categories, accent-folded search, programme and provider pages."""

from app.models import Programme
from app.models.catalogue import ProgrammeStatus


def test_categories_are_listed_with_counts(client, make_group):
    make_group(title="Anglų kalba")
    make_group(title="Vokiečių kalba")

    page = client.get("/mokymai")

    assert "Daugiakalbystės kompetencija" in page.text
    assert "2 programos" in page.text


def test_category_lists_its_programmes_in_lithuanian_order(client, make_group):
    for title in ["Zebrų piešimas", "Šokiai", "Siuvimas"]:
        make_group(title=title)

    page = client.get("/mokymai/daugiakalbystes").text

    assert page.index("Siuvimas") < page.index("Šokiai") < page.index("Zebrų piešimas")


def test_search_is_accent_and_case_insensitive(client, make_group):
    make_group(title="Anglų kalba")
    make_group(title="Projektų valdymas")
    make_group(title="Excel pradedantiesiems")

    assert "Anglų kalba" in client.get("/mokymai/daugiakalbystes?q=anglu").text
    found = client.get("/mokymai/daugiakalbystes?q=PROJEKTU valdymas").text
    assert "Projektų valdymas" in found
    assert "Anglų kalba" not in found
    assert (
        "Excel pradedantiesiems" in client.get("/mokymai/daugiakalbystes?q=excel").text
    )


def test_search_matches_word_prefixes_only(client, make_group):
    make_group(title="Anglų kalba")

    assert "Anglų kalba" in client.get("/mokymai/daugiakalbystes?q=kalb").text
    assert "Rasta programų: 0" in client.get("/mokymai/daugiakalbystes?q=alba").text


def test_search_with_no_results_says_so(client, make_group):
    make_group(title="Anglų kalba")
    page = client.get("/mokymai/daugiakalbystes?q=astronautika")
    assert "programų nerasta" in page.text


def test_htmx_search_returns_the_results_fragment(htmx_client, make_group):
    make_group(title="Anglų kalba")

    response = htmx_client.get("/mokymai/daugiakalbystes?q=anglu")

    assert '<section id="programme-results"' in response.text
    assert "<html" not in response.text
    assert "HX-Request" in response.headers["Vary"]


def test_history_restore_gets_the_full_page(htmx_client, make_group):
    make_group(title="Anglų kalba")
    response = htmx_client.get(
        "/mokymai/daugiakalbystes?q=anglu",
        headers={"HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.text


def test_markup_and_sql_in_search_are_harmless(client, make_group):
    make_group(title="Anglų kalba")

    page = client.get("/mokymai/daugiakalbystes?q=<script>alert(1)</script>' OR 1=1 --")

    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text


def test_very_long_search_is_cut_not_failed(client, make_group):
    make_group(title="Anglų kalba")
    page = client.get("/mokymai/daugiakalbystes", query_string={"q": "a" * 2000})
    assert page.status_code == 200


def test_pagination_past_the_end_shows_the_last_page(app, client, make_group):
    for number in range(app.config["PAGE_SIZE"] + 3):
        make_group(title=f"Kursas {number:02d}")

    page = client.get("/mokymai/daugiakalbystes?puslapis=99")

    assert "Puslapis 2 iš 2" in page.text
    assert "Kursas 22" in page.text


def test_programme_page_shows_about_and_groups(client, make_group):
    group = make_group(title="Anglų kalba")

    page = client.get(f"/programos/{group.programme_id}").text

    for label in [
        "Anotacija",
        "Įgyjamos ir tobulinamos kompetencijos",
        "Trukmė",
        "Minimalūs reikalavimai dalyviui",
        "Mokymosi būdas",
        "Vieta",
        "Kalba",
        "Kaina",
        "Grupės",
        group.code,
        "18:00–21:00",
        "Registruotis",
    ]:
        assert label in page


def test_unpublished_programme_is_not_found(client, db, make_group):
    group = make_group()
    programme = db.session.get(Programme, group.programme_id)
    programme.status = ProgrammeStatus.DRAFT
    db.session.commit()

    assert client.get(f"/programos/{programme.id}").status_code == 404
    assert client.get(f"/grupes/{group.id}/registracija").status_code in (302, 404)


def test_provider_page_has_contacts_and_programmes(client, make_group):
    group = make_group(title="Anglų kalba")
    programme_page = client.get(f"/programos/{group.programme_id}").text
    assert f'href="/teikejai/{group.programme.provider_id}"' in programme_page

    page = client.get(f"/teikejai/{group.programme.provider_id}").text

    assert "Kontaktinė informacija" in page
    assert "Anglų kalba" in page


def test_unknown_pages_are_lithuanian_404s(client, db):
    for url in ["/programos/424242", "/teikejai/424242", "/mokymai/nera-tokios"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Puslapis nerastas" in response.text


def test_boosted_navigation_gets_the_full_page(htmx_client, make_group):
    make_group(title="Anglų kalba")
    response = htmx_client.get(
        "/mokymai/daugiakalbystes", headers={"HX-Boosted": "true"}
    )
    assert "<html" in response.text


def test_filters_offer_a_way_past_them_to_the_results(client, make_group):
    """On a phone the filters come first; a link lets people skip straight past."""
    make_group(title="Anglų kalba")
    page = client.get("/mokymai/daugiakalbystes").text
    assert (
        '<a href="#programme-results">Praleisti filtrus ir rodyti rezultatus</a>'
        in page
    )
    assert 'id="programme-results"' in page


def test_public_pages_set_no_cookie_for_a_visitor_without_a_session(app, make_group):
    group = make_group()
    visitor = app.test_client()

    for path in (
        "/",
        "/mokymai",
        "/mokymai/paieska",
        f"/programos/{group.programme_id}",
    ):
        response = visitor.get(path)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers, path
        assert "X-CSRFToken" not in response.text


def test_logged_in_pages_carry_the_token_for_htmx(client, login_as):
    page = login_as(client)

    assert 'hx-headers=\'{"X-CSRFToken": "' in client.get("/mokymai/paieska").text
    assert "X-CSRFToken" in page.text
