"""Lining up the commitments of plans: :mod:`.catalog` (canonical indicators), :mod:`.scoring`
(how alike two targets are), :mod:`.assignment` (optimal one-to-one pairing), :mod:`.align`
(two plans' targets and projects), :mod:`.diff` (the two-plan result), :mod:`.inputs` (plan texts or
saved extract JSON) and :mod:`.matrix` (many plans at once)."""
