"""Plausible wrong answers to 01_coding/2_strings; each must lose exactly the tests listed in `fails`."""

from course.proof.variants import Variant

VARIANTS = [
    Variant(
        name="palindrome-no-casefold",
        why="compares characters as they are: 'A' and 'a' differ",
        cells={
            "palindrome": """
            def is_palindrome(s):
                kept = [c for c in s if c.isalnum()]
                return kept == kept[::-1]
        """
        },
        fails={"test-palindrome-ascii", "test-palindrome-unicode"},
    ),
    Variant(
        name="palindrome-only-skips-spaces",
        why="skips spaces but keeps punctuation, so 'A man, a plan, ...' fails",
        cells={
            "palindrome": """
            def is_palindrome(s):
                kept = [c.casefold() for c in s if c != " "]
                return kept == kept[::-1]
        """
        },
        fails={"test-palindrome-ascii", "test-palindrome-unicode"},
    ),
    Variant(
        name="palindrome-ascii-only",
        why="a regex [A-Za-z0-9] drops every non-ASCII letter and digit",
        cells={
            "palindrome": """
            import re

            def is_palindrome(s):
                kept = re.sub(r"[^A-Za-z0-9]", "", s).lower()
                return kept == kept[::-1]
        """
        },
        fails={"test-palindrome-unicode"},
    ),
    Variant(
        name="palindrome-lower-not-casefold",
        why="str.lower() keeps the Greek final sigma distinct from sigma",
        cells={
            "palindrome": """
            def is_palindrome(s):
                i, j = 0, len(s) - 1
                while i < j:
                    if not s[i].isalnum():
                        i += 1
                    elif not s[j].isalnum():
                        j -= 1
                    elif s[i].lower() != s[j].lower():
                        return False
                    else:
                        i, j = i + 1, j - 1
                return True
        """
        },
        fails={"test-palindrome-unicode"},
    ),
    Variant(
        name="palindrome-pointer-off-by-one",
        why="'while i < j - 1' never compares the two innermost characters",
        cells={
            "palindrome": """
            def is_palindrome(s):
                i, j = 0, len(s) - 1
                while i < j - 1:
                    if not s[i].isalnum():
                        i += 1
                    elif not s[j].isalnum():
                        j -= 1
                    elif s[i].casefold() != s[j].casefold():
                        return False
                    else:
                        i, j = i + 1, j - 1
                return True
        """
        },
        fails={"test-palindrome-ascii", "test-palindrome-unicode"},
    ),
    Variant(
        name="palindrome-cost-copy",
        why="O(n) extra space is the cost of the cleaned copy, not of two pointers",
        cells={"palindrome-cost": 'PALINDROME_COST = "b"'},
        fails={"test-palindrome-cost"},
    ),
    Variant(
        name="palindrome-cost-quadratic",
        why="each pointer moves at most n steps in total: the scan is linear, not quadratic",
        cells={"palindrome-cost": 'PALINDROME_COST = "c"'},
        fails={"test-palindrome-cost"},
    ),
    Variant(
        name="first-unique-sorted-order",
        why="scans the counts in sorted order, returning the smallest unique character",
        cells={
            "first-unique": """
            from collections import Counter

            def first_unique_char(s):
                counts = Counter(s)
                for c in sorted(counts):
                    if counts[c] == 1:
                        return c
                return None
        """
        },
        fails={"test-first-unique"},
    ),
    Variant(
        name="first-unique-empty-string",
        why="returns '' instead of None when there is no unique character",
        cells={
            "first-unique": """
            def first_unique_char(s):
                for c in s:
                    if s.count(c) == 1:
                        return c
                return ""
        """
        },
        fails={"test-first-unique-edge"},
    ),
    Variant(
        name="first-unique-case-insensitive",
        why="counts lower-cased characters, so 'a' and 'A' are merged",
        cells={
            "first-unique": """
            from collections import Counter

            def first_unique_char(s):
                counts = Counter(s.lower())
                for c in s:
                    if counts[c.lower()] == 1:
                        return c
                return None
        """
        },
        fails={"test-first-unique-edge"},
    ),
    Variant(
        name="first-unique-last",
        why="keeps overwriting the answer, returning the last unique character",
        cells={
            "first-unique": """
            from collections import Counter

            def first_unique_char(s):
                counts = Counter(s)
                found = None
                for c in s:
                    if counts[c] == 1:
                        found = c
                return found
        """
        },
        fails={"test-first-unique"},
    ),
    Variant(
        name="first-unique-time-quadratic",
        why="that is the cost of s.count(c) inside the loop, not of a hash map",
        cells={"first-unique-cost": 'FIRST_UNIQUE_TIME = "a"'},
        fails={"test-first-unique-cost"},
    ),
    Variant(
        name="first-unique-time-constant",
        why="the alphabet bounds the table's size, not the time to read n characters",
        cells={"first-unique-cost": 'FIRST_UNIQUE_TIME = "c"'},
        fails={"test-first-unique-cost"},
    ),
    Variant(
        name="lcs-common-substring",
        why="the substring DP resets to 0 on a mismatch: contiguous runs only",
        cells={
            "lcs": """
            def lcs(a, b):
                m, n = len(a), len(b)
                table = [[0] * (n + 1) for _ in range(m + 1)]
                best, end = 0, 0
                for i in range(1, m + 1):
                    for j in range(1, n + 1):
                        if a[i - 1] == b[j - 1]:
                            table[i][j] = table[i - 1][j - 1] + 1
                            if table[i][j] > best:
                                best, end = table[i][j], i
                return best, a[end - best:end]
        """
        },
        fails={"test-lcs-length", "test-lcs-subsequence"},
    ),
    Variant(
        name="lcs-no-padding-row",
        why="an m x n table without the empty-prefix row and column: index -1 wraps around",
        cells={
            "lcs": """
            def lcs(a, b):
                m, n = len(a), len(b)
                table = [[0] * n for _ in range(m)]
                for i in range(m):
                    for j in range(n):
                        if a[i] == b[j]:
                            table[i][j] = table[i - 1][j - 1] + 1
                        else:
                            table[i][j] = max(table[i - 1][j], table[i][j - 1])
                chars, i, j = [], m - 1, n - 1
                while i >= 0 and j >= 0:
                    if a[i] == b[j]:
                        chars.append(a[i])
                        i, j = i - 1, j - 1
                    elif i > 0 and (j == 0 or table[i - 1][j] >= table[i][j - 1]):
                        i -= 1
                    else:
                        j -= 1
                return table[m - 1][n - 1], "".join(reversed(chars))
        """
        },
        fails={"test-lcs-length", "test-lcs-subsequence", "test-lcs-edge"},
    ),
    Variant(
        name="lcs-reversed-reconstruction",
        why="collects the characters walking backwards and forgets to reverse them",
        cells={
            "lcs": """
            def lcs(a, b):
                m, n = len(a), len(b)
                table = [[0] * (n + 1) for _ in range(m + 1)]
                for i in range(1, m + 1):
                    for j in range(1, n + 1):
                        if a[i - 1] == b[j - 1]:
                            table[i][j] = table[i - 1][j - 1] + 1
                        else:
                            table[i][j] = max(table[i - 1][j], table[i][j - 1])
                chars, i, j = [], m, n
                while i > 0 and j > 0:
                    if a[i - 1] == b[j - 1]:
                        chars.append(a[i - 1])
                        i, j = i - 1, j - 1
                    elif table[i - 1][j] >= table[i][j - 1]:
                        i -= 1
                    else:
                        j -= 1
                return table[m][n], "".join(chars)
        """
        },
        fails={"test-lcs-subsequence", "test-lcs-edge"},
    ),
    Variant(
        name="lcs-length-only",
        why="returns the right length but an empty string instead of a subsequence",
        cells={
            "lcs": """
            def lcs(a, b):
                previous = [0] * (len(b) + 1)
                for x in a:
                    current = [0]
                    for j, y in enumerate(b, start=1):
                        current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
                    previous = current
                return previous[-1], ""
        """
        },
        fails={"test-lcs-subsequence", "test-lcs-edge"},
    ),
    Variant(
        name="lcs-difflib",
        why="difflib's matching blocks form a common subsequence, but not always a longest one",
        cells={
            "lcs": """
            from difflib import SequenceMatcher

            def lcs(a, b):
                blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
                sub = "".join(a[blk.a:blk.a + blk.size] for blk in blocks)
                return len(sub), sub
        """
        },
        fails={"test-lcs-length", "test-lcs-subsequence"},
    ),
    Variant(
        name="lcs-cost-rolling-rows",
        why="O(min(m, n)) memory gives the length only; reconstruction needs the table",
        cells={"lcs-cost": 'LCS_COST = "a"'},
        fails={"test-lcs-cost"},
    ),
    Variant(
        name="lcs-cost-brute-force",
        why="exponential time is the brute force over subsequences, not the DP",
        cells={"lcs-cost": 'LCS_COST = "b"'},
        fails={"test-lcs-cost"},
    ),
]

# Mutants no test can tell from the reference solution (course validate --mutants), with the reason.
EQUIVALENT_MUTANTS = {
    "palindrome@1138dcf4": "`while i < j` → `while i <= j`: at i == j the middle character is compared with itself "
                           "(or skipped), which never returns False, and the loop ends",
    "lcs@0a1d39a5": "`>=` → `>` in the walk back: on a tie it steps left instead of up, which still follows an "
                    "optimal path, and any longest common subsequence is accepted",
    "lcs@1dac5497": "`range(m + 1)` → `range(m + 2)` for the table's rows: the extra row is never read or written",
}
