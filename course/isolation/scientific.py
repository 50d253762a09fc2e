"""numpy scalars and pandas objects (frames, series, indexes, timestamps) as plain data, and back.

Encoding goes by exact type; decoding builds pandas objects from validated arrays and fields only: a column's
dtype is one of a few known kinds, a time zone is a name (never a path), and nothing a message names is imported.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from course.isolation.wire import ChannelError, as_dtype, as_int, as_list, as_number, as_text, loaded

NULLABLE = {"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Float32", "Float64", "boolean"}
TIMEZONE = re.compile(r"UTC[+-][0-9]{2}:[0-9]{2}|(?!dateutil/)[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*")

if TYPE_CHECKING:
    from course.isolation.codec import Decoder, Encoder


def encode(encoder: Encoder, obj: Any, depth: int) -> Any:
    """numpy and pandas data by exact type, or None (nothing is imported for a value that is neither)."""
    np = loaded("numpy")
    if np is None:
        return None
    kind = type(obj)
    if kind is np.ndarray:
        return encoder.entry(obj, "nd", depth + 1)
    if kind is np.random.Generator:
        return encoder.entry(obj, "rng", depth + 1)
    if kind in _numpy_scalars(np):
        return {"np": _scalar(encoder, obj)}
    pd = loaded("pandas")
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


def series_state(encoder: Encoder, series: Any, depth: int) -> dict:
    return {"index": _index(encoder, series.index, depth), "values": _column(encoder, series.array, depth),
            "name": encoder.value(series.name, depth)}


def frame_state(encoder: Encoder, frame: Any, depth: int) -> dict:
    return {"columns": _index(encoder, frame.columns, depth), "index": _index(encoder, frame.index, depth),
            "data": [_column(encoder, frame.iloc[:, i].array, depth) for i in range(frame.shape[1])]}


def _index(encoder: Encoder, index: Any, depth: int) -> dict:
    import pandas as pd

    if type(index) is pd.RangeIndex:
        return {"range": [index.start, index.stop, index.step], "name": encoder.value(index.name, depth)}
    if type(index) is pd.MultiIndex:
        return {"multi": {"levels": [_index(encoder, level, depth) for level in index.levels],
                          "codes": [encoder.array(codes) for codes in index.codes],
                          "names": [encoder.value(n, depth) for n in index.names]}}
    return {"values": _column(encoder, index.array, depth), "name": encoder.value(index.name, depth)}


def decode(decoder: Decoder, tag: str, payload: Any, depth: int) -> Any:
    import numpy as np

    if tag == "np":
        text, item = as_list(payload, 2)
        dtype = as_dtype(text)
        if dtype.kind in "mM":
            return np.array(as_int(item), dtype="i8").view(dtype)[()]
        if dtype.kind == "c":
            real, imag = as_list(item, 2)
            return dtype.type(complex(as_number(real), as_number(imag)))
        if dtype.kind == "S":
            raw = decoder.value(item)
            if type(raw) is not bytes:  # bytes(n) of an int would allocate n bytes
                raise ChannelError("a malformed numpy bytes scalar")
            return dtype.type(raw)
        if dtype.kind == "U":
            return dtype.type(as_text(item))
        if dtype.kind == "b":
            if type(item) is not bool:
                raise ChannelError("a malformed numpy bool")
            return dtype.type(item)
        return dtype.type(as_int(item) if dtype.kind in "iu" else as_number(item))
    import pandas as pd

    if tag == "ix":
        return _decode_index(decoder, payload, depth)
    if tag == "nat":
        return pd.NaT
    if tag == "na":
        return pd.NA
    if tag == "ts":
        value, unit, tz = as_list(payload, 3)
        stamp = pd.Timestamp(as_int(value), unit="ns")
        if tz is not None:
            stamp = stamp.tz_localize("UTC").tz_convert(_timezone(tz))
        return stamp.as_unit(_unit(unit))
    value, unit = as_list(payload, 2)
    return pd.Timedelta(as_int(value), unit="ns").as_unit(_unit(unit))


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
        items = [None if v is None else as_text(v) for v in as_list(state["str"])]
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
    name = as_text(part.get("dtype"))
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
        start, stop, step = (as_int(v) for v in as_list(state["range"], 3))
        return pd.RangeIndex(start, stop, step, name=decoder.value(state.get("name"), depth))
    if "multi" in state:
        part = state["multi"]
        if type(part) is not dict:
            raise ChannelError("a malformed index")
        levels = [_decode_index(decoder, level, depth) for level in as_list(part.get("levels"))]
        codes = [decoder.array(c) for c in as_list(part.get("codes"))]
        names = [decoder.value(n, depth) for n in as_list(part.get("names"))]
        return pd.MultiIndex(levels=levels, codes=codes, names=names, verify_integrity=True)
    values = _decode_column(decoder, state.get("values"), depth)
    if getattr(values, "ndim", 1) != 1:
        raise ChannelError("an index that is not one-dimensional")
    return pd.Index(values, dtype=values.dtype, name=decoder.value(state.get("name"), depth), copy=False)


def decode_series(decoder: Decoder, state: Any, depth: int) -> Any:
    import pandas as pd

    if type(state) is not dict:
        raise ChannelError("a malformed series")
    index = _decode_index(decoder, state.get("index"), depth)
    values = _decode_column(decoder, state.get("values"), depth)
    if getattr(values, "ndim", 1) != 1 or len(values) != len(index):
        raise ChannelError("a series whose index and values do not match")
    return pd.Series(values, index=index, dtype=values.dtype, name=decoder.value(state.get("name"), depth), copy=False)


def decode_frame(decoder: Decoder, state: Any, depth: int) -> Any:
    import pandas as pd

    if type(state) is not dict:
        raise ChannelError("a malformed data frame")
    columns = _decode_index(decoder, state.get("columns"), depth)
    index = _decode_index(decoder, state.get("index"), depth)
    data = [_decode_column(decoder, c, depth) for c in as_list(state.get("data"))]
    if len(data) != len(columns) or any(getattr(v, "ndim", 1) != 1 or len(v) != len(index) for v in data):
        raise ChannelError("a data frame whose columns do not match its shape")
    if not data:
        return pd.DataFrame(index=index, columns=columns)
    frame = pd.DataFrame({i: pd.Series(v, index=index, dtype=v.dtype, copy=False) for i, v in enumerate(data)})
    frame.columns = columns
    return frame


BIT_GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")
MAX_STATE = 20_000  # characters of a generator's state (MT19937's is the largest, about 7,000)


def pandas_kind(obj: Any) -> str:
    """The table kind of an exact DataFrame ("df") or Series ("sr"); "" for anything else."""
    pd = loaded("pandas")
    if pd is None:
        return ""
    return {pd.DataFrame: "df", pd.Series: "sr"}.get(type(obj), "")


def is_generator(obj: Any) -> bool:
    np = loaded("numpy")
    return np is not None and type(obj) is np.random.Generator


def generator_state(obj: Any) -> str:
    """A numpy Generator's bit generator state as JSON text (its key array as a list)."""
    return json.dumps(obj.bit_generator.state, default=lambda value: value.tolist())


def decode_generator(state: Any, expected: str | None = None) -> Any:
    """A new numpy Generator with the received state, checked by numpy itself (a known bit generator only)."""
    import numpy as np

    text = as_text(state)
    if len(text) > MAX_STATE:
        raise ChannelError("a generator state that is too large")
    try:
        fields = json.loads(text)
        name = fields.get("bit_generator") if type(fields) is dict else None
        if name not in BIT_GENERATORS or (expected is not None and name != expected):
            raise ChannelError("a generator of an unknown or different kind")
        bit_generator = getattr(np.random, name)()
        if name == "MT19937" and type(fields.get("state")) is dict:
            fields["state"]["key"] = np.asarray(fields["state"].get("key"), dtype=np.uint32)
        bit_generator.state = fields
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        raise ChannelError(f"a generator state numpy refuses ({type(exc).__name__})") from None
    return np.random.Generator(bit_generator)
