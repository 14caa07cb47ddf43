"""First-load size of the PWA against its budget (JS <= 50 KB gzip, CSS <= 15 KB gzip).

Builds the PWA (`npm --prefix pwa run build`) unless --no-build, then reads Vite's build manifest
(pwa/dist/.vite/manifest.json). The first load is the entry chunk plus its static `imports`,
recursively, and their `css`; `dynamicImports` (views, the English catalog, workbox-window) are
loaded later and listed apart. Sizes are raw and gzip (level 9). Fonts are reported separately:
they load on first paint but don't count against the JS/CSS budget.

Prints figures; exits 0 whatever they are (a benchmark, not a test).

    python3 bench/pwa_size.py [--no-build] [--dist pwa/dist]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_JS_GZIP = 50 * 1024
BUDGET_CSS_GZIP = 15 * 1024
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf")


def sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=9, mtime=0))


def kb(n: int) -> str:
    return f"{n / 1024:.2f} KB"


def first_load(manifest: dict) -> tuple[list[str], list[str], set[str]]:
    """Files of the entry chunks and their static imports (JS, CSS), and the chunk keys visited."""
    entries = [key for key, chunk in manifest.items() if chunk.get("isEntry")]
    seen: set[str] = set()
    js: list[str] = []
    css: list[str] = []
    stack = list(reversed(entries))
    while stack:
        key = stack.pop()
        if key in seen or key not in manifest:
            continue
        seen.add(key)
        chunk = manifest[key]
        if chunk["file"].endswith(".js"):
            js.append(chunk["file"])
        for sheet in chunk.get("css", []):
            if sheet not in css:
                css.append(sheet)
        stack.extend(reversed(chunk.get("imports", [])))
    return js, css, seen


def lazy_files(manifest: dict, loaded: set[str]) -> list[str]:
    """JS and CSS of every chunk not in the first load (reachable only through dynamic imports)."""
    files: list[str] = []
    for key, chunk in manifest.items():
        if key in loaded:
            continue
        for name in [chunk["file"], *chunk.get("css", [])]:
            if name.endswith((".js", ".css")) and name not in files:
                files.append(name)
    return sorted(files)


def table(dist: Path, title: str, files: list[str]) -> tuple[int, int]:
    total_raw = total_gz = 0
    print(f"\n{title}")
    print(f"  {'file':<58} {'raw':>11} {'gzip':>11}")
    for name in files:
        raw, gz = sizes(dist / name)
        total_raw += raw
        total_gz += gz
        print(f"  {name:<58} {kb(raw):>11} {kb(gz):>11}")
    print(f"  {'total':<58} {kb(total_raw):>11} {kb(total_gz):>11}")
    return total_raw, total_gz


def verdict(gz: int, budget: int) -> str:
    return f"{'PASS' if gz <= budget else 'OVER'} ({kb(gz)} of {kb(budget)} gzip, {gz / budget:.0%})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-build", action="store_true", help="measure the existing pwa/dist")
    parser.add_argument("--dist", type=Path, default=ROOT / "pwa" / "dist")
    args = parser.parse_args()

    if not args.no_build:
        print("building: npm --prefix pwa run build", flush=True)
        result = subprocess.run(
            ["npm", "--prefix", str(ROOT / "pwa"), "run", "build"], capture_output=True, text=True
        )
        if result.returncode != 0:
            print(result.stdout[-4000:], result.stderr[-4000:], sep="\n")
            print("build failed; no figures")
            return 0

    manifest_path = args.dist / ".vite" / "manifest.json"
    if not manifest_path.exists():
        print(f"no build manifest at {manifest_path}: build first or drop --no-build")
        return 0
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))

    js, css, loaded = first_load(manifest)
    _, js_gz = table(args.dist, "First load — JS (entry + static imports)", js)
    _, css_gz = table(args.dist, "First load — CSS", css)
    fonts = sorted(str(p.relative_to(args.dist)) for p in args.dist.rglob("*") if p.suffix in FONT_SUFFIXES)
    table(args.dist, "Fonts (not in the JS/CSS budget)", fonts)
    table(args.dist, "Loaded on demand (dynamic imports)", lazy_files(manifest, loaded))

    print("\nBudget")
    print(f"  first-load JS:  {verdict(js_gz, BUDGET_JS_GZIP)}")
    print(f"  first-load CSS: {verdict(css_gz, BUDGET_CSS_GZIP)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
