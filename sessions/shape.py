"""The shape of a value read from JSON, as a spec, and the check that a value has it (no TinyDB: the index's readers check with it too)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

# A spec is a type, "int" or "number" (bools excluded, numbers finite), a tuple of specs (any
# of them), `[spec]` (a list of those) or a dict of key -> spec, a key ending in "!" required.

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
    """The check of `spec`, made once (keep it where a loop checks many values)."""
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


def _compile_dict(spec: dict[str, Spec]) -> Check:
    """The check of a dict: its required keys, then each value it has of a key in the spec.
    Most values (every field of an event) are checked by their type in a set, without a call:
    this runs for each of the hundred-odd events of every session file read."""
    plain: dict[str, tuple[frozenset[type], tuple[type, ...]]] = {}
    nested: dict[str, Check] = {}
    for key, inner in spec.items():
        types = _plain(inner)
        if types is None:
            nested[key.rstrip("!")] = _compile(inner)
        else:
            plain[key.rstrip("!")] = types
    required = frozenset(key.rstrip("!") for key in spec if key.endswith("!"))
    isfinite = math.isfinite

    def check(value: Any) -> bool:
        if not isinstance(value, dict) or not value.keys() >= required:
            return False
        for name, inner_value in value.items():
            types = plain.get(name)
            if types is not None:
                kind = type(inner_value)
                if kind in types[0]:
                    if kind is float and not isfinite(inner_value):
                        return False
                elif not isinstance(inner_value, types[1]):
                    return False
                continue
            inner = nested.get(name)
            if inner is not None and not inner(inner_value):
                return False
        return True

    return check
