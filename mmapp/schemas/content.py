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


class NuggetIn(Strict):
    """A nugget as authored: the four micromastery parts plus its quiz."""

    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,78}$")]
    skill: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")]
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=140)]
    summary: Short
    minutes: int = Field(ge=5, le=15)
    context: Text
    way_in: Text
    practice_steps: list[Short] = Field(min_length=1, max_length=12)
    payoff: Text
    quiz: list[QuizItemIn] = Field(min_length=1, max_length=10)


class SkillIn(Strict):
    """A micro-skill as authored."""

    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")]
    name: Short
    description: str = Field(default="", max_length=1000)
