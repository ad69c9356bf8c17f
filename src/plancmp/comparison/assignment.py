"""One-to-one assignment: pure algorithms over score matrices, nothing about plans.

:func:`min_cost_assignment` is the textbook algorithm; :func:`assign` maximizes
utility and leaves pairs of no utility unmatched; :func:`assign_in_bands` pairs
what clears a high floor first, then what clears a lower one among the rest
(how alignment fills its matched and uncertain bands).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence


def assign(utility: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """One-to-one assignment maximizing total utility; pairs of utility <= 0
    are left unmatched (the "unmatched" option, so weak pairs are never forced).

    Rows and columns may differ in number. Pairs come out by row; among
    equally good assignments the choice is deterministic: the one scipy's
    ``linear_sum_assignment`` makes.
    """
    if not utility or not utility[0]:
        return []
    # a utility <= 0 is "no match": worth nothing, so the optimum never needs it
    gain = [[x if x > 0 else 0.0 for x in row] for row in utility]
    tall = len(gain) > len(gain[0])
    cost = [[-x for x in col] for col in zip(*gain)] if tall else [[-x for x in row] for row in gain]
    col_of = min_cost_assignment(cost)
    pairs = sorted((c, r) for r, c in enumerate(col_of)) if tall else list(enumerate(col_of))
    return [(i, j) for i, j in pairs if gain[i][j] > 0]


def min_cost_assignment(cost: Sequence[Sequence[float]]) -> list[int]:
    """The column of each row in a minimum-cost assignment of a ``rows <= columns``
    matrix of finite costs: shortest augmenting paths with dual potentials
    (Jonker-Volgenant family, as in D. F. Crouse, "On implementing 2D rectangular
    assignment algorithms", IEEE TAES 52(4), 2016). O(rows² · columns).

    Ties are broken as scipy's ``linear_sum_assignment`` breaks them: columns
    are scanned from the last one down, and among equally short paths one that
    ends at a free column wins.
    """
    n_rows, n_cols = len(cost), len(cost[0]) if cost else 0
    if n_rows > n_cols:
        raise ValueError(f"min_cost_assignment needs rows <= columns, got {n_rows} x {n_cols}")
    inf = float("inf")
    u = [0.0] * n_rows                # row potentials
    v = [0.0] * n_cols                # column potentials
    col_of = [-1] * n_rows
    row_of = [-1] * n_cols
    via = [-1] * n_cols               # the row a column was reached from on the shortest path
    for start in range(n_rows):
        dist = [inf] * n_cols
        seen_rows: list[int] = []
        seen_cols: list[int] = []
        todo = list(range(n_cols - 1, -1, -1))
        reached, i, sink = 0.0, start, -1
        while sink < 0:
            seen_rows.append(i)
            row, ui = cost[i], u[i]
            best, at = inf, -1
            for k, j in enumerate(todo):
                d = reached + row[j] - ui - v[j]
                if d < dist[j]:
                    dist[j], via[j] = d, i
                d = dist[j]
                if d < best or (d == best and row_of[j] < 0):
                    best, at = d, k
            if best == inf:
                raise ValueError("min_cost_assignment needs finite costs")
            reached = best
            j = todo[at]
            seen_cols.append(j)
            todo[at] = todo[-1]
            todo.pop()
            if row_of[j] < 0:
                sink = j
            else:
                i = row_of[j]
        u[start] += reached
        for r in seen_rows:
            if r != start:
                u[r] += reached - dist[col_of[r]]
        for c in seen_cols:
            v[c] -= reached - dist[c]
        j = sink
        while True:                   # flip the path: every row on it takes the next column
            i = via[j]
            row_of[j] = i
            col_of[i], j = j, col_of[i]
            if i == start:
                break
    return col_of


def assign_in_bands(n_rows: int, n_cols: int, floors: Sequence[float],
                    utility: Callable[[int, int, float], float]) -> list[list[tuple[int, int]]]:
    """The pairs of each band, one band per floor in turn (a matched floor, then an
    uncertain one): a one-to-one :func:`assign` among the rows and columns no
    earlier band took, with ``utility(row, column, floor)`` (<= 0: not a pair)."""
    free_rows, free_cols = set(range(n_rows)), set(range(n_cols))
    bands: list[list[tuple[int, int]]] = []
    for floor in floors:
        rows, cols = sorted(free_rows), sorted(free_cols)
        pairs = [(rows[r], cols[c]) for r, c in assign([[utility(i, j, floor) for j in cols] for i in rows])]
        for i, j in pairs:
            free_rows.discard(i)
            free_cols.discard(j)
        bands.append(pairs)
    return bands
