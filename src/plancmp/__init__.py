"""plancmp: extract and compare the numeric targets of Chinese local education plans.

The front door, for scripts and notebooks (the CLI is :mod:`plancmp.cli`)::

    >>> import plancmp
    >>> result = plancmp.extract_text("一、发展目标\\n到2025年,学前教育毛入园率达到95%以上。\\n")
    >>> [(t.metric, t.comparator, float(t.value), t.unit, t.year) for t in result.targets]
    [('学前教育毛入园率', '>=', 95.0, '%', 2025)]

- :func:`extract_file` / :func:`extract_text`: one plan (a file, or a string) to an
  :class:`~plancmp.models.ExtractResult` (``.to_dict()`` is what ``plancmp extract`` prints);
- :func:`load_plan`: a plan text or JSON saved from ``plancmp extract``, as an ExtractResult;
- :func:`build_diff`: two ExtractResults aligned (``plancmp diff``);
- :func:`build_comparison`: many plan files or folders in one matrix (``plancmp compare``).

Importing the package loads nothing heavy and no submodule: each name above is
imported on first use (PEP 562), and jieba, the rules and the gazetteer are loaded
by the stage that needs them.
"""
__version__ = "0.1.0"  # the one home of the version: pyproject.toml reads it (hatch dynamic version)

#: public name -> the module that defines it
_FRONT_DOOR = {
    "extract_file": "plancmp.extract.pipeline",
    "extract_text": "plancmp.extract.pipeline",
    "load_plan": "plancmp.comparison.inputs",
    "build_diff": "plancmp.comparison.diff",
    "build_comparison": "plancmp.comparison.matrix",
}

__all__ = ["__version__", *_FRONT_DOOR]

# no `import typing` (nor __future__): `import plancmp` must not load even the standard library;
# type checkers treat a name TYPE_CHECKING as true, so they see the names below
TYPE_CHECKING = False
if TYPE_CHECKING:  # at run time __getattr__ imports each on first use
    from .comparison.diff import build_diff
    from .comparison.inputs import load_plan
    from .comparison.matrix import build_comparison
    from .extract.pipeline import extract_file, extract_text


def __getattr__(name: str) -> object:
    module = _FRONT_DOOR.get(name)
    if module is None:
        raise AttributeError(f"module 'plancmp' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_FRONT_DOOR))
