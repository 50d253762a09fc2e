"""`course validate`: prove every notebook (solution full marks, release 0, wrong variants lose exactly their
declared tests, no leaks), by replaying variants and checking the replay against the real grader; simulated
students.
"""
