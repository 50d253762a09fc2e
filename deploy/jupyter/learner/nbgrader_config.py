"""nbgrader settings for learners: which course, and where its exchange is.

This folder is first on JUPYTER_CONFIG_PATH for learners (`make lab`, and learners' servers on the JupyterHub of
deploy/jupyterhub_config.py), so the assignment list and `nbgrader fetch_assignment / submit / fetch_feedback`
find the course without any file in the learner's home. The instructor's nbgrader_config.py (the course root)
sets the same course id and exchange.
"""

import os

c = get_config()  # noqa: F821 (provided by traitlets when this file is loaded)
course_root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))

c.CourseDirectory.course_id = "ml-interview-prep"
c.Exchange.root = os.environ.get("COURSE_EXCHANGE_ROOT", os.path.join(course_root, "exchange"))
if "COURSE_EXCHANGE_ROOT" not in os.environ and os.access(course_root, os.W_OK):
    os.makedirs(c.Exchange.root, exist_ok=True)  # the self-paced default: the assignment list finds it
