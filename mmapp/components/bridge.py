"""Handlers that call the JS client bridge (`window.mm`) directly, outside Reflex's queue.

Learner interactions must work with no network. Reflex queues an `on_load_internal`
backend event on every client-side navigation; while the socket is down that event
stays queued and Reflex stops processing *every* later queued event, including
`call_script` ones. So these handlers are plain JS functions typed as event chains
(the same mechanism `ClientStateVar.set` uses): React calls them directly.
"""

from __future__ import annotations

import json

from reflex.vars.base import Var, VarData
from reflex.vars.function import FunctionVar
from reflex_base.event import EventChain
from reflex_base.utils.imports import ImportVar

# Reflex's `refs` object, where global ClientStateVar setters live.
_REFS = VarData(imports={"$/utils/state": [ImportVar(tag="refs")]})
# The JS of these handlers: code, not text for people (hence keyword arguments).
_JS = dict(
    handler="((..._args) => {{ {body}; }})",
    call="window.mm && window.mm.{method}({args})",
    mount="window.mm && window.mm.mount({page}, refs)",
)


def _js(arg: object) -> tuple[str, VarData | None]:
    if isinstance(arg, Var):
        return str(arg), arg._get_all_var_data()
    return json.dumps(arg), None


def _handler(body: str, *data: VarData | None) -> Var:
    merged = VarData.merge(*(d for d in data if d is not None))
    return Var(_js_expr=_JS["handler"].format(body=body), _var_data=merged).to(
        FunctionVar, EventChain
    )


def mm(method: str, *args: object) -> Var:
    """A handler calling `window.mm.<method>(*args)`; args are JSON literals or Vars.

    Args:
        method: Bridge method name.
        *args: Literal values or client-side Vars (e.g. a `foreach` item's field).
    """
    rendered = [_js(a) for a in args]
    call = _JS["call"].format(method=method, args=", ".join(js for js, _ in rendered))
    return _handler(call, *(d for _, d in rendered))


def mount(page: str) -> Var:
    """On page mount: hand Reflex's `refs` to the bridge and render from the device."""
    return _handler(_JS["mount"].format(page=json.dumps(page)), _REFS)
