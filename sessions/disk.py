"""Whole files on disk: written atomically, keyed for caches, kept aside when damaged, and the errors the data folder raises;
JSON read from them and written compact, fast where that reads and writes the same."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sessions.i18n import WordedError

TMP_MARK = ".tmp-"


class StoreError(WordedError):
    """A problem with the data on disk, worded for the person at the keyboard."""


class SessionLocked(StoreError):
    pass


class DamagedFile(StoreError):
    def __init__(self, message: str, kept_as: Path | None = None) -> None:
        super().__init__(message)  # damage is rare and reported with its cause: English only
        self.kept_as = kept_as


class UnknownSession(StoreError):
    pass


def fsync_path(path: Path | str) -> None:
    """Sync a file, or a folder so that the names made, replaced or removed in it are on disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def disk_error(path: Path, exc: OSError) -> StoreError:
    if exc.errno == errno.ENOSPC:
        return StoreError(key="err.disk_full", path=str(path))
    return StoreError(key="err.cannot_save", path=str(path), reason=exc.strerror or str(exc))


def write_atomic(path: Path, content: str | bytes, durable: bool = True) -> None:
    """Write a whole file so that a reader or a crash sees either the old or the new one, never a mix.

    `durable=False` skips the fsyncs, for caches that can always be rebuilt.
    """
    import secrets  # lazy: start-up (hashlib, which a command reading the index needs not)

    tmp = path.with_name(f".{path.name}{TMP_MARK}{os.getpid()}-{secrets.token_hex(3)}")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise disk_error(path, exc) from exc
    # The replace is the commit: the new file is what every reader now sees. Failing to
    # flush the folder afterwards must not report the write as lost, or a retyped item
    # would be saved twice under one number.
    if durable:
        with contextlib.suppress(OSError):
            fsync_path(path.parent)


def file_key(path: str | Path) -> tuple[int, int, int] | None:
    """A file's identity and version (inode, mtime, size): what a cache of it is checked
    against; None when it cannot be stat'ed (gone)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


def _now_stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def keep_aside(path: Path) -> Path:
    """Move a damaged file out of the way under a name that says so; it is never overwritten."""
    aside = path.with_name(f"{path.name}.corrupt-{_now_stamp()}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{_now_stamp()}-{n}")
    os.replace(path, aside)
    return aside


# Every digit as "0" (`bytes.translate`): a run of `_LONG_NUMBER` in a file's bytes so mapped is
# one of as many digits; a pattern of digits is found in C, not by a regular expression.
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * 19


def load_fast_json() -> None:
    """Load orjson, which `parse_json` and `compact_json` use once it is loaded: by a
    rebuild's reading processes, which read and write thousands of sessions. Loading it
    takes 25 ms (uuid, inspect ...) that a command reading one file (a resume) would only lose."""
    import orjson  # noqa: F401  (kept in sys.modules, where the two look for it)


def _fast_json() -> Any:
    return sys.modules.get("orjson")


def parse_json(raw: bytes) -> Any:
    """UTF-8 JSON text as `json.loads` reads it (the same value, the same errors), by orjson
    once it is loaded (`load_fast_json`) where that reads it alike: a session file in 0.11
    ms rather than 0.28. orjson reads an integer beyond 64 bits as a float, so text with a
    run of 19 digits or more (none of Minutely's own numbers) goes to `json`, as does all it
    refuses that `json` may take (NaN, say) or refuse in its own words."""
    orjson = _fast_json()
    if orjson is not None and _LONG_NUMBER not in raw.translate(_DIGITS_AS_ZERO):
        with contextlib.suppress(orjson.JSONDecodeError):
            return orjson.loads(raw)
    return json.loads(raw.decode("utf-8"))


def compact_json(value: Any) -> str:
    """JSON as the index keeps it: no spaces, text as it is (not \\u-escaped); the text
    `json.dumps(value, ensure_ascii=False, separators=(",", ":"))` writes.

    Made by orjson once it is loaded (`load_fast_json`) where it writes the same: a summary
    in a quarter of the time. orjson writes a float under 1e-4 its own way (`0.00001`,
    `2.5e-7`), so text with such a number in it (or that looks so) is made by `json`, as is
    what orjson refuses (integers past 64 bits, a lone surrogate). It would write a number
    that is not finite as null: none is stored (an amount is refused so when typed, a file's
    numbers are checked finite when read)."""
    orjson = _fast_json()
    if orjson is not None:
        try:
            raw: bytes = orjson.dumps(value)
        except TypeError:
            pass
        else:
            if b"0.0000" not in raw and b"0e-" not in raw.translate(_DIGITS_AS_ZERO):
                return raw.decode()
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def read_file(path: Path) -> tuple[bytes, os.stat_result]:
    """A file's bytes, and its status as it was opened (what was read is the file of that
    mtime, even when another process replaces it meanwhile): open, fstat, read to the end,
    close. `Path.read_bytes` after a `stat` made ten system calls for it, and a rebuild reads
    every session file (a system call is costly on a virtual machine)."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        status = os.fstat(fd)
        chunks = [os.read(fd, status.st_size + 1)]  # the whole file, unless it grew
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 16))
        return (chunks[0] if len(chunks) == 2 else b"".join(chunks)), status
    finally:
        os.close(fd)


def read_json_file(path: Path, may_move: Callable[[], bool] | None = None) -> Any:
    """Parse a session or index file; a damaged one is kept aside and reported.

    `may_move` is asked before a damaged file is moved: a file a live writer holds stays
    where it is (the writer's next write replaces it whole).
    """
    return read_json_status(path, may_move)[0]


def read_json_status(
    path: Path, may_move: Callable[[], bool] | None = None
) -> tuple[Any, os.stat_result]:
    """`read_json_file`, and the file's status as it was read (`read_file`)."""
    try:
        raw, status = read_file(path)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise StoreError(
            key="err.cannot_read", path=str(path), reason=exc.strerror or str(exc)
        ) from exc
    try:
        return parse_json(raw), status
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        # RecursionError: nesting deeper than the parser follows (no file of ours nests so).
        if may_move is not None and not may_move():
            raise DamagedFile(f"{path.name} is damaged ({exc.__class__.__name__})") from exc
        aside = keep_aside(path)
        raise DamagedFile(
            f"{path.name} is damaged ({exc.__class__.__name__}); kept aside as {aside.name}",
            aside,
        ) from exc
