"""Working days and document review due dates on the Lithuanian calendar."""

from datetime import date, datetime

import pytest

from app.services.calendar import working_calendar


@pytest.mark.parametrize(
    ("uploaded", "due"),
    [
        # A plain Monday: Tuesday, Wednesday, Thursday.
        (date(2026, 3, 2), date(2026, 3, 5)),
        # Friday: the weekend and 11 March (Wednesday) do not count.
        (date(2026, 3, 6), date(2026, 3, 12)),
        # Before Christmas: 24, 25 and 26 December are holidays.
        (date(2025, 12, 22), date(2025, 12, 30)),
        # Thursday before Easter: Easter Monday 2026-04-06 is a holiday.
        (date(2026, 4, 2), date(2026, 4, 8)),
        # Before All Saints' and All Souls' days (1 and 2 November 2027, Mon–Tue).
        (date(2027, 10, 29), date(2027, 11, 5)),
        # Uploaded on a holiday itself (1 January 2026, Thursday).
        (date(2026, 1, 1), date(2026, 1, 6)),
    ],
)
def test_review_is_due_three_working_days_after_upload(uploaded, due):
    assert working_calendar.add_working_days(uploaded, 3) == due


def test_11_march_is_not_a_working_day():
    """Friday 2026-03-06 + 3 working days skips the weekend and 11 March."""
    assert not working_calendar.is_working_day(date(2026, 3, 11))
    assert working_calendar.add_working_days(date(2026, 3, 6), 3) == date(2026, 3, 12)


def test_upload_late_in_the_evening_counts_from_the_vilnius_date():
    """23:30 UTC on 31 Dec is already 1 January in Vilnius, a holiday."""
    moment = datetime(2025, 12, 31, 23, 30)
    assert working_calendar.working_days_after(moment, 3) == date(2026, 1, 6)


def test_holidays_are_named_in_lithuanian():
    assert working_calendar.holiday_name(date(2026, 12, 24)) == "Kūčių diena"
    assert working_calendar.is_working_day(date(2026, 12, 23))
