"""Calls from Reflex components into the JS client bridge (`window.mm`).

These are frontend-only events: they never touch the Reflex socket, so they work
the same with no network at all.
"""

from __future__ import annotations

import json

import reflex as rx
from reflex.vars.base import Var, VarData


def _js(arg: object) -> tuple[str, VarData | None]:
    if isinstance(arg, Var):
        return str(arg), arg._get_all_var_data()
    return json.dumps(arg), None


def mm(method: str, *args: object) -> rx.event.EventSpec:
    """Call `window.mm.<method>(*args)`; args may be JSON literals or client Vars.

    Args:
        method: Bridge method name.
        *args: Literal values or Vars (e.g. a `foreach` loop item's field).

    """
    rendered = [_js(a) for a in args]
    code = f"window.mm && window.mm.{method}({', '.join(js for js, _ in rendered)})"
    data = VarData.merge(*(d for _, d in rendered if d is not None))
    return rx.run_script(Var(_js_expr=code, _var_data=data))


def mount(page: str) -> rx.event.EventSpec:
    """On page mount: hand Reflex's `refs` to the bridge and render from the device."""
    return rx.call_script(f"window.mm && window.mm.mount({json.dumps(page)}, refs)")
