"""What nbgrader and Jupyter load from the course by name (nbgrader_config.py, deploy/jupyter, the kernelspec): the
hardened Execute preprocessor, the feedback preprocessors, the late penalty, the kernel provisioner, the Lab
contents manager, and JupyterLab's Check button (its server extension and its prebuilt Lab extension).
"""
