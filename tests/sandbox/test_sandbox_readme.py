"""The sandbox's README documents every setting it reads."""

from pathlib import Path

from sandbox.config import DEFAULTS

README = (Path(__file__).resolve().parents[2] / "sandbox" / "README.md").read_text(encoding="utf-8")


def test_every_sandbox_setting_is_documented_in_its_readme():
    assert [key for key in DEFAULTS if f"`{key}`" not in README] == []
