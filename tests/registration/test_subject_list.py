"""A municipality can replace the subject list; a broken one stops the start
with a message naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kccdesk.app.workstation import StartupError, prepare
from kccdesk.config.paths import default_profile
from kccdesk.config.settings import RegistrationSettings, Settings, save_settings

HEADER = "UniformeProductnaam,URI,Gemeente,Burger,Bedrijf,Grondslaglabel\n"


def use_subjects(path: Path) -> None:
    settings = Settings(registration=RegistrationSettings(subjects_file=str(path)))
    save_settings(default_profile().settings_file, settings)


def test_the_municipalitys_own_list_replaces_the_shipped_one(tmp_path: Path) -> None:
    own = tmp_path / "onderwerpen.csv"
    own.write_text(HEADER + "kermisvergunning,https://voorbeeldstad.nl/onderwerpen/kermis,X,X,X,\n", encoding="utf-8")
    use_subjects(own)
    workstation = prepare(default_profile(), demo=False)
    try:
        assert [s.name for s in workstation.subjects.matching("kermis")] == ["kermisvergunning"]
        assert workstation.subjects.find("paspoort") is None
    finally:
        workstation.db.close()


def test_a_broken_list_stops_the_start_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "onderwerpen.csv"
    broken.write_text("naam;adres\nkermis;x\n", encoding="utf-8")
    use_subjects(broken)
    with pytest.raises(StartupError) as error:
        prepare(default_profile(), demo=False)
    assert str(broken) in str(error.value)
    assert "UniformeProductnaam" in str(error.value)
