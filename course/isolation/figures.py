"""Figures across the channel: the learner's side describes a matplotlib Figure as plain data, the trusted side
draws a Figure of its own from that description.

A test then inspects a real matplotlib Figure (`isinstance(fig, Figure)`, `fig.axes[0].get_title()`, `ax.lines`,
`ax.patches`, `ax.containers`, `ax.images`, `ax.texts`, tick labels, limits, the legend's texts), and no method of
the learner's objects runs on the trusted side. What a description holds per Axes: its position, title, axis
labels, limits, ticks and tick labels, lines (x, y, label), rectangles (x, y, width, height, label) and which of
them form bar containers, images (the array), texts (text and position), scatter offsets, and the legend's texts.
Everything is checked on arrival (types, sizes, finite numbers where drawing needs them); a description that is
not plain data of this shape is refused.
"""

from __future__ import annotations

from typing import Any

from course.isolation.wire import ChannelError, loaded

MAX_AXES = 32
MAX_ARTISTS = 20_000  # lines, rectangles, texts, images and collections of one Axes
MAX_TEXT = 2_000


def is_figure(obj: Any) -> bool:
    """`obj` is a matplotlib Figure (exactly that class), in a process where matplotlib is loaded."""
    figure = loaded("matplotlib.figure")
    return figure is not None and type(obj) is getattr(figure, "Figure", None)


def describe(fig: Any) -> dict:
    """The learner's side: a Figure as plain data (lists, text, floats and numpy arrays)."""
    import numpy as np

    axes = []
    for ax in fig.axes[:MAX_AXES]:
        patches = [p for p in ax.patches if type(p).__name__ == "Rectangle"][:MAX_ARTISTS]
        index = {id(p): i for i, p in enumerate(patches)}
        legend = ax.get_legend()
        axes.append({
            "position": [float(v) for v in ax.get_position().bounds],
            "title": ax.get_title(), "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
            "xlim": [float(v) for v in ax.get_xlim()], "ylim": [float(v) for v in ax.get_ylim()],
            "xticks": np.asarray(ax.get_xticks(), dtype=float),
            "xticklabels": [t.get_text() for t in ax.get_xticklabels()],
            "yticks": np.asarray(ax.get_yticks(), dtype=float),
            "yticklabels": [t.get_text() for t in ax.get_yticklabels()],
            "lines": [_line(line) for line in ax.lines[:MAX_ARTISTS]],
            "rectangles": [{"x": float(p.get_x()), "y": float(p.get_y()), "width": float(p.get_width()),
                            "height": float(p.get_height()), "label": str(p.get_label())} for p in patches],
            "containers": [[index[id(p)] for p in c if id(p) in index] for c in ax.containers[:MAX_ARTISTS]
                           if type(c).__name__ == "BarContainer"],
            "images": [np.asarray(image.get_array()) for image in ax.images[:MAX_ARTISTS]],
            "texts": [{"text": t.get_text(), "x": float(t.get_position()[0]), "y": float(t.get_position()[1])}
                      for t in ax.texts[:MAX_ARTISTS]],
            "scatters": [np.asarray(c.get_offsets(), dtype=float) for c in ax.collections[:MAX_ARTISTS]
                         if type(c).__name__ == "PathCollection"],
            "legend": None if legend is None else [t.get_text() for t in legend.get_texts()],
        })
    return {"axes": axes}


def as_tuples(value: Any) -> Any:
    """A description with its lists and dicts as tagged tuples (the channel builds tuples as soon as it reads them,
    so the trusted side can draw the figure while it decodes the message)."""
    if type(value) is dict:
        return ("{}", tuple((key, as_tuples(item)) for key, item in value.items()))
    if type(value) is list:
        return ("[]", tuple(as_tuples(item) for item in value))
    return value


def from_tuples(value: Any, depth: int = 0) -> Any:
    """The inverse of `as_tuples`, on received data (refused when it is not of that shape)."""
    if depth > 12:
        raise ChannelError("a figure description nested too deeply")
    if type(value) is not tuple:
        return value
    if len(value) != 2 or value[0] not in ("{}", "[]") or type(value[1]) is not tuple:
        raise ChannelError("a malformed figure description")
    if value[0] == "[]":
        return [from_tuples(item, depth + 1) for item in value[1]]
    pairs = value[1]
    if any(type(pair) is not tuple or len(pair) != 2 or type(pair[0]) is not str for pair in pairs):
        raise ChannelError("a malformed figure description")
    return {key: from_tuples(item, depth + 1) for key, item in pairs}


def _line(line: Any) -> dict:
    import numpy as np

    try:
        x, y = np.asarray(line.get_xdata(), dtype=float), np.asarray(line.get_ydata(), dtype=float)
    except (TypeError, ValueError):  # categories or dates: the positions matplotlib converted them to
        x, y = np.asarray(line.get_xydata(), dtype=float).reshape(-1, 2).T
    return {"x": x, "y": y, "label": str(line.get_label())}


def rebuild(description: Any) -> Any:
    """The trusted side: a new Figure (open in pyplot, like one a notebook made) drawn from a checked description."""
    import matplotlib.pyplot as plt
    from matplotlib.container import BarContainer
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    axes = _items(_field(description, "axes", list), MAX_AXES, "Axes")
    fig = plt.figure()
    try:
        for spec in axes:
            ax = fig.add_axes(_numbers(spec, "position", 4))
            ax.set_title(_text(spec, "title"))
            ax.set_xlabel(_text(spec, "xlabel"))
            ax.set_ylabel(_text(spec, "ylabel"))
            for line in _items(_field(spec, "lines", list), MAX_ARTISTS, "lines"):
                ax.plot(_array(line, "x", 1), _array(line, "y", 1), label=_text(line, "label"))
            rectangles = []
            for item in _items(_field(spec, "rectangles", list), MAX_ARTISTS, "rectangles"):
                x, y, width, height = (_number(item, key) for key in ("x", "y", "width", "height"))
                rectangles.append(ax.add_patch(Rectangle((x, y), width, height, label=_text(item, "label"))))
            for members in _items(_field(spec, "containers", list), MAX_ARTISTS, "containers"):
                chosen = [rectangles[_index(i, len(rectangles))] for i in _items(members, MAX_ARTISTS, "bars")]
                ax.add_container(BarContainer(chosen))
            for image in _items(_field(spec, "images", list), MAX_ARTISTS, "images"):
                ax.imshow(_checked_array(image, (2, 3), "an image"))
            for text in _items(_field(spec, "texts", list), MAX_ARTISTS, "texts"):
                ax.text(_number(text, "x"), _number(text, "y"), _text(text, "text"))
            for offsets in _items(_field(spec, "scatters", list), MAX_ARTISTS, "scatters"):
                points = _checked_array(offsets, (2,), "scatter offsets").reshape(-1, 2)
                ax.scatter(points[:, 0], points[:, 1])
            for axis in ("x", "y"):
                ticks = _array(spec, f"{axis}ticks", 1)
                labels = [_as_text(t) for t in _items(_field(spec, f"{axis}ticklabels", list), MAX_ARTISTS, "ticks")]
                getattr(ax, f"set_{axis}ticks")(ticks, labels=labels if len(labels) == len(ticks) else None)
            ax.set_xlim(*_numbers(spec, "xlim", 2))
            ax.set_ylim(*_numbers(spec, "ylim", 2))
            legend = _field(spec, "legend", (list, type(None)))
            if legend is not None:
                texts = [_as_text(t) for t in _items(legend, MAX_ARTISTS, "legend texts")]
                ax.legend(handles=[Line2D([], []) for _ in texts], labels=texts)
        return fig
    except ChannelError:
        plt.close(fig)
        raise
    except (TypeError, ValueError, OverflowError) as exc:
        plt.close(fig)
        raise ChannelError(f"a figure that cannot be drawn ({type(exc).__name__}: {str(exc)[:200]})") from None


def _field(spec: Any, key: str, kind: type | tuple[type, ...]) -> Any:
    if type(spec) is not dict or key not in spec or not isinstance(spec[key], kind):
        raise ChannelError(f"a figure description without a valid {key!r}")
    return spec[key]


def _items(values: Any, limit: int, what: str) -> list:
    if type(values) is not list or len(values) > limit:
        raise ChannelError(f"a figure description with too many {what}")
    return values


def _as_text(value: Any) -> str:
    if type(value) is not str or len(value) > MAX_TEXT:
        raise ChannelError("a figure description with a text that is not text")
    return value


def _text(spec: Any, key: str) -> str:
    return _as_text(_field(spec, key, str))


def _number(spec: Any, key: str) -> float:
    value = _field(spec, key, (int, float))
    if type(value) is bool:
        raise ChannelError(f"a figure description with a boolean {key!r}")
    return float(value)


def _numbers(spec: Any, key: str, count: int) -> list[float]:
    values = _items(_field(spec, key, list), count, key)
    if len(values) != count or any(type(v) not in (int, float) for v in values):
        raise ChannelError(f"a figure description with a malformed {key!r}")
    return [float(v) for v in values]


def _index(value: Any, size: int) -> int:
    if type(value) is not int or not 0 <= value < size:
        raise ChannelError("a bar container naming a rectangle that is not there")
    return value


def _array(spec: Any, key: str, dimensions: int) -> Any:
    return _checked_array(spec.get(key) if type(spec) is dict else None, (dimensions,), key)


def _checked_array(value: Any, dimensions: tuple[int, ...], what: str) -> Any:
    import numpy as np

    if type(value) is not np.ndarray or value.ndim not in dimensions or value.dtype.kind not in "biuf":
        raise ChannelError(f"a figure description with a malformed {what}")
    return value
