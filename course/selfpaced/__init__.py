"""The self-paced learner's loop: a private workspace (`course start`, `course update`), a fast and faithful
`course check` with feedback that teaches, the record of every check (`course progress`), and model answers after a
real attempt (`course solution`; `course release-solutions` for cohorts)."""
