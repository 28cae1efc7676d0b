"""The base form: WTForms' own messages in Lithuanian.

WTForms ships no Lithuanian catalogue, so the messages its fields and validators
produce by themselves ("Not a valid choice.") are translated here. Forms pass
their own, more specific messages wherever a field has a rule of its own.
"""

from flask_wtf import FlaskForm

CHOOSE_AGAIN = "Pasirinkite vieną iš pateiktų variantų."

MESSAGES = {
    "This field is required.": "Užpildykite šį laukelį.",
    "Invalid input.": "Neteisinga reikšmė. Pataisykite ir pateikite dar kartą.",
    "Invalid email address.": "Įveskite el. pašto adresą formatu vardas@pavyzdys.lt.",
    "Invalid URL.": "Įveskite tinklalapio adresą, pvz., https://pavyzdys.lt.",
    "Invalid IP address.": "Įveskite IP adresą, pvz., 192.0.2.1.",
    "Invalid Mac address.": "Įveskite MAC adresą, pvz., 00:1a:2b:3c:4d:5e.",
    "Invalid UUID.": "Įveskite UUID identifikatorių.",
    "Not a valid choice.": CHOOSE_AGAIN,
    "Invalid Choice: could not coerce.": CHOOSE_AGAIN,
    "Choices cannot be None.": CHOOSE_AGAIN,
    "Invalid choice(s): one or more data inputs could not be coerced.": CHOOSE_AGAIN,
    "'%(value)s' is not a valid choice for this field.": CHOOSE_AGAIN,
    "'%(value)s' are not valid choices for this field.": CHOOSE_AGAIN,
    "Invalid value, must be one of: %(values)s.": "Įveskite vieną iš: %(values)s.",
    "Invalid value, can't be any of: %(values)s.": "Ši reikšmė negalima: %(values)s.",
    "Field must be equal to %(other_name)s.": "Reikšmės turi sutapti.",
    "Field must be at least %(min)d character long.": (
        "Įveskite bent %(min)d simbolių."
    ),
    "Field must be at least %(min)d characters long.": (
        "Įveskite bent %(min)d simbolių."
    ),
    "Field cannot be longer than %(max)d character.": (
        "Įveskite ne daugiau kaip %(max)d simbolių."
    ),
    "Field cannot be longer than %(max)d characters.": (
        "Įveskite ne daugiau kaip %(max)d simbolių."
    ),
    "Field must be exactly %(max)d character long.": (
        "Įveskite lygiai %(max)d simbolių."
    ),
    "Field must be exactly %(max)d characters long.": (
        "Įveskite lygiai %(max)d simbolių."
    ),
    "Field must be between %(min)d and %(max)d characters long.": (
        "Įveskite nuo %(min)d iki %(max)d simbolių."
    ),
    "Number must be at least %(min)s.": "Įveskite skaičių ne mažesnį kaip %(min)s.",
    "Number must be at most %(max)s.": "Įveskite skaičių ne didesnį kaip %(max)s.",
    "Number must be between %(min)s and %(max)s.": (
        "Įveskite skaičių nuo %(min)s iki %(max)s."
    ),
    "Date must be at least %(min)s.": "Įveskite datą ne ankstesnę kaip %(min)s.",
    "Date must be at most %(max)s.": "Įveskite datą ne vėlesnę kaip %(max)s.",
    "Date must be between %(min)s and %(max)s.": (
        "Įveskite datą nuo %(min)s iki %(max)s."
    ),
    "This field cannot be edited.": "Šio laukelio keisti negalima.",
    "This field is disabled and cannot have a value.": (
        "Šis laukelis išjungtas; palikite jį tuščią."
    ),
    "Not a valid datetime value.": "Įveskite datą ir laiką formatu 2025-01-31 14:00.",
    "Not a valid date value.": "Įveskite datą formatu 2025-01-31.",
    "Not a valid time value.": "Įveskite laiką formatu 14:00.",
    "Not a valid week value.": "Įveskite savaitę formatu 2025-W05.",
    "Not a valid integer value.": "Įveskite sveikąjį skaičių, pvz., 12.",
    "Not a valid decimal value.": "Įveskite skaičių, pvz., 12,5.",
    "Not a valid float value.": "Įveskite skaičių, pvz., 12,5.",
    "Invalid CSRF Token.": "Formos galiojimas baigėsi. Atnaujinkite puslapį.",
    "CSRF token missing.": "Formos galiojimas baigėsi. Atnaujinkite puslapį.",
    "CSRF failed.": "Formos galiojimas baigėsi. Atnaujinkite puslapį.",
    "CSRF token expired.": "Formos galiojimas baigėsi. Atnaujinkite puslapį.",
}


class LithuanianTranslations:
    """The gettext interface WTForms asks for, answering from MESSAGES."""

    def gettext(self, string: str) -> str:
        return MESSAGES.get(string, string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


class Form(FlaskForm):
    """A Flask-WTF form whose built-in messages are in Lithuanian."""

    class Meta:
        def get_translations(self, form) -> LithuanianTranslations:
            return LithuanianTranslations()
