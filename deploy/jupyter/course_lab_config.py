"""JupyterLab defaults of the course for every role (each role's jupyter_server_config.py loads this file; the
JSON file beside it enables that role's nbgrader tools).

- No news or update pop-ups on every start: the settings overrides in deploy/jupyter/settings.
- An untouched notebook does not show as modified when its kernel starts (course.plugins.lab).
- Terminals run the course's environment first on PATH, whatever the login profile does (course.bashrc).
- The Check button (save, `course check`, open the feedback page): its prebuilt Lab extension ships inside the
  course package and is put on Lab's extension path here, so no `jupyter lab build` is needed; its server side
  is the server extension course.plugins.lab_check, enabled by each role's JSON file.
"""

import os
import shutil
import sys

from course.plugins.lab_extension import labextensions_path

c = get_config()  # noqa: F821 (provided by traitlets when this file is loaded)
here = os.path.dirname(os.path.abspath(__file__))
c.LabApp.app_settings_dir = os.path.join(here, "settings")
c.ServerApp.contents_manager_class = "course.plugins.lab.CourseContentsManager"
c.LabApp.extra_labextensions_path = [str(labextensions_path())]
os.environ["COURSE_ENV_BIN"] = os.path.dirname(sys.executable)
if shutil.which("bash"):
    c.ServerApp.terminado_settings = {
        "shell_command": [shutil.which("bash"), "--rcfile", os.path.join(here, "course.bashrc"), "-i"],
    }
