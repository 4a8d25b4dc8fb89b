from __future__ import annotations

from pathlib import Path

import pytest

from kccdesk.config.paths import default_profile
from kccdesk.config.settings import (
    DatabaseSettings,
    LineSettings,
    RingSettings,
    Settings,
    SettingsError,
    WorkstationSettings,
    load_settings,
    save_settings,
    settings_exist,
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> SettingsError:
    path = write(tmp_path, text)
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert caught.value.path == path
    return caught.value


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    settings = load_settings(path)
    assert not settings_exist(path)
    assert settings.workstation.mode == "agent"
    assert settings.workstation.language == "nl"
    assert (settings.rings.tone_seconds, settings.rings.silence_seconds) == (1.0, 4.0)
    assert settings.rings.max_rings == 3
    assert settings.database.url == ""
    assert settings.line.kind == "simulated"


def test_partial_file_keeps_defaults_for_the_rest(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, '[workstation]\nmunicipality = "Voorbeeldstad"\n'))
    assert settings.workstation.municipality == "Voorbeeldstad"
    assert settings.rings.max_rings == 3


def test_a_full_file_survives_save_and_load(tmp_path: Path) -> None:
    settings = Settings(
        workstation=WorkstationSettings(
            municipality="Voorbeeldstad", agent_name="Sanne de Vries", mode="trainee", language="en"
        ),
        rings=RingSettings(tone_seconds=1.5, silence_seconds=3.5, max_rings=2),
        database=DatabaseSettings(url="postgresql+psycopg://kcc@db.example/kcc"),
        line=LineSettings(kind="sip"),
    )
    path = tmp_path / "new folder" / "settings.toml"
    save_settings(path, settings)
    assert settings_exist(path)
    assert load_settings(path) == settings
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]  # no temporary file left


def test_saving_replaces_the_old_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[rings]\nmax_rings = 5\n")
    save_settings(path, Settings())
    assert load_settings(path).rings.max_rings == 3


def test_a_whole_number_is_accepted_for_seconds(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, "[rings]\ntone_seconds = 2\n"))
    assert settings.rings.tone_seconds == 2.0


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    error = load_error(tmp_path, '[workstation]\nmunicipality = "Voorbeeldstad"\n\n[rings]\nmax_rings = \n')
    assert error.line == 5
    assert str(error).startswith(f"{tmp_path / 'settings.toml'}, line 5: ")
    assert "Invalid value" in error.problem  # the decoder's own description


def test_unknown_section_points_at_its_header(tmp_path: Path) -> None:
    error = load_error(tmp_path, '[workstation]\nmode = "agent"\n\n[ringz]\nmax_rings = 3\n')
    assert error.line == 4
    assert "[ringz]" in error.problem
    assert "[rings]" in error.problem  # says which sections exist


def test_unknown_key_points_at_its_line(tmp_path: Path) -> None:
    error = load_error(tmp_path, '[workstation]\nmode = "agent"\ncolour = "red"\n')
    assert error.line == 3
    assert "workstation.colour" in error.problem
    assert "municipality" in error.problem  # says which settings exist


def test_wrong_type(tmp_path: Path) -> None:
    error = load_error(tmp_path, "# rings\n[rings]\ntone_seconds = 1.0\n\nmax_rings = 'drie'\n")
    assert str(error) == (
        f"{tmp_path / 'settings.toml'}, line 5: rings.max_rings: must be a whole number of 1 or more (got 'drie')"
    )


@pytest.mark.parametrize("value", ["3.0", "true"])
def test_a_whole_number_means_no_fraction_and_no_boolean(tmp_path: Path, value: str) -> None:
    error = load_error(tmp_path, f"[rings]\nmax_rings = {value}\n")
    assert error.line == 2
    assert "rings.max_rings" in error.problem


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[rings]\nmax_rings = 3\ntone_seconds = 0\n", "rings.tone_seconds"),
        ("[rings]\nmax_rings = 3\nsilence_seconds = -1\n", "rings.silence_seconds"),
        ("[rings]\nmax_rings = 3\ntone_seconds = inf\n", "rings.tone_seconds"),
        ("[rings]\ntone_seconds = 1\nmax_rings = 0\n", "rings.max_rings"),
        ("[workstation]\nlanguage = 'nl'\ntext_size = 250\n", "workstation.text_size"),
        ("[workstation]\nlanguage = 'nl'\ntext_size = 50\n", "workstation.text_size"),
    ],
)
def test_out_of_range(tmp_path: Path, text: str, key: str) -> None:
    error = load_error(tmp_path, text)
    assert error.line == 3
    assert key in error.problem


def test_bad_choice_lists_the_choices(tmp_path: Path) -> None:
    error = load_error(tmp_path, '[workstation]\nmunicipality = "X"\n\n[line]\nkind = "pjsip"\n')
    assert error.line == 5
    assert error.problem == 'line.kind: must be one of "simulated", "sip" (got \'pjsip\')'


def test_first_problem_in_the_file_is_reported(tmp_path: Path) -> None:
    error = load_error(tmp_path, '[line]\nkind = "x"\n[workstation]\nmode = "boss"\n[rings]\n')
    assert error.line == 2
    assert "line.kind" in error.problem


def test_dotted_keys_and_multiline_values_are_located(tmp_path: Path) -> None:
    text = 'workstation.agent_name = """\nSanne\n"""\nworkstation.mode = "boss"\n'
    error = load_error(tmp_path, text)
    assert error.line == 4
    assert "workstation.mode" in error.problem


def test_a_value_over_several_lines_is_located_at_its_start(tmp_path: Path) -> None:
    error = load_error(tmp_path, "[rings]\nmax_rings = [\n  1,\n  2,\n]\n")
    assert error.line == 2
    assert "rings.max_rings" in error.problem


def test_key_outside_any_section(tmp_path: Path) -> None:
    error = load_error(tmp_path, '# settings\nmunicipality = "Voorbeeldstad"\n')
    assert error.line == 2
    assert "outside a section" in error.problem


def test_value_where_a_section_belongs(tmp_path: Path) -> None:
    error = load_error(tmp_path, "\nrings = 3\n")
    assert error.line == 2
    assert "[rings]" in error.problem


def test_unusable_database_url(tmp_path: Path) -> None:
    error = load_error(tmp_path, '[database]\nurl = "just some words"\n')
    assert error.line == 2
    assert "database.url" in error.problem


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes('[workstation]\n\nmunicipality = "Súdwest-Fryslân"\n'.encode("latin-1"))
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)
    assert caught.value.line == 3
    assert "UTF-8" in caught.value.problem


def test_utf8_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b'\xef\xbb\xbf[workstation]\nmunicipality = "S\xc3\xbadwest"\n')
    assert load_settings(path).workstation.municipality == "Súdwest"


def test_unreadable_settings_path(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.mkdir()
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert caught.value.line is None
    assert str(caught.value).startswith(f"{path}: ")


def test_config_dir_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KCCDESK_CONFIG_DIR", str(tmp_path / "config"))
    assert default_profile().settings_file == tmp_path / "config" / "settings.toml"
