"""The README documents every setting, and its two commands are the ones CI runs."""

from dataclasses import fields

from bff.platform.config import Settings
from tests.support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_the_readme():
    missing = [f.name.upper() for f in fields(Settings) if f"`{f.name.upper()}`" not in README]
    assert missing == []


def test_ci_runs_the_readme_test_command():
    assert "make test" in README and "make run" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()
