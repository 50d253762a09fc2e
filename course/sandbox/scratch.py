"""From-scratch kernels: a grading kernel in which the packages an exercise forbids (scikit-learn, scipy, ...) cannot
be used.

With the sandbox on, the packages are not in the kernel's filesystem at all (`course.sandbox.bwrap.hide_packages`)
and the kernel template it is forked from never imported them. In every mode, `HiddenPackages`, first on
`sys.meta_path`, answers for them: while the template preloads, it refuses them (anything that needs them is left
out); in the kernel it gives stub modules, so a setup cell such as `from sklearn.datasets import make_classification`
still runs, and only a use of what it imported (a call, iteration, a base class, arithmetic, ...) fails, with
`ForbiddenInScratch`.

Without the sandbox the finder is all there is: learner code can take it off `sys.meta_path` and import the real
package, so a from-scratch kernel there is a convenience for a learner's own checks, not a wall.

Standard library only: the kernel template imports it before anything else.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Iterable
from typing import Any, NoReturn

LABELS = {"sklearn": "scikit-learn", "scipy": "SciPy", "networkx": "NetworkX", "numpy": "NumPy"}
# What a kernel needs to run at all: never hidden.
KERNEL_PACKAGES = frozenset({"course", "ipykernel", "IPython", "jupyter_client", "jupyter_core", "zmq", "traitlets",
                             "tornado", "comm", "debugpy"})


class ForbiddenInScratch(ImportError):
    """Learner code used a package that a from-scratch exercise forbids."""


def normalise(packages: str | Iterable[str] | None) -> tuple[str, ...]:
    """Top-level package names to hide, sorted and without repeats; refuses anything else (a dotted name, a path,
    a standard-library module, a package the kernel itself needs)."""
    names = [packages] if isinstance(packages, str) else list(packages or ())
    for name in names:
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"not a top-level package name: {name!r}")
        if name in sys.stdlib_module_names or name in KERNEL_PACKAGES:
            raise ValueError(f"{name!r} cannot be hidden from a kernel")
    return tuple(sorted(set(names)))


def top_level(name: str) -> str:
    return name.partition(".")[0]


def refusal(what: str) -> ForbiddenInScratch:
    package = top_level(what)
    label = LABELS.get(package, package)
    return ForbiddenInScratch(f"{label} is not available in a from-scratch exercise ({what})", name=package)


def _attribute(owner: str, name: str) -> Stub:
    """A stub for `owner.name`; special names (`__version__`, `__all__`, `__wrapped__`, ...) are missing, so
    that the protocols Python and libraries probe for are not found."""
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(f"{owner}.{name}: {refusal(owner)}")
    return Stub(f"{owner}.{name}")


class Stub:
    """Stands for anything taken from a hidden package: every attribute is another stub, every real use fails."""

    __slots__ = ("_stub_of",)

    def __init__(self, what: str) -> None:
        object.__setattr__(self, "_stub_of", what)

    def __getattr__(self, name: str) -> Stub:
        return _attribute(self._stub_of, name)

    def __repr__(self) -> str:
        return f"<{self._stub_of}: not available in a from-scratch exercise>"

    def __dir__(self) -> list[str]:
        return []


def _refuse(operation: str):
    def refuse(self: Stub, *args: Any, **kwargs: Any) -> NoReturn:
        raise refusal(object.__getattribute__(self, "_stub_of"))

    refuse.__name__ = operation
    return refuse


# Every use that needs the real object. Hashing, identity, `==` and repr stay harmless.
NEEDS_THE_REAL_THING = (
    "__call__", "__iter__", "__next__", "__len__", "__bool__", "__contains__", "__getitem__", "__setitem__",
    "__delitem__", "__setattr__", "__delattr__", "__mro_entries__", "__instancecheck__", "__subclasscheck__",
    "__enter__", "__exit__", "__aenter__", "__aexit__", "__await__", "__aiter__",
    "__lt__", "__le__", "__gt__", "__ge__", "__int__", "__float__", "__complex__", "__index__", "__round__",
    "__neg__", "__pos__", "__abs__", "__invert__", "__array__", "__reduce__", "__reduce_ex__", "__fspath__",
    *(f"__{prefix}{op}__" for op in ("add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "divmod", "pow",
                                     "lshift", "rshift", "and", "xor", "or") for prefix in ("", "r", "i")),
)
for _operation in NEEDS_THE_REAL_THING:
    setattr(Stub, _operation, _refuse(_operation))


class StubModule(types.ModuleType):
    """A hidden package or one of its submodules: its attributes are stubs."""

    def __getattr__(self, name: str) -> Stub:
        return _attribute(self.__name__, name)

    def __repr__(self) -> str:
        return f"<module {self.__name__!r} (not available in a from-scratch exercise)>"


class HiddenPackages(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """The import finder of the hidden packages: refuses them (`stubs` False) or gives stub modules."""

    def __init__(self, hidden: Iterable[str], stubs: bool = True) -> None:
        self.hidden = frozenset(hidden)
        self.stubs = stubs

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if top_level(fullname) not in self.hidden:
            return None
        if not self.stubs:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return StubModule(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        pass


def install(hidden: Iterable[str], stubs: bool = True) -> HiddenPackages:
    """Put the finder first on `sys.meta_path` (replacing an earlier one); refuses if a hidden package is already
    imported, since its real modules would stay reachable."""
    finder = HiddenPackages(hidden, stubs)
    loaded = sorted(name for name, module in sys.modules.items()
                    if top_level(name) in finder.hidden and not isinstance(module, StubModule))
    if loaded:
        raise RuntimeError(f"already imported, cannot be hidden: {', '.join(loaded[:5])}")
    sys.meta_path[:] = [finder, *(f for f in sys.meta_path if not isinstance(f, HiddenPackages))]
    return finder


def plain_kernel_command(hidden: tuple[str, ...], argv: list[str]) -> list[str]:
    """A kernel started as a new interpreter (not forked) with the finder installed first (see `main`)."""
    return [sys.executable, "-m", "course.sandbox.scratch", ",".join(hidden), *argv]


def main() -> None:
    """`python -m course.sandbox.scratch sklearn,scipy ARGV...`: an IPython kernel (ARGV as for ipykernel_launcher)
    with those packages hidden."""
    install(normalise(sys.argv[1].split(",")))
    sys.argv = ["ipykernel_launcher", *sys.argv[2:]]
    from ipykernel.kernelapp import launch_new_instance

    launch_new_instance()


if __name__ == "__main__":
    main()
