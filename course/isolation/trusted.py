"""The trusted side of the channel: the learner's globals, functions and objects as seen by a test.

`Learner(endpoint)` is the learner's process. `learner.get(name)` returns a global as data, or a `Handle` when it
is not data (a function, a class, an object of the learner's). Calling a handle sends the arguments as data (the
test's own plain objects, such as linked-list nodes, cross as records and come back updated in place) and returns
the result the same way; the learner's exception becomes a `LearnerError` that is also an instance of the nearest
builtin exception type (so `except ValueError` and `checks.run`'s "not attempted yet" work).

A handle is opaque: it forwards only calls and reads of public attributes. It has no `__eq__`, `__len__`, `__iter__`
or `__array__` of the learner's, and reads of names starting with `_` are refused, so nothing a test does with it
can run a method the learner chose on this side or let the learner describe memory (`__array_interface__`).
`LearnerNamespace` is the globals of a test cell: names the trusted cells defined, then the learner's globals.
"""

from __future__ import annotations

import builtins
import functools
import pickle
import sys
import types
from typing import Any, Protocol

from course.isolation.codec import Decoder, Encoder
from course.isolation.figures import from_tuples, rebuild
from course.isolation.files import LearnerPath
from course.isolation.wire import ChannelError, as_text, loaded


class Channel(Protocol):
    def request(self, header: dict, buffers: list | tuple = (), timeout: float | None = None) -> tuple[dict, list]:
        ...


class LearnerError(Exception):
    """The learner's code raised; `kind` is the learner's exception type name, the message its text."""

    kind = "Exception"


class ForbiddenUse(Exception):
    """A from-scratch call used what it must not (`offender`, e.g. "sklearn.linear_model.LogisticRegression.fit")."""

    def __init__(self, offender: str) -> None:
        super().__init__(offender)
        self.offender = offender


_ERRORS: dict[str, type[LearnerError]] = {}


def learner_error(kind: str, builtin: str, message: str) -> LearnerError:
    """A LearnerError that is also an instance of the builtin exception type `builtin` when there is one."""
    base = getattr(builtins, builtin, None) if type(builtin) is str else None
    cls: type[LearnerError] = LearnerError
    if isinstance(base, type) and issubclass(base, Exception) and base is not Exception:
        if builtin not in _ERRORS:
            try:
                _ERRORS[builtin] = type(f"Learner{builtin}", (LearnerError, base), {})
            except TypeError:  # a builtin whose layout cannot be mixed in
                _ERRORS[builtin] = LearnerError
        cls = _ERRORS[builtin]
    try:
        error = cls(message)
    except TypeError:  # a builtin whose constructor wants more (UnicodeDecodeError)
        error = LearnerError(message)
    error.kind = kind
    return error


class Handle:
    """An object that stays in the learner's process: public attributes are read over the channel."""

    __slots__ = ("__weakref__", "_global", "_hid", "_learner", "_name")

    def __init__(self, learner: Learner, hid: int, name: str) -> None:
        self._learner, self._hid, self._name = learner, hid, name
        self._global = ""  # the learner's global it was read as, if any (how a from-scratch copy finds it)

    @property
    def __name__(self) -> str:
        return self._name.rsplit(".", 1)[-1]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(f"{name} of the learner's {self._name} is not readable from a test")
        return self._learner.getattr(self._hid, name)

    def __repr__(self) -> str:
        return f"<the learner's {self._name}>"


class CallableHandle(Handle):
    """A function, class or callable object of the learner's: calling it runs it in the learner's process."""

    __slots__ = ()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._learner.call(self._hid, args, kwargs)


class Learner:
    """The learner's process, reached through `channel` (an Endpoint or a Loopback)."""

    def __init__(self, channel: Channel, timeout: float | None = None) -> None:
        self.channel = channel
        self.timeout = timeout
        self.scratch: dict[tuple[str, ...], Learner] = {}  # copies of this process without some packages
        self.hidden: tuple[str, ...] = ()  # for such a copy, the packages it does not have
        self._handles: dict[int, Handle] = {}
        self._callbacks: dict[int, Any] = {}  # the test's functions the learner's process may call back

    def answer(self, header: dict, buffers: list) -> tuple[dict, list]:
        """The handler of this side's endpoint: the learner's code calling back a test's function."""
        function = self._callbacks.get(header.get("cb")) if header.get("op") == "callback" else None
        if function is None:
            return {"refused": "only the test's own functions can be called back"}, []
        decoder = Decoder(header, buffers, self._decode, path=self.path_type)
        args, kwargs = decoder.decode("args"), decoder.decode("kwargs")
        if type(args) is not tuple or type(kwargs) is not dict or any(type(k) is not str for k in kwargs):
            return {"refused": "a call's arguments must be a tuple and a dict of names"}, []
        try:
            result = function(*args, **kwargs)
        except Exception as exc:
            builtin = next((c.__name__ for c in type(exc).__mro__ if getattr(builtins, c.__name__, None) is c),
                           "Exception")
            text = exc.args[0] if len(exc.args) == 1 and type(exc.args[0]) is str else str(exc)  # KeyError's unquoted
            return {"raised": {"type": type(exc).__name__, "builtin": builtin, "message": text[:2000]}}, []
        return Encoder(self._encode).message(ok=result)

    def get(self, name: str) -> Any:
        """The learner's global `name` (NameError, a LearnerError, when it has none)."""
        return self._request(Encoder(self._encode), op="get", name=name)

    def set(self, name: str, value: Any) -> None:
        """Bind the learner's global `name` to `value` (data, a handle of the learner's, or a test's function, which
        the learner's code then calls back)."""
        encoder = Encoder(self._encode)
        header, buffers = encoder.message(value=value)
        self._reply(*self.channel.request({**header, "op": "set", "name": name}, buffers, self.timeout), known={})

    def hold(self, value: Any) -> Any:
        """`value` sent to the learner's process and kept there: a handle to its copy (data comes back as data)."""
        header, buffers = Encoder(functools.partial(self._encode, held=True)).message(value=value)
        return self._reply(*self.channel.request({**header, "op": "hold"}, buffers, self.timeout), known={})

    def file(self, do: str, path: str, args: tuple = ()) -> Any:
        """A file operation (course.isolation.files.OPERATIONS) run in the learner's process, on its files."""
        header, buffers = Encoder(self._encode).message(args=tuple(args))
        request = {**header, "op": "file", "do": do, "path": path}
        return self._reply(*self.channel.request(request, buffers, self.timeout), known={})

    @functools.cached_property
    def path_type(self) -> type[LearnerPath]:
        """The class of this learner's paths (`LearnerPath` bound to this process)."""
        return type("LearnerPath", (LearnerPath,), {"learner": self})

    def patch(self, module: str, name: str, value: Any) -> int:
        """Set `module.name` in the learner's process to `value` until `unpatch(token)`: the token."""
        header, buffers = Encoder(self._encode).message(value=value)
        request = {**header, "op": "patch", "module": module, "name": name}
        token = self._reply(*self.channel.request(request, buffers, self.timeout), known={})
        if type(token) is not int:
            raise ChannelError("a malformed reply to a patch")
        return token

    def unpatch(self, token: int) -> None:
        self._request(Encoder(self._encode), op="unpatch", token=token)

    def concurrently(self, hid: int, args: tuple, kwargs: dict, threads: int, repeat: int) -> list[str | None]:
        """Call the handle `hid` from `threads` threads at once, `repeat` times each: per thread, None or the
        first error as text."""
        header, buffers = Encoder(self._encode).message(args=args, kwargs=kwargs)
        request = {**header, "op": "concurrently", "h": hid, "threads": threads, "repeat": repeat}
        outcomes = self._reply(*self.channel.request(request, buffers, self.timeout), known={})
        if type(outcomes) is not list or len(outcomes) != threads or any(
                o is not None and type(o) is not str for o in outcomes):
            raise ChannelError("a malformed reply to concurrent calls")
        return outcomes

    def getattr(self, hid: int, name: str) -> Any:
        return self._request(Encoder(self._encode), op="getattr", h=hid, name=name)

    def call(self, hid: int, args: tuple, kwargs: dict, forbid: tuple[str, ...] = ()) -> Any:
        """Call the handle `hid`; with `forbid`, a use of those packages or functions raises ForbiddenUse."""
        encoder = Encoder(self._encode)
        header, buffers = encoder.message(args=args, kwargs=kwargs)
        request = {**header, "op": "call", "h": hid}
        if forbid:
            request["forbid"] = [str(name) for name in forbid]
        return self._reply(*self.channel.request(request, buffers, self.timeout), known=encoder.objects)

    def release(self) -> None:
        """Forget every handle (the learner's process may free the objects)."""
        hids, self._handles = list(self._handles), {}
        self._request(Encoder(self._encode), op="release", handles=hids)

    def _request(self, encoder: Encoder, **fields: Any) -> Any:
        header, buffers = encoder.message()
        return self._reply(*self.channel.request({**header, **fields}, buffers, self.timeout), known={})

    def _reply(self, header: dict, buffers: list, known: dict[int, Any]) -> Any:
        if "raised" in header:
            raised = header["raised"]
            if type(raised) is not dict:
                raise ChannelError("a malformed reply")
            kind, builtin, message = (as_text(raised.get(key)) for key in ("type", "builtin", "message"))
            raise learner_error(kind, builtin, message)
        if "offender" in header:
            raise ForbiddenUse(as_text(header["offender"])[:300])
        if "refused" in header:
            raise ChannelError(f"the learner's process refused: {as_text(header['refused'])}")
        if "ok" not in header:
            raise ChannelError("a malformed reply")
        return Decoder(header, buffers, self._decode, known, path=self.path_type).decode("ok")

    # what crosses besides data
    def _encode(self, obj: Any, encoder: Encoder, held: bool = False) -> Any:
        if isinstance(obj, Handle):
            if obj._learner is not self:
                raise ChannelError("a handle of another learner's process")
            return {"h": obj._hid}
        if isinstance(obj, LearnerPath):
            return {"path": str(obj)}
        if _by_reference(obj, functions=held):  # a library's class, or a function the test wants run over there
            root = str(getattr(obj, "__module__", "")).split(".")[0]
            if root in self.hidden:
                raise ChannelError(f"{obj.__name__} does not exist in a process without {root}")
            return {"pkl": encoder.buffer(pickle.dumps(obj))}  # by reference: the learner's process imports it
        if _library_object(obj) and type(obj).__module__.split(".")[0] in self.hidden:
            return encoder.record(obj, lambda: _portable_fields(obj))  # a copy without that library: its data only
        if _library_object(obj):  # this side's own estimator or model: the learner's process may unpickle it
            return {"pkl": encoder.buffer(pickle.dumps(obj))}
        if _test_function(obj):  # the test's own function: the learner's code calls it back, it runs here
            cid = id(obj)
            self._callbacks[cid] = obj
            return {"cb": [cid, str(getattr(obj, "__name__", "function"))[:80]]}
        if _plain_object(obj):
            return encoder.record(obj, lambda: _fields(obj))
        raise ChannelError(f"a {type(obj).__name__} cannot be sent to the learner's process (only data, plain "
                           "objects such as list nodes, and the learner's own objects)")

    def _decode(self, tag: str, payload: Any, decoder: Decoder) -> Any:
        if tag == "fig":
            return rebuild(from_tuples(decoder.value(payload, 1)))
        if tag != "h" or type(payload) is not list or len(payload) != 3:
            raise ChannelError(f"a value of unknown kind {tag[:20]!r}")
        hid, name, is_callable = payload
        if type(hid) is not int or type(name) is not str or type(is_callable) is not bool:
            raise ChannelError("a malformed handle")
        handle = self._handles.get(hid)
        if handle is None:
            handle = (CallableHandle if is_callable else Handle)(self, hid, name[:80])
            self._handles[hid] = handle
        return handle


# Objects of theirs that are not data cross to the learner's process pickled (never back).
LIBRARIES = ("sklearn", "scipy", "numpy")


def _by_reference(obj: Any, functions: bool) -> bool:
    """A class that a module defines (scikit-learn's Pipeline, http.server's HTTPServer); with `functions`, also a
    module's function (sklearn.base.clone, pickle.loads), `isinstance` or `issubclass`: what the learner's process
    can import by its name instead of receiving a copy. Never what a test or read-only cell defined (the learner's
    process has no such name, or its own under that name)."""
    if functions and (obj is isinstance or obj is issubclass):
        return True
    if not (isinstance(obj, type) or (functions and type(obj) in (types.FunctionType, types.BuiltinFunctionType))):
        return False
    module, qualname = getattr(obj, "__module__", None), getattr(obj, "__qualname__", None)
    if type(module) is not str or type(qualname) is not str or module == "__main__" or "<" in qualname:
        return False
    found: Any = sys.modules.get(module)
    for part in qualname.split("."):
        found = getattr(found, part, None)
    return found is obj


def _test_function(obj: Any) -> bool:
    """A function written in Python (a test's, or a method of the test's object), never a builtin such as `open` or
    `eval`: the learner's code may call it back with arguments of its choosing."""
    while isinstance(obj, (functools.partial, types.MethodType)):
        obj = obj.func if isinstance(obj, functools.partial) else obj.__func__
    return type(obj) is types.FunctionType


def _portable_fields(obj: Any) -> dict[str, Any]:
    """A library object's public attributes that are data (an estimator's parameters and fitted arrays), for a
    process that does not have the library: reading them works there, calling its methods does not."""
    return {name: value for name, value in vars(obj).items() if not name.startswith("_") and _portable(value)}


def _portable(value: Any, depth: int = 0) -> bool:
    if depth > 20:
        return False
    if value is None or type(value) in (bool, int, float, str) or _library_object(value):
        return True
    if type(value) in (list, tuple):
        return all(_portable(item, depth + 1) for item in value)
    if type(value) is dict:
        return all(type(k) is str and _portable(v, depth + 1) for k, v in value.items())
    np = loaded("numpy")
    return np is not None and (isinstance(value, np.generic) or (type(value) is np.ndarray and value.dtype.kind != "O"))


def _library_object(obj: Any) -> bool:
    module = getattr(type(obj), "__module__", "") or ""
    return ((module.split(".")[0] in LIBRARIES or module == "course.checks.standins")  # the tests' stand-in models
            and not isinstance(obj, (type, types.ModuleType)))


def _plain_object(obj: Any) -> bool:
    """An instance of a class a test or a read-only cell defined (no builtin base but object), not a function,
    class or module: it crosses as a record of its public attributes."""
    cls = type(obj)
    if type(cls) is not type or isinstance(obj, (type, types.FunctionType, types.ModuleType, types.MethodType,
                                                 functools.partial)):
        return False
    return all(base is object or base.__module__ != "builtins" for base in cls.__mro__) and not any(
        base.__module__.split(".")[0] in ("numpy", "pandas", "course") for base in cls.__mro__[:-1])


def _fields(obj: Any) -> dict[str, Any]:
    fields = dict(getattr(obj, "__dict__", {}))
    for cls in type(obj).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        for name in (slots,) if isinstance(slots, str) else slots:
            if name not in fields and hasattr(obj, name):
                fields[name] = getattr(obj, name)
    return fields


class LearnerNamespace(dict):
    """The globals of a test cell: what the trusted cells defined, else builtins, else the learner's global.

    Builtins come before the learner's globals, so a learner's `len` or `isinstance` never reaches a test. A learner
    global is fetched once per cell (`refresh()` between cells), and is data or a handle, never the learner's
    object itself.
    """

    def __init__(self, learner: Learner, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.learner = learner
        self._fetched: dict[str, Any] = {}

    def refresh(self) -> None:
        self._fetched.clear()

    def __missing__(self, name: str) -> Any:
        if name in self._fetched:
            return self._fetched[name]
        if hasattr(builtins, name) or name.startswith("__"):
            raise KeyError(name)
        try:
            value = self.learner.get(name)
        except LearnerError as exc:
            if isinstance(exc, NameError):
                raise KeyError(name) from None
            raise
        if isinstance(value, Handle) and not value._global:
            value._global = name
        self._fetched[name] = value
        return value
