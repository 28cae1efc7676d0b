"""Document uploads, their review by an administrator, and the contract guard."""

import io
from datetime import date

import pytest

from app.models import AuditEntry, Document, OutboxEmail, User
from app.services.calendar import working_calendar
from app.services.documents import documents_block_contract
from app.timeutil import to_local
from tests.conftest import ADMIN_CODE, csrf_token

INFO = "/mano/informacija"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def upload(client, content: bytes, name: str, kind="employment_contract", topic=None):
    topic = topic or ("education" if kind in EDUCATION else "employment")
    page = client.get(INFO)
    return client.post(
        f"{INFO}/dokumentai/{topic}",
        data={
            f"{topic}-kind": kind,
            f"{topic}-file": (io.BytesIO(content), name),
            f"{topic}-csrf_token": csrf_token(page.text),
        },
        content_type="multipart/form-data",
    )


EDUCATION = {"diploma", "name_change", "high_qualification", "foreign_recognition"}


def only_document(db) -> Document:
    db.session.rollback()
    return db.session.scalar(db.select(Document))


@pytest.fixture
def unemployed(client, make_person, login_as):
    code = make_person(employed=False)
    login_as(client, code, contacts=True)
    return code


def test_pdf_upload_keeps_lithuanian_name_and_due_date(client, db, unemployed, app):
    response = upload(client, PDF, "Darbo sutartis – Šiaulių ūkis.pdf")

    assert response.status_code == 303
    document = only_document(db)
    assert document.original_name == "Darbo sutartis – Šiaulių ūkis.pdf"
    assert document.stored_name.endswith(".pdf")
    assert "Šiaul" not in document.stored_name
    assert document.status == "submitted"
    assert document.review_due == working_calendar.add_working_days(
        to_local(document.uploaded_at).date(), 3
    )
    page = client.get(response.headers["Location"])
    assert "Darbo sutartis – Šiaulių ūkis.pdf" in page.text
    assert "Pateiktas, laukia peržiūros" in page.text
    assert document.review_due.strftime("%Y-%m-%d") in page.text
    assert db.session.scalar(
        db.select(AuditEntry).where(AuditEntry.action == "document.submitted")
    )


def test_two_files_with_one_name_do_not_collide(client, db, unemployed):
    upload(client, PDF, "diplomas-ąčę.pdf", kind="diploma")
    upload(client, PNG, "diplomas-ąčę.png", kind="diploma")
    upload(client, PDF, "diplomas-ąčę.pdf", kind="diploma")

    db.session.rollback()
    documents = db.session.scalars(db.select(Document)).all()
    assert len({d.stored_name for d in documents}) == 3
    assert {d.original_name for d in documents} == {
        "diplomas-ąčę.pdf",
        "diplomas-ąčę.png",
    }


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "tuscias.pdf", "Failas tuščias"),
        (b"MZ\x90\x00" + b"\x00" * 100, "sutartis.pdf", "ne dokumento kopija"),
        (b"\x7fELF\x02\x01" + b"\x00" * 100, "sutartis.png", "ne dokumento kopija"),
        (PDF, "sutartis.png", "neatitinka jo pavadinimo"),
        (PNG, "sutartis.pdf", "neatitinka jo pavadinimo"),
        (JPEG, "nuotrauka", "neatitinka jo pavadinimo"),
        (b"Sveiki, tai tekstas", "sutartis.txt", "Priimami tik PDF, JPEG ir PNG"),
    ],
)
def test_bad_uploads_are_refused_with_a_message(
    client, db, unemployed, content, name, message
):
    response = upload(client, content, name)

    assert response.status_code == 200
    assert message in response.text
    assert only_document(db) is None


def test_missing_kind_is_refused(client, db, unemployed):
    response = upload(client, PDF, "sutartis.pdf", kind="")
    assert "Pasirinkite dokumento rūšį." in response.text
    assert only_document(db) is None


def test_oversized_upload_is_refused(app, client, db, unemployed):
    limit = app.config["UPLOAD_MAX_BYTES"]

    response = upload(client, PDF + b"\x00" * (limit + 1 - len(PDF)), "didelis.pdf")

    assert response.status_code == 200
    assert "Failas per didelis. Įkelkite ne didesnį kaip 10 MB failą." in response.text
    assert only_document(db) is None


def test_far_too_big_request_gets_a_lithuanian_page(app, client, db, unemployed):
    response = upload(client, PDF + b"\x00" * (11 * 1024 * 1024), "milziniskas.pdf")

    assert response.status_code == 413
    assert "Failas per didelis" in response.text


def test_jpeg_with_jpg_name_is_accepted(client, db, unemployed):
    assert (
        upload(client, JPEG, "Pažyma.JPG", kind="individual_activity").status_code
        == 303
    )
    assert only_document(db).content_type == "image/jpeg"


def admin_client(app, login_as):
    admin = app.test_client()
    login_as(admin, ADMIN_CODE)
    return admin


def test_document_is_served_to_its_owner_and_admin_only(
    app, client, db, unemployed, login_as, make_person
):
    upload(client, PDF, "Sutartis.pdf")
    url = f"{INFO}/dokumentai/{only_document(db).id}/failas"

    response = client.get(url)
    assert response.status_code == 200
    assert response.data == PDF
    assert "Sutartis.pdf" in response.headers["Content-Disposition"]

    stranger = app.test_client()
    login_as(stranger, make_person())
    assert stranger.get(url).status_code == 403
    assert admin_client(app, login_as).get(url).status_code == 200


def test_learner_cannot_open_the_admin_page(client, unemployed):
    assert client.get("/administravimas/dokumentai").status_code == 403


def test_admin_approves_and_the_criterion_is_met(app, client, db, unemployed, login_as):
    upload(client, PDF, "Verslo liudijimas.pdf", kind="business_licence")
    page = client.get(INFO)
    assert "Laukiama dokumentų peržiūros" in page.text
    admin = admin_client(app, login_as)
    document = only_document(db)

    page = admin.get("/administravimas/dokumentai")
    assert "Verslo liudijimas.pdf" in page.text
    response = admin.post(
        f"/administravimas/dokumentai/{document.id}/tvirtinti",
        data={"csrf_token": csrf_token(page.text)},
    )

    assert response.status_code == 303
    assert only_document(db).status == "approved"
    page = client.get(INFO)
    assert "Patvirtintas" in page.text
    assert "Patvirtintas Jūsų pateiktas dokumentas: Verslo liudijimas" in page.text
    email = db.session.scalar(
        db.select(OutboxEmail).where(OutboxEmail.kind == "document_reviewed")
    )
    assert "patvirtintas" in email.body_text


def test_admin_rejects_with_a_reason_and_learner_may_upload_again(
    app, client, db, unemployed, login_as
):
    upload(client, PDF, "Sutartis.pdf")
    admin = admin_client(app, login_as)
    document = only_document(db)
    page = admin.get("/administravimas/dokumentai")

    response = admin.post(
        f"/administravimas/dokumentai/{document.id}/atmesti",
        data={"reason": "", "csrf_token": csrf_token(page.text)},
    )
    assert (
        "Nurodykite, kodėl dokumentas atmetamas."
        in admin.get(response.headers["Location"]).text
    )
    admin.post(
        f"/administravimas/dokumentai/{document.id}/atmesti",
        data={"reason": "Neįskaitoma kopija.", "csrf_token": csrf_token(page.text)},
    )

    page = client.get(INFO)
    assert "Atmestas. Priežastis: Neįskaitoma kopija." in page.text
    assert "Jūsų dokumentas atmestas" in page.text
    assert upload(client, PDF, "Sutartis (nauja).pdf").status_code == 303
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Document.id))) == 2


def test_a_reviewed_document_cannot_be_reviewed_again(
    app, client, db, unemployed, login_as
):
    upload(client, PDF, "Sutartis.pdf")
    admin = admin_client(app, login_as)
    document = only_document(db)
    page = admin.get("/administravimas/dokumentai")
    token = csrf_token(page.text)
    admin.post(
        f"/administravimas/dokumentai/{document.id}/tvirtinti",
        data={"csrf_token": token},
    )

    response = admin.post(
        f"/administravimas/dokumentai/{document.id}/atmesti",
        data={"reason": "Per vėlu.", "csrf_token": token},
    )

    assert (
        "Šis dokumentas jau peržiūrėtas."
        in admin.get(response.headers["Location"]).text
    )
    assert only_document(db).status == "approved"


def test_contract_is_blocked_until_the_needed_document_is_approved(
    app, client, db, unemployed, login_as
):
    user = db.session.scalar(db.select(User).where(User.personal_code == unemployed))
    assert "trūksta patvirtinto dokumento" in documents_block_contract(user)

    upload(client, PDF, "Sutartis.pdf")
    db.session.rollback()
    assert "laukiama Jūsų dokumentų peržiūros" in documents_block_contract(user)

    admin = admin_client(app, login_as)
    page = admin.get("/administravimas/dokumentai")
    admin.post(
        f"/administravimas/dokumentai/{only_document(db).id}/tvirtinti",
        data={"csrf_token": csrf_token(page.text)},
    )
    db.session.rollback()
    assert documents_block_contract(user) is None


def test_registers_alone_need_no_document(client, db, login_as):
    login_as(client)
    user = db.session.scalar(db.select(User).where(User.personal_code == "48803141013"))
    assert documents_block_contract(user) is None


def test_due_date_before_christmas_skips_the_holidays():
    assert working_calendar.add_working_days(date(2026, 12, 23), 3) == date(
        2026, 12, 30
    )
