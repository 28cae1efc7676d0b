"""Mano informacija: contacts, the e-mail code, documents and address lookups."""

import io

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    make_response,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user, login_required
from flask_wtf.file import FileField
from wtforms import HiddenField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, ValidationError

from app.extensions import db
from app.forms import Form
from app.htmx import keep_page_address, see_other
from app.models import Document
from app.models.profile import EDUCATION_KIND_LABELS, EMPLOYMENT_KIND_LABELS
from app.services import DomainError
from app.services.addresses import address_index, resolve_place, resolve_street
from app.services.contacts import (
    Contacts,
    InvalidContact,
    WrongCode,
    check_flat_number,
    check_house_number,
    confirm_email,
    normalise_email,
    normalise_phone,
    save_contacts,
    send_email_code,
)
from app.services.documents import document_path, upload_document
from app.services.profile import profile_overview
from app.text import is_number
from app.timeutil import local_today, utcnow
from app.urls import safe_next

bp = Blueprint("profile", __name__, url_prefix="/mano/informacija")


class ContactsForm(Form):
    place = StringField(
        "Miesto ar kaimo pavadinimas",
        validators=[
            InputRequired("Įveskite miesto ar kaimo pavadinimą ir pasirinkite jį.")
        ],
    )
    place_id = HiddenField()
    place_choice = RadioField("Rastos vietovės", choices=[], validate_choice=False)
    street = StringField("Gatvė")
    street_choice = RadioField("Rastos gatvės", choices=[], validate_choice=False)
    house = StringField(
        "Namo numeris", validators=[InputRequired("Įveskite namo numerį.")]
    )
    flat = StringField("Buto numeris")
    phone = StringField("Telefono numeris")
    email = StringField("El. paštas")
    next = HiddenField(filters=[safe_next])

    resolved_place = None
    resolved_street = ""

    def look_up_place(self) -> bool:
        """Resolve the place; offer the candidates as choices when it is unclear."""
        place, candidates = resolve_place(
            self.place.data or "",
            self.place_id.data or "",
            self.place_choice.data or "",
        )
        self.resolved_place = place
        self.place_choice.choices = [
            SelectChoice(str(c.id), c.label) for c in candidates
        ]
        if place is not None:
            self.place.data = place.label
            self.place_id.data = str(place.id)
            self.place_choice.data = None
        return place is not None

    def look_up_street(self) -> bool:
        if self.resolved_place is None:
            return False
        name, candidates = resolve_street(
            self.resolved_place, self.street.data or "", self.street_choice.data or ""
        )
        self.street_choice.choices = [
            SelectChoice(str(c.id), c.name) for c in candidates
        ]
        if name is not None:
            self.resolved_street = self.street.data = name
            self.street_choice.data = None
        return name is not None

    def validate_place(self, field) -> None:
        if self.look_up_place():
            return
        if self.place_choice.choices:
            raise ValidationError(
                "Pasirinkite tikslų miesto ar kaimo pavadinimą iš sąrašo."
            )
        raise ValidationError(
            "Tokios vietovės neradome. Patikrinkite pavadinimą, pvz., „Kaunas“."
        )

    def validate_street(self, field) -> None:
        if self.resolved_place is None or self.look_up_street():
            return
        if not (field.data or "").strip():
            raise ValidationError("Įveskite gatvę ir pasirinkite ją iš sąrašo.")
        if self.street_choice.choices:
            raise ValidationError("Pasirinkite gatvę iš sąrašo.")
        raise ValidationError(
            "Tokios gatvės pasirinktoje vietovėje neradome. Patikrinkite pavadinimą."
        )

    def validate_house(self, field) -> None:
        try:
            check_house_number(field.data or "")
        except InvalidContact as error:
            raise ValidationError(str(error)) from None

    def validate_flat(self, field) -> None:
        try:
            check_flat_number(field.data or "")
        except InvalidContact as error:
            raise ValidationError(str(error)) from None

    def validate_phone(self, field) -> None:
        try:
            field.data = normalise_phone(field.data or "")
        except InvalidContact as error:
            raise ValidationError(str(error)) from None

    def validate_email(self, field) -> None:
        try:
            field.data = normalise_email(field.data or "")
        except InvalidContact as error:
            raise ValidationError(str(error)) from None

    def contacts(self) -> Contacts:
        return Contacts(
            place=self.resolved_place,
            street=self.resolved_street,
            house=self.house.data.strip(),
            flat=(self.flat.data or "").strip(),
            phone=self.phone.data,
            email=self.email.data,
        )


class CodeForm(Form):
    code = StringField(
        "Patvirtinimo kodas",
        validators=[InputRequired("Įveskite 6 skaitmenų kodą iš el. laiško.")],
    )
    next = HiddenField(filters=[safe_next])


class DocumentForm(Form):
    kind = SelectField("Dokumento rūšis")
    file = FileField("Dokumento kopija")

    def __init__(self, topic: str, *args, **kwargs) -> None:
        super().__init__(*args, prefix=topic, **kwargs)
        labels = (
            EMPLOYMENT_KIND_LABELS if topic == "employment" else EDUCATION_KIND_LABELS
        )
        self.kind.choices = [
            SelectChoice("", "Pasirinkite…"),
            *(SelectChoice(value, label) for value, label in labels.items()),
        ]
        self.kind.validators = [InputRequired("Pasirinkite dokumento rūšį.")]


def contacts_form_for(user, next_url: str = "") -> ContactsForm:
    return ContactsForm(
        formdata=None,
        next=next_url,
        place=user.address_place,
        place_id=str(user.address_place_id or ""),
        street=user.address_street,
        house=user.address_house,
        flat=user.address_flat,
        phone=user.phone,
        email=user.email,
    )


def render_information(status: int = 200, next_url: str = "", **forms) -> Response:
    """Render the whole section with the given forms in place of blank ones.

    `next_url` is where the learner was going (a registration window) when
    contacts were missing; the contacts and code forms carry it along. A form
    sent by htmx gets the section's own address back for the address bar.
    """
    overview = profile_overview(current_user, local_today())
    db.session.commit()
    forms.setdefault("contacts_form", contacts_form_for(current_user, next_url))
    forms.setdefault("code_form", CodeForm(formdata=None, next=next_url))
    forms.setdefault("employment_form", DocumentForm("employment", formdata=None))
    forms.setdefault("education_form", DocumentForm("education", formdata=None))
    response = make_response(
        render_template(
            "learner/information.html", overview=overview, next_url=next_url, **forms
        ),
        status,
    )
    return keep_page_address(response, _information_url(next_url))


def _information_url(next_url: str) -> str:
    """Mano informacija's own address, keeping where the learner was going."""
    return url_for("learner.information", next=next_url or None)


def contacts_first(next_url: str) -> str:
    """The contacts card, from which a learner comes back to `next_url` once
    the contacts are confirmed (registering needs them)."""
    return _information_url(next_url) + "#kontaktai"


def _back_to_information(next_url: str) -> Response:
    """Redirect to Mano informacija, keeping where the learner was going."""
    return see_other(_information_url(next_url))


@bp.before_request
@login_required
def require_login():
    """Every page here belongs to the logged-in learner."""


@bp.post("/kontaktai")
def contacts():
    form = ContactsForm()
    if request.form.get("action") == "find":
        if form.look_up_place():
            form.look_up_street()
        return render_information(next_url=form.next.data, contacts_form=form)
    if not form.validate_on_submit():
        return render_information(next_url=form.next.data, contacts_form=form)

    locked = save_contacts(current_user, form.contacts(), utcnow())
    db.session.commit()
    if locked:
        flash(f"Kontaktai išsaugoti, bet kodo išsiųsti negalime. {locked}", "error")
    elif current_user.email_confirmed:
        flash("Kontaktai išsaugoti.", "success")
    else:
        flash(
            f"Kontaktai išsaugoti. Išsiuntėme patvirtinimo kodą adresu "
            f"{current_user.email}; įveskite jį lango viršuje.",
            "info",
        )
    if form.next.data and current_user.contacts_complete:
        return see_other(form.next.data)
    return _back_to_information(form.next.data)


@bp.post("/kodas")
def confirm_code():
    form = CodeForm()
    if not form.validate_on_submit():
        return render_information(next_url=form.next.data, code_form=form)

    try:
        confirm_email(current_user, form.code.data, utcnow())
    except WrongCode as error:
        db.session.commit()  # a wrong code counts even though it is refused
        form.code.errors.append(str(error))
        return render_information(next_url=form.next.data, code_form=form)
    except DomainError as error:
        db.session.commit()
        flash(str(error), "error")
        return _back_to_information(form.next.data)
    db.session.commit()
    if form.next.data and current_user.contacts_complete:
        flash("Kontaktai patvirtinti – galite tęsti registraciją.", "success")
        return see_other(form.next.data)
    flash(
        "El. pašto adresas patvirtintas. Visa būtina informacija užpildyta – "
        "galite rinktis mokymus.",
        "success",
    )
    return _back_to_information(form.next.data)


@bp.post("/kodas/siusti")
def resend_code():
    next_url = CodeForm().next.data
    try:
        send_email_code(current_user, utcnow())
    except DomainError as error:
        db.session.rollback()
        flash(str(error), "error")
        return _back_to_information(next_url)
    db.session.commit()
    flash(f"Naują kodą išsiuntėme adresu {current_user.email}.", "info")
    return _back_to_information(next_url)


@bp.post("/dokumentai/<topic>")
def upload(topic: str):
    if topic not in ("employment", "education"):
        abort(404)
    form = DocumentForm(topic)
    if not form.validate_on_submit():
        return render_information(**{f"{topic}_form": form})

    upload = form.file.data
    try:
        document = upload_document(
            current_user,
            form.kind.data,
            upload.filename if upload else "",
            upload.stream if upload else io.BytesIO(),
        )
    except DomainError as error:
        db.session.rollback()
        form.file.errors = [str(error)]
        return render_information(**{f"{topic}_form": form})
    db.session.commit()
    flash(
        f"Dokumentas „{document.original_name}“ pateiktas. Jį peržiūrėsime iki "
        f"{document.review_due:%Y-%m-%d}.",
        "success",
    )
    return see_other(url_for("learner.information") + f"#{topic}-documents")


@bp.get("/dokumentai/<int:document_id>/failas")
def document_file(document_id: int):
    document = db.session.get(Document, document_id)
    if document is None:
        abort(404)
    if document.owner_id != current_user.id and not current_user.is_admin:
        abort(403)

    return send_file(
        document_path(document),
        mimetype=document.content_type,
        download_name=document.original_name,
        as_attachment=document.content_type == "application/pdf",
    )


@bp.get("/adresai/vietoves")
def places():
    query = request.args.get("place", "")[:100]
    return render_template(
        "learner/_place_options.html", places=address_index.find_places(query)
    )


@bp.get("/adresai/gatves")
def streets():
    place_id = request.args.get("place_id", "")
    query = request.args.get("street", "")[:100]
    streets = (
        address_index.find_streets(int(place_id), query) if is_number(place_id) else []
    )
    return render_template(
        "learner/_street_options.html", streets=streets, place_chosen=bool(place_id)
    )
