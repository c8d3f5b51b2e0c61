"""Translated text in Reflex components: Vars that read the device's catalogue.

The JS bridge (`assets/js/mm-i18n.js`) loads `/i18n/<locale>.json` and sets the
`mm_i18n` ClientStateVar; every `t()` re-renders with it. Until then (and for English)
the msgid itself shows, so a page paints at once, offline, with no catalogue in its bundle.
"""

from __future__ import annotations

import json
from typing import Any

from reflex.experimental.client_state import ClientStateVar
from reflex.vars.base import Var, VarData
from reflex.vars.function import FunctionVar
from reflex_base.event import EventChain
from reflex_base.utils.imports import ImportVar

# {"locale": "de", "messages": {msgid: text}, "plurals": {singular: {category: text}},
#  "chosen": "" | "en" | "de"} (the choice made in Settings; "" follows the browser).
I18N = ClientStateVar.create(
    "mm_i18n",
    default={"locale": "en", "messages": {}, "plurals": {}, "chosen": ""},
    global_ref=True,
)


def _field(name: str) -> Any:
    """The catalogue var's field `name` (an object Var, indexable by msgid)."""
    return I18N.value.to(dict)[name].to(dict)


# Fills "{name}" placeholders from an object (the rule of mmapp.i18n.catalog.fill).
_FILL = "((s, p) => String(s).replace(/\\{(\\w+)\\}/g, (m, k) => (k in p ? String(p[k]) : m)))"


def _js(value: object) -> tuple[str, VarData | None]:
    if isinstance(value, Var):
        return f"({value})", value._get_all_var_data()
    return json.dumps(value), None


def _params(params: dict[str, object]) -> tuple[str, list[VarData | None]]:
    parts, data = [], []
    for name, value in params.items():
        js, var_data = _js(value)
        parts.append(f"{json.dumps(name)}: {js}")
        data.append(var_data)
    return "{" + ", ".join(parts) + "}", data


def _var(expr: str, *data: VarData | None) -> Var[str]:
    merged = VarData.merge(*(d for d in data if d is not None))
    return Var(_js_expr=expr, _var_data=merged).to(str)


def t(msgid: str, **params: object) -> Var[str]:
    """`msgid` in the device's language, placeholders filled from `params`.

    Args:
        msgid: The English text, e.g. "Saved {title}.".
        **params: Values (literals or Vars) for its placeholders.
    """
    lookup = _field("messages")[msgid]
    text = f"({lookup} ?? {json.dumps(msgid)})"
    if not params:
        return _var(text, lookup._get_all_var_data())
    args, data = _params(params)
    return _var(f"{_FILL}({text}, {args})", lookup._get_all_var_data(), *data)


def nt(singular: str, plural: str, n: Var[int] | int, **params: object) -> Var[str]:
    """The form of a counted message for `n`, in the device's language; "{n}" is `n`.

    Args:
        singular: The English one-form, e.g. "{n} nugget" (the catalogue key).
        plural: The English other-form, e.g. "{n} nuggets".
        n: The count (a literal or a Var).
        **params: Values for other placeholders.
    """
    forms = _field("plurals")[singular]
    locale = _field("locale")
    count, count_data = _js(n)
    args, data = _params(params)
    pick = (
        f"((f, c) => (f ? (f[new Intl.PluralRules({locale}).select(c)] ?? f.other) : "
        f"(c === 1 ? {json.dumps(singular)} : {json.dumps(plural)})))({forms}, {count})"
    )
    return _var(
        f"{_FILL}({pick}, {{...{args}, n: {count}}})",
        forms._get_all_var_data(),
        locale._get_all_var_data(),
        count_data,
        *data,
    )


def attach_catalogue() -> Var[EventChain]:
    """An `on_mount` handler: the page's text follows the device's catalogue.

    Learner pages get this from the bridge's `mount`; workspace pages use this.
    """
    refs = VarData(imports={"$/utils/state": [ImportVar(tag="refs")]})
    body = "window.mmI18n && window.mmI18n.attach(refs)"
    return Var(_js_expr=f"((..._args) => {{ {body}; }})", _var_data=refs).to(
        FunctionVar, EventChain
    )
