"""The self-paced learner's verbs: `course check` (a full self-check with feedback)."""
