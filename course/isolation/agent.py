"""The learner's side of the channel: what the learner's process answers about its namespace.

Requests (`op`): `get` a global by name; `set` one (a test replacing a learner's function for the learner's other
functions, `checks.replaced`); `hold` a value the test sends, answered as a handle when it is not data (a test's
model that the learner's code may fit in place, `checks.in_learner_process`); `getattr` of a handle; `call` a
handle with arguments; `release` handles; `file`: a test's file operation in a folder it shares with the learner's code
(course.isolation.files); `patch` / `unpatch` a module's attribute while a test runs (`checks.patched`, e.g.
`os.replace` made to fail); `concurrently`: call a handle from several threads at once (`checks.concurrently`).
A reply is `{"ok": value}`, `{"raised": {...}}` (the learner's code raised: type names and message as text) or
`{"refused": text}` (the request or the result cannot cross). Values that are data cross as data; anything else
(functions, classes, the learner's own objects) stays here and crosses as a handle `{"h": [id, name, callable]}`.

Nothing here is trusted: the learner controls this process and may replace this module. It only has to work for
honest learners; the trusted side's decoder is what makes a forged reply worthless.
"""

from __future__ import annotations

import builtins
import hashlib
import importlib
import pickle
import socket
import threading
from typing import Any

from course.isolation import files
from course.isolation.channel import Endpoint
from course.isolation.codec import Decoder, Encoder, Record
from course.isolation.figures import as_tuples, describe, is_figure
from course.isolation.scientific import generator_state
from course.isolation.wire import MAX_FRAME, ChannelError, loaded

MAX_MESSAGE = 2000  # characters of an exception's message that cross


class Agent:
    """Answers the trusted side's requests from `namespace` (the learner's globals); a channel handler."""

    def __init__(self, namespace: dict[str, Any]) -> None:
        self.namespace = namespace
        self.endpoint: Endpoint | None = None  # set while serving: callbacks to the trusted side go through it
        self.handles: dict[int, Any] = {}
        self._hids: dict[int, int] = {}  # id(obj) -> handle id (the handle keeps obj alive)
        self._patches: dict[int, tuple[Any, str, Any]] = {}  # token -> (module, attribute, value before)
        self.serving = 0  # the id of the thread answering the trusted side's requests

    def __call__(self, header: dict, buffers: list) -> tuple[dict, list]:
        self.serving = threading.get_ident()  # the thread that answers the test: the only one that may call back
        op = header.get("op")
        try:
            if op == "get":
                return self._get(header.get("name"))
            if op == "set":
                return self._set(header, buffers)
            if op == "hold":
                return self._reply(Decoder(header, buffers, self._decode).decode("value"), Encoder(self._encode))
            if op == "getattr":
                target, name = self._handle(header.get("h")), header.get("name")
                if type(name) is not str or name.startswith("_"):
                    return {"refused": "only public attributes can be read"}, []
                raised, value = self._run(getattr, target, name)
                return (raised, []) if raised else self._reply(value, Encoder(self._encode))
            if op == "call":
                return self._call(header, buffers)
            if op == "file":
                return self._file(header, buffers)
            if op == "patch":
                return self._patch(header, buffers)
            if op == "unpatch":
                return self._unpatch(header.get("token"))
            if op == "concurrently":
                return self._concurrently(header, buffers)
            if op == "release":
                for hid in header.get("handles") or []:
                    obj = self.handles.pop(hid, None)
                    self._hids.pop(id(obj), None)
                return {"ok": None}, []
        except ChannelError as exc:
            return {"refused": str(exc)}, []
        return {"refused": f"an unknown request {str(op)[:40]!r}"}, []

    def _get(self, name: Any) -> tuple[dict, list]:
        if type(name) is not str:
            return {"refused": "a global's name must be text"}, []
        if name not in self.namespace:
            return {"raised": {"type": "NameError", "builtin": "NameError",
                               "message": f"name {name!r} is not defined"}}, []
        return self._reply(self.namespace[name], Encoder(self._encode))

    def _set(self, header: dict, buffers: list) -> tuple[dict, list]:
        name = header.get("name")
        if type(name) is not str or not name.isidentifier():
            return {"refused": "a global's name must be an identifier"}, []
        self.namespace[name] = Decoder(header, buffers, self._decode).decode("value")
        return {"ok": None}, []

    def _call(self, header: dict, buffers: list) -> tuple[dict, list]:
        target = self._handle(header.get("h"))
        decoder = Decoder(header, buffers, self._decode)
        args, kwargs = decoder.decode("args"), decoder.decode("kwargs")
        if type(args) is not tuple or type(kwargs) is not dict or any(type(k) is not str for k in kwargs):
            return {"refused": "a call's arguments must be a tuple and a dict of names"}, []
        forbid = header.get("forbid") or []
        if type(forbid) is not list or any(type(p) is not str for p in forbid):
            return {"refused": "`forbid` must be a list of names"}, []
        before = {tid: _snapshot(obj) for tid, obj in decoder.objects.items()}
        offender = None
        if forbid:
            raised, result, offender = _watched(self._run, target, tuple(forbid), args, kwargs)
        else:
            raised, result = self._run(target, *args, **kwargs)
        if raised:
            return raised, []
        if offender:
            return {"offender": offender[:300]}, []
        encoder = Encoder(self._encode, {id(obj): tid for tid, obj in decoder.objects.items()},
                          first_tid=max(decoder.objects, default=0) + 1)
        try:
            for tid, obj in decoder.objects.items():  # the arguments the learner's code changed in place go back
                if not _same(before[tid], _snapshot(obj)):
                    encoder.resend(obj)
        except Exception as exc:
            return {"refused": f"the arguments changed into something the channel cannot carry ({exc})"[:600]}, []
        return self._reply(result, encoder)

    def _file(self, header: dict, buffers: list) -> tuple[dict, list]:
        do, path = header.get("do"), header.get("path")
        args = Decoder(header, buffers, self._decode).decode("args")
        if do not in files.OPERATIONS or type(path) is not str or type(args) is not tuple:
            return {"refused": "a malformed file operation"}, []
        raised, value = self._run(files.learner_side, do, path, args)
        return (raised, []) if raised else self._reply(value, Encoder(self._encode))

    def _patch(self, header: dict, buffers: list) -> tuple[dict, list]:
        module_name, name = header.get("module"), header.get("name")
        if type(module_name) is not str or type(name) is not str or not name.isidentifier():
            return {"refused": "a patch names a module and one of its attributes"}, []
        value = Decoder(header, buffers, self._decode).decode("value")
        raised, module = self._run(importlib.import_module, module_name)
        if raised:
            return raised, []
        if not hasattr(module, name):
            return {"refused": f"{module_name} has no attribute {name}"}, []
        token = len(self._patches) + 1
        while token in self._patches:
            token += 1
        self._patches[token] = (module, name, getattr(module, name))
        setattr(module, name, value)
        return {"ok": token}, []

    def _unpatch(self, token: Any) -> tuple[dict, list]:
        if type(token) is not int or token not in self._patches:
            return {"refused": "a patch this process does not know"}, []
        module, name, before = self._patches.pop(token)
        setattr(module, name, before)
        return {"ok": None}, []

    def _concurrently(self, header: dict, buffers: list) -> tuple[dict, list]:
        target = self._handle(header.get("h"))
        decoder = Decoder(header, buffers, self._decode)
        args, kwargs, threads, repeat = decoder.decode("args"), decoder.decode("kwargs"), header.get("threads"), \
            header.get("repeat")
        if type(args) is not tuple or type(kwargs) is not dict or type(threads) is not int or type(repeat) is not int \
                or not 1 <= threads <= 64 or not 1 <= repeat <= 100:
            return {"refused": "a malformed concurrent call"}, []
        return self._reply(together(target, args, kwargs, threads, repeat), Encoder(self._encode))

    def _run(self, fn: Any, *args: Any, **kwargs: Any) -> tuple[dict, Any]:
        """The learner's code, run: ({}, result) or ({"raised": ...}, None)."""
        try:
            value = fn(*args, **kwargs)
        except BaseException as exc:  # the learner's exception, SystemExit and interrupts included
            return {"raised": _describe(exc)}, None
        return {}, value

    def _reply(self, value: Any, encoder: Encoder) -> tuple[dict, list]:
        try:
            return encoder.message(ok=value)
        except ChannelError as exc:
            return {"refused": str(exc)}, []
        except Exception as exc:  # a learner's object that raises while it is read (a tz, a pandas extension)
            return {"refused": f"the result could not be read: {type(exc).__name__}: {str(exc)[:300]}"}, []

    # handles
    def _encode(self, obj: Any, encoder: Encoder) -> Any:
        if is_figure(obj):  # a figure crosses as its description; the trusted side draws its own
            return {"fig": encoder.value(as_tuples(describe(obj)), 1)}
        hid = self._hids.get(id(obj))
        if hid is None:
            hid = len(self.handles) + 1
            while hid in self.handles:
                hid += 1
            self.handles[hid], self._hids[id(obj)] = obj, hid
        return {"h": [hid, _name(obj), callable(obj)]}

    def _decode(self, tag: str, payload: Any, decoder: Decoder) -> Any:
        if tag == "cb" and type(payload) is list and len(payload) == 2:
            return Callback(self, payload[0], str(payload[1]))
        if tag == "pkl":  # the trusted side's own estimator (this side unpickles; the trusted side never does)
            return pickle.loads(bytes(decoder.buffer(payload)))
        if tag != "h":
            raise ChannelError(f"a value of unknown kind {tag[:20]!r}")
        return self._handle(payload)

    def _handle(self, hid: Any) -> Any:
        if type(hid) is not int or hid not in self.handles:
            raise ChannelError("a handle this process does not know (released?)")
        return self.handles[hid]


class Callback:
    """A test's own function, passed to the learner's code: calling it asks the trusted side to run it."""

    def __init__(self, agent: Agent, cid: Any, name: str) -> None:
        self.agent, self.cid, self.__name__ = agent, cid, name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        endpoint = self.agent.endpoint
        if endpoint is None:
            raise RuntimeError(f"the test's {self.__name__}() can only be called while the test runs")
        if threading.get_ident() != self.agent.serving:  # the channel serves one call at a time, in one thread
            raise RuntimeError(f"the test's {self.__name__}() can only be called from the thread the test called")
        header, buffers = Encoder(self.agent._encode).message(args=args, kwargs=kwargs)
        reply, reply_buffers = endpoint.request({**header, "op": "callback", "cb": self.cid}, buffers)
        if "raised" in reply:
            raised = reply["raised"]
            kind = getattr(builtins, str(raised.get("builtin")), Exception)
            kind = kind if isinstance(kind, type) and issubclass(kind, Exception) else Exception
            raise kind(str(raised.get("message", "")))
        if "ok" not in reply:
            raise RuntimeError(f"the test's {self.__name__}() could not be called: {reply.get('refused', '')}")
        return Decoder(reply, reply_buffers, self.agent._decode).decode("ok")


def together(fn: Any, args: tuple, kwargs: dict, threads: int, repeat: int) -> list[str | None]:
    """`fn(*args, **kwargs)` `repeat` times in each of `threads` threads released at once: per thread, None when
    every call returned, else "Type: message" of the first that raised."""
    import warnings

    barrier, outcomes = threading.Barrier(threads), [None] * threads

    def calls(index: int) -> None:
        try:
            barrier.wait()
            for _ in range(repeat):
                fn(*args, **kwargs)
        except BaseException as exc:
            outcomes[index] = f"{type(exc).__name__}: {str(exc)[:MAX_MESSAGE]}"

    started = [threading.Thread(target=calls, args=(index,), daemon=True) for index in range(threads)]
    with warnings.catch_warnings():  # dropped, as `checks.run` drops them
        warnings.simplefilter("ignore")
        for thread in started:
            thread.start()
        for thread in started:
            thread.join()
    return outcomes


def _watched(run: Any, target: Any, forbid: tuple[str, ...], args: tuple, kwargs: dict) -> tuple[dict, Any, str]:
    """`run(target, ...)` with `checks.run`'s watch for the forbidden packages (a tripwire: this process is the
    learner's); the offender found, if any."""
    from course.checks.forbid import CallWatcher, static_offender

    watcher = CallWatcher(forbid)
    with watcher:
        raised, result = run(target, *args, **kwargs)
    offender = "removed the grader's call watcher" if watcher.tampered else watcher.offender
    if not raised and not offender:
        offender = static_offender(target, forbid)
    return raised, result, offender or ""


def _name(obj: Any) -> str:
    try:
        name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
        return name[:80] if type(name) is str else f"{type(obj).__name__[:60]} object"
    except Exception:
        return "object"


def _describe(exc: BaseException) -> dict:
    """An exception as text: the learner's type name, its nearest builtin type, and its message."""
    builtin = next((c.__name__ for c in type(exc).__mro__ if getattr(builtins, c.__name__, None) is c), "Exception")
    try:
        message = str(exc)
    except Exception:
        message = "<an exception whose message could not be read>"
    return {"type": str(type(exc).__name__)[:80], "builtin": builtin, "message": message[:MAX_MESSAGE]}


def _snapshot(obj: Any) -> Any:
    """What tells whether an object the trusted side sent was changed in place (references are held, so no id is
    reused)."""
    kind = type(obj)
    if kind is list:
        return list(obj)
    if kind is set:
        return list(obj)
    if kind is Record:
        return list(vars(obj).items())
    if isinstance(obj, dict):
        return list(obj.items())
    np = loaded("numpy")
    if np is not None and kind is np.random.Generator:
        return generator_state(obj)
    if np is not None and kind is np.ndarray:
        if obj.dtype.kind == "O":
            return (obj.shape, list(obj.ravel()))
        data = np.ascontiguousarray(obj).reshape(-1).view(np.uint8)
        return (obj.shape, obj.dtype.str, hashlib.blake2b(data).digest())
    pd = loaded("pandas")
    if pd is not None and kind in (pd.DataFrame, pd.Series):
        return ("pandas", obj.copy(deep=True))
    return None


def _same(before: Any, after: Any) -> bool:
    if type(before) is tuple and len(before) == 2 and before[0] == "pandas":
        old, new = before[1], after[1]
        return (old.equals(new) and old.index.equals(new.index) and list(old.index.names) == list(new.index.names)
                and (old.name == new.name if old.ndim == 1 else list(old.columns) == list(new.columns)))
    if type(before) is list:
        return len(before) == len(after) and all(_identical(a, b) for a, b in zip(before, after, strict=True))
    if type(before) is tuple and len(before) == 2:
        return before[0] == after[0] and _same(before[1], after[1])
    return before == after


def _identical(a: Any, b: Any) -> bool:
    if type(a) is tuple and type(b) is tuple and len(a) == len(b) == 2:  # a dict's item
        return a[0] is b[0] and a[1] is b[1]
    return a is b


def serve(sock: socket.socket, namespace: dict[str, Any], limit: int = MAX_FRAME) -> None:
    """Answer the trusted side's requests about `namespace` on `sock` until it says goodbye."""
    agent = Agent(namespace)
    agent.endpoint = Endpoint(sock, agent, peer="the trusted side", limit=limit, timeout=None)
    agent.endpoint.serve()


_CELLS: dict[str, Endpoint] = {}  # the connection to the test kernel, kept from one cell to the next


def serve_cell(path: str, namespace: dict[str, Any]) -> None:
    """During one trusted cell: answer the test kernel listening on `path` until it says the cell is over.

    The grader runs this in the learner's kernel for every read-only and test cell. The first call connects; the
    connection and the handles it gave out live on to the next cell, unless the channel broke.
    """
    endpoint = _CELLS.get(path)
    if endpoint is None or endpoint.broken:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(path)
        agent = Agent(namespace)
        endpoint = _CELLS[path] = agent.endpoint = Endpoint(sock, agent, peer="the test kernel", timeout=None)
    endpoint.serve()
