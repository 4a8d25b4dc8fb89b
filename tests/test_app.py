"""Starting up: the demo profile stays apart, and what is prepared."""

from kccdesk.app.workstation import prepare
from kccdesk.config.paths import default_profile
from kccdesk.config.settings import load_settings
from kccdesk.store.callers import count_callers


def test_demo_uses_its_own_profile_and_never_the_real_one():
    real = default_profile()
    workstation = prepare(real.demo(), demo=True)
    try:
        assert workstation.settings.workstation.municipality == "Voorbeeldstad"
        assert count_callers(workstation.db) == 6
    finally:
        workstation.db.close()
    assert not real.settings_file.exists()
    assert not real.database_file.exists()
    assert real.demo().database_file.exists()


def test_demo_keeps_its_data_between_starts():
    profile = default_profile().demo()
    prepare(profile, demo=True).db.close()
    workstation = prepare(profile, demo=True)
    try:
        assert count_callers(workstation.db) == 6  # seeded once, not twice
    finally:
        workstation.db.close()


def test_real_profile_starts_with_defaults_and_an_empty_database():
    profile = default_profile()
    workstation = prepare(profile, demo=False)
    try:
        assert count_callers(workstation.db) == 0
        assert workstation.settings == load_settings(profile.settings_file)
        assert workstation.script.name == "Standaard gespreksstructuur"
    finally:
        workstation.db.close()
