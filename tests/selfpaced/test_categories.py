"""Every assignment of the course prepares for one of the article's interview categories (one mapping)."""

from course.selfpaced.categories import CATEGORIES, category


def test_every_assignment_has_a_category(course):
    assert {a: category(a) for a in course.assignments() if category(a) not in CATEGORIES} == {}
