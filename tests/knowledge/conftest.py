from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.klantinteracties_server import KlantinteractiesServer


@pytest.fixture
def api() -> Iterator[KlantinteractiesServer]:
    with KlantinteractiesServer() as server:
        yield server
