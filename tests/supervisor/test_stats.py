"""The team's figures, checked against the hand-counted fixture (see
team_fixture.py), through the store and through ``kccdesk stats`` as a
real process."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kccdesk import resource_path
from kccdesk.content.subjects import load_subjects
from kccdesk.core.stats import GroupBy
from kccdesk.services.figures import TeamStats
from tests.supervisor.team_fixture import FIRST_DAY, LAST_DAY, write_team_fixture

PERIOD = ["--from", FIRST_DAY.isoformat(), "--to", LAST_DAY.isoformat()]


@pytest.fixture
def team(db):
    write_team_fixture(db)
    return TeamStats(db, load_subjects(resource_path("subjects", "upl.csv")), max_rings=3)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kccdesk", "stats", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )


def test_overall_figures_match_the_hand_count(team) -> None:
    summary, backlog = team.figures(FIRST_DAY, LAST_DAY)
    f = summary.overall
    assert (f.calls, f.answered, f.missed) == (8, 6, 2)
    assert (f.within_norm.part, f.within_norm.whole) == (5, 6)
    assert f.average_rings == pytest.approx(2.5)
    assert f.average_answer_delay == pytest.approx(47 / 6)
    assert (f.talk_seconds, f.after_call_seconds) == (830, 210)
    assert f.average_after_call_seconds == pytest.approx(42.0)
    assert f.outcomes == {"resolved": 1, "warm_transfer": 1, "callback_request": 1, "referral": 1}
    assert f.count_only == 1
    assert f.about_case == 1  # c5: the caller's case was linked
    assert (f.handled_directly.part, f.handled_directly.whole) == (2, 4)
    assert (f.social_handled_directly.part, f.social_handled_directly.whole) == (1, 2)
    assert f.ring_counts == {1: 1, 2: 2, 3: 2, 4: 1}
    assert (backlog.callbacks_open, backlog.callbacks_overdue, backlog.outbox_pending, backlog.outbox_parked) == (
        2,
        1,
        2,
        1,
    )


def test_per_agent_subject_and_day(team) -> None:
    agents = {g.key: g.figures for g in team.figures(FIRST_DAY, LAST_DAY, GroupBy.AGENT)[0].groups}
    assert (agents["Anna"].calls, agents["Anna"].missed, agents["Anna"].within_norm.part) == (4, 1, 2)
    assert (agents["Anna"].handled_directly.part, agents["Anna"].handled_directly.whole) == (2, 3)
    assert (agents["Bram"].within_norm.part, agents["Bram"].within_norm.whole) == (3, 3)
    assert (agents["Bram"].handled_directly.part, agents["Bram"].handled_directly.whole, agents["Bram"].count_only) == (
        0,
        1,
        1,
    )
    subjects = {g.key: g.figures for g in team.figures(FIRST_DAY, LAST_DAY, GroupBy.SUBJECT)[0].groups}
    assert subjects["crisisopvang"].direct_target == 0.85
    assert subjects["afvalcontainer"].direct_target == 0.60
    assert (subjects["afvalcontainer"].handled_directly.part, subjects["afvalcontainer"].handled_directly.whole) == (
        1,
        2,
    )
    assert subjects[""].calls == 3  # the missed calls and the one without a registration
    domains = {g.key: g.figures for g in team.figures(FIRST_DAY, LAST_DAY, GroupBy.DOMAIN)[0].groups}
    assert (domains["social"].calls, domains["social"].handled_directly.part, domains["social"].direct_target) == (
        2,
        1,
        0.85,
    )
    assert (domains["other"].calls, domains["other"].handled_directly.whole, domains["other"].count_only) == (3, 2, 1)
    assert domains[""].calls == 3
    days = {g.key: g.figures for g in team.figures(FIRST_DAY, LAST_DAY, GroupBy.DAY)[0].groups}
    assert (days["2026-11-16"].calls, days["2026-11-16"].missed, days["2026-11-17"].calls) == (5, 2, 3)


def test_stats_command_prints_dutch_table(team) -> None:
    result = run(*PERIOD, "--by", "agent")
    assert result.returncode == 0, result.stderr
    lines = {line.split("  ")[0]: line.split() for line in result.stdout.splitlines() if "  " in line}
    assert lines["Gesprekken"][-3:] == ["8", "4", "4"]
    assert lines["Binnen 3 keer overgaan"][-6:] == ["83,3", "%", "66,7", "%", "100,0", "%"]
    assert lines["Direct afgehandeld"][-6:] == ["50,0", "%", "66,7", "%", "0,0", "%"]
    assert "Open terugbelverzoeken: 2" in result.stdout
    assert "Terugbelverzoeken over tijd: 1" in result.stdout


def test_stats_command_json_and_csv(team, tmp_path: Path) -> None:
    result = run(*PERIOD, "--by", "day", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["overall"]["answered_within_norm_percent"] == 83.3
    assert figures["overall"]["handled_directly_percent"] == 50.0
    assert figures["overall"]["count_only"] == 1
    assert figures["backlog"] == {"callbacks_open": 2, "callbacks_overdue": 1, "outbox_pending": 2, "outbox_parked": 1}
    assert [g["key"] for g in figures["groups"]] == ["2026-11-16", "2026-11-17"]
    target = tmp_path / "cijfers.csv"
    result = run(*PERIOD, "--by", "subject", "--csv", str(target))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert rows[0][0] == "Onderwerp"
    by_name = {row[0]: dict(zip(rows[0], row, strict=False)) for row in rows[1:]}
    assert by_name["crisisopvang"]["Doel direct afgehandeld"] == "85"
    assert by_name["Totaal"]["Gemist"] == "2"


def test_bad_dates_are_refused_clearly() -> None:
    result = run("--from", "16-11-2026")
    assert result.returncode == 2
    assert "16-11-2026 is geen datum" in result.stderr
    result = run("--from", "2026-11-17", "--to", "2026-11-16")
    assert result.returncode == 1
    assert "De periode eindigt voordat hij begint" in result.stderr


def test_the_subject_list_in_the_settings_decides_the_social_domain(team, tmp_path: Path) -> None:
    """A municipality's own subject list (``[registration] subjects_file``) is
    the one the figures use: here it counts the waste container under the Wmo."""
    shipped = resource_path("subjects", "upl.csv").read_text(encoding="utf-8").splitlines()
    own = tmp_path / "eigen-upl.csv"
    own.write_text(
        "\n".join(
            line + " | Artikel 2.3.3 Wet maatschappelijke ondersteuning 2015"
            if line.startswith("afvalcontainer,")
            else line
            for line in shipped
        ),
        encoding="utf-8",
    )
    config = Path(os.environ["KCCDESK_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text(f'[registration]\nsubjects_file = "{own.as_posix()}"\n', encoding="utf-8")
    result = run(*PERIOD, "--by", "domain", "--json")
    assert result.returncode == 0, result.stderr
    domains = {g["key"]: g for g in json.loads(result.stdout)["groups"]}
    assert (domains["social"]["calls"], domains["social"]["direct_target_percent"]) == (5, 85)
    assert "other" not in domains
