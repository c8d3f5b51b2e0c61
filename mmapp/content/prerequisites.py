"""Prerequisites between nuggets: every one must exist, and the graph stays acyclic.

Two graphs are kept acyclic, with one check (`check_acyclic`):

- the working copies' (`Nugget.prerequisites`), on every save and import, so a
  coordinator learns of a cycle when they write it;
- the published one (each published nugget's latest snapshot), on every publish:
  old published versions and new working copies could otherwise close a circle.
"""

from __future__ import annotations

import graphlib
from collections.abc import Collection, Iterable, Mapping

from sqlmodel import Session, col, select

from mmapp.errors import ValidationError
from mmapp.i18n import N_, translate
from mmapp.models import Nugget, NuggetRevision, NuggetStatus

Graph = Mapping[str, Iterable[str]]


def find_cycle(graph: Graph, first: Iterable[str] = ()) -> list[str] | None:
    """A cycle in `graph` (slug -> its prerequisites) as `[a, b, ..., a]`, or None.

    Each slug in the list needs the next. The cycle is turned to start at the
    first of `first` in it (the nuggets being changed), else at its smallest slug.
    """
    try:
        graphlib.TopologicalSorter({k: list(v) for k, v in graph.items()}).prepare()
    except graphlib.CycleError as exc:
        # graphlib lists a node, then one that needs it, ..., back to the node.
        ring = list(reversed(exc.args[1]))[:-1]
        start = next((s for s in first if s in ring), min(ring))
        at = ring.index(start)
        ring = ring[at:] + ring[:at]
        return [*ring, ring[0]]
    return None


def check_acyclic(graph: Graph, first: Iterable[str] = ()) -> None:
    """Refuse a graph with a cycle, naming its nuggets in order.

    Raises:
        ValidationError: `prerequisite_cycle`.
    """
    ring = find_cycle(graph, first)
    if ring is not None:
        raise ValidationError(
            "prerequisite_cycle",
            N_(
                "Prerequisites cannot go round in a circle: {ring} (each needs the next). "
                "Nothing was saved."
            ),
            ring=" → ".join(ring),
        )


def unknown(wanted: Mapping[str, Iterable[str]], known: Collection[str]) -> dict[str, list[str]]:
    """For each nugget, the prerequisites it names that are not in `known`."""
    missing = {slug: [p for p in needs if p not in known] for slug, needs in wanted.items()}
    return {slug: names for slug, names in missing.items() if names}


def check_drafts(*, session: Session, changed: Mapping[str, list[str]]) -> None:
    """Check working copies about to be saved (slug -> prerequisites) against the rest.

    Raises:
        ValidationError: `unknown_prerequisite` (a slug no nugget has) or
            `prerequisite_cycle`.
    """
    stored = dict(session.exec(select(Nugget.slug, Nugget.prerequisites)).all())
    missing = unknown(changed, {*stored, *changed})
    if missing:
        raise ValidationError(
            "unknown_prerequisite",
            N_("No nugget with slug {missing}."),
            missing=lambda locale: "; ".join(
                translate(
                    locale,
                    "{slugs} (a prerequisite of {slug})",
                    slugs=", ".join(map(repr, m)),
                    slug=s,
                )
                for s, m in missing.items()
            ),
        )
    check_acyclic({**stored, **changed}, first=changed)


def published_graph(*, session: Session) -> dict[str, list[str]]:
    """Each published nugget's prerequisites, as its latest version has them."""
    rows = session.exec(
        select(Nugget.slug, NuggetRevision.snapshot)
        .join(NuggetRevision, col(NuggetRevision.nugget_id) == col(Nugget.id))
        .where(
            col(Nugget.status) == NuggetStatus.published,
            col(NuggetRevision.version) == col(Nugget.version),
        )
    )
    return {slug: list(snapshot.get("prerequisites", [])) for slug, snapshot in rows}


def check_publish(*, session: Session, nugget: Nugget) -> None:
    """Refuse publishing `nugget` if its prerequisites would close a published cycle.

    Raises:
        ValidationError: `prerequisite_cycle`.
    """
    graph = published_graph(session=session)
    graph[nugget.slug] = list(nugget.prerequisites)
    check_acyclic(graph, first=[nugget.slug])
