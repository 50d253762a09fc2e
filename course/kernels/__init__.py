"""Grading kernels: a fork server that starts IPython kernels with the scientific stack already imported."""
