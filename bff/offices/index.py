"""The in-memory spatial index for "nearest offices": exact great-circle order, filters applied first.

Points are unit vectors on the sphere in a KD-tree (leaves of a few dozen points, each node with its 3-D
bounding box and the union of its points' filter bits). A query walks the tree best-first: the box's
straight-line (chord) distance to the query is a lower bound of every point's inside it, and chord length
grows with great-circle distance, so the walk stops as soon as no box can beat the k-th candidate found.
Filters are checked on each point as it is met (and whole subtrees skipped by their filter bits), so the
result is the k nearest *matching* points — never the k nearest, then filtered.

The candidates are finally ranked by the haversine distance (the same function the PWA uses) with ties
broken by position, so the order equals a brute-force sort by (haversine, position). A tiny relative
margin on the chord bound keeps every near-tie in the candidate set despite floating-point rounding.
"""

from __future__ import annotations

import heapq
import math
from bisect import insort
from collections.abc import Callable, Sequence

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG); the PWA's features/offices/geo.js uses the same
LEAF_SIZE = 24
_EPS = 1e-9  # relative slack on the chord bound: float rounding can never hide a near-tie
_TINY = 1e-24


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km. Kept operation for operation equal to features/offices/geo.js."""
    phi1 = math.radians(lat1)
    phi2 = math.radians(lat2)
    half_dphi = math.sin((phi2 - phi1) / 2)
    half_dlambda = math.sin(math.radians(lon2 - lon1) / 2)
    a = half_dphi * half_dphi + math.cos(phi1) * math.cos(phi2) * half_dlambda * half_dlambda
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    phi = math.radians(lat)
    lam = math.radians(lon)
    cos_phi = math.cos(phi)
    return cos_phi * math.cos(lam), cos_phi * math.sin(lam), math.sin(phi)


def chord_squared(km: float) -> float:
    """The squared chord (unit sphere) of a great-circle distance; 4 (the diameter²) at most."""
    if km >= math.pi * EARTH_RADIUS_KM:
        return 4.0
    chord = 2 * math.sin(km / (2 * EARTH_RADIUS_KM))
    return chord * chord


class SpatialIndex:
    """Nearest-neighbour search over ``points`` [(lat, lon)], each with an int of filter bits."""

    def __init__(self, points: Sequence[tuple[float, float]], bits: Sequence[int] | None = None,
                 leaf_size: int = LEAF_SIZE):
        self.lat = [float(p[0]) for p in points]
        self.lon = [float(p[1]) for p in points]
        self.bits = list(bits) if bits is not None else [0] * len(points)
        vectors = [unit_vector(lat, lon) for lat, lon in zip(self.lat, self.lon, strict=True)]
        # Node arrays: bounding box, children (-1 for a leaf), the union of filter bits, leaf contents.
        self._lo: list[tuple[float, float, float]] = []
        self._hi: list[tuple[float, float, float]] = []
        self._left: list[int] = []
        self._right: list[int] = []
        self._union: list[int] = []
        self._points: list[tuple] = []
        if points:
            self._build(vectors, list(range(len(points))), leaf_size)

    def __len__(self) -> int:
        return len(self.lat)

    def _new_node(self, vectors, members: list[int]) -> int:
        xs = [vectors[i][0] for i in members]
        ys = [vectors[i][1] for i in members]
        zs = [vectors[i][2] for i in members]
        union = 0
        for i in members:
            union |= self.bits[i]
        self._lo.append((min(xs), min(ys), min(zs)))
        self._hi.append((max(xs), max(ys), max(zs)))
        self._left.append(-1)
        self._right.append(-1)
        self._union.append(union)
        self._points.append(())
        return len(self._lo) - 1

    def _build(self, vectors, members: list[int], leaf_size: int) -> None:
        root = self._new_node(vectors, members)
        stack = [(root, members)]
        while stack:
            node, members = stack.pop()
            if len(members) <= leaf_size:
                self._points[node] = tuple(
                    (*vectors[i], i, self.bits[i]) for i in sorted(members))
                continue
            lo, hi = self._lo[node], self._hi[node]
            axis = max(range(3), key=lambda a: hi[a] - lo[a])
            members.sort(key=lambda i: (vectors[i][axis], i))
            middle = len(members) // 2
            for side, part in ((0, members[:middle]), (1, members[middle:])):
                child = self._new_node(vectors, part)
                (self._left if side == 0 else self._right)[node] = child
                stack.append((child, part))

    def nearest(self, lat: float, lon: float, k: int, *, all_bits: int = 0, any_bits: int = 0,
                accept: Callable[[int], bool] | None = None,
                max_km: float | None = None) -> list[tuple[float, int]]:
        """The k nearest points as (km, position), nearest first, ties by position.

        A point counts only if it has every bit of ``all_bits``, at least one of ``any_bits`` (when given)
        and ``accept(position)`` is true; ``max_km`` drops points farther than that.

        (Longer than the house's 60 lines on purpose: the best-first walk is the hot loop of the busiest
        endpoint, and every call or attribute look-up moved out of it costs measurably; bench/nearest.py.)
        """
        if k <= 0 or not self.lat:
            return []
        qx, qy, qz = unit_vector(lat, lon)
        limit = chord_squared(max_km) * (1 + _EPS) + _TINY if max_km is not None else 5.0
        bound = limit
        best: list[tuple[float, int]] = []  # the k best by chord, sorted
        near_ties: list[tuple[float, int]] = []  # others that may tie the k-th once ranked by haversine
        lo, hi, left, right, union, points = (self._lo, self._hi, self._left, self._right, self._union,
                                              self._points)
        heap = [(0.0, 0)]
        pop, push = heapq.heappop, heapq.heappush
        while heap:
            box, node = pop(heap)
            if box > bound:
                break
            if left[node] < 0:
                for x, y, z, i, bits in points[node]:
                    dx = x - qx
                    dy = y - qy
                    dz = z - qz
                    d2 = dx * dx + dy * dy + dz * dz
                    if d2 > bound:
                        continue
                    if all_bits and bits & all_bits != all_bits:
                        continue
                    if any_bits and not bits & any_bits:
                        continue
                    if accept is not None and not accept(i):
                        continue
                    if len(best) < k:
                        insort(best, (d2, i))
                    elif (d2, i) < best[-1]:
                        near_ties.append(best.pop())
                        insort(best, (d2, i))
                    else:
                        near_ties.append((d2, i))
                        continue
                    if len(best) == k:
                        bound = min(limit, best[-1][0] * (1 + _EPS) + _TINY)
                continue
            for child in (left[node], right[node]):
                child_bits = union[child]
                if all_bits and child_bits & all_bits != all_bits:
                    continue
                if any_bits and not child_bits & any_bits:
                    continue
                (lx, ly, lz), (hx, hy, hz) = lo[child], hi[child]
                d = lx - qx if qx < lx else (qx - hx if qx > hx else 0.0)
                d2 = d * d
                d = ly - qy if qy < ly else (qy - hy if qy > hy else 0.0)
                d2 += d * d
                d = lz - qz if qz < lz else (qz - hz if qz > hz else 0.0)
                d2 += d * d
                if d2 <= bound:
                    push(heap, (d2, child))
        candidates = best + [c for c in near_ties if c[0] <= bound]
        ranked = sorted((haversine_km(lat, lon, self.lat[i], self.lon[i]), i) for _, i in candidates)
        if max_km is not None:
            ranked = [r for r in ranked if r[0] <= max_km]
        return ranked[:k]

    def brute_force(self, lat: float, lon: float, k: int, *, accept: Callable[[int], bool] | None = None,
                    max_km: float | None = None) -> list[tuple[float, int]]:
        """The same answer by a full scan (for tests and the benchmark's comparison)."""
        ranked = sorted((haversine_km(lat, lon, self.lat[i], self.lon[i]), i) for i in range(len(self.lat))
                        if accept is None or accept(i))
        if max_km is not None:
            ranked = [r for r in ranked if r[0] <= max_km]
        return ranked[:k]
