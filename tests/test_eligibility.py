"""Basket criteria: age at the group start, residence, employment, qualification."""

from datetime import date

from app.integrations.registers import (
    Diploma,
    EmploymentRecord,
    PersonRecord,
    RegisterSnapshot,
)
from app.services.basket import BasketBalance
from app.services.eligibility import age_on, basket_criteria

FULL_BASKET = BasketBalance(50000, 0, 0, None)


def snapshot(
    born=date(1985, 1, 1),
    citizen=True,
    permit=False,
    employed=True,
    levels=("profesinis",),
):
    person = PersonRecord("x", "Vardas", "Pavardė", born, "LT", citizen, permit)
    diplomas = [Diploma(level, "Mokykla", "Kvalifikacija", 2000) for level in levels]
    return RegisterSnapshot(person, EmploymentRecord(employed), diplomas)


def met(criteria, key):
    return next(c for c in criteria if c.key == key).met


def test_age_counts_full_years():
    assert age_on(date(2000, 3, 1), date(2018, 2, 28)) == 17
    assert age_on(date(2000, 3, 1), date(2018, 3, 1)) == 18


def test_basket_allowed_from_18th_birthday_at_group_start():
    born = date(2008, 6, 10)
    assert not met(
        basket_criteria(snapshot(born), FULL_BASKET, date(2026, 6, 9)), "age"
    )
    assert met(basket_criteria(snapshot(born), FULL_BASKET, date(2026, 6, 10)), "age")


def test_basket_refused_when_learner_turns_66_before_start():
    born = date(1961, 1, 20)
    assert met(basket_criteria(snapshot(born), FULL_BASKET, date(2027, 1, 19)), "age")
    assert not met(
        basket_criteria(snapshot(born), FULL_BASKET, date(2027, 1, 20)), "age"
    )


def test_foreigner_needs_right_of_residence():
    assert met(
        basket_criteria(
            snapshot(citizen=False, permit=True), FULL_BASKET, date(2027, 1, 1)
        ),
        "residence",
    )
    assert not met(
        basket_criteria(snapshot(citizen=False), FULL_BASKET, date(2027, 1, 1)),
        "residence",
    )


def test_unemployed_person_does_not_qualify():
    criteria = basket_criteria(snapshot(employed=False), FULL_BASKET, date(2027, 1, 1))
    assert not met(criteria, "employment")


def test_school_leaving_certificate_alone_does_not_qualify():
    criteria = basket_criteria(
        snapshot(levels=("vidurinis",)), FULL_BASKET, date(2027, 1, 1)
    )
    assert not met(criteria, "qualification")
    criteria = basket_criteria(
        snapshot(levels=("vidurinis", "aukštasis koleginis")),
        FULL_BASKET,
        date(2027, 1, 1),
    )
    assert met(criteria, "qualification")


def test_exhausted_basket_does_not_qualify():
    spent = BasketBalance(50000, 0, 50000, date(2030, 1, 1))
    assert not met(basket_criteria(snapshot(), spent, date(2027, 1, 1)), "basket")


def test_every_criterion_carries_a_reason():
    criteria = basket_criteria(snapshot(), FULL_BASKET, date(2027, 1, 1))
    assert [c.key for c in criteria] == [
        "age",
        "residence",
        "employment",
        "qualification",
        "basket",
    ]
    assert all(c.reason for c in criteria)


def document(kind, status, due=date(2027, 1, 5)):
    from app.models.profile import Document, topic_of

    return Document(kind=kind, topic=topic_of(kind), status=status, review_due=due)


def status(criteria, key):
    return next(c for c in criteria if c.key == key).status


def test_self_employed_with_approved_document_meets_employment():
    papers = [document("individual_activity", "approved")]
    criteria = basket_criteria(
        snapshot(employed=False), FULL_BASKET, date(2027, 1, 1), papers
    )
    assert met(criteria, "employment")


def test_document_under_review_leaves_employment_waiting_with_its_due_date():
    papers = [document("business_licence", "submitted")]
    criteria = basket_criteria(
        snapshot(employed=False), FULL_BASKET, date(2027, 1, 1), papers
    )
    criterion = next(c for c in criteria if c.key == "employment")
    assert criterion.status == "pending"
    assert criterion.status_label == "Laukiama dokumentų peržiūros"
    assert "2027-01-05" in criterion.reason


def test_rejected_document_does_not_meet_employment():
    papers = [document("employment_contract", "rejected")]
    criteria = basket_criteria(
        snapshot(employed=False), FULL_BASKET, date(2027, 1, 1), papers
    )
    assert status(criteria, "employment") == "not_met"


def test_foreign_resident_with_approved_high_qualification_document_qualifies():
    papers = [document("high_qualification", "approved")]
    criteria = basket_criteria(
        snapshot(citizen=False, permit=True, levels=()),
        FULL_BASKET,
        date(2027, 1, 1),
        papers,
    )
    assert all(c.met for c in criteria)


def test_name_change_document_alone_proves_no_qualification():
    papers = [document("name_change", "approved")]
    criteria = basket_criteria(
        snapshot(levels=()), FULL_BASKET, date(2027, 1, 1), papers
    )
    assert status(criteria, "qualification") == "not_met"


def test_employment_document_does_not_count_as_qualification():
    papers = [document("employment_contract", "approved")]
    criteria = basket_criteria(
        snapshot(levels=()), FULL_BASKET, date(2027, 1, 1), papers
    )
    assert status(criteria, "qualification") == "not_met"


def test_unanswered_registers_leave_criteria_unmet_with_a_reason():
    from app.integrations.registers import RegisterSnapshot

    criteria = basket_criteria(
        RegisterSnapshot(None, None, None), FULL_BASKET, date(2027, 1, 1)
    )
    assert not any(c.met for c in criteria[:4])
    assert "neatsako" in criteria[2].reason


def test_finansavimas_card_tells_the_age_as_of_today():
    criteria = basket_criteria(
        snapshot(born=date(1990, 1, 1)),
        FULL_BASKET,
        date(2026, 6, 1),
        group_known=False,
    )
    assert "Šiandien Jums 36 m." in criteria[0].reason
