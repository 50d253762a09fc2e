"""JupyterLab defaults of the course for every role (each role's jupyter_server_config.py loads this file; the
JSON file beside it enables that role's nbgrader tools).

- No news or update pop-ups on every start: the settings overrides in deploy/jupyter/settings.
- An untouched notebook does not show as modified when its kernel starts (course.plugins.lab).
- Terminals run the course's environment first on PATH, whatever the login profile does (course.bashrc).
"""

import os
import shutil
import sys

c = get_config()  # noqa: F821 (provided by traitlets when this file is loaded)
here = os.path.dirname(os.path.abspath(__file__))
c.LabApp.app_settings_dir = os.path.join(here, "settings")
c.ServerApp.contents_manager_class = "course.plugins.lab.CourseContentsManager"
os.environ["COURSE_ENV_BIN"] = os.path.dirname(sys.executable)
if shutil.which("bash"):
    c.ServerApp.terminado_settings = {
        "shell_command": [shutil.which("bash"), "--rcfile", os.path.join(here, "course.bashrc"), "-i"],
    }
