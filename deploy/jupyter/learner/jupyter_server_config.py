"""The course's JupyterLab defaults (deploy/jupyter/course_lab_config.py); the JSON file beside this one enables
this role's nbgrader tools."""

import os

load_subconfig(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "course_lab_config.py"))  # noqa: F821
