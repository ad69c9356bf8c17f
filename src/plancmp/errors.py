"""One family of errors for people, and the exit codes of every command."""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The exit codes of every command; 1 has two meanings, so its one name says both."""

    OK = 0
    #: the command ran but reports a difference: ``diff --exit-code`` found the plans differ, or an
    #: ``extract`` batch had inputs that failed (their records carry "error"); as with grep, 1 is "ran, but"
    DIFF_OR_FAILED = 1
    ERROR = 2


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
