"""`course grade`, `course due`, `course extend`: autograding submissions in parallel, resumably, with a ledger of
what was graded from which content.
"""
