"""PySide6 reads the source of every Python module imported after it, to
see whether the module might switch on one of its ``__feature__`` options
(``from __feature__ import snake_case``), and keeps every file it read: over
the start that is some 30 MB and 0.1-0.3 s. kccdesk uses no ``__feature__``,
so the app turns that scan off before it loads the rest."""

from __future__ import annotations

import logging
import sys
from types import ModuleType

log = logging.getLogger(__name__)


def _uses_no_feature(module: ModuleType) -> bool:
    return False  # "ignore this module": the features stay as they are, off


def skip_feature_scan() -> None:
    """Call once PySide6 is imported; nothing happens where PySide6 does it otherwise."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        log.info("PySide6 has no feature scan to skip")
        return
    setattr(feature, "_mod_uses_pyside", _uses_no_feature)  # noqa: B010 - a private name of PySide6
