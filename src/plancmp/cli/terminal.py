"""What plancmp draws on a terminal: the one module that imports rich.

The library builds plain data (:class:`plancmp.output.writers.TextTable`, lines of
text); this module, imported only by :mod:`plancmp.cli`, turns it into rich
tables, consoles and progress bars. rich is imported inside each function, so
importing this module costs nothing.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..comparison.diff import DiffResult
    from ..comparison.matrix import Comparison
    from ..output.writers import TextTable


def rich_table(table: "TextTable") -> Any:
    """A ``rich.table.Table`` of a :class:`~plancmp.output.writers.TextTable`."""
    from rich.table import Table

    t = Table(title=table.title, show_lines=False, header_style="bold", expand=False)
    for c in table.columns:
        t.add_column(c.title, justify=c.justify, overflow=c.overflow, no_wrap=c.no_wrap,
                     min_width=c.min_width, max_width=c.max_width)
    for row in table.rows:
        if row.section:
            t.add_section()
        cells = row.cells
        if row.heading and cells:
            cells = (f"[bold]{cells[0]}[/bold]", *cells[1:])
        t.add_row(*cells)
    return t


def _render(blocks: "list[str | TextTable]", width: int, color: bool) -> str:
    """Blocks of text and tables as text, trailing spaces trimmed; ANSI colour only when ``color``."""
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, legacy_windows=False, soft_wrap=False)
    for block in blocks:
        if isinstance(block, str):
            console.print(block, markup=False)
        else:
            console.print(rich_table(block))
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


def diff_table(res: "DiffResult", width: int = 120, color: bool = False) -> str:
    """``plancmp diff --format table``: the side-by-side tables as text."""
    from ..output.diff_report import table_blocks

    return _render(list(table_blocks(res)), width, color)


def render_text_table(table: "TextTable", width: int = 120, color: bool = False) -> str:
    """One :class:`~plancmp.output.writers.TextTable` as text (``plancmp extract --review``)."""
    return _render([table], width, color)


def print_compare(cmp: "Comparison", file: Any = None, width: int | None = None) -> None:
    """``plancmp compare --format table``: the matrix on ``file`` (stdout), split
    into pages of districts that fit the width (the terminal's when not given)."""
    from rich.console import Console

    from ..output.matrix_report import terminal_note, terminal_tables

    console = Console(file=file, width=width, soft_wrap=False)
    for t in terminal_tables(cmp, console.width):
        console.print(rich_table(t))
    note = terminal_note(cmp)
    if note:
        console.print(note.rstrip(), style="dim", markup=False)


@contextmanager
def progress(label: str, total: int) -> Iterator[Callable[[], None]]:
    """A transient progress bar on stderr; yields the function that advances it by one."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True, redirect_stdout=False) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)
