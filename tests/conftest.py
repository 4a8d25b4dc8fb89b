"""Shared test set-up: Qt offscreen on an agent's screens, a private profile
per test, a keyring of the tests' own (never the machine's), the language
reset per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

# Two 1920x1080 screens: the first at the system's normal text size, the
# second at 200 % (a font DPI of 192, which Qt turns into a scale of 2).
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={Path(__file__).parent / 'support' / 'screens.json'}")

import keyring
import pytest
from PySide6.QtWidgets import QApplication

from kccdesk.i18n import set_language
from kccdesk.store import Database, open_database
from kccdesk.ui.style import set_text_size, text_scale
from tests.support.keyring_memory import MemoryKeyring

pytest_plugins = ["tests.support.demo_window"]  # the demo window fixture for tests driven by keys


@pytest.fixture(autouse=True)
def source_language():
    """Tests start in the source language (English); a test that starts the
    app gets Dutch from its settings, and the next test starts clean again."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def normal_text_size():
    """A test that made the text larger leaves the next one at 100 %."""
    yield
    app = QApplication.instance()
    if isinstance(app, QApplication) and text_scale() != 1.0:
        set_text_size(app, 100)


@pytest.fixture(autouse=True)
def private_profile(tmp_path, monkeypatch):
    """Every test gets its own settings and data folders."""
    monkeypatch.setenv("KCCDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KCCDESK_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def test_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    """Where the test's SQLite database lives (some tests reopen or copy it)."""
    return tmp_path / "data" / "kccdesk.sqlite3"


@pytest.fixture
def db(db_file: Path) -> Iterator[Database]:
    """A fresh database, created by the migrations as at start."""
    database = open_database(None, db_file)
    yield database
    database.close()
