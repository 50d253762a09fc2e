"""Figures across the channel (course.isolation.figures): the trusted side draws only well-formed descriptions."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from course.isolation.figures import as_tuples, describe, from_tuples, rebuild
from course.isolation.wire import ChannelError


def learner_figure() -> Figure:
    fig, ax = plt.subplots()
    ax.hist([1, 2, 2, 3, 3, 3], bins=[0.5, 1.5, 2.5, 3.5])
    ax.scatter([1.0, 2.0], [3.0, 4.0])
    ax.set_ylabel("count")
    return fig


def test_a_description_round_trip_gives_the_same_inspectable_figure():
    original = learner_figure()
    drawn = rebuild(from_tuples(as_tuples(describe(original))))
    try:
        assert isinstance(drawn, Figure) and drawn is not original, "a new Figure of the trusted side"
        ax, ax0 = drawn.axes[0], original.axes[0]
        assert [p.get_height() for p in ax.patches] == [p.get_height() for p in ax0.patches] == [1.0, 2.0, 3.0], (
            "the histogram's bars")
        assert [p.get_x() for p in ax.containers[0]] == [0.5, 1.5, 2.5], "the bar container's rectangles"
        assert np.allclose(ax.collections[0].get_offsets(), [[1.0, 3.0], [2.0, 4.0]]), "the scatter points"
        assert ax.get_ylabel() == "count" and ax.get_xlim() == ax0.get_xlim(), "labels and limits"
    finally:
        plt.close("all")


@pytest.mark.parametrize("description", [
    None,
    {"axes": "many"},
    {"axes": [{"position": [0, 0, 1]}]},
    {"axes": [{}] * 33},
    ("{}", (("axes", ("[]", ((1, 2),))),)),
])
def test_a_malformed_description_is_refused(description):
    with pytest.raises(ChannelError):
        rebuild(from_tuples(description) if isinstance(description, tuple) else description)
    plt.close("all")


def test_a_description_with_a_wrong_field_type_is_refused():
    good = describe(learner_figure())
    for key, bad in (("title", 3), ("xlim", [True, 1.0]), ("lines", [{"x": "abc", "y": [1], "label": ""}]),
                     ("containers", [[99]]), ("images", [np.array(["a", "b"])])):
        spec = {**good["axes"][0], key: bad}
        with pytest.raises(ChannelError):
            rebuild({"axes": [spec]})
    plt.close("all")
