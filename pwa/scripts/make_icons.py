"""Draws the app icons (a pair of scales on the theme colour) into pwa/public/.

Run from the repository root with the project's Python (Pillow is a project dependency):

    python pwa/scripts/make_icons.py

The PNGs are committed; run this again only when the glyph or the colours change.
The glyph is described once, in a 100 x 100 box, and drawn both as PNG (Pillow, 4x supersampled)
and as the SVG favicon, so every size shows the same picture.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

THEME = "#0b4f6c"  # keep in step with theme_color in vite.config.js and --color-brand in the CSS
INK = "#ffffff"
PUBLIC = Path(__file__).resolve().parent.parent / "public"
SUPERSAMPLE = 4

# The glyph: (kind, args) in a 100 x 100 box, y pointing down.
GLYPH = [
    ("circle", (50, 19, 4.5)),                      # finial
    ("rect", (47.5, 22, 52.5, 78, 1.5)),           # pillar
    ("rect", (15, 28, 85, 32.5, 2.2)),             # beam
    ("line", ((20, 31), (9, 60), 2.2)),            # left pan: strings
    ("line", ((20, 31), (31, 60), 2.2)),
    ("halfdisc", (6, 60, 34, 9)),                  # left pan: x0, y (rim), x1, depth
    ("line", ((80, 31), (69, 60), 2.2)),           # right pan
    ("line", ((80, 31), (91, 60), 2.2)),
    ("halfdisc", (66, 60, 94, 9)),
    ("rect", (39, 74, 61, 79, 1.5)),               # base: step
    ("rect", (31, 78, 69, 84, 2.5)),               # base: foot
]
GLYPH_TOP, GLYPH_BOTTOM = 14.5, 84  # vertical extent, used to centre the glyph optically


def _line_polygon(p0, p1, width):
    (x0, y0), (x1, y1) = p0, p1
    length = math.hypot(x1 - x0, y1 - y0)
    nx, ny = -(y1 - y0) / length * width / 2, (x1 - x0) / length * width / 2
    return [(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)]


def draw_glyph(draw: ImageDraw.ImageDraw, origin: tuple[float, float], scale: float) -> None:
    """Draws GLYPH with its 100-unit box mapped to `scale` pixels per unit from `origin`."""
    ox, oy = origin
    oy += (100 - GLYPH_TOP - GLYPH_BOTTOM) / 2 * scale

    def p(x, y):
        return (ox + x * scale, oy + y * scale)

    for kind, args in GLYPH:
        if kind == "circle":
            cx, cy, r = args
            draw.ellipse([p(cx - r, cy - r), p(cx + r, cy + r)], fill=INK)
        elif kind == "rect":
            x0, y0, x1, y1, radius = args
            draw.rounded_rectangle([p(x0, y0), p(x1, y1)], radius=radius * scale, fill=INK)
        elif kind == "line":
            a, b, width = args
            draw.polygon([p(*pt) for pt in _line_polygon(a, b, width)], fill=INK)
        elif kind == "halfdisc":
            x0, y, x1, depth = args
            draw.pieslice([p(x0, y - depth), p(x1, y + depth)], start=0, end=180, fill=INK)


def render(size: int, *, glyph_share: float, rounded: bool) -> Image.Image:
    """One square icon: the glyph takes `glyph_share` of the side; corners rounded or full bleed."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=big * 0.22, fill=THEME)
    else:
        draw.rectangle([0, 0, big, big], fill=THEME)
    box = big * glyph_share
    draw_glyph(draw, ((big - box) / 2, (big - box) / 2), box / 100)
    return image.resize((size, size), Image.LANCZOS)


def badge(size: int) -> Image.Image:
    """The notification badge: the glyph alone, white on transparent (Android shows it as a mask)."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw_glyph(ImageDraw.Draw(image), (big * 0.06, big * 0.06), big * 0.88 / 100)
    return image.resize((size, size), Image.LANCZOS)


def svg() -> str:
    """The same picture as a scalable favicon."""
    dy = (100 - GLYPH_TOP - GLYPH_BOTTOM) / 2
    parts = []
    for kind, args in GLYPH:
        if kind == "circle":
            cx, cy, r = args
            parts.append(f'<circle cx="{cx}" cy="{cy + dy:g}" r="{r}"/>')
        elif kind == "rect":
            x0, y0, x1, y1, radius = args
            parts.append(
                f'<rect x="{x0}" y="{y0 + dy:g}" width="{x1 - x0:g}" height="{y1 - y0:g}" rx="{radius}"/>'
            )
        elif kind == "line":
            points = " ".join(f"{x:.2f},{y + dy:.2f}" for x, y in _line_polygon(*args))
            parts.append(f'<polygon points="{points}"/>')
        elif kind == "halfdisc":
            x0, y, x1, depth = args
            rx = (x1 - x0) / 2
            parts.append(f'<path d="M{x0} {y + dy:g}A{rx:g} {depth} 0 0 0 {x1} {y + dy:g}Z"/>')
    body = "".join(parts)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        f'<rect width="100" height="100" rx="22" fill="{THEME}"/>'
        f'<g fill="{INK}" transform="translate(12 12) scale(.76)">{body}</g></svg>\n'
    )


def main() -> None:
    icons = PUBLIC / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    # "any": rounded tile, the glyph large.  "maskable": full bleed, the glyph inside the
    # safe zone (a centred circle of 40 % radius), so any mask shape keeps it whole.
    render(192, glyph_share=0.74, rounded=True).save(icons / "icon-192.png", optimize=True)
    render(512, glyph_share=0.74, rounded=True).save(icons / "icon-512.png", optimize=True)
    render(512, glyph_share=0.56, rounded=False).save(icons / "maskable-512.png", optimize=True)
    # iOS rounds the corners itself and shows transparency as black: full bleed.
    render(180, glyph_share=0.66, rounded=False).save(icons / "apple-touch-icon.png", optimize=True)
    badge(96).save(icons / "badge-96.png", optimize=True)
    favicon = render(48, glyph_share=0.84, rounded=True)
    favicon.save(PUBLIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    (PUBLIC / "favicon.svg").write_text(svg(), encoding="utf-8")
    for path in sorted([*icons.iterdir(), PUBLIC / "favicon.ico", PUBLIC / "favicon.svg"]):
        print(f"{path.relative_to(PUBLIC.parent)}  {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
