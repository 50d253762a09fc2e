"""Tests outside the learner's process (grading's test kernel, course.plugins.trusted_kernel, is built on it).

The goal: test cells run in a trusted process that never runs learner code; the learner's cells run in the
sandboxed kernel; read-only cells run in both. A test reaches the learner's functions, constants and objects
through a narrow channel where values cross as plain data, decoded by the trusted side without pickle or any
learner-defined method, and everything else crosses as a handle whose calls and attribute reads go back to the
learner's process. Hidden test source and expected values never enter the learner's process.

The parts:

- wire.py       frames (a JSON header and binary buffers), size limits, the checks every received field passes
- codec.py      values as plain data: builtins, arrays, datetimes, records; aliasing, cycles, in-place replies
- scientific.py numpy scalars and pandas objects as plain data
- channel.py    an endpoint of a channel (a socket, or a loopback in one process): requests, replies, time-outs
- agent.py      the learner side: what the learner's process answers (globals, attributes and calls of handles)
- trusted.py    the trusted side: the learner's process as `Learner`, handles, the namespace of a test cell
- figures.py    a matplotlib Figure described as plain data by the learner's side, drawn anew by the trusted side
- files.py      a folder shared with the learner's code: the trusted side's paths are read and written over there
- runner.py     what the test kernel runs: its channels to the learner's kernel and from-scratch copies, the cells

Conventions the rest builds on:

- Data crosses by value: the decoder builds only its own types (builtins, numpy, pandas, datetimes, `Record`).
  Anything else of the learner's stays in the learner's process and is a `Handle` on the trusted side (calls and
  public attribute reads only; no `__eq__`, `__len__`, `__iter__`, `__array__`, no names starting with `_`).
- Identity-sensitive arguments (linked-list nodes, lists sorted in place, arrays changed in place): the trusted side
  sends instances of its own plain classes as records of their public attributes; the reply sends back what the
  learner's code changed, by table id, and the trusted decoder updates its own objects in place, so `result is
  nodes[-1]` holds. Only public attributes cross: a test keeps a private marker in `_name`.
- A library's class (scikit-learn, SciPy), and a library's function the test holds with `checks.in_learner_process`,
  crosses by name (pickled by reference): the learner's process imports its own copy.
- The learner's exceptions are `LearnerError`s that are also instances of the nearest builtin exception type.
- A test cell's globals are a `LearnerNamespace`: trusted names, then builtins, then the learner's globals.

From-scratch calls (`checks.run(fn, ..., forbid=(package, ...))`) go to a copy of the learner's process in which
those packages cannot be imported (course.sandbox.scratch), found by the global name the test used (`Handle._global`).
"""
