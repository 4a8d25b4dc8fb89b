"""Made-up cases for the demo profile, when no case system is set: two of
the demo residents and one demo business have cases, dated from today so
that one is always past its planned end. Nothing here is a real case."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from kccdesk.core.cases import Case, CaseStatus, ordered

DEMO_URL = "https://zaken.voorbeeldstad.example/zaken/api/v1/zaken/"

# Case: identification, description, started (days ago), planned end (days from today), ended (days ago),
# status (explanation, days ago).
_Made = tuple[str, str, int, int | None, int | None, tuple[str, int] | None]

_BY_NUMBER: dict[str, tuple[_Made, ...]] = {
    "999993653": (  # Anna de Vries
        ("ZAAK-2026-0107", "Melding kapotte lantaarnpaal", 21, -7, None, ("Doorgestuurd naar de aannemer", 19)),
        ("ZAAK-2026-0093", "Aanvraag parkeervergunning", 30, 26, None, ("In behandeling", 2)),
        ("ZAAK-2026-0012", "Aanvraag bijzondere bijstand", 200, None, 150, ("Besluit verstuurd", 150)),
    ),
    "999990019": (  # Youssef el Amrani
        ("ZAAK-2026-0131", "Aanvraag Wmo: traplift", 10, 46, None, ("Huisbezoek gepland", 3)),
        ("ZAAK-2025-0877", "Bezwaar WOZ-beschikking", 300, None, 240, ("Bezwaar gegrond", 240)),
    ),
    "69599084": (  # Bakkerij Van Dijk
        ("ZAAK-2026-0140", "Aanvraag terrasvergunning", 5, 51, None, ("Ontvangen", 5)),
    ),
}


class DemoCaseSource:
    """The demo's cases by BSN or KvK number."""

    def __init__(self, today: Callable[[], date]) -> None:
        self._today = today

    def close(self) -> None:
        """Nothing to let go of."""

    def cases(self, bsn: str = "", kvk: str = "") -> list[Case]:
        today = self._today()
        return list(ordered(_case(made, today) for made in _BY_NUMBER.get(bsn or kvk, ())))


def _case(made: _Made, today: date) -> Case:
    identification, description, started, planned, ended, status = made
    return Case(
        url=DEMO_URL + identification.lower(),
        identification=identification,
        description=description,
        started=today - timedelta(days=started),
        planned_end=today + timedelta(days=planned) if planned is not None else None,
        ended=today - timedelta(days=ended) if ended is not None else None,
        status=CaseStatus(status[0], today - timedelta(days=status[1])) if status else None,
    )
