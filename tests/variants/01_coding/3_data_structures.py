"""Plausible wrong answers to 01_coding/3_data_structures; each must lose exactly the tests in `fails`."""

from course.proof.variants import Variant

VARIANTS = [
    Variant(
        name="top-k-ties-by-value",
        why="(count, element) heap entries break count ties by comparing the elements themselves",
        cells={
            "top-k": """
            def top_k_frequent(items, k):
                if k < 0:
                    raise ValueError("k must be non-negative")
                counts = Counter(items)
                return sorted(counts, key=lambda item: (-counts[item], item))[:k]
        """
        },
        fails={"test-top-k-ties", "test-top-k-edge"},
    ),
    Variant(
        name="top-k-least-frequent-first",
        why="pops the min-heap into a list and forgets to reverse it",
        cells={
            "top-k": """
            def top_k_frequent(items, k):
                if k < 0:
                    raise ValueError("k must be non-negative")
                counts, first = {}, {}
                for index, item in enumerate(items):
                    counts[item] = counts.get(item, 0) + 1
                    first.setdefault(item, index)
                heap = []
                for item, count in counts.items():
                    heapq.heappush(heap, (count, -first[item], item))
                    if len(heap) > k:
                        heapq.heappop(heap)
                return [heapq.heappop(heap)[2] for _ in range(len(heap))]
        """
        },
        fails={"test-top-k-values", "test-top-k-ties", "test-top-k-edge"},
    ),
    Variant(
        name="top-k-off-by-one",
        why="pops when the heap reaches k entries, so only k - 1 survive",
        cells={
            "top-k": """
            def top_k_frequent(items, k):
                if k < 0:
                    raise ValueError("k must be non-negative")
                counts, first = {}, {}
                for index, item in enumerate(items):
                    counts[item] = counts.get(item, 0) + 1
                    first.setdefault(item, index)
                heap = []
                for item, count in counts.items():
                    heapq.heappush(heap, (count, -first[item], item))
                    if len(heap) >= k:
                        heapq.heappop(heap)
                return [heapq.heappop(heap)[2] for _ in range(len(heap))][::-1]
        """
        },
        fails={"test-top-k-values", "test-top-k-ties", "test-top-k-edge"},
    ),
    Variant(
        name="top-k-negative-k-accepted",
        why="a negative k silently returns a list instead of raising ValueError",
        cells={
            "top-k": """
            def top_k_frequent(items, k):
                return [item for item, _ in Counter(items).most_common(max(k, 0))]
        """
        },
        fails={"test-top-k-edge"},
    ),
    Variant(
        name="top-k-numpy-unique",
        why="np.unique turns a Python list into one array dtype: mixed items are coerced to strings or cannot be sorted",
        cells={
            "top-k": """
            def top_k_frequent(items, k):
                if k < 0:
                    raise ValueError("k must be non-negative")
                values, first, counts = np.unique(np.array(items), return_index=True, return_counts=True)
                order = sorted(range(len(values)), key=lambda i: (-counts[i], first[i]))
                return [values[i].item() for i in order[:k]]
        """
        },
        fails={"test-top-k-edge"},
    ),
    Variant(
        name="top-k-cost-full-sort",
        why="O(n log n) is sorting every distinct element, not a size-k heap",
        cells={"top-k-cost": 'TOP_K_TIME = "b"'},
        fails={"test-top-k-cost"},
    ),
    Variant(
        name="top-k-cost-nk",
        why="O(nk) is a linear scan of a k-list per element, not a heap",
        cells={"top-k-cost": 'TOP_K_TIME = "d"'},
        fails={"test-top-k-cost"},
    ),
    Variant(
        name="reverse-loses-last-node",
        why="'while current.next' stops before the last node, which is never linked in",
        cells={
            "reverse": """
            def reverse_list(head):
                previous, current = None, head
                while current is not None and current.next is not None:
                    following = current.next
                    current.next = previous
                    previous, current = current, following
                return previous
        """
        },
        fails={"test-reverse-values", "test-reverse-in-place", "test-reverse-edge", "test-reverse-long"},
    ),
    Variant(
        name="reverse-returns-old-head",
        why="returns the old head, which is now the tail of the reversed list",
        cells={
            "reverse": """
            def reverse_list(head):
                previous, current = None, head
                while current is not None:
                    following = current.next
                    current.next = previous
                    previous, current = current, following
                return head
        """
        },
        fails={"test-reverse-values", "test-reverse-in-place", "test-reverse-long"},
    ),
    Variant(
        name="reverse-new-nodes",
        why="builds a reversed copy out of new ListNode objects instead of rewiring the list",
        cells={
            "reverse": """
            def reverse_list(head):
                new_head = None
                while head is not None:
                    new_head = ListNode(head.val, new_head)
                    head = head.next
                return new_head
        """
        },
        fails={"test-reverse-in-place"},
    ),
    Variant(
        name="reverse-recursive",
        why="recursion is correct but exceeds Python's recursion limit on long lists",
        cells={
            "reverse": """
            def reverse_list(head):
                if head is None or head.next is None:
                    return head
                new_head = reverse_list(head.next)
                head.next.next = head
                head.next = None
                return new_head
        """
        },
        fails={"test-reverse-long"},
    ),
    Variant(
        name="merge-forgets-remainder",
        why="stops when one list runs out and never attaches the rest of the other",
        cells={
            "merge": """
            def merge_sorted(l1, l2):
                dummy = tail = ListNode(None)
                while l1 is not None and l2 is not None:
                    if l1.val <= l2.val:
                        tail.next, l1 = l1, l1.next
                    else:
                        tail.next, l2 = l2, l2.next
                    tail = tail.next
                tail.next = None
                return dummy.next
        """
        },
        fails={"test-merge-values", "test-merge-splice", "test-merge-stable", "test-merge-edge"},
    ),
    Variant(
        name="merge-l2-first-on-ties",
        why="'<' instead of '<=' takes the node of l2 first on equal values: not stable",
        cells={
            "merge": """
            def merge_sorted(l1, l2):
                dummy = tail = ListNode(None)
                while l1 is not None and l2 is not None:
                    if l1.val < l2.val:
                        tail.next, l1 = l1, l1.next
                    else:
                        tail.next, l2 = l2, l2.next
                    tail = tail.next
                tail.next = l1 if l1 is not None else l2
                return dummy.next
        """
        },
        fails={"test-merge-stable"},
    ),
    Variant(
        name="merge-new-nodes",
        why="copies the values into new ListNode objects instead of splicing the input nodes",
        cells={
            "merge": """
            def merge_sorted(l1, l2):
                dummy = tail = ListNode(None)
                while l1 is not None or l2 is not None:
                    if l2 is None or (l1 is not None and l1.val <= l2.val):
                        tail.next, l1 = ListNode(l1.val), l1.next
                    else:
                        tail.next, l2 = ListNode(l2.val), l2.next
                    tail = tail.next
                return dummy.next
        """
        },
        fails={"test-merge-splice", "test-merge-stable"},
    ),
    Variant(
        name="merge-recursive",
        why="the recursive merge is correct but exceeds Python's recursion limit on long lists",
        cells={
            "merge": """
            def merge_sorted(l1, l2):
                if l1 is None:
                    return l2
                if l2 is None:
                    return l1
                if l1.val <= l2.val:
                    l1.next = merge_sorted(l1.next, l2)
                    return l1
                l2.next = merge_sorted(l1, l2.next)
                return l2
        """
        },
        fails={"test-merge-edge"},
    ),
    Variant(
        name="merge-cost-linear-space",
        why="O(m + n) extra space is the cost of copying, not of splicing",
        cells={"merge-cost": 'MERGE_COST = "a"'},
        fails={"test-merge-cost"},
    ),
    Variant(
        name="merge-cost-sort",
        why="sorting the concatenation costs a log factor that the merge avoids",
        cells={"merge-cost": 'MERGE_COST = "c"'},
        fails={"test-merge-cost"},
    ),
]

# Mutants no test can tell from the reference solution (course validate --mutants), with the reason.
EQUIVALENT_MUTANTS = {
    "top-k@785309d0": "counts.get(item, 0) + 1 → + 2: every count is doubled, which keeps their order and ties, "
                      "and the counts themselves are never returned",
    "top-k@4ab2c48f": "counts.get(item, 0) → get(item, 1): every count is one more, which keeps their order and "
                      "ties, and the counts themselves are never returned",
    "top-k@f2957424": "counts.get(item, 0) → get(item, -1): every count is one less, which keeps their order and "
                      "ties, and the counts themselves are never returned",
}
