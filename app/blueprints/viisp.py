"""The simulated state e-ID gateway: choose a test person and a method."""

from flask import Blueprint, abort, render_template, request, url_for
from wtforms import HiddenField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from app.forms import Form
from app.htmx import see_other
from app.integrations import identity_provider, simulated_persons
from app.integrations.simulator import IDENTIFICATION_METHODS

bp = Blueprint("viisp", __name__, url_prefix="/viisp-simuliatorius")


class GatewayForm(Form):
    person = RadioField(
        "Testinis asmuo", validators=[DataRequired("Pasirinkite asmenį.")]
    )
    method = RadioField(
        "Identifikavimo būdas",
        choices=[SelectChoice(v, label) for v, label in IDENTIFICATION_METHODS.items()],
        default="smartid",
        validators=[DataRequired("Pasirinkite identifikavimo būdą.")],
    )
    state = HiddenField()


@bp.route("/", methods=["GET", "POST"])
def gateway():
    persons = simulated_persons().persons
    form = GatewayForm(state=request.args.get("state", ""))
    form.person.choices = [
        SelectChoice(code, f"{p.first_name} {p.last_name}")
        for code, p in persons.items()
    ]
    if not form.state.data:
        abort(400)
    if not form.validate_on_submit():
        return render_template("viisp/gateway.html", form=form, persons=persons)

    ticket = identity_provider().issue_ticket(
        form.person.data, form.state.data, form.method.data
    )
    return see_other(url_for("auth.gateway_return", ticket=ticket))
