"""The channel's endpoints (course.isolation.channel): requests and replies, nested calls, time-outs, the size limit
and a clear error when the other side dies or sends garbage."""

from __future__ import annotations

import struct
import threading
import time
from collections.abc import Iterator

import pytest

from course.isolation.channel import Endpoint, Loopback
from course.isolation.wire import ChannelError, pack


def echo(header: dict, buffers: list) -> tuple[dict, list]:
    return {"echo": header.get("say"), "sizes": [len(b) for b in buffers]}, [bytes(b) for b in buffers]


class Served:
    """The right end of a socket pair, served by a thread until the test ends."""

    def __init__(self, handler, **options) -> None:
        self.left, self.right = Endpoint.pair(b=handler, **options)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        try:
            self.right.serve()
        except BaseException as exc:
            self.error = exc

    def stop(self) -> None:
        if not self.left.broken:
            self.left.notify({"bye": True})
        self.thread.join(5)
        self.left.close()
        self.right.close()


@pytest.fixture
def served() -> Iterator:
    made: list[Served] = []

    def make(handler=echo, **options) -> Served:
        made.append(Served(handler, **options))
        return made[-1]

    yield make
    for each in made:
        each.stop()


def test_a_request_gets_its_reply_with_buffers(served):
    left = served().left
    for say in ("hello", "again"):
        reply, buffers = left.request({"say": say}, [b"abc", bytearray(b"\x00" * 100)])
        assert reply["echo"] == say and reply["sizes"] == [3, 100] and bytes(buffers[0]) == b"abc"


def test_the_loopback_uses_the_same_wire_format_and_limit():
    left, _right = Loopback.pair(b=echo, limit=10_000)
    reply, buffers = left.request({"say": "hi"}, [b"xy"])
    assert reply["echo"] == "hi" and bytes(buffers[0]) == b"xy"
    with pytest.raises(ChannelError, match="limit"):
        left.request({"say": "x" * 20_000})
    with pytest.raises(ChannelError, match=r"could not answer: .*limit"):
        Loopback.pair(b=lambda h, b: ({"big": "x" * 20_000}, []), limit=10_000)[0].request({})


def test_calls_nest_both_ways():
    """The trusted side calls the learner, whose code calls back a test's function, which calls the learner again."""
    depth = {"n": 0}

    def right_handler(header, buffers):
        n = header["n"]
        if n == 0:
            return {"n": 0}, []
        reply, _ = right.request({"n": n - 1})
        return {"n": reply["n"] + 1}, []

    def left_handler(header, buffers):
        depth["n"] += 1
        reply, _ = left.request({"n": header["n"] - 1}) if header["n"] > 0 else ({"n": 0}, [])
        return {"n": reply["n"] + 1}, []

    left, right = Endpoint.pair(left_handler, right_handler)
    thread = threading.Thread(target=right.serve, daemon=True)
    thread.start()
    reply, _ = left.request({"n": 6})
    assert reply["n"] == 6 and depth["n"] == 3
    left.notify({"bye": True})
    thread.join(5)
    assert not thread.is_alive()


def test_a_handler_that_fails_is_reported_and_the_channel_goes_on(served):
    def handler(header, buffers):
        if header.get("fail"):
            raise KeyError("boom")
        return echo(header, buffers)

    left = served(handler).left
    with pytest.raises(ChannelError, match="could not answer: KeyError"):
        left.request({"fail": True})
    assert left.request({"say": "still here"})[0]["echo"] == "still here"


def test_a_reply_over_the_limit_is_refused_by_the_side_that_would_send_it(served):
    left = served(lambda h, b: ({}, [b"x" * 5000]), limit=4096).left
    with pytest.raises(ChannelError, match=r"could not answer: .*larger than the channel's limit"):
        left.request({})
    with pytest.raises(ChannelError, match="larger than the channel's limit"):
        left.request({}, [b"y" * 5000])


def test_a_frame_announced_over_the_limit_breaks_the_channel_before_it_is_read():
    left, right = Endpoint.pair(limit=4096, timeout=5)
    right.sock.sendall(struct.pack(">Q", 10**12))
    with pytest.raises(ChannelError, match="over the limit"):
        left.request({})
    assert left.broken
    with pytest.raises(ChannelError, match="broken"):
        left.request({})
    right.close()


def test_garbage_breaks_the_channel_with_a_clear_error():
    left, right = Endpoint.pair(timeout=5)
    right.sock.sendall(struct.pack(">Q", 6) + b"\xff" * 6)
    with pytest.raises(ChannelError, match="sent a malformed message"):
        left.request({})
    right.close()


def test_a_reply_to_another_request_breaks_the_channel():
    left, right = Endpoint.pair(timeout=5)
    right.sock.sendall(pack({"re": 99}))
    with pytest.raises(ChannelError, match="not asked"):
        left.request({})
    right.close()


def test_a_silent_side_times_out_and_the_channel_is_then_broken(served):
    left = served(lambda h, b: (time.sleep(h.get("sleep", 0)), ({}, []))[1], timeout=0.3).left
    started = time.monotonic()
    with pytest.raises(ChannelError, match=r"did not answer within 0\.3 s"):
        left.request({"sleep": 1})
    assert time.monotonic() - started < 2
    with pytest.raises(ChannelError, match="broken"):
        left.request({})


def test_a_side_that_dies_gives_a_clear_error():
    left, right = Endpoint.pair(peer="the learner's process", timeout=5)

    def die_while_answering():
        right.sock.recv(1)
        right.sock.close()

    threading.Thread(target=die_while_answering, daemon=True).start()
    with pytest.raises(ChannelError, match=r"the learner's process (closed the channel|is gone)"):
        left.request({"say": "anyone?"})
    with pytest.raises(ChannelError, match="broken"):
        left.request({})


def test_serve_ends_when_the_other_side_says_goodbye_or_leaves():
    left, right = Endpoint.pair(b=echo)
    thread = threading.Thread(target=right.serve, daemon=True)
    thread.start()
    left.notify({"bye": True})
    thread.join(5)
    assert not thread.is_alive()
    left, right = Endpoint.pair(b=echo)
    errors: list = []

    def serve() -> None:
        try:
            right.serve()
        except ChannelError as exc:
            errors.append(str(exc))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    left.close()
    thread.join(5)
    assert not thread.is_alive() and "closed the channel" in errors[0]
