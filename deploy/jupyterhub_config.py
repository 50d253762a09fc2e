"""JupyterHub for a bootcamp cohort of the course: learners and instructors on one machine, nbgrader's
filesystem exchange, and the course's formgrader as a hub service shared by the instructors.

    jupyterhub -f deploy/jupyterhub_config.py        (as root, from the course environment: .venv/bin/jupyterhub)

- Users log in with their Unix account (PAM) and get a JupyterLab server of their own, started as that user
  in their home folder (LocalProcessSpawner). Only the users named below may log in.
- Learners (group `nbgrader-ml-interview-prep`) get nbgrader's assignment list and Validate button, and no
  instructor tools (deploy/jupyter/learner is first on their JUPYTER_CONFIG_PATH).
- Instructors (group `formgrade-ml-interview-prep`, the name nbgrader's course list looks for) get every nbgrader
  tool (deploy/jupyter/instructor), and access to the course service.
- The course service `ml-interview-prep` is a JupyterLab server run by the grader account in the course folder:
  the formgrader for the cohort, at /services/ml-interview-prep/ (also listed under Nbgrader > Course List).
- The proxy is configurable-http-proxy from the npm registry: `npm ci --prefix deploy` installs the pinned one
  into deploy/node_modules, which this file uses when it is there.

Settings (environment variables, all optional):
  COURSE_HUB_LEARNERS      learners' user names, separated by commas or spaces
  COURSE_HUB_INSTRUCTORS   instructors' user names
  COURSE_HUB_GRADER        Unix account that runs the course service and owns the course folder
                           (default: grader-ml-interview-prep)
  COURSE_ROOT              the course folder the service serves (default: this repository)
  COURSE_EXCHANGE_ROOT     nbgrader exchange, shared by everyone (default: /srv/nbgrader/exchange)
  COURSE_HUB_URL           public URL the hub listens on (default: http://:8000, all interfaces)
  COURSE_HUB_SERVICE_PORT  localhost port of the course service (default: 9999)
  COURSE_HUB_STATE         folder for the hub's database, cookie secret and proxy pid (default: /srv/jupyterhub)
"""

import os
import re
import sys

c = get_config()  # noqa: F821 (provided by traitlets when this file is loaded)

COURSE_ID = "ml-interview-prep"
LEARNERS_GROUP = f"nbgrader-{COURSE_ID}"
INSTRUCTORS_GROUP = f"formgrade-{COURSE_ID}"

here = os.path.dirname(os.path.abspath(__file__))
environment_bin = os.path.dirname(sys.executable)  # the hub runs from the course environment


def names(variable):
    return sorted({name for name in re.split(r"[\s,]+", os.environ.get(variable, "")) if name})


learners = names("COURSE_HUB_LEARNERS")
instructors = names("COURSE_HUB_INSTRUCTORS")
grader = os.environ.get("COURSE_HUB_GRADER", f"grader-{COURSE_ID}")
course_root = os.path.abspath(os.environ.get("COURSE_ROOT", os.path.dirname(here)))
exchange = os.environ.get("COURSE_EXCHANGE_ROOT", "/srv/nbgrader/exchange")
state = os.environ.get("COURSE_HUB_STATE", "/srv/jupyterhub")
service_port = int(os.environ.get("COURSE_HUB_SERVICE_PORT", "9999"))
role_settings = {"learner": os.path.join(here, "jupyter", "learner"),
                 "instructor": os.path.join(here, "jupyter", "instructor")}

# --- the hub and its proxy -------------------------------------------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("COURSE_HUB_URL", "http://:8000")
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "jupyterhub-proxy.pid")
proxy = os.path.join(here, "node_modules", ".bin", "configurable-http-proxy")
if os.path.exists(proxy):
    c.ConfigurableHTTPProxy.command = [proxy]

# --- who may log in, and their groups --------------------------------------------------------------------------
c.Authenticator.allowed_users = set(learners) | set(instructors)
c.JupyterHub.load_groups = {
    LEARNERS_GROUP: {"users": learners},
    INSTRUCTORS_GROUP: {"users": instructors},
}
c.JupyterHub.load_roles = [
    {   # instructors reach the course service (the formgrader) and can find it
        "name": INSTRUCTORS_GROUP,
        "groups": [INSTRUCTORS_GROUP],
        "scopes": [f"access:services!service={COURSE_ID}", "list:services", f"read:services!service={COURSE_ID}"],
    },
    {   # learners can find the course, not open its service
        "name": LEARNERS_GROUP,
        "groups": [LEARNERS_GROUP],
        "scopes": ["list:services", f"read:services!service={COURSE_ID}"],
    },
    {   # a user's server may do what its user may do (nbgrader's course list asks the hub for services)
        "name": "server",
        "scopes": ["inherit"],
    },
]

# --- everyone's own JupyterLab ---------------------------------------------------------------------------------
c.Spawner.cmd = [os.path.join(environment_bin, "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"


def role_environment(spawner):
    """Before a server starts: the nbgrader tools of the user's role, the exchange, the course environment."""
    groups = {group.name for group in spawner.user.groups}
    role = "instructor" if INSTRUCTORS_GROUP in groups else "learner"
    spawner.environment.update({
        "JUPYTER_CONFIG_PATH": role_settings[role],
        "COURSE_EXCHANGE_ROOT": exchange,
        "PATH": os.pathsep.join([environment_bin, "/usr/local/bin", "/usr/bin", "/bin"]),
    })


c.Spawner.pre_spawn_hook = role_environment

# --- the course service: the cohort's formgrader, run by the grader account in the course folder ----------------
c.JupyterHub.services = [
    {
        "name": COURSE_ID,  # nbgrader's course list expects the service to be named after the course id
        "url": f"http://127.0.0.1:{service_port}",
        "command": [os.path.join(environment_bin, "jupyterhub-singleuser"), "--ServerApp.root_dir=."],
        "user": grader,
        "cwd": course_root,
        "oauth_no_confirm": True,
        "environment": {
            "JUPYTERHUB_DEFAULT_URL": "/lab",
            "JUPYTER_CONFIG_PATH": role_settings["instructor"],
            "COURSE_EXCHANGE_ROOT": exchange,
            "PATH": os.pathsep.join([environment_bin, "/usr/local/bin", "/usr/bin", "/bin"]),
        },
    },
]
