"""Working days: Monday to Friday minus Lithuanian public holidays."""

from datetime import date, datetime, timedelta

import holidays

from app.timeutil import to_local


class WorkingCalendar:
    """The one calendar every deadline in the product is counted on."""

    def __init__(self) -> None:
        self._holidays = holidays.country_holidays("LT", language="lt")

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self._holidays

    def holiday_name(self, day: date) -> str | None:
        return self._holidays.get(day)

    def add_working_days(self, day: date, count: int) -> date:
        """Return the date `count` working days after `day`, not counting `day`."""
        current = day
        remaining = count
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_after(self, moment: datetime, count: int) -> date:
        """Count working days after a stored UTC moment, on the Vilnius date."""
        return self.add_working_days(to_local(moment).date(), count)


working_calendar = WorkingCalendar()
