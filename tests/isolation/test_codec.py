"""The channel's wire format (course.isolation.codec): what crosses as data round-trips exactly, aliasing and cycles
survive, and everything else is refused with ChannelError without running a method of the sender's objects."""

from __future__ import annotations

import collections
import datetime
import itertools
import json
import math
import random
import struct
from typing import ClassVar

import numpy as np
import pandas as pd
import pytest

from course.isolation.codec import MAX_DEPTH, Decoder, Encoder, Record
from course.isolation.wire import ChannelError, pack, unpack


def wire(header: dict, buffers: list | tuple = ()) -> tuple[dict, list]:
    frame = pack(header, buffers)
    (size,) = struct.unpack(">Q", frame[:8])
    assert size == len(frame) - 8
    return unpack(bytearray(frame[8:]))


def round_trip(value):
    header, buffers = Encoder().message(v=value)
    return Decoder(*wire(header, buffers)).decode("v")


def decode(header: dict, buffers: list | tuple = (), name: str = "v"):
    return Decoder(*wire(header, buffers)).decode(name)


def same(a, b) -> bool:
    """Equal values of the same types, all the way down (nan equal to nan, -0.0 distinct from 0.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b


# --------------------------------------------------------------------------------------------- round trips
PLAIN = [
    None, True, False, 0, -1, 2**53 - 1, 2**53, -(2**53), 2**200, -(3**300), 0.0, -0.0, 1.5, float("nan"),
    float("inf"), float("-inf"), 1e-310, "", "text", "ünïcødé ✓ \x00 \ud800", b"", b"\x00\xffbytes", 1 + 2j,
    [], [1, "a", None], (), (1, (2, (3,))), {}, {"a": 1, 2: "b", (1, 2): [3], None: 0.5, True: False},
    {1, 2, "three"}, frozenset({(1, 2), "x"}), [[[]], {"k": [{"deep": (1, 2)}]}],
    collections.Counter("banana"), collections.OrderedDict([("z", 1), ("a", 2)]),
    datetime.datetime(2024, 2, 29, 12, 30, 1, 999), datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=-5, minutes=-30))),
    datetime.date(1999, 12, 31), datetime.time(23, 59, 58, 5), datetime.timedelta(days=-3, seconds=5, microseconds=7),
]


@pytest.mark.parametrize("value", PLAIN, ids=lambda v: type(v).__name__)
def test_plain_values_round_trip_with_their_types(value):
    got = round_trip(value)
    assert same(got, value), (got, value)
    assert type(got) is type(value)


def test_a_defaultdict_keeps_its_builtin_factory():
    got = round_trip(collections.defaultdict(list, {"a": [1]}))
    assert type(got) is collections.defaultdict and got.default_factory is list and got == {"a": [1]}
    assert round_trip(collections.defaultdict(None, {1: 2})).default_factory is None


def test_aliasing_survives_the_trip():
    shared = [1, 2]
    inner = {"x": shared}
    got = round_trip([shared, shared, inner, (shared, inner)])
    assert got[0] is got[1] is got[2]["x"] is got[3][0]
    assert got[2] is got[3][1]
    array = np.arange(3)
    got = round_trip({"a": array, "b": array})
    assert got["a"] is got["b"]


def test_cycles_survive_the_trip():
    cyclic: list = [1]
    cyclic.append(cyclic)
    got = round_trip(cyclic)
    assert got[1] is got
    mapping: dict = {}
    mapping["self"] = [mapping]
    got = round_trip(mapping)
    assert got["self"][0] is got


def test_records_round_trip_as_records_with_cycles_and_any_length():
    nodes = [Record(val=i, next=None) for i in range(20_000)]
    for left, right in itertools.pairwise(nodes):
        left.next = right
    nodes[-1].next = nodes[5000]  # a cycle, as in Floyd's exercise
    head = round_trip(nodes[0])
    seen = []
    node = head
    for _ in range(20_000):
        seen.append(node)
        node = node.next
    assert type(head) is Record and [n.val for n in seen] == list(range(20_000))
    assert node is seen[5000]
    assert "val=0" in repr(head)


NUMERIC = ["?", "i1", "u1", "<i2", ">i4", "<u8", "<i8", "<f2", "<f4", ">f8", "<c8", "<c16", "<U7", "|S5",
           "<M8[ns]", "<M8[D]", "<m8[s]", "<m8[us]"]


@pytest.mark.parametrize("dtype", NUMERIC)
def test_arrays_round_trip_with_dtype_and_shape(dtype):
    rng = np.random.default_rng(1)
    source = rng.integers(0, 100, size=(3, 4, 5))
    array = source.astype(str).astype(dtype) if np.dtype(dtype).kind in "US" else source.astype(dtype)
    for value in (array, array[::2, ::-1, 1::2], array.T, array[0, 0, :1].reshape(()), array[:0], array[1]):
        got = round_trip(value)
        assert type(got) is np.ndarray and got.dtype == value.dtype and got.shape == value.shape
        np.testing.assert_array_equal(got, value)
        assert got.flags.writeable and got.flags.aligned


def test_arrays_keep_nan_inf_and_nat():
    floats = np.array([np.nan, np.inf, -np.inf, -0.0])
    got = round_trip(floats)
    assert np.isnan(got[0]) and got[1] == np.inf and got[2] == -np.inf and np.signbit(got[3])
    assert np.isnat(round_trip(np.array(["NaT", "2020-01-01"], dtype="M8[s]"))[0])


def test_object_arrays_cross_item_by_item_as_data():
    array = np.array([1, "a", None, [1, 2]], dtype=object)
    got = round_trip(array)
    assert got.dtype == object and got[0] == 1 and got[1] == "a" and got[2] is None and got[3] == [1, 2]


@pytest.mark.parametrize("scalar", [np.bool_(True), np.int8(-3), np.uint64(2**64 - 1), np.int64(-(2**63)),
                                    np.float16(0.5), np.float32(1.25), np.float64(np.nan), np.complex64(1 - 2j),
                                    np.str_("ab"), np.bytes_(b"xy"), np.datetime64("2020-02-03T04:05", "m"),
                                    np.timedelta64(7, "D"), np.datetime64("NaT")], ids=lambda v: type(v).__name__)
def test_numpy_scalars_round_trip_with_their_types(scalar):
    got = round_trip(scalar)
    assert type(got) is type(scalar) and got.dtype == scalar.dtype
    assert (got == scalar) or (got != got and scalar != scalar)


def frames() -> list:
    index = pd.Index(["r", "s", "t"], name="key")
    frame = pd.DataFrame({
        "int": [1, 2, 3], "float": [1.5, np.nan, -0.0], "text": ["a", None, "c"], "flag": [True, False, True],
        "category": pd.Categorical(["u", "v", "u"], categories=["v", "u"], ordered=True),
        "nullable": pd.array([1, None, 3], dtype="Int64"), "boolean": pd.array([True, None, False], dtype="boolean"),
        "when": pd.to_datetime(["2020-01-01", "2021-06-30", None]),
        "zoned": pd.to_datetime(["2020-01-01", "2020-07-01", "2021-01-01"]).tz_localize("Europe/London"),
        "mixed": [1, "two", None], "delta": pd.to_timedelta([1, 2, 3], unit="s"),
    }, index=index)
    grouped = pd.DataFrame({"a": [1, 1, 2], "b": ["x", "y", "x"], "n": [1.0, 2.0, 3.0]}).groupby(["a", "b"]).sum()
    duplicated = pd.DataFrame([[1, 2]], columns=["same", "same"])
    return [frame, grouped, duplicated, pd.DataFrame(), pd.DataFrame(index=pd.RangeIndex(2, 12, 3)),
            pd.DataFrame({"x": [1.0]}, index=pd.date_range("2024-01-01", periods=1, freq="D", name="day"))]


@pytest.mark.parametrize("frame", frames(), ids=["dtypes", "multiindex", "duplicate-columns", "empty", "range",
                                                 "dates"])
def test_data_frames_round_trip_with_index_and_dtypes(frame):
    got = round_trip(frame)
    assert type(got) is pd.DataFrame
    pd.testing.assert_frame_equal(got, frame, check_freq=False)


def test_series_and_indexes_round_trip():
    series = [pd.Series([1, 2, 3], name="n"), pd.Series(["a", "b"], index=pd.Index([10, 20], name="id")),
              pd.Series([0.5], index=pd.MultiIndex.from_tuples([("a", 1)], names=["k", "i"]), name=("tuple", 1)),
              pd.Series(pd.Categorical(["x", "y"])), pd.Series([], dtype="float32")]
    for value in series:
        got = round_trip(value)
        assert type(got) is pd.Series
        pd.testing.assert_series_equal(got, value)
    for index in (pd.RangeIndex(0, 10, 2, name="r"), pd.Index([1.5, 2.5]), pd.Index(["a", "b"], name="s"),
                  pd.date_range("2020", periods=3, tz="UTC"), pd.CategoricalIndex(["a", "b", "a"])):
        pd.testing.assert_index_equal(round_trip(index), index, exact=True, check_freq=False)


def test_pandas_scalars_round_trip():
    for value in (pd.Timestamp("2024-03-01 12:00"), pd.Timestamp("2024-03-01", tz="America/New_York"),
                  pd.Timestamp("2024-03-01").as_unit("s"), pd.Timedelta("1 day 2s"), pd.Timedelta(5, "ms")):
        got = round_trip(value)
        assert type(got) is type(value) and got == value and got.unit == value.unit
        assert str(getattr(got, "tz", None)) == str(getattr(value, "tz", None))
    assert round_trip(pd.NaT) is pd.NaT and round_trip(pd.NA) is pd.NA


# --------------------------------------------------------------------------------------------- in-place updates
def reply_updating(request_value, change):
    """The trusted side sends `request_value`; the other side decodes it, `change`s it, and sends it back."""
    trusted = Encoder()
    header, buffers = trusted.message(args=request_value)
    other = Decoder(*wire(header, buffers))
    received = other.decode("args")
    result = change(received)
    encoder = Encoder(known={id(o): tid for tid, o in other.objects.items()}, first_tid=max(other.objects) + 1)
    encoder.resend(received)
    header, buffers = encoder.message(ok=result)
    return Decoder(*wire(header, buffers), known=trusted.objects).decode("ok")


def test_a_reply_updates_the_trusted_sides_objects_in_place_and_returns_them_by_identity():
    items = [3, 1, 2]
    got = reply_updating(items, lambda received: (received.sort(), received)[1])
    assert got is items and items == [1, 2, 3]
    array = np.array([3.0, 1.0, 2.0])
    got = reply_updating(array, lambda received: (received.sort(), received)[1])
    assert got is array and array.tolist() == [1.0, 2.0, 3.0]
    mapping = {"a": 1}
    reply_updating(mapping, lambda received: received.update(b=2))
    assert mapping == {"a": 1, "b": 2}


def test_a_reply_cannot_change_the_kind_dtype_or_shape_of_a_trusted_object():
    trusted = Encoder()
    original = [1, 2]
    trusted.message(args=original)
    forged = {"ok": {"o": 1}, "table": [[1, "d", []]]}
    with pytest.raises(ChannelError, match="changes the kind"):
        Decoder(*wire(forged), known=trusted.objects).decode("ok")
    assert original == [1, 2]
    array = np.zeros(3)
    trusted = Encoder()
    trusted.message(args=array)
    shorter = {"ok": {"o": 1}, "table": [[1, "nd", {"dt": "<f8", "sh": [2], "b": 0}]]}
    with pytest.raises(ChannelError, match="dtype or shape"):
        Decoder(*wire(shorter, [np.ones(2)]), known=trusted.objects).decode("ok")
    assert array.tolist() == [0, 0, 0]


# --------------------------------------------------------------------------------------------- refusals
def spying(*bases: type, meta: type = type) -> type:
    """A class over `bases` whose special methods all record their calls in `.calls`."""
    calls: list[str] = []

    def recorder(name):
        def method(self, *args, **kwargs):
            calls.append(name)
            raise AssertionError(f"{name} of a learner's object was called")
        return method

    names = ["__eq__", "__ne__", "__hash__", "__len__", "__iter__", "__getitem__", "__array__", "__index__",
             "__int__", "__float__", "__str__", "__repr__", "__format__", "__bool__", "__reduce__", "__reduce_ex__",
             "__getattr__", "__getstate__", "__copy__", "__deepcopy__", "__fspath__", "__bytes__", "__contains__",
             "keys", "items", "values", "tolist", "astype", "isoformat", "view", "copy", "to_numpy", "__iadd__"]
    namespace = {name: recorder(name) for name in names}
    namespace["__getattribute__"] = lambda self, name: (calls.append(f"getattribute {name}"),
                                                        object.__getattribute__(self, name))[1]
    for name in ("__class__", "__array_interface__", "__array_struct__", "__dict__", "dtype", "shape", "__module__"):
        namespace[name] = property(lambda self, name=name: (calls.append(name), np.ndarray)[1])
    cls = meta("Fake", bases, namespace)
    cls.calls = calls
    return cls


class RecordingMeta(type):
    calls: ClassVar[list[str]] = []

    def __eq__(cls, other):
        RecordingMeta.calls.append("meta __eq__")
        return True

    def __hash__(cls):
        RecordingMeta.calls.append("meta __hash__")
        return hash(list)


FAKES = {
    "object faking ndarray": lambda: spying(object),
    "list subclass": lambda: spying(list),
    "dict subclass": lambda: spying(dict),
    "int subclass": lambda: spying(int),
    "float subclass": lambda: spying(float),
    "str subclass": lambda: spying(str),
    "tuple subclass": lambda: spying(tuple),
    "ndarray subclass": lambda: spying(np.ndarray),
    "DataFrame subclass": lambda: spying(pd.DataFrame),
    "datetime subclass": lambda: spying(datetime.date),
}


@pytest.mark.parametrize("make", FAKES.values(), ids=FAKES.keys())
def test_fake_objects_are_refused_without_calling_any_of_their_methods(make):
    cls = make()
    if issubclass(cls, np.ndarray):
        fake = np.zeros(3).view(cls)
    elif issubclass(cls, pd.DataFrame):
        fake = cls({"a": [1]})
    elif issubclass(cls, datetime.date):
        fake = cls(2020, 1, 1)
    else:
        fake = cls()
    cls.calls.clear()
    for value in (fake, [fake], {"k": fake}, (fake,), {1: [2, {3: fake}]}):
        with pytest.raises(ChannelError, match="is not data the channel carries"):
            Encoder().message(v=value)
    assert cls.calls == []


def test_a_learner_metaclass_is_not_even_hashed():
    class Sneaky(metaclass=RecordingMeta):
        pass

    RecordingMeta.calls.clear()
    with pytest.raises(ChannelError):
        Encoder().message(v=[Sneaky()])
    assert RecordingMeta.calls == []


def test_what_is_not_data_goes_to_the_hook_which_decides():
    seen = []

    def hook(obj, encoder):
        seen.append(obj)
        return {"h": len(seen)}

    def function():
        return 1

    header, buffers = Encoder(hook).message(v=[function, print])
    assert seen == [function, print] and header["table"][0][2] == [{"h": 1}, {"h": 2}]
    with pytest.raises(ChannelError, match="unknown kind 'h'"):
        decode(header, buffers)  # the default decoder knows no handles


MALFORMED_BODIES = {
    "empty": b"",
    "short counts": b"\x00\x00\x00",
    "header longer than the frame": struct.pack(">II", 100, 0) + b"{}",
    "not JSON": struct.pack(">II", 3, 0) + b"{x}",
    "not an object": struct.pack(">II", 2, 0) + b"[]",
    "trailing bytes": struct.pack(">II", 2, 0) + b"{}" + b"junk",
    "missing buffer": struct.pack(">IIQ", 2, 1, 64) + b"{}",
    "too many buffers": struct.pack(">II", 2, 10**9) + b"{}",
    "huge header length": struct.pack(">II", 2**31, 0),
    "deep JSON": struct.pack(">II", 200_000, 0) + b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("body", MALFORMED_BODIES.values(), ids=MALFORMED_BODIES.keys())
def test_malformed_frames_are_refused(body):
    with pytest.raises(ChannelError):
        unpack(body)


def test_random_bytes_are_refused_with_channel_error_only():
    rng = random.Random(7)
    good = pack(*Encoder().message(v=[1, "a", np.arange(4), {"k": (1.5, None)}]))[8:]
    for _ in range(3000):
        body = bytearray(good)
        for _ in range(rng.randint(1, 6)):
            body[rng.randrange(len(body))] = rng.randrange(256)
        try:
            header, buffers = unpack(body)
            Decoder(header, buffers).decode("v")
        except ChannelError:
            pass


def test_an_oversized_frame_is_refused_before_it_is_sent():
    with pytest.raises(ChannelError, match="larger than the channel's limit"):
        pack({"v": 1}, [b"x" * 2000], limit=1000)
    with pytest.raises(ChannelError, match="larger than the channel's limit"):
        pack({"v": "x" * 2000}, limit=1000)


@pytest.mark.parametrize("dtype", ["|O", "O", "object", "<V8", "V8", "[('a', '<i4')]", "<i4,<i4", "(2,)<i4",
                                   "numpy.ndarray", "<O8", "|b1\x00", "=q ", "builtins.eval", "<U99999999999",
                                   "S0", "<M8[fs]extra"])
def test_array_dtypes_other_than_plain_numbers_text_and_times_are_refused(dtype):
    header = {"v": {"o": 1}, "table": [[1, "nd", {"dt": dtype, "sh": [1], "b": 0}]]}
    with pytest.raises(ChannelError):
        decode(header, [b"\x00" * 8])


def test_an_object_dtype_never_reinterprets_bytes_as_pointers():
    pointer = struct.pack("<Q", id(object()))
    for dtype in ("|O", "O", "<O"):
        header = {"v": {"np": [dtype, 0]}, "table": []}
        with pytest.raises(ChannelError):
            decode(header)
        header = {"v": {"o": 1}, "table": [[1, "nd", {"dt": dtype, "sh": [1], "b": 0}]]}
        with pytest.raises(ChannelError):
            decode(header, [pointer])


CLASS_NAMING = [
    {"v": {"pickle": "cos\nsystem\n(S'true'\ntR."}},
    {"v": {"class": "os.system", "args": ["true"]}},
    {"v": {"py/object": "subprocess.Popen"}},
    {"v": {"__reduce__": ["builtins.eval", ["1"]]}},
    {"v": {"o": 1}, "table": [[1, "builtins.dict", []]]},
    {"v": {"o": 1}, "table": [[1, "rec", [["__class__", "os.system"]]]]},
    {"v": {"o": 1}, "table": [[1, "dd", ["os.system", []]]]},
    {"v": {"o": 1}, "table": [[1, "nd", {"dt": "<f8", "sh": [1], "b": 0, "type": "numpy.matrix"}]]},
    {"v": {"ix": {"values": {"np": {"dt": "<i8", "sh": [0], "b": 0}}, "name": None, "cls": "os.system"}}},
    {"v": {"o": 1}, "table": [[1, "sr", {"index": {"range": [0, 1, 1]},
                                          "values": {"ext": "pandas.arrays.ArrowExtensionArray"}}]]},
]


@pytest.mark.parametrize("header", CLASS_NAMING, ids=range(len(CLASS_NAMING)))
def test_a_header_naming_a_class_or_function_to_import_is_refused(header, monkeypatch):
    imported = []
    monkeypatch.setattr("builtins.__import__", lambda name, *a, **k: imported.append(name) or __import__(name))
    with pytest.raises(ChannelError):
        decode(header, [np.zeros(1)] if "nd" in json.dumps(header) else [])
    assert not [name for name in imported if name not in ("numpy", "pandas")]


@pytest.mark.parametrize("name", ["__class__", "__dict__", "_private", "not a name", "class", "", 7])
def test_record_fields_must_be_public_names(name):
    header = {"v": {"o": 1}, "table": [[1, "rec", [[name, 1]]]]}
    with pytest.raises(ChannelError):
        decode(header)


def test_deep_nesting_is_refused_both_ways():
    tuples: tuple = ()
    lists: list = []
    for _ in range(MAX_DEPTH + 5):
        tuples, lists = (tuples,), [lists]
    for value in (tuples, lists, {"k": lists}):
        with pytest.raises(ChannelError, match="nested too deeply"):
            Encoder().message(v=value)
    inline: object = 1
    for _ in range(MAX_DEPTH + 5):
        inline = {"t": [inline]}
    with pytest.raises(ChannelError, match="nested too deeply"):
        decode({"v": inline, "table": []})
    chain = [[tid, "l", [{"o": tid + 1}]] for tid in range(1, MAX_DEPTH + 10)] + [[MAX_DEPTH + 10, "l", []]]
    with pytest.raises(ChannelError, match="nested too deeply"):
        decode({"v": {"o": 1}, "table": chain})


def test_resource_bombs_are_refused():
    bombs = [
        {"v": {"int": "0x" + "f" * 200_000}, "table": []},
        {"v": {"o": 1}, "table": [[1, "nd", {"dt": "<f8", "sh": [10**6, 10**6], "b": 0}]]},
        {"v": {"o": 1}, "table": [[1, "nd", {"dt": "<f8", "sh": [1] * 40, "b": 0}]]},
        {"v": {"o": 1}, "table": [[1, "nd", {"dt": "<f8", "sh": [-1], "b": 0}]]},
        {"v": {"o": 1}, "table": [[1, "nd", {"obj": [], "sh": [10**12]}]]},
        {"v": [{"o": 1}, {"o": 2}], "table": [[1, "nd", {"dt": "<f8", "sh": [1], "b": 0}],
                                               [2, "nd", {"dt": "<f8", "sh": [1], "b": 0}]]},
        {"v": {"o": 1}, "table": [[1, "l", []], [1, "d", []]]},
        {"v": {"o": 9}, "table": []},
    ]
    for header in bombs:
        with pytest.raises(ChannelError):
            decode(header, [np.zeros(1)])


def test_values_that_are_not_json_shaped_are_refused():
    for value in ([1, 2], {"t": [1], "o": 1}, {"t": 5}, {"cx": [1]}, {"b": 3}, {"delta": [1, 2, "3"]},
                  {"np": ["<i8", 1.5]}, {"np": ["|b1", 1]}, {"np": ["<i1", 1000]}, {"dt": 5}, {"ts": [1, "h", None]}):
        with pytest.raises(ChannelError):
            decode({"v": value, "table": []})


@pytest.mark.parametrize("zone", ["/etc/passwd", "dateutil//etc/passwd", "../../etc/passwd", "Europe/../../x", "",
                                  "a" * 100, "Europe/London\n", 5])
def test_time_zones_are_names_never_paths(zone):
    with pytest.raises(ChannelError, match="time zone"):
        decode({"v": {"ts": [0, "ns", zone]}, "table": []})
    header = {"v": {"o": 1}, "table": [[1, "sr", {"index": {"range": [0, 1, 1], "name": None}, "name": None,
                                                  "values": {"dtz": {"values": {"dt": "<M8[ns]", "sh": [1], "b": 0},
                                                                     "tz": zone}}}]]}
    with pytest.raises(ChannelError, match="time zone"):
        decode(header, [np.zeros(1, dtype="i8")])


def test_a_number_never_becomes_an_allocation():
    with pytest.raises(ChannelError):
        decode({"v": {"np": ["|S5", 10**12]}, "table": []})
