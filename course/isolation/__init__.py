"""Tests outside the learner's process: a foundation that grading does not use yet.

The goal: test cells run in a trusted process that never runs learner code; the learner's cells run in the
sandboxed kernel; read-only cells run in both. A test reaches the learner's functions, constants and objects
through a narrow channel where values cross as plain data, decoded by the trusted side without pickle or any
learner-defined method, and everything else crosses as a handle whose calls and attribute reads go back to the
learner's process. Hidden test source and expected values never enter the learner's process.

Built so far:

- wire.py       frames (a JSON header and binary buffers), size limits, the checks every received field passes
- codec.py      values as plain data: builtins, arrays, datetimes, records; aliasing, cycles, in-place replies
- scientific.py numpy scalars and pandas objects as plain data
- channel.py    an endpoint of a channel (a socket, or a loopback in one process): requests, replies, time-outs
- agent.py      the learner side: what the learner's process answers (globals, attributes and calls of handles)
- trusted.py    the trusted side: the learner's process as `Learner`, handles, the namespace of a test cell

Planned (see the README's security model): the test kernel that executes test cells in the trusted process and
drives the learner's kernel, figures described by the learner's side and rebuilt by the trusted side, and a
from-scratch process where scikit-learn cannot be imported.
"""
