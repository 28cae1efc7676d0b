"""Demo data: the real catalogue loads, and invented values are marked synthetic."""

from app.models import Group, Programme, Provider
from app.seed import seed_demo


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
