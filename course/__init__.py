"""Tooling of the ML interview-prep course: build, validate, check, grade, feedback, report, demo.

This package never contains an answer: solutions live only in the source notebooks.
"""

__version__ = "0.1.0"
