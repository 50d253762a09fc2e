"""`forbid=`: refuse scikit-learn (or scipy, numpy, single functions) inside a from-scratch exercise.

Two nets: a profile hook notes every call into a forbidden package while the learner's function runs
(`CallWatcher`), and a static look at the names the function and its helpers refer to (`static_offender`) catches
what leaves no trace a profiler sees (ufuncs such as scipy's `expit`). The home of callables without a
`__module__` is looked up once per set of imported modules (`_homes`, refreshed when more are imported).
"""

from __future__ import annotations

import builtins
import importlib
import inspect
import os
import sys
import threading
import types
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


class CallWatcher:
    """Notes any call into the forbidden packages while active (a sys.setprofile hook)."""

    def __init__(self, packages: Iterable[str]) -> None:
        self.packages = tuple(packages)
        self.roots = tuple(package_roots(self.packages))
        self.functions = _function_codes(self.packages)
        self.prefixes = tuple(f"{p}." for p in self.packages)
        self.offender: str | None = None
        self.tampered = False
        self._installed = self._hook  # one bound-method object, so identity can be checked on exit

    def _hook(self, frame: Any, event: str, arg: Any) -> None:
        if self.offender is not None:
            return
        if event == "call":
            if frame.f_code in self.functions:
                self.offender = self.functions[frame.f_code]
                return
            filename = frame.f_code.co_filename
            module = frame.f_globals.get("__name__") or ""
            if self._forbidden(module) or filename.startswith(self.roots):
                self.offender = f"{module or filename}.{frame.f_code.co_name}"
        elif event == "c_call":
            module = getattr(arg, "__module__", None) or ""
            if self._forbidden(module):
                self.offender = f"{module}.{getattr(arg, '__name__', '?')}"

    def _forbidden(self, module: str) -> bool:
        """`module` is one of the forbidden packages or modules, or inside one of them."""
        return module in self.packages or module.startswith(self.prefixes)

    def __enter__(self) -> CallWatcher:
        self._previous = sys.getprofile()
        threading.setprofile(self._installed)
        sys.setprofile(self._installed)
        return self

    def __exit__(self, *exc: object) -> None:
        current = sys.getprofile()
        sys.setprofile(self._previous)
        threading.setprofile(None)
        if current is not self._installed and exc[0] is None:
            self.tampered = True


def _forbidden_object(value: Any, names: Sequence[str], catalogue: dict[int, str]) -> str | None:
    """The dotted name of `value` when it belongs to one of the forbidden packages (or is listed by identity)."""
    if isinstance(value, types.ModuleType):
        module = value.__name__
    else:
        module = getattr(value, "__module__", None) or ""
        if id(value) in catalogue:
            return f"{catalogue[id(value)]}.{getattr(value, '__name__', '?')}"
    if module and any(module == n or module.startswith(n + ".") for n in names):
        return module if isinstance(value, types.ModuleType) else f"{module}.{getattr(value, '__name__', '?')}"
    return None


_homes: dict[str, object] = {"size": -1, "homes": {}}


def _homeless_callables_of(names: tuple[str, ...]) -> dict[int, str]:
    """id -> module for callables without a `__module__` (e.g. scipy's ufuncs) whose home is a forbidden package.

    The home of such an object is the first module, in import order, that holds it: the extension that defines
    it, not the modules that merely import it (sklearn re-exports scipy's `expit`). Cached until more modules
    are imported."""
    if _homes["size"] != len(sys.modules):
        homes: dict[int, str] = {}
        ordinary = {id(v) for v in vars(builtins).values()}
        for module_name, module in list(sys.modules.items()):
            if not isinstance(module, types.ModuleType) or module_name.startswith("__"):
                continue  # __main__ is the learner's namespace: holding an object there does not make it theirs
            for value in list(vars(module).values()):
                homeless = not isinstance(getattr(value, "__module__", None), str)
                if homeless and callable(value) and id(value) not in ordinary:
                    homes.setdefault(id(value), module_name)
        _homes.update(size=len(sys.modules), homes=homes)
    homes = _homes["homes"]
    assert isinstance(homes, dict)
    return {key: home for key, home in homes.items() if any(home == n or home.startswith(n + ".") for n in names)}


def static_offender(fn: Any, names: Sequence[str], depth: int = 3) -> str | None:
    """A forbidden module or function the learner's code refers to by name, even when calling it leaves no trace
    a profiler sees (numpy and scipy ufuncs such as `expit` run without a Python frame or a built-in call event).
    Follows the learner's own helper functions a few levels deep."""
    catalogue = _homeless_callables_of(tuple(names))
    seen: set[int] = set()

    def visit(function: Any, level: int) -> str | None:
        code = getattr(function, "__code__", None)
        if code is None or id(code) in seen or level > depth:
            return None
        seen.add(id(code))
        for cell in getattr(function, "__closure__", None) or ():
            try:
                found = _forbidden_object(cell.cell_contents, names, catalogue)
            except ValueError:  # an empty cell
                continue
            if found:
                return found
        namespace = getattr(function, "__globals__", {})
        codes = [code]
        while codes:
            current = codes.pop()
            codes.extend(c for c in current.co_consts if isinstance(c, types.CodeType))
            for name in current.co_names:
                if any(name == n or name.startswith(n + ".") for n in names) and name not in namespace:
                    return name  # an import of a forbidden module inside the function
                value = namespace.get(name, getattr(builtins, name, None))
                if value is None:
                    continue
                found = _forbidden_object(value, names, catalogue)
                if found:
                    return found
                if isinstance(value, types.FunctionType) and value.__module__ == namespace.get("__name__"):
                    found = visit(value, level + 1)
                    if found:
                        return found
        return None

    return visit(fn, 0)


def _function_codes(names: Iterable[str]) -> dict[Any, str]:
    """Code objects of single forbidden functions named by a dotted path, e.g. "pandas.merge_asof".

    Matching the code object catches every way of reaching the function (`pd.merge_asof`,
    `from pandas import merge_asof`, an alias) without forbidding the rest of its module.
    """
    codes: dict[Any, str] = {}
    for name in names:
        module_name, _, attribute = name.rpartition(".")
        if not module_name:
            continue
        try:
            target = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError):
            continue
        code = getattr(inspect.unwrap(target), "__code__", None)
        if code is not None:
            codes[code] = name
    return codes


def package_roots(packages: Iterable[str]) -> list[str]:
    """Path prefixes of the code of `packages`: a package's folders, a plain module's file.

    Each location is listed as imported (the spelling `co_filename` uses, e.g. through a symlinked venv)
    and resolved; folders end with a separator so that "sklearn" does not also match "sklearn_extra".
    """
    roots: list[str] = []
    for package in packages:
        module = sys.modules.get(package)
        if module is None:
            try:
                module = importlib.import_module(package)
            except ImportError:
                continue
        folders = [str(Path(location)) + os.sep for location in getattr(module, "__path__", [])]
        files = [] if folders else [str(Path(module.__file__))] if getattr(module, "__file__", None) else []
        for location in folders + files:
            roots.append(location)
            resolved = str(Path(location).resolve()) + (os.sep if location.endswith(os.sep) else "")
            roots.append(resolved)
    return list(dict.fromkeys(roots))
