"""The shape of the code itself: small modules and functions, so a newcomer reads any of them at once."""

from __future__ import annotations

import ast

from tests.support import ROOT

BFF = ROOT / "bff"
MAX_MODULE_LINES = 350
MAX_FUNCTION_LINES = 60
# The best-first walk of the nearest-office index: the busiest endpoint's hot loop (see its docstring).
LONGER_ON_PURPOSE = {("bff/offices/index.py", "nearest")}


def modules():
    return sorted(BFF.rglob("*.py"))


def test_no_module_of_the_bff_is_over_350_lines():
    long = {str(path.relative_to(ROOT)): n for path in modules()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_no_function_of_the_bff_is_over_60_lines_except_the_nearest_office_walk():
    long = {}
    for path in modules():
        where = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES and (where, node.name) not in LONGER_ON_PURPOSE:
                    long[f"{where}:{node.lineno} {node.name}"] = length
    assert long == {}


def test_no_loose_infrastructure_module_sits_beside_the_rooms():
    loose = sorted(path.name for path in BFF.glob("*.py"))
    assert loose == ["__init__.py", "worker.py"]
