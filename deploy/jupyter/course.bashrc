# Start-up file of the terminals of the course's JupyterLab (set in deploy/jupyter/course_lab_config.py).
# The user's usual shell set-up first, then the course's environment first on PATH, so that `course`, `nbgrader`
# and `python` are the course's own even where the profile resets PATH (Debian's /etc/profile does).
[ -r /etc/profile ] && . /etc/profile
[ -r "$HOME/.bashrc" ] && . "$HOME/.bashrc"
if [ -n "$COURSE_ENV_BIN" ]; then
    export PATH="$COURSE_ENV_BIN:$PATH"
fi
