"""The frames of the channel and the checks that every field of a received message passes.

A frame is `[u64 body length]` then the body: `[u32 header length][u32 buffer count][u64 size of each buffer]`,
the header as JSON, then each buffer, padded so that it starts on a 16-byte boundary of the body.
"""

from __future__ import annotations

import json
import struct
import sys
import types
from typing import Any

MAX_FRAME = 256 * 2**20  # default size limit of one message (the channel may set its own)
MAX_HEADER = 64 * 2**20  # the JSON part: a parsed header costs several times its size in memory
MAX_BUFFERS = 100_000
ALIGN = 16
DTYPE_KINDS = "biufcmMUS"  # bool, ints, floats, complex, datetimes, timedeltas, str, bytes (never object, void)


class ChannelError(RuntimeError):
    """A message that is malformed, too large, or holds something the receiving side refuses."""


# --------------------------------------------------------------------------------------------- frames
def _padding(offset: int) -> int:
    return -offset % ALIGN


def pack(header: dict, buffers: list | tuple = (), limit: int = MAX_FRAME) -> bytes:
    """One frame (length prefix included); ChannelError when it would be larger than `limit`."""
    try:
        head = json.dumps(header, separators=(",", ":"), allow_nan=True).encode()
    except (TypeError, ValueError) as exc:  # a bug of the sending side, not of the data
        raise ChannelError(f"a message that is not JSON ({exc})") from None
    views = [memoryview(b).cast("B") for b in buffers]
    sizes = struct.pack(f">II{len(views)}Q", len(head), len(views), *[v.nbytes for v in views])
    parts: list = [sizes, head]
    offset = len(sizes) + len(head)
    for view in views:
        pad = _padding(offset)
        parts += [b"\0" * pad, view]
        offset += pad + view.nbytes
    if offset > limit or len(head) > MAX_HEADER:
        raise ChannelError(f"a message of {offset:,} bytes is larger than the channel's limit of {limit:,}")
    return b"".join([struct.pack(">Q", offset), *parts])


def unpack(body: bytes | bytearray | memoryview) -> tuple[dict, list[memoryview]]:
    """The header and buffers of a frame's body (without its length prefix); ChannelError when it is malformed."""
    view = memoryview(body).cast("B")
    try:
        head_size, count = struct.unpack_from(">II", view, 0)
        if count > MAX_BUFFERS or head_size > MAX_HEADER:
            raise ChannelError("a message with too many buffers or too large a header")
        sizes = struct.unpack_from(f">{count}Q", view, 8)
        offset = 8 + 8 * count
        if offset + head_size > view.nbytes:
            raise ChannelError("a message shorter than its header")
        header = json.loads(bytes(view[offset : offset + head_size]).decode())
    except (struct.error, ValueError, RecursionError) as exc:
        raise ChannelError(f"a malformed message ({type(exc).__name__})") from None
    offset += head_size
    buffers = []
    for size in sizes:
        offset += _padding(offset)
        if offset + size > view.nbytes:
            raise ChannelError("a message shorter than its buffers")
        buffers.append(view[offset : offset + size])
        offset += size
    if offset != view.nbytes:
        raise ChannelError("a message longer than its contents")
    if type(header) is not dict:
        raise ChannelError("a message header that is not an object")
    return header, buffers


# --------------------------------------------------------------------------------------------- fields
def as_list(value: Any, length: int | None = None) -> list:
    """`value` when it is a list (of `length` items); ChannelError otherwise. So are the other `as_` checks."""
    if type(value) is not list or (length is not None and len(value) != length):
        raise ChannelError("a malformed value")
    return value


def as_text(value: Any) -> str:
    """`value` when it is a str."""
    if type(value) is not str:
        raise ChannelError("a malformed value")
    return value


def as_int(value: Any) -> int:
    """`value` when it is an int (not a bool)."""
    if type(value) is not int:
        raise ChannelError("a malformed value")
    return value


def as_number(value: Any) -> float:
    """`value` as a float when it is an int or a float."""
    if type(value) not in (int, float):
        raise ChannelError("a malformed value")
    return float(value)


def as_dtype(text: Any) -> Any:
    """A numpy dtype from its `.str`: only plain numbers, bools, datetimes, str and bytes (never object or void)."""
    import numpy as np

    text = as_text(text)
    if len(text) > 24 or not text.isascii() or text[:1] not in "<>|=" or not text[1:2].isalpha():
        raise ChannelError(f"an array dtype the channel refuses: {text[:24]!r}")
    try:
        dtype = np.dtype(text)
    except TypeError:
        raise ChannelError(f"an array dtype the channel refuses: {text[:24]!r}") from None
    if dtype.kind not in DTYPE_KINDS or dtype.fields is not None or dtype.subdtype is not None or dtype.hasobject:
        raise ChannelError(f"an array dtype the channel refuses: {text[:24]!r}")
    return dtype


def loaded(name: str) -> Any:
    """The module `name` when this process has really imported it, else None (a from-scratch kernel's stand-in
    for a hidden package is not a plain module, and touching it raises)."""
    module = sys.modules.get(name)
    return module if type(module) is types.ModuleType else None
