"""The sandbox README documents every SANDBOX_* setting."""

from __future__ import annotations

from pathlib import Path

from sandbox.config import DEFAULTS

README = (Path(__file__).resolve().parents[2] / "sandbox" / "README.md").read_text(encoding="utf-8")


def test_every_sandbox_setting_is_documented_in_its_readme():
    assert [name for name in DEFAULTS if f"`{name}`" not in README] == []
