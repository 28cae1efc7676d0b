"""Address autocomplete on the real Address Register data, with and without JS."""

import pytest

from app.services.addresses import address_index, resolve_place, resolve_street


def labels(query: str) -> list[str]:
    return [place.label for place in address_index.find_places(query)]


def test_data_covers_the_whole_country():
    address_index._load()
    assert len(address_index._places) == 21_343
    assert sum(len(s) for s in address_index._streets.values()) == 37_108


def test_kaun_gives_kaunas_city_first_and_villages_after():
    found = address_index.find_places("Kaun")

    assert found[0].label == "Kaunas (Kauno m. sav.)"
    assert [place.type for place in found[1:]][:5] == ["kaimas"] * 5
    assert found[-1].type == "viensėdis"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("vilni", "Vilnius (Vilniaus m. sav.)"),
        ("šiaul", "Šiauliai (Šiaulių m. sav.)"),
        ("siaul", "Šiauliai (Šiaulių m. sav.)"),
        ("ŠIAUL", "Šiauliai (Šiaulių m. sav.)"),
    ],
)
def test_folded_prefix_finds_the_city_first(query, first):
    assert labels(query)[0] == first


def test_accented_and_plain_queries_give_the_same_list():
    assert labels("šiaul") == labels("siaul")


def test_villages_with_one_name_are_told_apart_by_municipality():
    vilnius = [label for label in labels("Vilnius") if label.startswith("Vilnius")]
    assert vilnius == [
        "Vilnius (Vilniaus m. sav.)",
        "Vilnius, k. (Kupiškio r. sav., Kupiškio sen.)",
    ]


def test_a_single_letter_finds_nothing():
    assert address_index.find_places("k") == []


def test_streets_come_from_the_chosen_place_only():
    kaunas = address_index.find_places("Kaun")[0]
    vilnius = address_index.find_places("vilni")[0]

    assert [s.name for s in address_index.find_streets(kaunas.id, "laisv")] == [
        "Laisvės al."
    ]
    assert "Gedimino pr." in [
        s.name for s in address_index.find_streets(vilnius.id, "gedim")
    ]
    assert "Gedimino pr." not in [
        s.name for s in address_index.find_streets(kaunas.id, "gedim")
    ]


def test_typed_name_resolves_only_when_unambiguous():
    place, candidates = resolve_place("kaunas")
    assert place.label == "Kaunas (Kauno m. sav.)" and candidates == []

    place, candidates = resolve_place("Vilnius")
    assert place is None
    assert candidates[0].label == "Vilnius (Vilniaus m. sav.)"

    place, _ = resolve_place("Vilnius (Vilniaus m. sav.)")
    assert place.name == "Vilnius"


def test_street_must_be_one_of_the_place_streets():
    kaunas, _ = resolve_place("Kaunas")
    assert resolve_street(kaunas, "laisves al.")[0] == "Laisvės al."
    name, candidates = resolve_street(kaunas, "Laisv")
    assert name is None and [c.name for c in candidates] == ["Laisvės al."]
    assert resolve_street(kaunas, "Neegzistuojanti g.") == (None, [])


def test_autocomplete_endpoint_returns_listbox_options(client, login_as):
    login_as(client)

    response = client.get(
        "/mano/informacija/adresai/vietoves", query_string={"place": "Kaun"}
    )

    assert response.status_code == 200
    first = response.text.split("</li>")[0]
    assert 'role="option"' in first
    assert "Kaunas (Kauno m. sav.)" in first


def test_street_endpoint_is_filtered_by_place(client, login_as):
    login_as(client)
    kaunas = address_index.find_places("Kaun")[0]

    response = client.get(
        "/mano/informacija/adresai/gatves",
        query_string={"place_id": kaunas.id, "street": "laisv"},
    )

    assert "Laisvės al." in response.text
    assert response.text.count('role="option"') == 1


def test_address_endpoints_need_login(client):
    response = client.get("/mano/informacija/adresai/vietoves?place=Kaun")
    assert response.status_code == 302
