"""Keeping the catalogue in step with the code: extract msgids, update `.po`, write JSON.

`scripts/i18n.py` runs `refresh()`; the unit tier runs `problems()`, which fails on a
msgid the `.po` files lack, an untranslated or fuzzy entry, a placeholder a translation
drops or invents, and device catalogues (`assets/i18n/*.json`) older than the `.po`.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import pathlib

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from mmapp.i18n.catalog import PLACEHOLDER, Catalogue, load, po_path
from mmapp.i18n.locales import DEFAULT_LOCALE, LOCALES

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEVICE_DIR = ROOT / "assets" / "i18n"
# A fixed header date: the `.po` files change only when their messages do.
_HEADER_DATE = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
# Where msgids are written: the server's Python and the phone's JavaScript.
METHOD_MAP = [
    ("mmapp/**.py", "python"),
    ("assets/js/**.js", "javascript"),
    ("assets/sw.js", "javascript"),
]
# The functions whose string arguments are msgids (argument positions, 1-based).
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "t": None,
    "nt": (1, 2),
    "N_": None,
    "N_plural": (1, 2),
    "translate": (2,),
    "translate_plural": (2, 3),
}


def template() -> Catalog:
    """Every msgid in the code, with where it is used."""
    catalog = Catalog(project="Micromastery", fuzzy=False, creation_date=_HEADER_DATE)
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), METHOD_MAP, keywords=KEYWORDS, comment_tags=("i18n:",)
    ):
        if isinstance(message, tuple):
            if not all(message):
                continue
            message = tuple(message)
        elif not message:
            continue
        catalog.add(message, locations=[(filename, lineno)])
    return catalog


def _read(locale: str) -> Catalog:
    path = po_path(locale)
    if not path.exists():
        return Catalog(locale=locale, project="Micromastery")
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, ignore_obsolete=True, include_lineno=False)
    return out.getvalue()


def updated(locale: str, source: Catalog) -> Catalog:
    """The `.po` catalogue of `locale` with the msgids of `source` (new ones untranslated)."""
    catalog = _read(locale)
    catalog.update(source, no_fuzzy_matching=True, update_header_comment=False)
    catalog.fuzzy = False
    catalog.creation_date = catalog.revision_date = _HEADER_DATE
    catalog.header_comment = "# The German catalogue of Micromastery: see mmapp/i18n/__init__.py."
    catalog.last_translator = catalog.language_team = "Micromastery <team@micromastery.app>"
    return catalog


def device_catalogue(catalogue: Catalogue) -> str:
    """The JSON the phone loads for one language."""
    body = {
        "locale": catalogue.locale,
        "messages": dict(sorted(catalogue.messages.items())),
        "plurals": dict(sorted(catalogue.plurals.items())),
    }
    return json.dumps(body, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def refresh() -> list[str]:
    """Extract, update every `.po` and write the device catalogues; return what changed."""
    source = template()
    changed = []
    for locale in LOCALES:
        if locale == DEFAULT_LOCALE:
            continue
        path = po_path(locale)
        data = _po_bytes(updated(locale, source))
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
            changed.append(str(path.relative_to(ROOT)))
    load.cache_clear()
    DEVICE_DIR.mkdir(exist_ok=True)
    for locale in LOCALES:
        path = DEVICE_DIR / f"{locale}.json"
        text = device_catalogue(load(locale))
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
            changed.append(str(path.relative_to(ROOT)))
    return changed


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def problems() -> list[str]:
    """What keeps the catalogues from being complete and current (empty when all is well)."""
    source = template()
    found: list[str] = []
    for locale in LOCALES:
        if locale == DEFAULT_LOCALE:
            continue
        catalog = _read(locale)
        for message in source:
            if not message.id:
                continue
            key = message.id
            entry = catalog.get(key)
            where = f"{locale}: {key!r}"
            if entry is None:
                found.append(f"{where} is not in the catalogue (run scripts/i18n.py)")
                continue
            raw = entry.string
            strings = [str(x) for x in raw] if isinstance(raw, tuple | list) else [str(raw or "")]
            if entry.fuzzy or not all(strings):
                found.append(f"{where} is not translated")
                continue
            ids = [str(x) for x in key] if isinstance(key, tuple | list) else [str(key)]
            wanted = set().union(*(_placeholders(i) for i in ids))
            for text in strings:
                if _placeholders(text) - wanted or (
                    _placeholders(ids[0]) - {"n"} - _placeholders(text)
                ):
                    found.append(f"{where}: placeholders differ in {text!r}")
        extra = {m.id for m in catalog if m.id} - {m.id for m in source if m.id}
        found.extend(f"{locale}: {key!r} is no longer used" for key in sorted(map(str, extra)))
        device = DEVICE_DIR / f"{locale}.json"
        load.cache_clear()
        if not device.exists() or device.read_text() != device_catalogue(load(locale)):
            found.append(f"{device.relative_to(ROOT)} is stale (run scripts/i18n.py)")
    return found
