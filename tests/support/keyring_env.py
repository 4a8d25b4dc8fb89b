"""A keyring backend for an app started as a process of its own by a test or
a benchmark (``PYTHON_KEYRING_BACKEND=tests.support.keyring_env.EnvKeyring``):
the secrets come from the environment (``KCCDESK_TEST_SECRETS``, a JSON object
of secret name to value) and are kept in that process's memory only."""

from __future__ import annotations

import json
import os

from tests.support.keyring_memory import MemoryKeyring

ENV = "KCCDESK_TEST_SECRETS"


class EnvKeyring(MemoryKeyring):
    def __init__(self) -> None:
        super().__init__()
        for name, value in json.loads(os.environ.get(ENV, "{}")).items():
            self.passwords[("kccdesk", f"{name}:default")] = value
