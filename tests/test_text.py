"""Accent folding, Lithuanian alphabetical order and count forms."""

import pytest

from app.text import (
    count_of,
    fold,
    lithuanian_sort_key,
    search_document,
    search_words,
)


def test_fold_removes_accents_and_case():
    assert fold("Anglų KALBA") == "anglu kalba"
    assert fold("Šaltųjų pobūvių") == "saltuju pobuviu"


def test_search_words_splits_and_folds():
    assert search_words("  Projektų   valdymas!") == ["projektu", "valdymas"]
    assert search_words("'; DROP TABLE programmes; --") == [
        "drop",
        "table",
        "programmes",
    ]


def test_search_document_is_space_delimited_for_prefix_matching():
    assert search_document("Anglų kalba (B1)") == " anglu kalba b1 "


def test_lithuanian_order_puts_s_caron_after_s_and_before_t():
    words = [
        "Zebras",
        "Šaltiena",
        "Sausainiai",
        "Tortas",
        "Čiobrelis",
        "Cukrus",
        "Ąžuolas",
    ]
    assert sorted(words, key=lithuanian_sort_key) == [
        "Ąžuolas",
        "Cukrus",
        "Čiobrelis",
        "Sausainiai",
        "Šaltiena",
        "Tortas",
        "Zebras",
    ]


def test_punctuation_does_not_decide_the_order():
    words = ["Šokiai", "„Prisijungusi Lietuva“ pradžiamoksliams", "Akademija.IT", "Z"]
    assert sorted(words, key=lithuanian_sort_key) == [
        "Akademija.IT",
        "„Prisijungusi Lietuva“ pradžiamoksliams",
        "Šokiai",
        "Z",
    ]


def test_y_sorts_between_i_ogonek_and_j():
    words = ["Jonas", "Ymas", "Įvadas", "Ilgis"]
    assert sorted(words, key=lithuanian_sort_key) == [
        "Ilgis",
        "Įvadas",
        "Ymas",
        "Jonas",
    ]


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "0 užsiėmimų"),
        (1, "1 užsiėmimas"),
        (2, "2 užsiėmimai"),
        (9, "9 užsiėmimai"),
        (10, "10 užsiėmimų"),
        (11, "11 užsiėmimų"),
        (13, "13 užsiėmimų"),
        (20, "20 užsiėmimų"),
        (21, "21 užsiėmimas"),
        (22, "22 užsiėmimai"),
        (29, "29 užsiėmimai"),
        (30, "30 užsiėmimų"),
        (101, "101 užsiėmimas"),
        (111, "111 užsiėmimų"),
        (112, "112 užsiėmimų"),
        (122, "122 užsiėmimai"),
    ],
)
def test_count_takes_the_lithuanian_plural_form(count, expected):
    assert count_of(count, "užsiėmimas", "užsiėmimai", "užsiėmimų") == expected


def test_plural_filter_is_available_in_templates(app):
    template = app.jinja_env.from_string('{{ n|count_of("diena", "dienos", "dienų") }}')
    assert template.render(n=13) == "13 dienų"
    assert template.render(n=21) == "21 diena"
