"""Stages read → normalize → clean: from a file's bytes to the :class:`~plancmp.prepare.document.Doc`
every extractor reads, with a map from each character back to the original file's lines.

- :mod:`.read`: decode a file (encodings, BOMs, mixed files) into text;
- :mod:`.textmap`: text with the map back to the original (edits, never patched offsets);
- :mod:`.chars`: the writing system (Han classes, the full-width table, regex alternations);
- :mod:`.normalize`: named character fixers (width, spaces, quotes, letter spacing …);
- :mod:`.headings`: the schema of ``rules/headings.toml``, read here and by the extractors;
- :mod:`.clean`: web chrome, hard-wrapped lines joined again, page markers, synonym spinning;
- :mod:`.reflow`: layout: hard wraps undone (run by clean), run-together headings given their own
  lines (run after segment), ``rules/layout.toml``;
- :mod:`.document`: the :class:`Doc` and its per-document caches.
"""
