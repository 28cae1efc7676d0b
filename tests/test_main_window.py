"""The main window: its cards promise only what the pages behind them show."""

import re


def card_text(home: str, heading: str) -> str:
    match = re.search(rf"<h2>{heading}</h2><p>([^<]+)</p>", home)
    assert match, heading
    return match.group(1)


def test_information_card_lists_the_cards_of_its_page(client, login_as):
    home = login_as(client).text
    information = client.get("/mano/informacija").text

    text = card_text(home, "Mano informacija")
    for promise, heading in [
        ("Mano duomenys", "Mano duomenys"),
        ("užimtumas", "Užimtumas"),
        ("išsilavinimas", "Išsilavinimas"),
        ("kontaktai", "Kontaktai"),
        ("finansavimo kriterijai", "Finansavimas"),
        ("įkelti dokumentai", "Išsilavinimo dokumentai"),
    ]:
        assert promise in text
        assert heading in information


def test_trainings_card_lists_what_my_trainings_shows(client, login_as):
    home = login_as(client).text
    trainings = client.get("/mano/mokymai").text

    text = card_text(home, "Mano mokymai")
    assert "sutartis" not in text
    for promise in ["Registracijos", "tvarkaraštis", "krepšelio išrašas"]:
        assert promise in text
    assert "Krepšelio išrašas" in trainings
    assert "Tvarkaraštis mano kalendoriuje" in trainings
    assert "laukimo eilės" in text
