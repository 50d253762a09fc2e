"""Errors the `course` command reports as one clear line instead of a traceback."""


class CourseError(Exception):
    """A user-facing error: the message is printed as is and the command exits with status 2."""
