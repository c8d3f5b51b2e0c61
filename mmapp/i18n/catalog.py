"""The translations, read from `locales/<lang>.po`, and the server's lookups into them."""

from __future__ import annotations

import dataclasses
import functools
import gettext
import pathlib
import re

from babel import Locale
from babel.messages.pofile import read_po

from mmapp.i18n.locales import DEFAULT_LOCALE, supported

LOCALE_DIR = pathlib.Path(__file__).parent / "locales"
# A placeholder in a message: "{name}" (no format specs: the same rule as mm-i18n.js).
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def N_(msgid: str) -> str:
    """Mark text for the catalogue where it is defined; it is translated where shown.

    Args:
        msgid: The English text.
    """
    return msgid


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a counted message for the catalogue; it is worded for a count where shown.

    Args:
        singular: The English one-form, e.g. "{n} nugget" (also the catalogue key).
        plural: The English other-form, e.g. "{n} nuggets".
    """
    return singular, plural


def fill(text: str, params: dict[str, object]) -> str:
    """Put `params` into the "{name}" placeholders of `text` (unknown ones stay as they are).

    Args:
        text: A message.
        params: Values by placeholder name.
    """
    if not params:
        return text
    return PLACEHOLDER.sub(lambda m: str(params[m[1]]) if m[1] in params else m[0], text)


@dataclasses.dataclass(frozen=True)
class Catalogue:
    """One language's translations.

    Attributes:
        locale: The language ("de").
        messages: Translation by English msgid.
        plurals: For plural messages, by the singular msgid: a form per CLDR category.
    """

    locale: str
    messages: dict[str, str]
    plurals: dict[str, dict[str, str]]


def po_path(locale: str) -> pathlib.Path:
    """Where the `.po` file of `locale` lives."""
    return LOCALE_DIR / f"{locale}.po"


def _categories_by_index(locale: str, plural_forms: str) -> dict[int, str]:
    """Which CLDR plural category (one, few, other…) each gettext plural index stands for."""
    expression = plural_forms.partition("plural=")[2].rstrip(";").strip() or "(n != 1)"
    index_of = gettext.c2py(expression)
    rule = Locale.parse(locale).plural_form
    return {index_of(n): rule(n) for n in range(0, 1000)}


@functools.cache
def load(locale: str) -> Catalogue:
    """The catalogue of a supported `locale` (English: empty, the msgids are the text).

    Args:
        locale: One of `LOCALES`.
    """
    path = po_path(locale)
    if locale == DEFAULT_LOCALE or not path.exists():
        return Catalogue(locale, {}, {})
    with path.open("rb") as handle:
        po = read_po(handle, locale=locale)
    by_index = _categories_by_index(locale, po.plural_forms)
    messages: dict[str, str] = {}
    plurals: dict[str, dict[str, str]] = {}
    for message in po:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple | list):
            forms = (
                [str(f) for f in message.string or ()]
                if not isinstance(message.string, str)
                else []
            )
            if forms and all(forms):
                plurals[message.id[0]] = {by_index[i]: form for i, form in enumerate(forms)}
        elif message.string:
            messages[message.id] = str(message.string)
    return Catalogue(locale, messages, plurals)


def _catalogue(locale: str | None) -> Catalogue:
    return load(supported(locale) or DEFAULT_LOCALE)


def translate(locale: str | None, msgid: str, **params: object) -> str:
    """`msgid` in `locale` (English when it has no translation), placeholders filled.

    Args:
        locale: A language tag; unsupported or None means English.
        msgid: The English text, e.g. "Saved {title}.".
        **params: Values for its placeholders.
    """
    return fill(_catalogue(locale).messages.get(msgid) or msgid, params)


def translate_plural(
    locale: str | None, singular: str, plural: str, n: float, **params: object
) -> str:
    """The form of a counted message for `n` in `locale`; "{n}" is filled with `n`.

    Args:
        locale: A language tag; unsupported or None means English.
        singular: The English one-form, e.g. "{n} nugget" (also the catalogue key).
        plural: The English other-form, e.g. "{n} nuggets".
        n: The count that picks the form (a fraction too: "1.5 hours" is plural).
        **params: Values for other placeholders.
    """
    catalogue = _catalogue(locale)
    forms = catalogue.plurals.get(singular)
    if forms:
        category = Locale.parse(catalogue.locale).plural_form(n)
        text = forms.get(category) or forms.get("other") or plural
    else:
        text = singular if n == 1 else plural
    return fill(text, {"n": n, **params})
