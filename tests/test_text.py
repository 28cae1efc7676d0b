"""Accent folding and Lithuanian alphabetical order."""

from app.text import fold, lithuanian_sort_key, search_document, search_words


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


def test_y_sorts_between_i_ogonek_and_j():
    words = ["Jonas", "Ymas", "Įvadas", "Ilgis"]
    assert sorted(words, key=lithuanian_sort_key) == [
        "Ilgis",
        "Įvadas",
        "Ymas",
        "Jonas",
    ]
