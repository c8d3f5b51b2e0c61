"""Update the translations after changing user-facing text.

Extracts every msgid (`t`, `nt`, `N_`, `translate`, `translate_plural`) from mmapp/ and
assets/, adds new ones to mmapp/i18n/locales/<lang>.po (untranslated), and writes the
phone's catalogues in assets/i18n/. Then translate the empty entries and run it again.

    .venv/bin/python scripts/i18n.py          # refresh
    .venv/bin/python scripts/i18n.py --check  # list what is missing, exit 1 if anything
"""

from __future__ import annotations

import sys

from mmapp.i18n.extract import problems, refresh


def main(argv: list[str]) -> int:
    """Refresh the catalogues, or with --check report what is missing."""
    if "--check" in argv:
        found = problems()
        print("\n".join(found) or "catalogues complete")
        return 1 if found else 0
    for path in refresh():
        print("updated", path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
