"""``kccdesk news``: a supervisor publishes an item from a TOML file (a bad
file is reported with its line and reason, and nothing is published), lists
what was published and withdraws an item; on the workstation's real database."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kccdesk.cli import main
from kccdesk.config.paths import default_profile
from kccdesk.core.stats import TIME_ZONE
from kccdesk.store import open_database
from kccdesk.store.news import all_items, current_items

GOOD = """\
# Een werkinstructie
title = "Paspoort kwijt: eerst aangifte"
text = \"\"\"
Is het paspoort gestolen? Dan doet de beller eerst aangifte bij de politie.
\"\"\"
important = true
from = 2026-11-23
until = 2099-12-31T17:00:00
teams = ["Burgerzaken", "Wmo"]
"""


def write(tmp_path: Path, text: str, name: str = "bericht.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def stored() -> list:
    profile = default_profile()
    db = open_database(None, profile.database_file)
    try:
        return all_items(db)
    finally:
        db.close()


def test_a_good_file_is_published_with_its_dates_teams_and_importance(tmp_path, capsys):
    assert main(["news", "publish", str(write(tmp_path, GOOD))]) == 0

    out = capsys.readouterr().out
    [item] = stored()
    assert out.strip() == f"Gepubliceerd als nummer {item.id}: Paspoort kwijt: eerst aangifte"
    assert item.title == "Paspoort kwijt: eerst aangifte"
    assert item.text == "Is het paspoort gestolen? Dan doet de beller eerst aangifte bij de politie."
    assert item.important
    assert item.starts == datetime(2026, 11, 23, tzinfo=TIME_ZONE)  # a day: from its start, Dutch time
    assert item.ends == datetime(2099, 12, 31, 17, 0, tzinfo=TIME_ZONE)
    assert item.teams == ("Burgerzaken", "Wmo")


def test_an_until_day_lasts_to_its_end_and_no_dates_means_at_once_until_withdrawn(tmp_path, capsys):
    write(tmp_path, 'title = "A"\ntext = "a"\nuntil = 2099-12-31\n', "a.toml")
    write(tmp_path, 'title = "B"\ntext = "b"\n', "b.toml")
    assert main(["news", "publish", str(tmp_path / "a.toml")]) == 0
    assert main(["news", "publish", str(tmp_path / "b.toml")]) == 0

    items = {item.title: item for item in stored()}
    assert items["A"].ends == datetime(2100, 1, 1, tzinfo=TIME_ZONE)
    assert items["B"].starts is None and items["B"].ends is None and items["B"].teams == ()
    assert not items["B"].important


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('title = "A"\ntext = "a"\nteam = ["Wmo"]\n', ":3: team is hier niet bekend; bekend zijn: title, text"),
        ('text = "a"\n', ": de titel ontbreekt"),
        ('title = "A"\n\n\ntext = ""\n', ":4: de tekst ontbreekt"),
        ('title = "A"\ntext = "a"\nimportant = "ja"\n', ":3: important is true (ja) of false (nee)"),
        ('title = "A"\ntext = "a"\nfrom = "maandag"\n', ":3: from is een dag (2026-11-23) of een dag en tijd"),
        ('title = "A"\ntext = "a"\n\nuntil = 2020-01-01\n', ":4: until ligt vóór het moment"),
        ('title = "A"\ntext = "a"\nfrom = 2099-02-01\nuntil = 2099-01-01\n', ":4: until ligt vóór het moment"),
        ('title = "A"\ntext = "a"\nteams = "Wmo"\n', ":3: teams is een lijst van namen"),
        ('title = "A\ntext = "a"\n', ": Illegal character"),  # not TOML: where tomllib says
    ],
    ids=["unknown key", "no title", "empty text", "important", "from", "ended", "until before from", "teams", "toml"],
)
def test_a_bad_file_is_reported_with_its_line_and_reason_and_nothing_is_published(tmp_path, capsys, text, reason):
    path = write(tmp_path, text)

    assert main(["news", "publish", str(path)]) == 2

    err = capsys.readouterr().err
    assert err.startswith(f"fout: {path}{reason}")
    assert "Er is niets gepubliceerd." in err
    assert stored() == []


def test_check_only_checks(tmp_path, capsys):
    path = write(tmp_path, GOOD)

    assert main(["news", "publish", "--check", str(path)]) == 0

    assert capsys.readouterr().out.strip() == f"{path}: geen fouten"
    assert not default_profile().database_file.exists() or stored() == []


def test_a_missing_file_is_reported(tmp_path, capsys):
    assert main(["news", "publish", str(tmp_path / "er-niet.toml")]) == 2
    assert "er-niet.toml" in capsys.readouterr().err
    assert stored() == []


def test_list_shows_each_item_and_withdraw_takes_one_away(tmp_path, capsys):
    main(["news", "publish", str(write(tmp_path, GOOD))])
    main(["news", "publish", str(write(tmp_path, 'title = "Storing"\ntext = "De site is traag."\n', "b.toml"))])
    first, second = sorted(item.id for item in stored())
    capsys.readouterr()

    assert main(["news", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{second:>4}  [te zien]  Storing"
    assert out[1].strip().startswith("vanaf ") and out[1].endswith("· voor: iedereen · gelezen door 0")
    assert out[2] == f"{first:>4}  [belangrijk, te zien]  Paspoort kwijt: eerst aangifte"
    assert "tot 31-12-2099 17:00 · voor: Burgerzaken, Wmo" in out[3]

    assert main(["news", "withdraw", str(second)]) == 0
    assert capsys.readouterr().out.strip() == f"Bericht nummer {second} is ingetrokken."
    profile = default_profile()
    db = open_database(None, profile.database_file)
    try:
        assert [item.title for item in current_items(db, datetime.now(TIME_ZONE) + timedelta(seconds=1))] == [
            "Paspoort kwijt: eerst aangifte"
        ]
    finally:
        db.close()
    assert main(["news", "withdraw", str(second)]) == 1  # once only
    assert "of het is al ingetrokken" in capsys.readouterr().err
    main(["news", "list"])
    assert f"{second:>4}  [ingetrokken]  Storing" in capsys.readouterr().out
