"""What is wrong with an imported file: each problem with its line, in any language.

A problem's message is an English msgid with placeholders (`FileProblem.of`); `message`
is the English, `translated(locale)` the reader's language. `NuggetFileError` carries
every problem of one file (`mmapp.content.files`), `ArchiveError` of a zip.
"""

from __future__ import annotations

import dataclasses

from babel.numbers import format_decimal

from mmapp.i18n import DEFAULT_LOCALE, translate


@dataclasses.dataclass(frozen=True)
class FileProblem:
    """One thing wrong with a file, where it is, and what to do.

    Attributes:
        line: The 1-based line.
        message: The English text (placeholders filled).
        msgid: The message's msgid, when it is one (`FileProblem.of`).
        params: The msgid's placeholder values (a function of the locale, or a value).
    """

    line: int
    message: str
    msgid: str | None = dataclasses.field(default=None, compare=False, repr=False)
    params: dict[str, object] = dataclasses.field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, line: int, msgid: str, **params: object) -> FileProblem:
        """A problem whose message is a msgid with placeholders.

        Args:
            line: The 1-based line.
            msgid: The English text, e.g. "expected step {n} as '{n}. ...'".
            **params: Placeholder values; a callable gets the locale.
        """
        problem = cls(line, "", msgid, params)
        object.__setattr__(problem, "message", problem.text(None))
        return problem

    def text(self, locale: str | None) -> str:
        """The message alone in `locale` (English when None)."""
        if self.msgid is None:
            return self.message
        values = {k: v(locale) if callable(v) else v for k, v in self.params.items()}
        return translate(locale, self.msgid, **values)

    def translated(self, locale: str | None) -> str:
        """`line N: message` in `locale` (English when None)."""
        return translate(
            locale, "line {line}: {message}", line=self.line, message=self.text(locale)
        )

    def __str__(self) -> str:
        """`line N: message`."""
        return f"line {self.line}: {self.message}"


def grouped(n: int) -> object:
    """`n` with the locale's digit grouping ("200,000"; "200.000" in German)."""
    return lambda locale: format_decimal(n, locale=locale or DEFAULT_LOCALE)


class NuggetFileError(Exception):
    """A file that cannot be imported; `problems` lists every one found."""

    def __init__(self, problems: list[FileProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems

    def translated(self, locale: str | None) -> str:
        """Every problem, in `locale`."""
        return "; ".join(p.translated(locale) for p in self.problems)


__all__ = ["FileProblem", "NuggetFileError", "grouped"]
