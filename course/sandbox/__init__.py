"""Where learner code runs when it is graded: bubblewrap, the kernel template (fork server) and its limits, the
runtime guard, the static tamper scan.
"""
