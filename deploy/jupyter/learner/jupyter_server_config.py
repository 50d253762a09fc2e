"""JupyterLab defaults of the course for this role (the JSON file beside this one enables nbgrader's tools).

The course's settings overrides (no news or update pop-ups on every start) live in deploy/jupyter/settings.
"""

import os

c = get_config()  # noqa: F821 (provided by traitlets when this file is loaded)
c.LabApp.app_settings_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "settings")
# An untouched notebook does not show as modified when its kernel starts (see course/lab.py).
c.ServerApp.contents_manager_class = "course.lab.CourseContentsManager"
