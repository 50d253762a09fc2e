"""An endpoint of a channel: requests and replies framed by the codec, over a socket or a loopback in one process.

A request is a header with an `id`; its reply has `re` set to that id. While a side waits for its reply it answers
the other side's requests with its handler, so calls may nest (a learner's function calling back a test's
function). An endpoint serves one request at a time and is not shared between threads. After a time-out, an
oversized or malformed frame, or the other side's death, the endpoint is broken: every later use raises
ChannelError, since the stream can no longer be trusted to be in step.
"""

from __future__ import annotations

import socket
import struct
import time
from collections.abc import Callable
from typing import Any

from course.isolation.wire import MAX_FRAME, ChannelError, pack, unpack

Handler = Callable[[dict, list], tuple[dict, list]]


def _no_handler(header: dict, buffers: list) -> tuple[dict, list]:
    raise ChannelError("this side answers no requests")


class Endpoint:
    """One side of a channel over a connected stream socket.

    `handler(header, buffers) -> (header, buffers)` answers the other side's requests; `peer` names the other side
    in error messages; `limit` bounds the size of every frame either way; `timeout` (seconds, None for none) is how
    long `request` waits for its reply.
    """

    def __init__(self, sock: socket.socket, handler: Handler = _no_handler, *, peer: str = "the other side",
                 limit: int = MAX_FRAME, timeout: float | None = 60.0) -> None:
        self.sock = sock
        self.handler = handler
        self.peer = peer
        self.limit = limit
        self.timeout = timeout
        self.broken: str | None = None
        self._next = 1

    @classmethod
    def pair(cls, a: Handler = _no_handler, b: Handler = _no_handler, **options: Any) -> tuple[Endpoint, Endpoint]:
        """Two endpoints connected by a socketpair (for threads, or one end passed to a child process)."""
        left, right = socket.socketpair()
        return cls(left, a, **options), cls(right, b, **options)

    # requests
    def request(self, header: dict, buffers: list | tuple = (), timeout: float | None = None) -> tuple[dict, list]:
        """Send a request and return its reply, answering the other side's requests meanwhile."""
        rid = self._next
        self._next += 1
        self._send({**header, "id": rid}, buffers)
        wait = self.timeout if timeout is None else timeout
        deadline = None if wait is None else time.monotonic() + wait
        while True:
            reply, reply_buffers = self._receive(deadline, wait)
            if "re" not in reply:
                self._answer(reply, reply_buffers)
                continue
            if reply["re"] != rid:
                raise self._break(f"{self.peer} answered a request it was not asked")
            if "fault" in reply:
                raise ChannelError(f"{self.peer} could not answer: {str(reply['fault'])[:500]}")
            return reply, reply_buffers

    def serve(self) -> None:
        """Answer requests until the other side says goodbye (`notify(bye=True)`) or closes the channel."""
        while True:
            header, buffers = self._receive(None, None)
            if header.get("bye") is True:
                return
            if "re" in header:
                raise self._break(f"{self.peer} sent a reply to no request")
            self._answer(header, buffers)

    def notify(self, header: dict) -> None:
        """A message that expects no reply (`{"bye": True}` ends the other side's `serve`)."""
        self._send(header, ())

    def close(self) -> None:
        self.broken = self.broken or "the channel was closed"
        self.sock.close()

    # frames
    def _answer(self, header: dict, buffers: list) -> None:
        rid = header.get("id")
        try:
            reply, reply_buffers = self.handler(header, buffers)
            frame = pack({**reply, "re": rid}, reply_buffers, self.limit)
        except ChannelError as exc:
            frame = pack({"re": rid, "fault": str(exc)[:500]}, (), self.limit)
        except Exception as exc:  # a fault of this side's handler: the other side hears of it, this side goes on
            frame = pack({"re": rid, "fault": f"{type(exc).__name__}: {str(exc)[:400]}"}, (), self.limit)
        self._write(frame)

    def _send(self, header: dict, buffers: list | tuple) -> None:
        self._write(pack(header, buffers, self.limit))

    def _write(self, frame: bytes) -> None:
        self._check()
        try:
            self.sock.settimeout(self.timeout)
            self.sock.sendall(frame)
        except (TimeoutError, OSError) as exc:
            raise self._break(f"{self.peer} is gone ({type(exc).__name__}): it exited or died") from None

    def _receive(self, deadline: float | None, wait: float | None) -> tuple[dict, list]:
        self._check()
        (size,) = struct.unpack(">Q", self._read(8, deadline, wait))
        if size > self.limit:
            raise self._break(f"{self.peer} sent a message of {size:,} bytes, over the limit of {self.limit:,}")
        try:
            return unpack(self._read(size, deadline, wait))
        except ChannelError as exc:
            raise self._break(f"{self.peer} sent {exc}") from None

    def _read(self, size: int, deadline: float | None, wait: float | None) -> bytearray:
        data = bytearray(size)
        view = memoryview(data)
        done = 0
        while done < size:
            try:
                self.sock.settimeout(None if deadline is None else max(deadline - time.monotonic(), 0.001))
                count = self.sock.recv_into(view[done:])
            except TimeoutError:
                raise self._break(f"{self.peer} did not answer within {wait:g} s") from None
            except OSError as exc:
                raise self._break(f"{self.peer} is gone ({type(exc).__name__}): it exited or died") from None
            if count == 0:
                raise self._break(f"{self.peer} closed the channel: it exited or died")
            done += count
        return data

    def _check(self) -> None:
        if self.broken:
            raise ChannelError(f"the channel is broken: {self.broken}")

    def _break(self, reason: str) -> ChannelError:
        self.broken = reason
        self.sock.close()
        return ChannelError(reason)


class Loopback:
    """Both sides of a channel in one process and one thread: every message is packed and unpacked (the same wire
    format and size limit as a socket), then handed to the other side's handler directly. For tests."""

    def __init__(self, handler: Handler = _no_handler, *, peer: str = "the other side", limit: int = MAX_FRAME) -> None:
        self.handler = handler
        self.peer = peer
        self.limit = limit
        self.other: Loopback | None = None
        self.broken: str | None = None

    @classmethod
    def pair(cls, a: Handler = _no_handler, b: Handler = _no_handler, **options: Any) -> tuple[Loopback, Loopback]:
        left, right = cls(a, **options), cls(b, **options)
        left.other, right.other = right, left
        return left, right

    def request(self, header: dict, buffers: list | tuple = (), timeout: float | None = None) -> tuple[dict, list]:
        """Send a request through the wire format and return the other side's reply."""
        if self.broken or self.other is None or self.other.broken:
            raise ChannelError(f"the channel is broken: {self.broken or 'the other side closed it'}")
        sent = pack({**header, "id": 1}, buffers, self.limit)
        request, request_buffers = unpack(memoryview(bytearray(sent))[8:])
        try:
            reply, reply_buffers = self.other.handler(request, request_buffers)
            frame = pack({**reply, "re": 1}, reply_buffers, self.limit)
        except ChannelError as exc:
            frame = pack({"re": 1, "fault": str(exc)[:500]}, (), self.limit)
        header, buffers = unpack(memoryview(bytearray(frame))[8:])
        if "fault" in header:
            raise ChannelError(f"{self.peer} could not answer: {str(header['fault'])[:500]}")
        return header, buffers

    def notify(self, header: dict) -> None:
        pack(header, (), self.limit)

    def close(self) -> None:
        self.broken = "the channel was closed"
