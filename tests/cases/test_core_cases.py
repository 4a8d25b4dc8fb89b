"""A case as kccdesk shows it: open or closed, overdue on a given day, and
the order cases are shown in."""

from datetime import date

from kccdesk.core.cases import CallerCases, Case, CasesState, ordered


def case(identification: str, started: date | None, ended: date | None = None, planned: date | None = None) -> Case:
    return Case(f"https://zaken.example/{identification}", identification, "x", started, planned, ended)


def test_open_cases_first_then_the_newest():
    old_open = case("A", date(2026, 1, 1))
    new_open = case("B", date(2026, 6, 1))
    new_closed = case("C", date(2026, 9, 1), ended=date(2026, 9, 5))
    old_closed = case("D", date(2025, 1, 1), ended=date(2025, 2, 1))
    undated = case("E", None)
    assert ordered([old_closed, undated, old_open, new_closed, new_open]) == (
        new_open,
        old_open,
        undated,
        new_closed,
        old_closed,
    )


def test_overdue_only_while_open_and_after_the_planned_day():
    planned = case("A", date(2026, 1, 1), planned=date(2026, 2, 1))
    assert not planned.overdue(date(2026, 2, 1))
    assert planned.overdue(date(2026, 2, 2))
    closed_late = case("B", date(2026, 1, 1), ended=date(2026, 3, 1), planned=date(2026, 2, 1))
    assert not closed_late.overdue(date(2026, 3, 2))
    assert not case("C", date(2026, 1, 1)).overdue(date(2030, 1, 1))  # no planned end: never overdue


def test_a_cases_key_for_the_access_log_and_finding_one():
    found = CallerCases("local:1", CasesState.ANSWERED, (case("ZAAK-1", None), case("ZAAK-2", None)))
    assert found.cases[0].key == "zaak:ZAAK-1"
    assert found.find("ZAAK-2") is found.cases[1]
    assert found.find("ZAAK-3") is None
