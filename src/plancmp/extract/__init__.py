"""Stages segment → meta → tables → targets → projects over a prepared document.

:mod:`.pipeline` runs them in order (``extract_raw``, ``extract_text``, ``extract_file``) and
:mod:`.batch` runs it over many files in parallel. Targets are read by :mod:`.quantities`
(the number grammar), :mod:`.metric` (what each number measures, a list of named strategies over
:mod:`.clause_words`), :mod:`.kind` (target or baseline, and the year) and assembled by
:mod:`.targets`; indicator tables by :mod:`.table_cells` and :mod:`.tables`; named projects by the
:mod:`.projects` package.
"""
