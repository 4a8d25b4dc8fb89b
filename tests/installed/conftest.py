"""The installed package's tests: run by .ci/run after it installed the
package it built (packaging/debian/check-package.sh), with ``--installed``;
skipped in the ordinary test run, which tests the source tree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

INSTALLED = Path("/usr/bin/kccdesk")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--installed", action="store_true", help="test the installed kccdesk package")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--installed"):
        return
    skip = pytest.mark.skip(reason="tests the installed package: packaging/debian/check-package.sh runs them")
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(skip)


@pytest.fixture
def installed() -> Path:
    if not INSTALLED.exists() or shutil.which("kccdesk") != str(INSTALLED):
        pytest.fail("kccdesk is not installed from its package (/usr/bin/kccdesk)")
    return INSTALLED
