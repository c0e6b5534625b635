"""Reading case manifests: JSON Lines (one household per line) and CSV (one person per row).

Readers only split the file into records and number them; parsing and checking happen in
:func:`repatguard.stream.cases.check_cases`, which may run in another process. A record keeps
its line number so that every problem can be reported where it is.
"""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, BinaryIO, Literal

import attrs

from repatguard.errors import InputError, InputIssue
from repatguard.io.load import MAX_DOCUMENT_BYTES
from repatguard.model import Household, Operation
from repatguard.stream.csv_layout import header_problems

__all__ = [
    "MAX_RECORD_BYTES",
    "CaseRecord",
    "Chunk",
    "ConfinedManifest",
    "ManifestError",
    "ManifestFormat",
    "Partition",
    "chunks_of",
    "manifest_format",
    "operation_manifest",
    "partitions",
    "read_manifest",
    "special_kind",
]

ManifestFormat = Literal["jsonl", "csv"]

MAX_RECORD_BYTES = MAX_DOCUMENT_BYTES
"""The largest single record (a JSON line, or the rows of one household) accepted."""

_SUFFIXES: dict[str, ManifestFormat] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
}


class ManifestError(InputError):
    """A manifest that cannot be read at all (missing file, unknown format, bad CSV header).

    Problems of single records never raise: they are reported with their line and counted.
    """

    kind = "manifest"


@attrs.frozen(kw_only=True)
class CaseRecord:
    """One case (household) as read: raw, not yet parsed or checked.

    ``data`` is the bytes of a JSON line, the rows of a CSV household as ``(line, cells)``
    pairs, or a :class:`~repatguard.model.Household` held in the operation file; ``None``
    when the record could not even be read (``problem`` says why).
    """

    index: int
    """Position of the household among all cases: ``$.households[index]``."""
    line: int
    """Line of the record in its source (first row for CSV); 0 for households held in the
    operation file."""
    data: bytes | tuple[tuple[int, tuple[str, ...]], ...] | Household | None
    problem: str | None = None


@attrs.frozen(kw_only=True)
class Chunk:
    """Consecutive records of one source, the unit of work of a worker."""

    source: str
    format: Literal["jsonl", "csv", "operation"]
    records: tuple[CaseRecord, ...]
    header: tuple[str, ...] = ()
    """The CSV header (empty otherwise)."""
    end_offset: int = 0
    """Bytes of the source read once this chunk was read (for progress)."""


def manifest_format(path: str | os.PathLike[str]) -> ManifestFormat:
    """The format of a manifest from its suffix; raises :class:`ManifestError` if unknown."""
    suffix = Path(path).suffix.lower()
    found = _SUFFIXES.get(suffix)
    if found is None:
        # The name may come from the operation file: it is not repeated.
        message = "unknown manifest type (the name does not end in .jsonl or .csv)"
        raise ManifestError([InputIssue(path="$", message=message)], source=str(path))
    return found


def chunks_of(
    records: Iterable[CaseRecord],
    *,
    source: str,
    format: Literal["jsonl", "csv", "operation"],
    size: int,
    header: tuple[str, ...] = (),
) -> Iterator[Chunk]:
    """Group records into chunks of ``size``."""
    batch: list[CaseRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield Chunk(source=source, format=format, records=tuple(batch), header=header)
            batch = []
    if batch:
        yield Chunk(source=source, format=format, records=tuple(batch), header=header)


_ELSEWHERE = (
    "to check a manifest kept elsewhere, name it explicitly (--cases on the command line, the "
    "cases argument of check_manifest in Python)"
)


class ConfinedManifest(type(Path())):  # type: ignore[misc]  # PosixPath or WindowsPath
    """The path of a manifest that :func:`operation_manifest` found inside the operation
    file's folder, with the identity (device and inode) of the file it examined there.

    Every read opens the path without following a symbolic link in its last part and refuses
    a file of another identity: a file put in place of the manifest after the check, by a
    rename, a copy or a link, is never read. A path derived from it (``parent``, ``/``) is a
    plain path again.
    """

    identity: tuple[int, int] | None = None


def operation_manifest(operation_file: str | os.PathLike[str], operation: Operation) -> Path | None:
    """The case manifest ``operation`` names (``cases_manifest``), as a path to read, or
    ``None`` when it names none.

    The name is relative to the folder of ``operation_file``, and the file it names, once
    symbolic links are resolved, must be a regular file inside that folder (or below it): an
    operation file can come from anyone, and must not make the check read other files.
    Absolute names, names that leave the folder through ``..`` or a symbolic link, missing
    files and special files (FIFOs, devices, directories, sockets) raise
    :class:`~repatguard.InputError` at ``$.cases_manifest``. The name itself is never
    repeated in the error. The path returned (a :class:`ConfinedManifest`) reads only the
    file examined here: one replaced in between is refused when read. A manifest given
    explicitly is not confined: pass it to :func:`~repatguard.stream.check_manifest` as is.
    """
    name = operation.cases_manifest
    if name is None:
        return None
    folder = Path(operation_file).parent
    problem, found = _outside_problem(folder, name)
    if problem is not None or found is None:
        issue = InputIssue(path="$.cases_manifest", message=problem or "cannot be read")
        raise InputError([issue], source=str(operation_file))
    real_target, status = found
    confined = ConfinedManifest(real_target)
    confined.identity = (status.st_dev, status.st_ino)
    return confined


def _outside_problem(
    folder: Path, name: str
) -> tuple[str | None, tuple[Path, os.stat_result] | None]:
    """Why ``name`` may not be read as a manifest of an operation in ``folder``, if it may
    not; else the file's real path and its status, as examined."""
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).anchor:
        return (
            f"an absolute path is refused: name a file in the operation file's folder; {_ELSEWHERE}"
        ), None
    try:
        real_folder = Path(os.path.realpath(folder))
        real_target = Path(os.path.realpath(folder / name))
        status = os.stat(real_target) if real_target.is_relative_to(real_folder) else None
    except FileNotFoundError:
        return (
            "names no file: the manifest must be in the operation file's folder or below it",
            None,
        )
    except (OSError, ValueError) as exc:
        return f"cannot be read ({type(exc).__name__})", None
    if status is None:
        return (
            "leads out of the operation file's folder (through '..' or a symbolic link): the "
            f"manifest must be in that folder or below it; {_ELSEWHERE}"
        ), None
    kind = special_kind(status.st_mode)
    if kind is not None:
        return f"names {kind}, not a regular file", None
    return None, (real_target, status)


_SPECIAL = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
"""Non-blocking, so that a FIFO put in place of the file after the check cannot hang the
open; the descriptor is made blocking again once it is known to be a regular file."""


def special_kind(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is not a regular file (``a FIFO (named
    pipe)``, ``a directory``, ...); ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _SPECIAL if test(mode)), "a special file")


def _open_regular(path: str | os.PathLike[str], source: str) -> BinaryIO:
    """``path`` opened for reading, when it is a regular file.

    The file is examined before it is opened, so a FIFO never blocks the check and a device
    is never opened (opening some has effects), and examined again once open, in case the path
    was replaced in between. A :class:`ConfinedManifest` is opened without following a link
    in its last part and must still be the file :func:`operation_manifest` examined. Raises
    :class:`ManifestError` otherwise.
    """
    identity = getattr(path, "identity", None)
    flags = _READ_FLAGS | (getattr(os, "O_NOFOLLOW", 0) if identity is not None else 0)
    try:
        mode = os.lstat(path).st_mode if identity is not None else os.stat(path).st_mode
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the name
        raise _unreadable(exc, source) from None
    _refuse_special(mode, source)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise _unreadable(exc, source) from None
    try:
        status = os.fstat(descriptor)
        _refuse_special(status.st_mode, source)
        if identity is not None and (status.st_dev, status.st_ino) != identity:
            message = (
                "is no longer the file that was checked inside the operation file's folder: "
                "it was replaced after the check"
            )
            raise ManifestError([InputIssue(path="$", message=message)], source=source)
        if _READ_FLAGS & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _unreadable(exc: Exception, source: str) -> ManifestError:
    message = f"cannot read the file ({type(exc).__name__})"
    return ManifestError([InputIssue(path="$", message=message)], source=source)


def _refuse_special(mode: int, source: str) -> None:
    kind = special_kind(mode)
    if kind is not None:
        message = f"is {kind}, not a regular file: a manifest must be a file"
        raise ManifestError([InputIssue(path="$", message=message)], source=source)


def read_manifest(
    path: str | os.PathLike[str],
    *,
    format: ManifestFormat | None = None,
    chunk_size: int = 200,
    first_index: int = 0,
) -> Iterator[Chunk]:
    """The records of the manifest at ``path`` in chunks of ``chunk_size`` households.

    ``first_index`` is the index of the first household (the number of households held in
    the operation file, which come first). Raises :class:`ManifestError` when the file cannot
    be read at all; problems of single records are left to the check.
    """
    chosen = format or manifest_format(path)
    source = str(path)
    with _open_regular(path, source):
        pass  # fail now, before anything starts, if the file cannot be read
    if chosen == "csv":
        return _csv_chunks(path, source, chunk_size, first_index)
    return _jsonl_chunks(path, source, chunk_size, first_index)


def _jsonl_lines(
    handle: BinaryIO, start: int = 0, end: int | None = None
) -> Iterator[tuple[bytes | None, int]]:
    """``(line, bytes consumed)`` from ``start`` up to ``end``; ``None`` for a line longer
    than :data:`MAX_RECORD_BYTES` (skipped to its end)."""
    handle.seek(start)
    offset = start
    while end is None or offset < end:
        raw = handle.readline(MAX_RECORD_BYTES + 1)
        if not raw:
            return
        consumed = len(raw)
        if consumed > MAX_RECORD_BYTES and not raw.endswith(b"\n"):
            consumed += _skip_line(handle)
            offset += consumed
            yield None, consumed
            continue
        offset += consumed
        yield raw, consumed


def _jsonl_chunks(
    path: str | os.PathLike[str],
    source: str,
    size: int,
    index: int,
    *,
    start: int = 0,
    end: int | None = None,
    first_line: int = 1,
) -> Iterator[Chunk]:
    with _open_regular(path, source) as handle:
        batch: list[CaseRecord] = []
        line = first_line - 1
        offset = start
        for raw, consumed in _jsonl_lines(handle, start, end):
            line += 1
            offset += consumed
            problem: str | None = None
            if raw is None:
                limit = MAX_RECORD_BYTES // (1024 * 1024)
                problem = f"the record is larger than {limit} MiB"
            elif not raw.strip():
                continue  # blank lines separate nothing and are not cases
            record = CaseRecord(index=index, line=line, data=raw, problem=problem)
            batch.append(record)
            index += 1
            if len(batch) >= size:
                yield Chunk(source=source, format="jsonl", records=tuple(batch), end_offset=offset)
                batch = []
        if batch:
            yield Chunk(source=source, format="jsonl", records=tuple(batch), end_offset=offset)


@attrs.frozen(kw_only=True)
class Partition:
    """A byte range of a JSON Lines manifest that starts and ends at line boundaries, with the
    number of its first line and the index of its first household: a unit of distributed
    work (see :mod:`repatguard.stream.dask`)."""

    path: str
    start: int
    end: int
    first_line: int
    first_index: int

    def chunks(self, size: int = 200) -> Iterator[Chunk]:
        """The records of the partition, numbered as in the whole file."""
        return _jsonl_chunks(
            self.path,
            self.path,
            size,
            self.first_index,
            start=self.start,
            end=self.end,
            first_line=self.first_line,
        )


def partitions(
    path: str | os.PathLike[str], *, target_bytes: int = 64 << 20, first_index: int = 0
) -> list[Partition]:
    """Split a JSON Lines manifest into partitions of about ``target_bytes``.

    One sequential pass over the file counts lines and records (it parses nothing), so every
    partition knows its first line and first household index: issues and paths come out as
    in a single-process run.
    """
    source = str(path)
    if manifest_format(path) != "jsonl":
        message = "distributed checks read JSON Lines manifests; check a CSV with jobs instead"
        raise ManifestError([InputIssue(path="$", message=message)], source=source)
    found: list[Partition] = []
    with _open_regular(path, source) as handle:
        start = offset = 0
        first_line = 1
        index = first_index
        start_index = index
        for line, (raw, consumed) in enumerate(_jsonl_lines(handle), start=1):
            offset += consumed
            if raw is None or raw.strip():
                index += 1
            if offset - start >= target_bytes:
                found.append(_partition(source, start, offset, first_line, start_index))
                start, first_line, start_index = offset, line + 1, index
        if offset > start:
            found.append(_partition(source, start, offset, first_line, start_index))
    return found


def _partition(path: str, start: int, end: int, first_line: int, first_index: int) -> Partition:
    return Partition(
        path=path, start=start, end=end, first_line=first_line, first_index=first_index
    )


def _skip_line(handle: BinaryIO) -> int:
    skipped = 0
    while True:
        rest = handle.readline(1 << 20)
        skipped += len(rest)
        if not rest or rest.endswith(b"\n"):
            return skipped


class _Lines:
    """Decoded lines of a binary file, counting bytes and remembering undecodable lines."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.offset = 0
        self.line = 0
        self.bad: set[int] = set()

    def __iter__(self) -> Iterator[str]:
        for raw in self.handle:
            self.offset += len(raw)
            self.line += 1
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                self.bad.add(self.line)
                yield raw.decode("utf-8", "replace")


def _csv_chunks(
    path: str | os.PathLike[str], source: str, size: int, index: int
) -> Iterator[Chunk]:
    with _open_regular(path, source) as handle:
        lines = _Lines(handle)
        reader = csv.reader(lines, strict=True)
        try:
            header = tuple(next(reader))
        except StopIteration:
            return
        except csv.Error as exc:
            issue = InputIssue(path="header", message=f"not valid CSV: {exc}")
            raise ManifestError([issue], source=source) from None
        if header and header[0].startswith("\ufeff"):
            header = (header[0][1:], *header[1:])  # a byte-order mark from a spreadsheet
        problems = header_problems(header)
        if problems:
            raise ManifestError(problems, source=source)
        batch: list[CaseRecord] = []
        for record in _csv_records(reader, lines, header.index("household"), index):
            batch.append(record)
            if len(batch) >= size:
                yield Chunk(
                    source=source,
                    format="csv",
                    records=tuple(batch),
                    header=header,
                    end_offset=lines.offset,
                )
                batch = []
        if batch:
            yield Chunk(
                source=source,
                format="csv",
                records=tuple(batch),
                header=header,
                end_offset=lines.offset,
            )


def _csv_records(reader: Any, lines: _Lines, key: int, index: int) -> Iterator[CaseRecord]:
    """One record per household: consecutive rows with the same ``household`` cell."""
    rows: list[tuple[int, tuple[str, ...]]] = []
    current: str | None = None
    last_line = lines.line
    group_end = last_line

    def record() -> CaseRecord:
        problem = _csv_problem(rows, group_end, lines.bad)
        found = CaseRecord(
            index=index, line=rows[0][0], data=None if problem else tuple(rows), problem=problem
        )
        rows.clear()
        return found

    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if rows:
                yield record()
                index += 1
            problem = f"not valid CSV: {exc}"
            yield CaseRecord(index=index, line=last_line + 1, data=None, problem=problem)
            index += 1
            last_line = lines.line
            current = None
            continue
        start = last_line + 1
        last_line = lines.line
        if not row:
            continue  # a blank line
        household = row[key] if key < len(row) else ""
        if rows and (household != current or household == ""):
            yield record()
            index += 1
        current = household
        rows.append((start, tuple(row)))
        group_end = last_line
    if rows:
        yield record()


def _csv_problem(rows: list[tuple[int, tuple[str, ...]]], end: int, bad: set[int]) -> str | None:
    broken = sorted(line for line in bad if rows[0][0] <= line <= end)
    for line in [line for line in bad if line <= end]:
        bad.discard(line)
    if broken:
        return f"not valid UTF-8 text (line {broken[0]})"
    if sum(len(cell) for _, row in rows for cell in row) > MAX_RECORD_BYTES:
        limit = MAX_RECORD_BYTES // (1024 * 1024)
        return f"the household is larger than {limit} MiB"
    return None
