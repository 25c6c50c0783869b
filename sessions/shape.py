"""Whether a value read from JSON has the shape a spec describes: a session file's header and
events (`sessions.store`), a summary read back from the index (`sessions.summary`).

A spec is a type, "int" or "number" (bools excluded, numbers finite), a tuple of specs (any
of them), `[spec]` (a list of those) or a dict of key -> spec, a key ending in "!" required.
Light (no TinyDB, no events): reading the index checks its summaries without loading them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

Spec = Any


def fits(value: Any, spec: Spec) -> bool:
    """Whether a value read from JSON has the shape `spec` describes (see above)."""
    return checker(spec)(value)


Check = Callable[[Any], bool]

# Each spec read once into a function of nested checks: every event of every session file is
# checked on reading, so this is on the path of a rebuild of the whole history. Kept by the
# spec's id beside the spec itself (specs are constants; an id reused is noticed).
_CHECKERS: dict[int, tuple[Spec, Check]] = {}


def checker(spec: Spec) -> Check:
    """The check of `spec`, made once and kept (a session file's reader checks every event)."""
    known = _CHECKERS.get(id(spec))
    if known is None or known[0] is not spec:
        known = _CHECKERS[id(spec)] = (spec, _compile(spec))
    return known[1]


def _compile(spec: Spec) -> Check:
    if isinstance(spec, str):
        number = spec == "number"
        return lambda v: type(v) is int or (number and type(v) is float and math.isfinite(v))
    if isinstance(spec, tuple):
        if all(isinstance(one, type) for one in spec):
            return lambda v: isinstance(v, spec)
        checks = [_compile(one) for one in spec]
        if len(checks) == 2:
            first, second = checks
            return lambda v: first(v) or second(v)
        return lambda v: any(check(v) for check in checks)
    if isinstance(spec, list):
        each = _compile(spec[0])
        return lambda v: isinstance(v, list) and all(map(each, v))
    if isinstance(spec, dict):
        return _compile_dict(spec)
    if spec is type(None):
        return lambda v: v is None
    return lambda v: isinstance(v, spec)


def _plain(spec: Spec) -> tuple[frozenset[type], tuple[type, ...]] | None:
    """A spec whose check is a test of the value's type alone ("int", "number", a type, or a
    tuple of those), as the exact types it takes and the types a subclass of which it takes
    too (isinstance); None for any other spec. A float it takes is a "number": finite."""
    exact: set[type] = set()
    kinds: list[type] = []
    for one in spec if isinstance(spec, tuple) else (spec,):
        if isinstance(one, str):
            exact.update((int, float) if one == "number" else (int,))
        elif isinstance(one, type) and one is not float:
            exact.add(one)
            kinds.append(one)
        else:
            return None
    return frozenset(exact), tuple(kinds)


# Plans of a dict's check kept at most (`_compile_dict`): one a set of keys and their types met,
# kept only for a dict of at most `KEPT_KEYS` keys of at most as many characters (a file's keys
# could be anything: what is kept of them after it is read stays small).
PLANS_KEPT = 4096
KEPT_KEYS = 64

# Of a dict's spec: the keys checked by the type of their value alone (the exact types they
# take, and the types a subclass of which they take too), and the rest, with their checks.
Plain = dict[str, tuple[frozenset[type], tuple[type, ...]]]
Nested = dict[str, Check]
# What a dict of a shape still needs checked once its types have passed: its floats (which
# must be finite), its values whose spec is nested.
Plan = tuple[tuple[str, ...], tuple[tuple[str, Check], ...]]


def _compile_dict(spec: dict[str, Spec]) -> Check:
    """The check of a dict: its required keys, then each value it has of a key in the spec.

    Most values (every field of an event) are checked by their type alone, and the events of a
    file come in a few shapes: the same keys with values of the same types. So what a shape
    needs is worked out once (`_plan`) and kept by its keys and their values' types: whether
    those types pass, and which values are still to be looked at. This runs for each of the
    hundred-odd events of every session file read."""
    plain: Plain = {}
    nested: Nested = {}
    for key, inner in spec.items():
        types = _plain(inner)
        if types is None:
            nested[key.rstrip("!")] = _compile(inner)
        else:
            plain[key.rstrip("!")] = types
    required = frozenset(key.rstrip("!") for key in spec if key.endswith("!"))
    isfinite = math.isfinite
    plans: dict[tuple[Any, ...], Plan | None] = {}

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        shape = (*value, *map(type, value.values()))
        try:
            todo = plans[shape]
        except KeyError:
            todo = _plan(value, plain, nested, required)
            if len(value) <= KEPT_KEYS and all(
                type(key) is str and len(key) <= KEPT_KEYS for key in value
            ):
                if len(plans) >= PLANS_KEPT:
                    plans.clear()
                plans[shape] = todo
        if todo is None:
            return False
        floats, inner = todo
        for name in floats:
            if not isfinite(value[name]):
                return False
        return not inner or all(nested_check(value[name]) for name, nested_check in inner)

    return check


def _plan(
    value: dict[str, Any], plain: Plain, nested: Nested, required: frozenset[str]
) -> Plan | None:
    """What a dict of this shape (its keys, their values' types) still needs checked; None
    when those alone fail it."""
    if not value.keys() >= required:
        return None
    floats: list[str] = []
    inner: list[tuple[str, Check]] = []
    for name, inner_value in value.items():
        types = plain.get(name)
        if types is not None:
            kind = type(inner_value)
            if kind in types[0]:
                if kind is float:
                    floats.append(name)
            elif not isinstance(inner_value, types[1]):
                return None
            continue
        check = nested.get(name)
        if check is not None:
            inner.append((name, check))
    return tuple(floats), tuple(inner)
