"""Two languages, one catalogue: English in the code, translations in gettext `.po` files.

Every user-facing string is an English msgid wrapped where it is written:

- Reflex components: `t("Save")` / `nt("{n} nugget", "{n} nuggets", n)` give Vars that
  read the device's catalogue (a ClientStateVar the JS bridge fills), English until it
  arrives, so the first paint needs no catalogue.
- Server text (pushes, CSV headers, workspace messages, error reasons):
  `translate(locale, "Saved.")`, `translate_plural(locale, one, other, n)`; text defined
  before its reader is known is marked with `N_("…")` and translated where it is shown.
- The device's own code (assets/js): `t("…", {params})` and `nt(one, other, n)` from
  `assets/js/mm-i18n.js`, reading `/i18n/<locale>.json`, generated from the same `.po`.

`scripts/i18n.py` extracts the msgids (Babel), updates `mmapp/i18n/locales/<lang>.po` and
writes the device catalogues; a test fails when they are stale or a string is missing.
"""

from mmapp.i18n.catalog import N_, N_plural, translate, translate_plural
from mmapp.i18n.locales import (
    DEFAULT_LOCALE,
    LANGUAGE_NAMES,
    LOCALES,
    effective_locale,
    negotiate,
    supported,
)

__all__ = [
    "DEFAULT_LOCALE",
    "LANGUAGE_NAMES",
    "LOCALES",
    "N_",
    "N_plural",
    "effective_locale",
    "negotiate",
    "supported",
    "translate",
    "translate_plural",
]
