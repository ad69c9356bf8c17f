"""One family of errors for people, and the exit codes of every command."""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    DIFF = 1  # `diff --exit-code`: the plans differ; `extract` batch: some files failed
    ERROR = 2
    SOME_FAILED = 1  # alias of DIFF: `extract` batch, some inputs failed (their records carry "error")


class PlancmpError(Exception):
    """An error with a message fit for the user: what went wrong and what to try.

    The CLI prints it as one line, ``Error: <message>``, to stderr and exits
    with ``exit_code``; nothing else reaches the user.
    """

    exit_code: int = ExitCode.ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(PlancmpError):
    """The input cannot be read: missing, a directory, binary, undecodable."""


class RulesError(PlancmpError):
    """A rules file is missing, malformed or does not validate."""


class UsageError(PlancmpError):
    """Bad arguments or options."""
