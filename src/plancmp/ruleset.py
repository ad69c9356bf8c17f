"""Rules are data: TOML tables under ``rules/``, validated on load.

The tables ship inside the wheel (``plancmp/rules``); in a source checkout the
top-level ``rules/`` folder is used. ``--rules DIR`` adds a folder whose
tables extend the built-in ones: lists are appended, tables are merged key by
key, other values replace. A rule string may write ``{han}`` for one Han
character and ``{not_han}`` for any other (:mod:`plancmp.prepare.chars`). Each stage declares the pydantic model of the
tables it reads and asks a :class:`RuleSet` for them; nothing is read or
compiled until a stage needs it.

Two idioms, used by every stage:

- a pattern field of a rule model is typed :data:`Regex` (or ``list[Regex]``), so a
  pattern that does not compile is reported on load as ``rules table X.toml is
  invalid at FIELD: …``, never mid-run;
- what a stage derives from its tables (compiled patterns, word sets) is a frozen
  ``Compiled<Table>`` dataclass built with keywords by one function decorated
  with :func:`compiled_once`, so it is built once per rule set::

      @compiled_once
      def compiled(rules: RuleSet) -> CompiledHeadings:
          r = rules.table("headings", HeadingRules)
          return CompiledHeadings(lead=re.compile(r.lead), ...)
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from functools import cached_property, wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, ValidationError

from .errors import RulesError
from .prepare.chars import PLACEHOLDERS

T = TypeVar("T", bound=BaseModel)
C = TypeVar("C")


def _compiles(pattern: str) -> str:
    """Check that a rule pattern compiles; the message names what is wrong with it."""
    try:
        re.compile(pattern)
    except re.error as e:
        raise ValueError(f"not a valid regular expression ({e}): {pattern!r}") from None
    return pattern


#: A regex written in a rule table (``{han}`` placeholders already expanded), checked on load.
Regex = Annotated[str, AfterValidator(_compiles)]


def builtin_rules_dir() -> Path:
    """The packaged rules, or the checkout's ``rules/`` in an editable install."""
    here = Path(__file__).resolve().parent
    packaged = here / "rules"
    if packaged.is_dir():
        return packaged
    checkout = here.parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise RulesError("the built-in rules are missing from this installation; reinstall plancmp with `pip install .`")


def merge(base: Any, extra: Any) -> Any:
    """Extend ``base`` with ``extra``: lists appended, tables merged, scalars replaced."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            out[k] = merge(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + extra
    return extra


class RuleSet:
    """The rule tables for one run: the built-in ones extended by ``extra_dirs``."""

    def __init__(self, extra_dirs: list[Path] | tuple[Path, ...] = ()) -> None:
        self.extra_dirs = tuple(Path(d) for d in extra_dirs)
        for d in self.extra_dirs:
            if not d.is_dir():
                raise RulesError(f"rules folder not found: {d}; pass a folder of .toml rule tables to --rules")
        self._cache: dict[tuple[str, type], BaseModel] = {}
        self._raw: dict[str, dict[str, Any]] = {}
        self._extras: dict[str, Any] = {}

    @cached_property
    def base_dir(self) -> Path:
        return builtin_rules_dir()

    def raw(self, name: str) -> dict[str, Any]:
        """The merged TOML content of ``<name>.toml`` (read once per rule set; do not modify it)."""
        hit = self._raw.get(name)
        if hit is None:
            hit = self._raw[name] = self._read_raw(name)
        return hit

    def _read_raw(self, name: str) -> dict[str, Any]:
        path = self.base_dir / f"{name}.toml"
        if not path.is_file():
            raise RulesError(f"rules table {name}.toml is missing from {self.base_dir}; reinstall plancmp")
        data = _read_toml(path)
        for d in self.extra_dirs:
            p = d / f"{name}.toml"
            if p.is_file():
                data = merge(data, _read_toml(p))
        return data

    def table(self, name: str, model: type[T]) -> T:
        """``rules/<name>.toml`` validated as ``model`` (cached for this rule set)."""
        key = (name, model)
        hit = self._cache.get(key)
        if hit is None:
            try:
                hit = model.model_validate(self.raw(name))
            except ValidationError as e:
                first = e.errors()[0]
                where = ".".join(str(x) for x in first.get("loc", ()))
                msg = str(first.get("msg", "")).removeprefix("Value error, ")
                raise RulesError(f"rules table {name}.toml is invalid at {where or '(top)'}: {msg}") from None
            self._cache[key] = hit
        return hit  # type: ignore[return-value]

    def path(self, name: str) -> Path:
        """A non-TOML data file shipped with the rules (e.g. a user dictionary)."""
        for d in reversed(self.extra_dirs):
            if (d / name).is_file():
                return d / name
        p = self.base_dir / name
        if not p.is_file():
            raise RulesError(f"rules file {name} is missing from {self.base_dir}; reinstall plancmp")
        return p

    def cached(self, key: str, build: Any) -> Any:
        """Anything derived from the rules (compiled regexes, automata), built once per rule set."""
        if key not in self._extras:
            self._extras[key] = build()
        return self._extras[key]


def compiled_once(build: Callable[["RuleSet"], C]) -> Callable[["RuleSet"], C]:
    """Decorate the function that derives a stage's compiled bundle from a rule set:
    it runs once per rule set, and every later call returns the same object."""
    key = f"{build.__module__}.{build.__qualname__}"

    @wraps(build)
    def once(rules: "RuleSet") -> C:
        return rules.cached(key, lambda: build(rules))  # type: ignore[no-any-return]

    return once


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return _expand(tomllib.load(f))
    except tomllib.TOMLDecodeError as e:
        raise RulesError(f"rules file {path} is not valid TOML: {e}") from None
    except OSError as e:
        raise RulesError(f"cannot read rules file {path}: {e.strerror}") from None


def _expand(value: Any) -> Any:
    """Rule strings may write ``{han}`` / ``{not_han}`` (:data:`plancmp.prepare.chars.PLACEHOLDERS`)."""
    if isinstance(value, str):
        if "{" in value:
            for name, pattern in PLACEHOLDERS.items():
                value = value.replace(name, pattern)
        return value
    if isinstance(value, dict):
        return {k: _expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v) for v in value]
    return value


_default: RuleSet | None = None


def default_rules() -> RuleSet:
    """The built-in rule set, shared by callers that pass none."""
    global _default
    if _default is None:
        _default = RuleSet()
    return _default
