"""Runtime guard in a grading kernel: learner code must not replace what the tests rely on.

Installed before the kernel starts (by the fork server), as an audit hook, which Python code cannot remove.
When the first notebook cell starts, it records the functions and classes of the libraries and helpers the
tests use (numpy, pandas, scipy, scikit-learn, `course.checks`, builtins and a few standard modules), including the
methods of their classes. Whenever a later cell starts, it compares: if learner code replaced one of them, that
cell (and every later one) fails with `TamperingDetected`, so those tests earn nothing, and the grader flags the
submission with the reason. It also refuses the interpreter hooks a cheat needs: code-object swaps on functions,
profile/trace functions installed by learner code, and digging through the garbage collector.

This is a tripwire in the learner's own process, not a wall: patches that undo themselves before the next cell
starts are not seen. The wall is the sandbox (course.sandbox.bwrap); the static scan (course.sandbox.tamper) and this
guard catch the tampering that plain code can do.
"""

from __future__ import annotations

import operator
import sys
import types
from collections.abc import Callable

from course.sandbox.protected import GUARDED as PROTECTED

# Names IPython and ipykernel rebind themselves around every execution.
MANAGED = {("builtins", name) for name in ("input", "raw_input", "get_ipython", "display", "exit", "quit",
                                           "__IPYTHON__", "help", "breakpoint", "copyright", "credits", "license")}
REFUSED_EVENTS = {"gc.get_objects", "gc.get_referrers", "gc.get_referents"}


class TamperingDetected(Exception):
    """Learner code changed what the grader's tests rely on."""


def _in_package(name: str) -> bool:
    return name.partition(".")[0] in PROTECTED  # PROTECTED holds top-level packages only


def _protected(name: str) -> bool:
    """A public module (no private `_x` part) of the protected packages."""
    return _in_package(name) and not any(part.startswith("_") for part in name.split(".")[1:])


Entry = tuple[str, object, str, object]  # (owner, live mapping, attribute, original object)


def _snapshot() -> list[Entry]:
    """Every callable and class of the protected modules, and the members of their classes, with the live
    namespace each one sits in (module and class namespaces are never replaced, only written to)."""
    entries: list[Entry] = []
    seen_classes: set[int] = set()
    for module_name, module in list(sys.modules.items()):
        if not isinstance(module, types.ModuleType) or not _protected(module_name):
            continue
        namespace = module.__dict__
        for name, value in list(namespace.items()):
            if not callable(value) or (module_name, name) in MANAGED:
                continue
            entries.append((module_name, namespace, name, value))
            if isinstance(value, type) and id(value) not in seen_classes and _in_package(value.__module__ or ""):
                seen_classes.add(id(value))
                members = value.__dict__
                owner = f"{value.__module__}.{value.__qualname__}"
                for attribute, member in list(members.items()):
                    if callable(member) or isinstance(member, (classmethod, staticmethod, property)):
                        entries.append((owner, members, attribute, member))
    return entries


Packed = list[tuple[object, Callable[[object], tuple], tuple]]  # (live mapping, getter of its names, originals)


def _pack(entries: list[Entry]) -> Packed:
    """The snapshot grouped by namespace, so that `_unchanged` compares each namespace's originals in one C call."""
    groups: dict[int, tuple[object, list[str], list[object]]] = {}
    for _, namespace, name, original in entries:
        group = groups.setdefault(id(namespace), (namespace, [], []))
        group[1].append(name)
        group[2].append(original)
    packed: Packed = []
    for namespace, names, originals in groups.values():
        getter = operator.itemgetter(*names)
        if len(names) == 1:  # itemgetter of one name returns the value itself, not a 1-tuple
            packed.append((namespace, lambda mapping, get=getter: (get(mapping),), tuple(originals)))
        else:
            packed.append((namespace, getter, tuple(originals)))
    return packed


def _unchanged(packed: Packed) -> bool:
    """Whether every snapshot entry is still the very same object in its namespace (identity, never equality)."""
    for namespace, getter, originals in packed:
        try:
            current = getter(namespace)
        except KeyError:
            return False
        if not all(map(operator.is_, current, originals)):
            return False
    return True


def _changes(entries: list[Entry]) -> list[str]:
    missing = _MISSING
    return [f"{owner}.{name}" for owner, namespace, name, original in entries
            if namespace.get(name, missing) is not original]


_MISSING = object()


def _is_cell(code: object) -> bool:
    filename = getattr(code, "co_filename", "")
    return "ipykernel_" in filename or filename.startswith("<ipython-input")


def _called_from_cell(state: dict) -> bool:
    """Whether the Python code that raised the current audit event is a notebook cell (learner code)."""
    state["busy"] = True
    try:
        frame = sys._getframe(2)  # 0: this function, 1: the hook, 2: the code that raised the event
        return _is_cell(frame.f_code)
    except ValueError:
        return False
    finally:
        state["busy"] = False


def install() -> None:
    """Arm the guard in this process (call before any learner code runs)."""
    state: dict[str, object] = {"snapshot": None, "packed": None, "tripped": None, "busy": False, "cell": None}

    def hook(event: str, args: tuple) -> None:
        if state["busy"]:
            return
        if event in REFUSED_EVENTS:
            state["tripped"] = state["tripped"] or f"learner code called {event}()"
            raise TamperingDetected(f"{event}() is not allowed while grading")
        if state["snapshot"] is None:
            pass  # the kernel is still starting: nothing here is learner code yet
        elif event in ("object.__setattr__", "sys.setprofile", "sys.settrace"):
            if event == "object.__setattr__" and (len(args) < 2 or args[1] not in ("__code__", "__defaults__",
                                                                                  "__kwdefaults__")):
                return
            if _called_from_cell(state):  # libraries may do this; learner cells have no reason to
                what = f"replaced the code of {args[0]!r}" if event == "object.__setattr__" else f"called {event}()"
                state["tripped"] = state["tripped"] or f"learner code {what}"
            return
        if event != "exec" or not args or not _is_cell(args[0]):
            return
        cell = args[0].co_filename
        if cell == state["cell"] and not state["tripped"]:
            return  # IPython runs a cell as several exec calls: one check per cell is enough
        state["cell"] = cell
        state["busy"] = True
        try:
            if state["snapshot"] is None:
                state["snapshot"] = _snapshot()
                state["packed"] = _pack(state["snapshot"])  # type: ignore[arg-type]
            elif state["tripped"] is None and not _unchanged(state["packed"]):  # type: ignore[arg-type]
                changed = _changes(state["snapshot"])  # type: ignore[arg-type]
                if changed:
                    shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
                    state["tripped"] = f"learner code replaced {shown}"
            if state["tripped"]:
                raise TamperingDetected(f"{state['tripped']}; this cell and every later one earn nothing")
        finally:
            state["busy"] = False

    sys.addaudithook(hook)
