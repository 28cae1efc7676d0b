"""Demo data: the real catalogue loads, and invented values are marked synthetic."""

from datetime import date

from app.models import Group, Programme, Provider
from app.seed import seed_demo
from app.services.calendar import working_calendar


def test_seed_loads_the_real_catalogue_with_marked_gaps(db):
    seed_demo()
    db.session.commit()

    assert db.session.scalar(db.select(db.func.count(Provider.id))) == 79
    assert db.session.scalar(db.select(db.func.count(Programme.id))) == 110
    programmes = db.session.scalars(db.select(Programme)).all()
    assert all(p.groups for p in programmes)
    assert all(p.source_url for p in programmes)
    ux = [
        p
        for p in programmes
        if p.price_cents and "price_cents" not in p.synthetic_fields
    ]
    assert len(ux) >= 10
    vsafas = next(p for p in programmes if p.title == "Apskaitos pagal VSAFAS kursai")
    assert (vsafas.price_cents, vsafas.hours, vsafas.mode) == (40000, 40, "mišrus")
    assert "price_cents" not in vsafas.synthetic_fields
    assert "competences" in vsafas.synthetic_fields
    groups = db.session.scalars(db.select(Group)).all()
    assert all(g.synthetic and g.sessions for g in groups)
    assert all(g.registration_deadline < g.start_date <= g.end_date for g in groups)


def test_search_finds_real_programmes(client, db):
    seed_demo()
    db.session.commit()

    page = client.get("/mokymai/daugiakalbystes?q=anglu")

    assert "Anglų kalbos kursai" in page.text


def test_pages_carry_security_headers(client, db):
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert '<html lang="lt">' in response.text
    assert 'href="#turinys"' in response.text


def seeded_over_the_holidays(db):
    """Seed as if loaded on 1 December, so groups run over Christmas and into
    February (24–26 Dec, 1 Jan, 16 Feb are Lithuanian public holidays)."""
    seed_demo(today=date(2025, 12, 1))
    db.session.commit()
    return db.session.scalars(db.select(Group)).all()


def test_no_session_falls_on_a_public_holiday_or_weekend(db):
    groups = seeded_over_the_holidays(db)

    days = [s.day for g in groups for s in g.sessions]
    assert any(date(2025, 12, 22) <= day <= date(2026, 1, 9) for day in days)
    assert all(working_calendar.is_working_day(day) for day in days)
    assert all(g.start_date == g.sessions[0].day for g in groups)
    assert all(g.registration_deadline < g.start_date for g in groups)


def test_every_group_has_one_coherent_place(db):
    groups = seeded_over_the_holidays(db)

    for group in groups:
        label = group.place_label
        if group.mode == "nuotolinis":
            assert label == "Nuotolinis (prisijungimo nuoroda siunčiama el. paštu)"
            assert all(s.place == "Nuotoliu" for s in group.sessions)
            continue
        provider = group.programme.provider
        assert group.city and ", " not in group.address, label
        assert label.endswith(f", {group.address}, {group.city}")
        if provider.city != group.city:
            assert provider.address not in label, label
        assert all(s.place == label for s in group.sessions)


def test_demo_texts_are_grammatical(db):
    seed_demo()
    db.session.commit()

    ames = db.session.scalar(
        db.select(Provider).where(Provider.note.contains("trumpinys AMES"))
    )
    assert ames.description.startswith("Teikėjo tipas: kalbų mokykla.")
    assert "Trumpinys AMES" in ames.description
    assert "veikiantis" not in ames.description
    requirements = {p.requirements for p in db.session.scalars(db.select(Programme))}
    assert any("aukštąjį koleginį išsilavinimą" in text for text in requirements)
    assert not any("kaip aukštasis" in text for text in requirements)


def test_pages_name_synthetic_fields_in_lithuanian(client, db):
    seed_demo()
    db.session.commit()
    programme = db.session.scalar(db.select(Programme).limit(1))

    provider_page = client.get(f"/teikejai/{programme.provider_id}").text
    programme_page = client.get(f"/programos/{programme.id}").text

    assert "el. paštas, telefonas, adresas, aprašymas" in provider_page
    assert "email" not in provider_page.split("Demonstraciniai duomenys")[1]
    assert "įgyjamos kompetencijos, turinys" in programme_page
    assert "laukai)" not in programme_page
