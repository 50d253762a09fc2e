"""The wire format of the channel: frames of a JSON header and binary buffers, and values encoded as plain data.

A frame is `[u64 body length]` then the body: `[u32 header length][u32 buffer count][u64 size of each buffer]`,
the header as JSON, then each buffer, padded so that it starts on a 16-byte boundary of the body.

A value is JSON in which anything beyond None, bool, int, float and str is a one-key object: `{"t": [...]}` a
tuple, `{"o": 3}` the object 3 of the message's table, ... Mutable objects (lists, dicts, sets, arrays, frames,
records) live in the table, so aliasing and cycles survive the trip, a linked list of any length is flat, and a
reply can update the request's objects in place (`Encoder.resend`, `Decoder(known=...)`).

The encoder classifies by exact type (`type(obj) is list`), never by `isinstance`, so an object that fakes
`__class__` or `__array__` is not data, and no method of it is called; it goes to the side's hook (a handle) or
is refused. The decoder is the wall: it builds builtins, numpy arrays and scalars, pandas objects, datetimes and
`Record`s from validated fields only; it never unpickles, never imports or looks up what a message names and never
calls a method of an object it did not build itself. Anything else is refused with `ChannelError`.
"""

from __future__ import annotations

import abc
import collections
import datetime
import json
import keyword
import math
import re
import struct
import sys
from collections.abc import Callable
from typing import Any

MAX_FRAME = 256 * 2**20  # default size limit of one message (the channel may set its own)
MAX_HEADER = 64 * 2**20  # the JSON part: a parsed header costs several times its size in memory
MAX_BUFFERS = 100_000
MAX_DEPTH = 100  # nesting of containers (records, e.g. linked-list nodes, do not count)
MAX_DIMENSIONS = 32
MAX_INT_HEX = 100_000  # big ints travel as hex text; this bounds the work of parsing one
ALIGN = 16
TIMEZONE = re.compile(r"UTC[+-][0-9]{2}:[0-9]{2}|(?!dateutil/)[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*")
DTYPE_KINDS = "biufcmMUS"  # bool, ints, floats, complex, datetimes, timedeltas, str, bytes (never object, void)
NULLABLE = {"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Float32", "Float64", "boolean"}
FACTORIES: dict[str, type] = {"list": list, "int": int, "float": float, "str": str, "set": set, "dict": dict}
CONTAINERS = ("l", "d", "s", "ctr", "od", "dd")  # table kinds whose contents count towards MAX_DEPTH
LEAVES = ("nd", "sr", "df")  # table kinds built whole from their state


class ChannelError(RuntimeError):
    """A message that is malformed, too large, or holds something the receiving side refuses."""


class Record:
    """An object that crossed the channel as its public attributes (a linked-list node, ...), never its class."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={_short(v)}" for k, v in vars(self).items())
        return f"Record({shown})"


def _short(value: Any) -> str:
    return "Record(...)" if type(value) is Record else repr(value)[:60]


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
        header = json.loads(bytes(view[offset : offset + head_size]))
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


# --------------------------------------------------------------------------------------------- encoding
EncodeHook = Callable[[Any, "Encoder"], Any]


def type_name(obj: Any) -> str:
    """The name of `obj`'s class, read without running anything a metaclass defines."""
    return _TYPE_NAME.__get__(type(obj), type)[:80]


_TYPE_NAME = vars(type)["__name__"]


def _refuse(obj: Any, encoder: Encoder) -> Any:
    raise ChannelError(f"a {type_name(obj)} is not data the channel carries")


class Encoder:
    """Encodes the values of one message.

    `hook(obj, encoder)` encodes what is not data (a handle, a record) or raises ChannelError. `known` maps the
    ids of objects the other side already has (a request's objects, in its reply) to their table ids: they are sent
    as references, or with their new state after `resend(obj)`.
    """

    def __init__(self, hook: EncodeHook = _refuse, known: dict[int, int] | None = None, first_tid: int = 1) -> None:
        self.hook = hook
        self.buffers: list = []
        self.table: list[list] = []
        self.tids: dict[int, int] = dict(known or {})
        self.objects: dict[int, Any] = {}  # table id -> object (keeps them alive: no id is reused in a message)
        self._resend: set[int] = set()
        self._pending: list[tuple[int, str, Any, int, Callable[[], dict] | None]] = []
        self._next = first_tid

    def message(self, **values: Any) -> tuple[dict, list]:
        """A header holding the encoded `values` (by name) and the table, and the buffers."""
        header = {name: self.value(v) for name, v in values.items()}
        self.flush()
        header["table"] = self.table
        return header, self.buffers

    def resend(self, obj: Any) -> None:
        """Send the current state of a known object (it changed since the other side sent it)."""
        self._resend.add(id(obj))
        self.value(obj)

    def flush(self) -> None:
        """Encode the state of every table object referenced so far (iteratively: chains of any length)."""
        while self._pending:
            tid, kind, obj, depth, fields = self._pending.pop()
            state = self._record(fields() if fields else vars(obj), depth) if kind == "rec" else None
            self.table.append([tid, kind, state if kind == "rec" else self._state(kind, obj, depth)])

    def buffer(self, data: Any) -> int:
        self.buffers.append(data)
        return len(self.buffers) - 1

    def entry(self, obj: Any, kind: str, depth: int = 0, fields: Callable[[], dict] | None = None) -> dict:
        """A reference to `obj` in the table; its state is encoded when the message is flushed (a record's from
        `fields()`, or its `__dict__`)."""
        key = id(obj)
        tid = self.tids.get(key)
        if tid is not None and key not in self._resend:
            return {"o": tid}
        if depth > MAX_DEPTH:
            raise ChannelError("a value nested too deeply for the channel")
        if tid is None:
            tid, self._next = self._next, self._next + 1
            self.tids[key] = tid
        self._resend.discard(key)
        self.objects[tid] = obj
        self._pending.append((tid, kind, obj, depth, fields))
        return {"o": tid}

    def value(self, obj: Any, depth: int = 0) -> Any:
        """The encoding of one value (`depth`: how many containers enclose it)."""
        kind = type(obj)
        if obj is None or kind is bool or kind is str:
            return obj
        if kind is int:
            if -(2**53) < obj < 2**53:
                return obj
            text = hex(obj)
            if len(text) > MAX_INT_HEX:
                raise ChannelError("an integer too large for the channel")
            return {"int": text}
        if kind is float:
            return obj
        if depth > MAX_DEPTH:
            raise ChannelError("a value nested too deeply for the channel")
        meta = type(kind)
        if meta is not type and meta is not abc.ABCMeta:  # a class of the learner's metaclass: not even hashed
            return self.hook(obj, self)
        if kind is tuple:
            return {"t": [self.value(v, depth + 1) for v in obj]}
        if kind is frozenset:
            return {"fs": [self.value(v, depth + 1) for v in obj]}
        if kind is complex:
            return {"cx": [obj.real, obj.imag]}
        if kind is bytes:
            return {"b": self.buffer(obj)}
        table_kind = _BUILTIN_KINDS.get(kind)
        if table_kind is not None:
            return self.entry(obj, table_kind, depth + 1)
        if kind is Record:
            return self.entry(obj, "rec", depth)
        if kind in _DATETIMES:
            return _DATETIMES[kind][0](obj)
        scientific = _scientific(self, obj, depth)
        if scientific is not None:
            return scientific
        return self.hook(obj, self)

    def record(self, obj: Any, fields: Callable[[], dict]) -> dict:
        """`obj` as a Record of the public `fields()` (for a side's hook: the trusted side's own node classes)."""
        return self.entry(obj, "rec", 0, fields)

    def _record(self, fields: dict, depth: int) -> list:
        return [[name, self.value(v, depth)] for name, v in fields.items() if _public(name)]

    def _state(self, kind: str, obj: Any, depth: int) -> Any:
        if kind == "l":
            return [self.value(v, depth) for v in obj]
        if kind in ("d", "ctr", "od"):
            return [[self.value(k, depth), self.value(v, depth)] for k, v in obj.items()]
        if kind == "dd":
            name = next((n for n, f in FACTORIES.items() if f is obj.default_factory), None)
            if name is None and obj.default_factory is not None:
                raise ChannelError("a defaultdict whose factory is not a builtin type")
            return [name, [[self.value(k, depth), self.value(v, depth)] for k, v in obj.items()]]
        if kind == "s":
            return [self.value(v, depth) for v in obj]
        if kind == "nd":
            return self.array(obj, depth)
        if kind == "sr":
            return {"index": _index(self, obj.index, depth), "values": _column(self, obj.array, depth),
                    "name": self.value(obj.name, depth)}
        return {"columns": _index(self, obj.columns, depth), "index": _index(self, obj.index, depth),
                "data": [_column(self, obj.iloc[:, i].array, depth) for i in range(obj.shape[1])]}

    def array(self, array: Any, depth: int = 0) -> dict:
        """An ndarray's dtype, shape and bytes; an object array item by item, each item encoded as a value."""
        import numpy as np

        dtype = array.dtype
        if dtype.kind == "O":
            return {"obj": [self.value(v, depth) for v in array.ravel().tolist()], "sh": list(array.shape)}
        if dtype.kind not in DTYPE_KINDS or dtype.fields is not None or dtype.subdtype is not None:
            raise ChannelError(f"an array of dtype {dtype} is not data the channel carries")
        data = np.ascontiguousarray(array).reshape(-1).view(np.uint8)  # datetimes export no buffer of their own
        return {"dt": dtype.str, "sh": list(array.shape), "b": self.buffer(data)}


def _public(name: str) -> bool:
    return type(name) is str and name.isidentifier() and not name.startswith("_") and not keyword.iskeyword(name)


_BUILTIN_KINDS: dict[type, str] = {list: "l", dict: "d", set: "s", collections.Counter: "ctr",
                                   collections.OrderedDict: "od", collections.defaultdict: "dd"}
_DATETIMES: dict[type, tuple[Callable[[Any], Any], str]] = {
    datetime.datetime: (lambda v: {"dt": v.isoformat()}, "dt"),
    datetime.date: (lambda v: {"date": v.isoformat()}, "date"),
    datetime.time: (lambda v: {"time": v.isoformat()}, "time"),
    datetime.timedelta: (lambda v: {"delta": [v.days, v.seconds, v.microseconds]}, "delta"),
}


def _scientific(encoder: Encoder, obj: Any, depth: int) -> Any:
    """numpy and pandas data by exact type, or None (nothing is imported for a value that is neither)."""
    np = sys.modules.get("numpy")
    if np is None:
        return None
    kind = type(obj)
    if kind is np.ndarray:
        return encoder.entry(obj, "nd", depth + 1)
    if kind in _numpy_scalars(np):
        return {"np": _scalar(encoder, obj)}
    pd = sys.modules.get("pandas")
    if pd is None:
        return None
    if kind is pd.DataFrame:
        return encoder.entry(obj, "df", depth + 1)
    if kind is pd.Series:
        return encoder.entry(obj, "sr", depth + 1)
    if kind in (pd.Index, pd.RangeIndex, pd.DatetimeIndex, pd.TimedeltaIndex, pd.CategoricalIndex, pd.MultiIndex):
        return {"ix": _index(encoder, obj, depth + 1)}
    if obj is pd.NaT:
        return {"nat": 1}
    if obj is pd.NA:
        return {"na": 1}
    if kind is pd.Timestamp:
        return {"ts": [int(obj.value), obj.unit, None if obj.tz is None else str(obj.tz)]}
    if kind is pd.Timedelta:
        return {"td": [int(obj.value), obj.unit]}
    return None


_SCALARS: set[type] = set()


def _numpy_scalars(np: Any) -> set[type]:
    if not _SCALARS:
        _SCALARS.update(np.dtype(code).type for code in "?bBhHiIlLqQefdgFDGUS")
        _SCALARS.update((np.datetime64, np.timedelta64))
    return _SCALARS


def _scalar(encoder: Encoder, obj: Any) -> list:
    dtype = obj.dtype
    if dtype.kind in "mM":
        return [dtype.str, int(obj.view("i8"))]
    if dtype.kind == "c":
        return [dtype.str, [float(obj.real), float(obj.imag)]]
    if dtype.kind == "S":
        return [dtype.str, {"b": encoder.buffer(bytes(obj))}]
    if dtype.kind == "U":
        return [dtype.str, str(obj)]
    if dtype.kind == "b":
        return [dtype.str, bool(obj)]
    return [dtype.str, int(obj) if dtype.kind in "iu" else float(obj)]


def _column(encoder: Encoder, values: Any, depth: int) -> dict:
    """A pandas column (a Series' or an Index's values) with its exact dtype."""
    import numpy as np
    import pandas as pd

    dtype = values.dtype
    if isinstance(dtype, np.dtype) or type(values) is pd.arrays.NumpyExtensionArray:
        return {"np": encoder.array(np.asarray(values), depth)}
    if type(dtype) is pd.StringDtype:
        missing = pd.isna(values)
        items = [None if gone else str(v) for v, gone in zip(values.to_numpy(dtype=object), missing, strict=True)]
        nan = isinstance(dtype.na_value, float)
        return {"str": items, "storage": dtype.storage, "na": "nan" if nan else "NA"}
    if type(dtype) is pd.CategoricalDtype:
        codes = np.asarray(pd.Categorical(values).codes)
        return {"cat": {"codes": encoder.array(codes), "categories": _index(encoder, dtype.categories, depth),
                        "ordered": bool(dtype.ordered)}}
    if type(dtype) is pd.DatetimeTZDtype:
        utc = pd.Series(values).dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()
        return {"dtz": {"values": encoder.array(utc), "tz": str(dtype.tz)}}
    if str(dtype) in NULLABLE:
        mask = np.asarray(pd.isna(values), dtype=bool)
        data = values.to_numpy(dtype=dtype.numpy_dtype, na_value=dtype.numpy_dtype.type(0))
        return {"null": {"dtype": str(dtype), "data": encoder.array(data), "mask": encoder.array(mask)}}
    raise ChannelError(f"a pandas column of dtype {dtype} is not data the channel carries")


def _index(encoder: Encoder, index: Any, depth: int) -> dict:
    import pandas as pd

    if type(index) is pd.RangeIndex:
        return {"range": [index.start, index.stop, index.step], "name": encoder.value(index.name, depth)}
    if type(index) is pd.MultiIndex:
        return {"multi": {"levels": [_index(encoder, level, depth) for level in index.levels],
                          "codes": [encoder.array(codes) for codes in index.codes],
                          "names": [encoder.value(n, depth) for n in index.names]}}
    return {"values": _column(encoder, index.array, depth), "name": encoder.value(index.name, depth)}


# --------------------------------------------------------------------------------------------- decoding
DecodeHook = Callable[[str, Any, "Decoder"], Any]


def _unknown(tag: str, payload: Any, decoder: Decoder) -> Any:
    raise ChannelError(f"a value of unknown kind {tag[:20]!r}")


class Decoder:
    """Decodes the values of one message (`header`, `buffers`).

    `hook(tag, payload, decoder)` decodes the tags a side allows beyond plain data (handles). `known` maps table ids
    to the objects this side sent in its request: a reply's reference returns the object itself, and a reply's new
    state for it updates it in place (same kind only: a list stays a list, an array keeps its dtype and shape).
    """

    def __init__(self, header: dict, buffers: list, hook: DecodeHook = _unknown,
                 known: dict[int, Any] | None = None) -> None:
        self.header = header
        self.hook = hook
        self.buffers = buffers
        self.known = dict(known or {})
        self.objects: dict[int, Any] = {}
        self._used: set[int] = set()
        self._entries: dict[int, tuple[str, Any]] = {}
        self._todo: list[tuple[int, int]] = []
        table = header.get("table", [])
        if type(table) is not list:
            raise ChannelError("a message whose table is not a list")
        for entry in table:
            if not (type(entry) is list and len(entry) == 3 and type(entry[0]) is int and type(entry[1]) is str):
                raise ChannelError("a malformed table entry")
            if entry[0] in self._entries:
                raise ChannelError("a table object defined twice")
            self._entries[entry[0]] = (entry[1], entry[2])

    def decode(self, name: str) -> Any:
        """The header's value `name`, with every table object it reaches built, and known objects updated."""
        try:
            result = self.value(self.header.get(name))
            for tid in self._entries:
                if tid in self.known:
                    self.table_object(tid, 0)
            self._finish()
            return result
        except ChannelError:
            raise
        except (TypeError, ValueError, KeyError, IndexError, OverflowError, RecursionError, AttributeError,
                ArithmeticError, LookupError, MemoryError) as exc:
            raise ChannelError(f"a value the channel refuses ({type(exc).__name__}: {str(exc)[:200]})") from None

    def value(self, value: Any, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise ChannelError("a value nested too deeply")
        kind = type(value)
        if value is None or kind in (bool, int, float, str):
            return value
        if kind is not dict or len(value) != 1:
            raise ChannelError("a malformed value")
        ((tag, payload),) = value.items()
        if tag == "o":
            return self.table_object(payload, depth)
        if tag == "t":
            return tuple(self.value(v, depth + 1) for v in _list(payload))
        if tag == "fs":
            return frozenset(self.value(v, depth + 1) for v in _list(payload))
        if tag == "int":
            text = _text(payload)
            if len(text) > MAX_INT_HEX:
                raise ChannelError("an integer too large for the channel")
            return int(text, 16)
        if tag == "cx":
            real, imag = _list(payload, 2)
            return complex(_number(real), _number(imag))
        if tag == "b":
            return bytes(self.buffer(payload))
        if tag == "dt":
            return datetime.datetime.fromisoformat(_text(payload))
        if tag == "date":
            return datetime.date.fromisoformat(_text(payload))
        if tag == "time":
            return datetime.time.fromisoformat(_text(payload))
        if tag == "delta":
            days, seconds, micro = (_integer(v) for v in _list(payload, 3))
            return datetime.timedelta(days=days, seconds=seconds, microseconds=micro)
        if tag in ("np", "ix", "nat", "na", "ts", "td"):
            return _decode_scientific(self, tag, payload, depth)
        return self.hook(tag, payload, self)

    def buffer(self, index: Any) -> memoryview:
        """A buffer of the message, each used at most once (no two decoded objects share memory)."""
        index = _integer(index)
        if not 0 <= index < len(self.buffers) or index in self._used:
            raise ChannelError("a reference to a missing or reused buffer")
        self._used.add(index)
        return self.buffers[index]

    # the table
    def table_object(self, tid: Any, depth: int) -> Any:
        tid = _integer(tid)
        if tid in self.objects:
            return self.objects[tid]
        if tid not in self._entries:
            if tid in self.known:
                self.objects[tid] = self.known[tid]
                return self.known[tid]
            raise ChannelError("a reference to a missing table object")
        kind, state = self._entries[tid]
        depth += kind in CONTAINERS or kind in LEAVES
        if depth > MAX_DEPTH:
            raise ChannelError("a value nested too deeply")
        if tid in self.known:
            obj = self.known[tid]
            if _KIND_OF.get(type(obj), "rec") != kind and not (kind == "nd" and _is_array(obj)):
                raise ChannelError("a reply that changes the kind of an object the trusted side sent")
            if kind in LEAVES:
                _update_leaf(self, kind, obj, state, depth)
        else:
            obj = self._shell(kind, state, depth)
        self.objects[tid] = obj
        if kind not in LEAVES:
            self._todo.append((tid, depth))
        return obj

    def _shell(self, kind: str, state: Any, depth: int) -> Any:
        if kind == "dd":
            name = _list(state, 2)[0]
            if name is not None and name not in FACTORIES:
                raise ChannelError("an unknown default factory")
            return collections.defaultdict(FACTORIES.get(name))
        if kind in _SHELLS:
            return _SHELLS[kind]()
        if kind == "nd":
            return self.array(state, depth)
        if kind == "sr":
            return _decode_series(self, state, depth)
        if kind == "df":
            return _decode_frame(self, state, depth)
        raise ChannelError(f"a table object of unknown kind {kind[:20]!r}")

    def _finish(self) -> None:
        while self._todo:
            tid, depth = self._todo.pop()
            kind, state = self._entries[tid]
            self._fill(kind, self.objects[tid], state, depth, tid in self.known)

    def _fill(self, kind: str, obj: Any, state: Any, depth: int, known: bool) -> None:
        if kind == "l":
            obj[:] = [self.value(v, depth) for v in _list(state)]
        elif kind == "s":
            items = [self.value(v, depth) for v in _list(state)]
            obj.clear()
            obj.update(items)
        elif kind == "rec":
            pairs = [_list(pair, 2) for pair in _list(state)]
            for name, item in pairs:
                if not _public(name):
                    raise ChannelError("a record field that is not a public name")
                setattr(obj, name, self.value(item, depth))
        else:
            pairs = _list(state) if kind != "dd" else _list(_list(state, 2)[1])
            items = [(self.value(k, depth), self.value(v, depth)) for k, v in (_list(p, 2) for p in pairs)]
            obj.clear()
            for key, item in items:  # not update(): a Counter would count the pairs
                obj[key] = item

    def array(self, state: Any, depth: int = 0) -> Any:
        """An ndarray from its dtype, shape and bytes (or items, for an object array), validated."""
        import numpy as np

        if type(state) is not dict:
            raise ChannelError("a malformed array")
        shape = tuple(_integer(n) for n in _list(state.get("sh")))
        if len(shape) > MAX_DIMENSIONS or any(n < 0 for n in shape):
            raise ChannelError("an array with an impossible shape")
        size = math.prod(shape)
        if "obj" in state:
            items = _list(state["obj"])
            if len(items) != size:
                raise ChannelError("an object array with the wrong number of items")
            array = np.empty(size, dtype=object)
            for i, item in enumerate(items):
                array[i] = self.value(item, depth)
            return array.reshape(shape)
        dtype = _dtype(state.get("dt"))
        data = self.buffer(state.get("b"))
        if data.nbytes != size * dtype.itemsize:
            raise ChannelError("an array whose bytes do not match its shape")
        array = np.frombuffer(data, dtype=dtype)
        if not array.flags.writeable or not array.flags.aligned:
            array = array.copy()
        return array.reshape(shape)


_SHELLS: dict[str, Callable[[], Any]] = {"l": list, "d": dict, "s": set, "ctr": collections.Counter,
                                         "od": collections.OrderedDict, "rec": Record}
_KIND_OF: dict[type, str] = {**_BUILTIN_KINDS, Record: "rec"}


def _is_array(obj: Any) -> bool:
    np = sys.modules.get("numpy")
    return np is not None and type(obj) is np.ndarray


# --------------------------------------------------------------------------------------------- validation helpers
def _list(value: Any, length: int | None = None) -> list:
    if type(value) is not list or (length is not None and len(value) != length):
        raise ChannelError("a malformed value")
    return value


def _text(value: Any) -> str:
    if type(value) is not str:
        raise ChannelError("a malformed value")
    return value


def _integer(value: Any) -> int:
    if type(value) is not int:
        raise ChannelError("a malformed value")
    return value


def _number(value: Any) -> float:
    if type(value) not in (int, float):
        raise ChannelError("a malformed value")
    return float(value)


def _dtype(text: Any) -> Any:
    """A numpy dtype from its `.str`: only plain numbers, bools, datetimes, str and bytes (never object or void)."""
    import numpy as np

    text = _text(text)
    if len(text) > 24 or not text.isascii() or text[:1] not in "<>|=" or not text[1:2].isalpha():
        raise ChannelError(f"an array dtype the channel refuses: {text[:24]!r}")
    try:
        dtype = np.dtype(text)
    except TypeError:
        raise ChannelError(f"an array dtype the channel refuses: {text[:24]!r}") from None
    if dtype.kind not in DTYPE_KINDS or dtype.fields is not None or dtype.subdtype is not None or dtype.hasobject:
        raise ChannelError(f"an array dtype the channel refuses: {text[:24]!r}")
    return dtype


def _decode_scientific(decoder: Decoder, tag: str, payload: Any, depth: int) -> Any:
    import numpy as np

    if tag == "np":
        text, item = _list(payload, 2)
        dtype = _dtype(text)
        if dtype.kind in "mM":
            return np.array(_integer(item), dtype="i8").view(dtype)[()]
        if dtype.kind == "c":
            real, imag = _list(item, 2)
            return dtype.type(complex(_number(real), _number(imag)))
        if dtype.kind == "S":
            raw = decoder.value(item)
            if type(raw) is not bytes:  # bytes(n) of an int would allocate n bytes
                raise ChannelError("a malformed numpy bytes scalar")
            return dtype.type(raw)
        if dtype.kind == "U":
            return dtype.type(_text(item))
        if dtype.kind == "b":
            if type(item) is not bool:
                raise ChannelError("a malformed numpy bool")
            return dtype.type(item)
        return dtype.type(_integer(item) if dtype.kind in "iu" else _number(item))
    import pandas as pd

    if tag == "ix":
        return _decode_index(decoder, payload, depth)
    if tag == "nat":
        return pd.NaT
    if tag == "na":
        return pd.NA
    if tag == "ts":
        value, unit, tz = _list(payload, 3)
        stamp = pd.Timestamp(_integer(value), unit="ns")
        if tz is not None:
            stamp = stamp.tz_localize("UTC").tz_convert(_timezone(tz))
        return stamp.as_unit(_unit(unit))
    value, unit = _list(payload, 2)
    return pd.Timedelta(_integer(value), unit="ns").as_unit(_unit(unit))


def _timezone(name: Any) -> str:
    """A time zone's name (IANA, or a fixed offset such as UTC+01:00); never a path or a `dateutil/` file."""
    if not (type(name) is str and len(name) < 64 and TIMEZONE.fullmatch(name) and ".." not in name):
        raise ChannelError("a time zone the channel refuses")
    return name


def _unit(unit: Any) -> str:
    if unit not in ("s", "ms", "us", "ns"):
        raise ChannelError("an unknown time unit")
    return unit


def _decode_column(decoder: Decoder, state: Any, depth: int) -> Any:
    """A column's values (an ndarray or a pandas extension array) with their exact dtype."""
    import numpy as np
    import pandas as pd

    if type(state) is not dict or len(state) not in (1, 3):
        raise ChannelError("a malformed column")
    if "np" in state:
        return decoder.array(state["np"], depth)
    if "str" in state:
        if state.get("storage") != "python" or state.get("na") not in ("nan", "NA"):
            raise ChannelError("an unknown string storage")
        na = np.nan if state["na"] == "nan" else pd.NA
        items = [None if v is None else _text(v) for v in _list(state["str"])]
        return pd.array(items, dtype=pd.StringDtype(storage="python", na_value=na))
    part = state.get("cat") or state.get("dtz") or state.get("null")
    if type(part) is not dict:
        raise ChannelError("a malformed column")
    if "cat" in state:
        codes = decoder.array(part.get("codes"))
        categories = _decode_index(decoder, part.get("categories"), depth)
        if type(part.get("ordered")) is not bool or codes.dtype.kind != "i" or codes.ndim != 1:
            raise ChannelError("a malformed categorical column")
        return pd.Categorical.from_codes(codes, categories=categories, ordered=part["ordered"])
    if "dtz" in state:
        values = decoder.array(part.get("values"))
        if values.dtype.kind != "M" or values.ndim != 1:
            raise ChannelError("a malformed datetime column")
        return pd.Series(values).dt.tz_localize("UTC").dt.tz_convert(_timezone(part.get("tz"))).array
    name = _text(part.get("dtype"))
    if name not in NULLABLE:
        raise ChannelError("an unknown nullable dtype")
    data, mask = decoder.array(part.get("data")), decoder.array(part.get("mask"))
    dtype = pd.api.types.pandas_dtype(name)
    if mask.dtype != bool or data.shape != mask.shape or data.ndim != 1 or data.dtype != dtype.numpy_dtype:
        raise ChannelError("a malformed nullable column")
    cls = {"b": pd.arrays.BooleanArray, "f": pd.arrays.FloatingArray}.get(data.dtype.kind, pd.arrays.IntegerArray)
    return cls(data, mask)


def _decode_index(decoder: Decoder, state: Any, depth: int) -> Any:
    import pandas as pd

    if type(state) is not dict:
        raise ChannelError("a malformed index")
    if "range" in state:
        start, stop, step = (_integer(v) for v in _list(state["range"], 3))
        return pd.RangeIndex(start, stop, step, name=decoder.value(state.get("name"), depth))
    if "multi" in state:
        part = state["multi"]
        if type(part) is not dict:
            raise ChannelError("a malformed index")
        levels = [_decode_index(decoder, level, depth) for level in _list(part.get("levels"))]
        codes = [decoder.array(c) for c in _list(part.get("codes"))]
        names = [decoder.value(n, depth) for n in _list(part.get("names"))]
        return pd.MultiIndex(levels=levels, codes=codes, names=names, verify_integrity=True)
    values = _decode_column(decoder, state.get("values"), depth)
    if getattr(values, "ndim", 1) != 1:
        raise ChannelError("an index that is not one-dimensional")
    return pd.Index(values, dtype=values.dtype, name=decoder.value(state.get("name"), depth), copy=False)


def _decode_series(decoder: Decoder, state: Any, depth: int) -> Any:
    import pandas as pd

    if type(state) is not dict:
        raise ChannelError("a malformed series")
    index = _decode_index(decoder, state.get("index"), depth)
    values = _decode_column(decoder, state.get("values"), depth)
    if getattr(values, "ndim", 1) != 1 or len(values) != len(index):
        raise ChannelError("a series whose index and values do not match")
    return pd.Series(values, index=index, dtype=values.dtype, name=decoder.value(state.get("name"), depth), copy=False)


def _decode_frame(decoder: Decoder, state: Any, depth: int) -> Any:
    import pandas as pd

    if type(state) is not dict:
        raise ChannelError("a malformed data frame")
    columns = _decode_index(decoder, state.get("columns"), depth)
    index = _decode_index(decoder, state.get("index"), depth)
    data = [_decode_column(decoder, c, depth) for c in _list(state.get("data"))]
    if len(data) != len(columns) or any(getattr(v, "ndim", 1) != 1 or len(v) != len(index) for v in data):
        raise ChannelError("a data frame whose columns do not match its shape")
    if not data:
        return pd.DataFrame(index=index, columns=columns)
    frame = pd.DataFrame({i: pd.Series(v, index=index, dtype=v.dtype, copy=False) for i, v in enumerate(data)})
    frame.columns = columns
    return frame


def _update_leaf(decoder: Decoder, kind: str, obj: Any, state: Any, depth: int) -> None:
    """A reply's new contents of an array the trusted side sent: same dtype and shape, written in place."""
    if kind != "nd":
        raise ChannelError("a reply that updates a pandas object in place (not supported)")
    new = decoder.array(state, depth)
    if new.dtype != obj.dtype or new.shape != obj.shape:
        raise ChannelError("a reply that changes the dtype or shape of an array the trusted side sent")
    obj[...] = new
