"""Skills: where a learner stands and what to learn next.

Owns the pathway: one pure ranking function that answers "what next?" for the minutes a
learner has (due reviews first, then unlocked nuggets by due date, skill gap,
continuity, what they unlock and cohort order), each pick with a one-line reason, and
the locked nuggets with what they wait for; and its typed contract (the situation in,
the pathway out). No database and no clock: callers pass the situation. The phone runs
the same ranking (assets/js/mm-pathway.js, held to it by golden vectors). Owns the week
plan too: the pathway placed into the learner's commute slots, chunk by chunk (twin:
assets/js/mm-week.js).
"""

from __future__ import annotations

from mmapp.skills import pathway, situation, week
from mmapp.skills.pathway import rank
from mmapp.skills.situation import (
    Locked,
    Nugget,
    Pathway,
    Pick,
    Situation,
    Standing,
    pathway_dict,
    situation_from,
)
from mmapp.skills.week import Chunk, WeekAsk, WeeklySlot, WeekPlan, ask_from, week_dict, week_plan

__all__ = [
    "Chunk",
    "Locked",
    "Nugget",
    "Pathway",
    "Pick",
    "Situation",
    "Standing",
    "WeekAsk",
    "WeekPlan",
    "WeeklySlot",
    "ask_from",
    "pathway",
    "pathway_dict",
    "rank",
    "situation",
    "situation_from",
    "week",
    "week_dict",
    "week_plan",
]
