"""The printable receipt of a brief: an HTML page (no inline style or script: the CSP forbids them)."""

from __future__ import annotations

from flask import Response, render_template

from bff.briefs.models import REJECTED, Brief
from bff.platform import config
from bff.platform.dates import format_datetime
from bff.platform.i18n import LANGUAGES, current_language, t
from bff.platform.text import digits, number


def file_size(size: int, lang: str) -> str:
    """«۱٫۲ مگابایت» / "1.2 MB" — kilobytes below a megabyte."""
    if size >= 1024 * 1024:
        return f"{number(size / (1024 * 1024), lang, decimals=1)} {t('briefs.units.mb', lang)}"
    return f"{number(max(1, round(size / 1024)), lang)} {t('briefs.units.kb', lang)}"


def grouped(hex_digest: str, size: int = 8) -> str:
    """A SHA-256 in groups of eight, easier to read aloud and compare on paper."""
    return " ".join(hex_digest[i:i + size] for i in range(0, len(hex_digest), size))


def render(brief: Brief) -> Response:
    lang = current_language()
    assert lang in LANGUAGES

    files = [{"number": digits(f.position + 1, lang), "name": f.original_name, "size": file_size(f.size, lang),
              "type": t(f"briefs.types.{f.content_type}", lang), "sha256": grouped(f.sha256)}
             for f in sorted(brief.files, key=lambda f: f.position)]
    deleted = brief.files_deleted_at
    rejection = None
    if brief.status == REJECTED:
        key = f"briefs.rejections.{brief.rejection_code}"
        rejection = t(key, lang)
        if rejection == key:
            rejection = brief.rejection_reason or brief.rejection_code
    html = render_template(
        "briefs/receipt.html", lang=lang, dir="rtl" if lang == "fa" else "ltr", t=lambda key, **p: t(key, lang, **p),
        sandbox=config.settings().core_sandbox, brief=brief, files=files,
        tracking_code=digits(brief.tracking_code, lang),
        core_tracking_code=digits(brief.core_tracking_code, lang) if brief.core_tracking_code else None,
        case_number=digits(brief.case_number, lang) if brief.case_number else None,
        received_at=format_datetime(brief.received_at, lang),
        registered_at=format_datetime(brief.registered_at, lang) if brief.registered_at else None,
        files_deleted_at=format_datetime(deleted, lang, weekday=False) if deleted else None,
        status=t(f"briefs.status.{brief.status}", lang), rejection=rejection, sha256=grouped(brief.manifest_sha256),
        text_sha256=grouped(brief.text_sha256), text_length=digits(len(brief.text), lang),
    )
    response = Response(html, mimetype="text/html")
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Content-Language"] = lang
    return response
