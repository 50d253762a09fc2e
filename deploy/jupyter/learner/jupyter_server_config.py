"""JupyterLab defaults of the course for this role (the JSON file beside this one enables nbgrader's tools).

The course's settings overrides (no news or update pop-ups on every start) live in deploy/jupyter/settings.
"""

import os
import shutil
import sys

c = get_config()  # noqa: F821 (provided by traitlets when this file is loaded)
c.LabApp.app_settings_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "settings")
# An untouched notebook does not show as modified when its kernel starts (see course/lab.py).
c.ServerApp.contents_manager_class = "course.lab.CourseContentsManager"

# Terminals run the course's environment first on PATH, whatever the login profile does (see ../course.bashrc).
os.environ["COURSE_ENV_BIN"] = os.path.dirname(sys.executable)
if shutil.which("bash"):
    c.ServerApp.terminado_settings = {
        "shell_command": [shutil.which("bash"), "--rcfile", os.path.join(os.path.dirname(__file__), "..",
                                                                         "course.bashrc"), "-i"],
    }
