"""Rendering records for people and programs: :mod:`.writers` (CSV, TSV, Markdown, JSONL, XLSX and
plain text tables), :mod:`.values` (one way to write a number and a value), :mod:`.diff_report` and
:mod:`.matrix_report`. Nothing here imports rich or typer; the CLI draws the text tables."""
