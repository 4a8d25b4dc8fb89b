"""Files shipped in resources/: inside the wheel at kccdesk/resources, in a
source tree at the top level."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir() -> Path:
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("kccdesk's resources folder is missing; reinstall kccdesk")


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
