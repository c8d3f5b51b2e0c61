"""Nuggets, quiz items and skills as a coordinator writes them."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    Field,
    StringConstraints,
    model_validator,
)

from mmapp.models import QuizKind
from mmapp.schemas.base import Short, Strict, Text


class QuizItemIn(Strict):
    """A quiz item as authored."""

    kind: QuizKind
    prompt: Short
    options: list[Short] = Field(default_factory=list, max_length=8)
    correct: list[int] = Field(default_factory=list, max_length=8)
    accepted_answers: list[Short] = Field(default_factory=list, max_length=20)
    explanation: Text

    @model_validator(mode="after")
    def _check_kind(self) -> QuizItemIn:
        if self.kind == QuizKind.true_false and not self.options:
            self.options = ["True", "False"]
        if self.kind == QuizKind.short_answer:
            if not self.accepted_answers:
                raise ValueError("a short-answer item needs at least one accepted answer")
            if self.options or self.correct:
                raise ValueError("a short-answer item has no options or correct indexes")
            return self
        if len(self.options) < 2:
            raise ValueError(f"a {self.kind.value} item needs at least two options")
        if any(not 0 <= i < len(self.options) for i in self.correct):
            raise ValueError("a correct index points past the options")
        if len(set(self.correct)) != len(self.correct):
            raise ValueError("correct indexes repeat")
        if self.kind in (QuizKind.single_choice, QuizKind.true_false) and len(self.correct) != 1:
            raise ValueError(f"a {self.kind.value} item has exactly one correct option")
        if self.kind == QuizKind.multiple_choice and not self.correct:
            raise ValueError("a multiple_choice item needs at least one correct option")
        return self


NuggetSlug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,78}$")]
ScaleWord = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


class NuggetIn(Strict):
    """A nugget as authored: the four micromastery parts plus its quiz."""

    slug: NuggetSlug
    skill: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")]
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=140)]
    summary: Short
    minutes: int = Field(ge=5, le=15)
    context: Text
    way_in: Text
    practice_steps: list[Short] = Field(min_length=1, max_length=12)
    payoff: Text
    quiz: list[QuizItemIn] = Field(min_length=1, max_length=10)
    level: int = Field(
        default=1, ge=1, le=4, description="The step of the skill's 0-4 scale it builds toward."
    )
    prerequisites: list[NuggetSlug] = Field(
        default_factory=list,
        max_length=20,
        description="Slugs of nuggets to take first (any skill); they must exist, no cycles.",
    )

    @model_validator(mode="after")
    def _check_prerequisites(self) -> NuggetIn:
        if len(set(self.prerequisites)) != len(self.prerequisites):
            raise ValueError("a prerequisite is listed twice")
        return self


class SkillIn(Strict):
    """A micro-skill as authored."""

    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")]
    name: Short
    description: str = Field(default="", max_length=1000)
    scale: list[ScaleWord] = Field(
        default_factory=list,
        description="The words of levels 0-4 (exactly 5), or empty for the default words.",
    )

    @model_validator(mode="after")
    def _check_scale(self) -> SkillIn:
        if self.scale and len(self.scale) != 5:
            raise ValueError(
                f"a scale has exactly 5 words, one per level 0-4 (got {len(self.scale)})"
            )
        return self
