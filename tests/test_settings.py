"""Settings: one object, every field documented in .env.example with its real default."""

from __future__ import annotations

import re

from conftest import ROOT
from rag.settings import Settings


def test_every_setting_is_documented_in_env_example_with_its_default():
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^# ([A-Z_]+)=(.*)$", text, re.MULTILINE))
    for name, field in Settings.model_fields.items():
        env = "OLLAMA_HOST" if name == "ollama_host" else f"FARO_{name.upper()}"
        assert env in documented, f"{env} is missing from .env.example"
        default = field.default.as_posix() if hasattr(field.default, "as_posix") else str(field.default)
        default = "" if field.default is None else default
        assert documented[env] == default, f"{env}: .env.example says {documented[env]!r}, the code {default!r}"


def test_dotenv_file_is_read_and_the_environment_wins(tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    env_file.write_text("FARO_TOP_K=3\nFARO_GENERATOR=openai\n", encoding="utf-8")
    monkeypatch.delenv("FARO_TOP_K", raising=False)
    monkeypatch.setenv("FARO_GENERATOR", "embedded")
    s = Settings(_env_file=env_file)
    assert s.top_k == 3 and s.generator == "embedded"
