"""kccdesk: desktop companion for the agents of a municipal contact centre (KCC).

The package's face: its version, and where the files it ships (call scripts,
translations, the style sheet) are: inside the wheel at kccdesk/resources, in
a source tree at the top level.
"""

from pathlib import Path

__version__ = "0.1.0"  # the package's version (pyproject.toml reads it from here)

_PACKAGE = Path(__file__).resolve().parent


def resource_dir() -> Path:
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("kccdesk's resources folder is missing; reinstall kccdesk")


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
