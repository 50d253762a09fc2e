"""Plausible wrong answers to 01_coding/4_graphs; each must lose exactly the tests listed in `fails`."""

from course.proof.variants import Variant

VARIANTS = [
    Variant(
        name="adjacency-keeps-duplicates",
        why="each repeated edge adds its neighbour again: the lists should hold distinct neighbours",
        cells={
            "adjacency": """
            def adjacency_list(n, edges, directed=False):
                neighbours = [[] for _ in range(n)]
                for u, v in edges:
                    if not (0 <= u < n and 0 <= v < n):
                        raise ValueError("endpoint out of range")
                    neighbours[u].append(v)
                    if not directed:
                        neighbours[v].append(u)
                return [sorted(found) for found in neighbours]
        """
        },
        fails={"test-adjacency-rules"},
    ),
    Variant(
        name="adjacency-no-range-check",
        why="endpoints are not validated: -1 silently indexes the last node and n raises IndexError",
        cells={
            "adjacency": """
            def adjacency_list(n, edges, directed=False):
                neighbours = [set() for _ in range(n)]
                for u, v in edges:
                    neighbours[u].add(v)
                    if not directed:
                        neighbours[v].add(u)
                return [sorted(found) for found in neighbours]
        """
        },
        fails={"test-adjacency-rules"},
    ),
    Variant(
        name="adjacency-ignores-direction",
        why="directed=True still adds both directions",
        cells={
            "adjacency": """
            def adjacency_list(n, edges, directed=False):
                neighbours = [set() for _ in range(n)]
                for u, v in edges:
                    if not (0 <= u < n and 0 <= v < n):
                        raise ValueError("endpoint out of range")
                    neighbours[u].add(v)
                    neighbours[v].add(u)
                return [sorted(found) for found in neighbours]
        """
        },
        fails={"test-adjacency", "test-adjacency-rules"},
    ),
    Variant(
        name="adjacency-unsorted",
        why="neighbours are kept in the order the edges list them, not in increasing order",
        cells={
            "adjacency": """
            def adjacency_list(n, edges, directed=False):
                neighbours = [{} for _ in range(n)]
                for u, v in edges:
                    if not (0 <= u < n and 0 <= v < n):
                        raise ValueError("endpoint out of range")
                    neighbours[u][v] = True
                    if not directed:
                        neighbours[v][u] = True
                return [list(found) for found in neighbours]
        """
        },
        fails={"test-adjacency", "test-adjacency-rules", "test-dfs-order", "test-dfs-deep"},
    ),
    Variant(
        name="bfs-unreachable-infinity",
        why="unreachable nodes get math.inf; the specification asks for -1 in a list of ints",
        cells={
            "bfs": """
            def bfs_distances(n, edges, source):
                if not 0 <= source < n:
                    raise ValueError("source out of range")
                adjacency = adjacency_list(n, edges)
                dist = [math.inf] * n
                dist[source] = 0
                queue = deque([source])
                while queue:
                    u = queue.popleft()
                    for v in adjacency[u]:
                        if dist[v] == math.inf:
                            dist[v] = dist[u] + 1
                            queue.append(v)
                return dist
        """
        },
        fails={"test-bfs"},
    ),
    Variant(
        name="bfs-with-a-stack",
        why="popping from the end makes it a depth-first search: the first distance found is not the shortest",
        cells={
            "bfs": """
            def bfs_distances(n, edges, source):
                if not 0 <= source < n:
                    raise ValueError("source out of range")
                adjacency = adjacency_list(n, edges)
                dist = [-1] * n
                dist[source] = 0
                stack = [source]
                while stack:
                    u = stack.pop()
                    for v in adjacency[u]:
                        if dist[v] == -1:
                            dist[v] = dist[u] + 1
                            stack.append(v)
                return dist
        """
        },
        fails={"test-bfs"},
    ),
    Variant(
        name="bfs-visited-list",
        why="'v in visited' on a list scans it: the search becomes quadratic in the number of nodes",
        cells={
            "bfs": """
            def bfs_distances(n, edges, source):
                if not 0 <= source < n:
                    raise ValueError("source out of range")
                adjacency = adjacency_list(n, edges)
                dist = [-1] * n
                dist[source] = 0
                visited = [source]
                queue = deque([source])
                while queue:
                    u = queue.popleft()
                    for v in adjacency[u]:
                        if v not in visited:
                            visited.append(v)
                            dist[v] = dist[u] + 1
                            queue.append(v)
                return dist
        """
        },
        fails={"test-bfs-linear"},
    ),
    Variant(
        name="bfs-calls-scipy",
        why="scipy's shortest_path inside a from-scratch exercise earns nothing",
        cells={
            "bfs": """
            from scipy.sparse import csr_matrix
            from scipy.sparse.csgraph import shortest_path

            def bfs_distances(n, edges, source):
                if not 0 <= source < n:
                    raise ValueError("source out of range")
                rows = [u for u, _ in edges]
                cols = [v for _, v in edges]
                matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
                dist = shortest_path(matrix, directed=False, unweighted=True, indices=source)
                return [int(d) if np.isfinite(d) else -1 for d in dist]
        """
        },
        fails={"test-bfs"},
    ),
    Variant(
        name="dfs-pushes-ascending",
        why="pushing neighbours in increasing order makes the stack pop the largest first",
        cells={
            "dfs": """
            def dfs_order(n, edges, source):
                if not 0 <= source < n:
                    raise ValueError("source out of range")
                adjacency = adjacency_list(n, edges)
                seen, order, stack = [False] * n, [], [source]
                while stack:
                    u = stack.pop()
                    if seen[u]:
                        continue
                    seen[u] = True
                    order.append(u)
                    for v in adjacency[u]:
                        if not seen[v]:
                            stack.append(v)
                return order
        """
        },
        fails={"test-dfs-order", "test-dfs-deep"},
    ),
    Variant(
        name="dfs-marks-on-push",
        why="marking nodes as seen when they are pushed (not when visited) changes the order of a deep search",
        cells={
            "dfs": """
            def dfs_order(n, edges, source):
                if not 0 <= source < n:
                    raise ValueError("source out of range")
                adjacency = adjacency_list(n, edges)
                seen = [False] * n
                seen[source] = True
                order, stack = [], [source]
                while stack:
                    u = stack.pop()
                    order.append(u)
                    for v in reversed(adjacency[u]):
                        if not seen[v]:
                            seen[v] = True
                            stack.append(v)
                return order
        """
        },
        fails={"test-dfs-order", "test-dfs-deep"},
    ),
    Variant(
        name="dfs-recursive",
        why="the recursive search is right but exceeds Python's recursion limit on a 20,000-node path",
        cells={
            "dfs": """
            def dfs_order(n, edges, source):
                if not 0 <= source < n:
                    raise ValueError("source out of range")
                adjacency = adjacency_list(n, edges)
                seen, order = [False] * n, []

                def visit(u):
                    seen[u] = True
                    order.append(u)
                    for v in adjacency[u]:
                        if not seen[v]:
                            visit(v)

                visit(source)
                return order
        """
        },
        fails={"test-dfs-deep"},
    ),
    Variant(
        name="dijkstra-last-parallel-edge-wins",
        why="a dict keyed by (u, v) keeps the last of several parallel edges instead of the lightest",
        cells={
            "dijkstra": """
            def dijkstra(n, edges, source):
                if not 0 <= source < n:
                    raise ValueError("source out of range")
                weight = {}
                for u, v, w in edges:
                    if not (0 <= u < n and 0 <= v < n) or w < 0:
                        raise ValueError("bad edge")
                    weight[(u, v)] = w
                adjacency = [[] for _ in range(n)]
                for (u, v), w in weight.items():
                    adjacency[u].append((v, w))
                dist, parent = [math.inf] * n, [-1] * n
                dist[source] = 0.0
                heap = [(0.0, source)]
                while heap:
                    d, u = heapq.heappop(heap)
                    if d > dist[u]:
                        continue
                    for v, w in adjacency[u]:
                        if d + w < dist[v]:
                            dist[v], parent[v] = d + w, u
                            heapq.heappush(heap, (d + w, v))
                return [float(x) for x in dist], parent
        """
        },
        fails={"test-dijkstra-distances", "test-dijkstra-parents", "test-dijkstra-rules"},
    ),
    Variant(
        name="dijkstra-parent-at-first-discovery",
        why="the parent is recorded when a node is first reached and never updated when a shorter path is found",
        cells={
            "dijkstra": """
            def dijkstra(n, edges, source):
                if not 0 <= source < n:
                    raise ValueError("source out of range")
                adjacency = [[] for _ in range(n)]
                for u, v, w in edges:
                    if not (0 <= u < n and 0 <= v < n) or w < 0:
                        raise ValueError("bad edge")
                    adjacency[u].append((v, w))
                dist, parent = [math.inf] * n, [-1] * n
                dist[source] = 0.0
                heap = [(0.0, source)]
                while heap:
                    d, u = heapq.heappop(heap)
                    if d > dist[u]:
                        continue
                    for v, w in adjacency[u]:
                        if d + w < dist[v]:
                            if dist[v] == math.inf and v != source:
                                parent[v] = u
                            dist[v] = d + w
                            heapq.heappush(heap, (d + w, v))
                return [float(x) for x in dist], parent
        """
        },
        fails={"test-dijkstra-parents"},
    ),
    Variant(
        name="dijkstra-checks-negative-lazily",
        why="negative weights are only noticed on edges the search relaxes; the rule asks to reject them up front",
        cells={
            "dijkstra": """
            def dijkstra(n, edges, source):
                if not 0 <= source < n:
                    raise ValueError("source out of range")
                adjacency = [[] for _ in range(n)]
                for u, v, w in edges:
                    if not (0 <= u < n and 0 <= v < n):
                        raise ValueError("bad edge")
                    adjacency[u].append((v, w))
                dist, parent = [math.inf] * n, [-1] * n
                dist[source] = 0.0
                heap = [(0.0, source)]
                while heap:
                    d, u = heapq.heappop(heap)
                    if d > dist[u]:
                        continue
                    for v, w in adjacency[u]:
                        if w < 0:
                            raise ValueError("negative weight")
                        if d + w < dist[v]:
                            dist[v], parent[v] = d + w, u
                            heapq.heappush(heap, (d + w, v))
                return [float(x) for x in dist], parent
        """
        },
        fails={"test-dijkstra-rules"},
    ),
    Variant(
        name="dijkstra-linear-scan",
        why="choosing the closest node by scanning all unsettled nodes costs O(V^2): use a heap",
        cells={
            "dijkstra": """
            def dijkstra(n, edges, source):
                if not 0 <= source < n:
                    raise ValueError("source out of range")
                adjacency = [[] for _ in range(n)]
                for u, v, w in edges:
                    if not (0 <= u < n and 0 <= v < n) or w < 0:
                        raise ValueError("bad edge")
                    adjacency[u].append((v, w))
                dist, parent = [math.inf] * n, [-1] * n
                dist[source] = 0.0
                unsettled = set(range(n))
                while unsettled:
                    u = min(unsettled, key=dist.__getitem__)
                    if dist[u] == math.inf:
                        break
                    unsettled.remove(u)
                    for v, w in adjacency[u]:
                        if dist[u] + w < dist[v]:
                            dist[v], parent[v] = dist[u] + w, u
                return [float(x) for x in dist], parent
        """
        },
        fails={"test-dijkstra-heap"},
    ),
    Variant(
        name="dijkstra-ignores-weights",
        why="a breadth-first search counts edges; with weights the fewest edges is not the shortest path",
        cells={
            "dijkstra": """
            def dijkstra(n, edges, source):
                if not 0 <= source < n:
                    raise ValueError("source out of range")
                adjacency = [[] for _ in range(n)]
                for u, v, w in edges:
                    if not (0 <= u < n and 0 <= v < n) or w < 0:
                        raise ValueError("bad edge")
                    adjacency[u].append((v, w))
                dist, parent = [math.inf] * n, [-1] * n
                dist[source] = 0.0
                queue = deque([source])
                while queue:
                    u = queue.popleft()
                    for v, w in adjacency[u]:
                        if dist[v] == math.inf:
                            dist[v], parent[v] = dist[u] + w, u
                            queue.append(v)
                return [float(x) for x in dist], parent
        """
        },
        fails={"test-dijkstra-distances", "test-dijkstra-parents", "test-dijkstra-rules", "test-dijkstra-heap"},
    ),
    Variant(
        name="counterexample-no-negative-edge",
        why="with every weight non-negative Dijkstra is always right: the counterexample needs a negative edge",
        cells={"dijkstra-counterexample": "DIJKSTRA_COUNTEREXAMPLE = (3, [(0, 1, 1), (0, 2, 5), (1, 2, 1)], 0)"},
        fails={"test-dijkstra-counterexample"},
    ),
    Variant(
        name="counterexample-negative-edge-from-source",
        why="a negative edge leaving the source is relaxed before anything is final: the textbook version copes",
        cells={"dijkstra-counterexample": "DIJKSTRA_COUNTEREXAMPLE = (3, [(0, 1, -1), (0, 2, 2), (1, 2, 1)], 0)"},
        fails={"test-dijkstra-counterexample"},
    ),
    Variant(
        name="counterexample-negative-cycle",
        why="a negative cycle makes shortest paths undefined, so no algorithm can be 'wrong' on it",
        cells={"dijkstra-counterexample": "DIJKSTRA_COUNTEREXAMPLE = (3, [(0, 1, 1), (1, 2, -3), (2, 1, 1)], 0)"},
        fails={"test-dijkstra-counterexample"},
    ),
    Variant(
        name="topo-fifo-queue",
        why="a FIFO queue of free nodes gives a valid order, but not the smallest free node at every step",
        cells={
            "topo": """
            def topological_sort(n, edges):
                successors, indegree = [[] for _ in range(n)], [0] * n
                for u, v in edges:
                    successors[u].append(v)
                    indegree[v] += 1
                queue = deque(u for u in range(n) if indegree[u] == 0)
                order = []
                while queue:
                    u = queue.popleft()
                    order.append(u)
                    for v in successors[u]:
                        indegree[v] -= 1
                        if indegree[v] == 0:
                            queue.append(v)
                if len(order) < n:
                    raise ValueError("the graph has a cycle")
                return order
        """
        },
        fails={"test-topo-ties"},
    ),
    Variant(
        name="topo-set-successors-counted-degrees",
        why="successors kept in sets drop repeated edges while the in-degrees count them: nodes never become free",
        cells={
            "topo": """
            def topological_sort(n, edges):
                successors, indegree = [set() for _ in range(n)], [0] * n
                for u, v in edges:
                    successors[u].add(v)
                    indegree[v] += 1
                free = [u for u in range(n) if indegree[u] == 0]
                heapq.heapify(free)
                order = []
                while free:
                    u = heapq.heappop(free)
                    order.append(u)
                    for v in successors[u]:
                        indegree[v] -= 1
                        if indegree[v] == 0:
                            heapq.heappush(free, v)
                if len(order) < n:
                    raise ValueError("the graph has a cycle")
                return order
        """
        },
        fails={"test-topo-valid", "test-topo-cycle"},
    ),
    Variant(
        name="topo-partial-order-on-cycle",
        why="on a cycle the nodes that were placed are returned silently instead of raising ValueError",
        cells={
            "topo": """
            def topological_sort(n, edges):
                successors, indegree = [[] for _ in range(n)], [0] * n
                for u, v in edges:
                    successors[u].append(v)
                    indegree[v] += 1
                free = [u for u in range(n) if indegree[u] == 0]
                heapq.heapify(free)
                order = []
                while free:
                    u = heapq.heappop(free)
                    order.append(u)
                    for v in successors[u]:
                        indegree[v] -= 1
                        if indegree[v] == 0:
                            heapq.heappush(free, v)
                return order
        """
        },
        fails={"test-topo-cycle"},
    ),
    Variant(
        name="topo-reversed-edges",
        why="the edges are read as 'v before u': every dependency ends up after the job that needs it",
        cells={
            "topo": """
            def topological_sort(n, edges):
                successors, indegree = [[] for _ in range(n)], [0] * n
                for u, v in edges:
                    successors[v].append(u)
                    indegree[u] += 1
                free = [u for u in range(n) if indegree[u] == 0]
                heapq.heapify(free)
                order = []
                while free:
                    u = heapq.heappop(free)
                    order.append(u)
                    for v in successors[u]:
                        indegree[v] -= 1
                        if indegree[v] == 0:
                            heapq.heappush(free, v)
                if len(order) < n:
                    raise ValueError("the graph has a cycle")
                return order
        """
        },
        fails={"test-topo-valid", "test-topo-ties"},
    ),
    Variant(
        name="topo-cost-linear",
        why="O(V + E) is plain Kahn with a queue; the min-heap adds a log factor to each of the V pushes and pops",
        cells={"topo-cost": 'TOPO_COST = "a"'},
        fails={"test-topo-cost"},
    ),
    Variant(
        name="topo-cost-edge-pushes",
        why="a node is pushed once, when its last incoming edge is removed, not once per edge as in Dijkstra",
        cells={"topo-cost": 'TOPO_COST = "b"'},
        fails={"test-topo-cost"},
    ),
    Variant(
        name="uf-no-path-compression",
        why="find walks to the root but leaves the path as it was: the parent list differs after finds",
        cells={
            "union-find": """
            class UnionFind:
                def __init__(self, n):
                    self.parent = list(range(n))
                    self.size = [1] * n

                def find(self, x):
                    while self.parent[x] != x:
                        x = self.parent[x]
                    return x

                def union(self, a, b):
                    root_a, root_b = self.find(a), self.find(b)
                    if root_a == root_b:
                        return False
                    if self.size[root_a] < self.size[root_b]:
                        root_a, root_b = root_b, root_a
                    self.parent[root_b] = root_a
                    self.size[root_a] += self.size[root_b]
                    return True
        """
        },
        fails={"test-uf-parent"},
    ),
    Variant(
        name="uf-naive-union",
        why="always hanging a's root under b's root builds tall chains; union by size keeps trees shallow",
        cells={
            "union-find": """
            class UnionFind:
                def __init__(self, n):
                    self.parent = list(range(n))
                    self.size = [1] * n

                def find(self, x):
                    root = x
                    while self.parent[root] != root:
                        root = self.parent[root]
                    while self.parent[x] != root:
                        self.parent[x], x = root, self.parent[x]
                    return root

                def union(self, a, b):
                    root_a, root_b = self.find(a), self.find(b)
                    if root_a == root_b:
                        return False
                    self.parent[root_a] = root_b
                    self.size[root_b] += self.size[root_a]
                    return True
        """
        },
        fails={"test-uf-parent", "test-uf-shallow"},
    ),
    Variant(
        name="uf-path-halving",
        why="path halving shortens the path but does not point every node on it at the root",
        cells={
            "union-find": """
            class UnionFind:
                def __init__(self, n):
                    self.parent = list(range(n))
                    self.size = [1] * n

                def find(self, x):
                    while self.parent[x] != x:
                        self.parent[x] = self.parent[self.parent[x]]
                        x = self.parent[x]
                    return x

                def union(self, a, b):
                    root_a, root_b = self.find(a), self.find(b)
                    if root_a == root_b:
                        return False
                    if self.size[root_a] < self.size[root_b]:
                        root_a, root_b = root_b, root_a
                    self.parent[root_b] = root_a
                    self.size[root_a] += self.size[root_b]
                    return True
        """
        },
        fails={"test-uf-parent"},
    ),
    Variant(
        name="uf-tie-goes-to-b",
        why="on equal sizes a's root goes under b's root; the rule is the other way round",
        cells={
            "union-find": """
            class UnionFind:
                def __init__(self, n):
                    self.parent = list(range(n))
                    self.size = [1] * n

                def find(self, x):
                    root = x
                    while self.parent[root] != root:
                        root = self.parent[root]
                    while self.parent[x] != root:
                        self.parent[x], x = root, self.parent[x]
                    return root

                def union(self, a, b):
                    root_a, root_b = self.find(a), self.find(b)
                    if root_a == root_b:
                        return False
                    if self.size[root_a] <= self.size[root_b]:
                        root_a, root_b = root_b, root_a
                    self.parent[root_b] = root_a
                    self.size[root_a] += self.size[root_b]
                    return True
        """
        },
        fails={"test-uf-parent"},
    ),
    Variant(
        name="components-root-labels",
        why="each node is labelled with its root, which is not necessarily the smallest node of its component",
        cells={
            "components": """
            def connected_components(n, edges):
                sets = UnionFind(n)
                for u, v in edges:
                    sets.union(u, v)
                labels = [sets.find(node) for node in range(n)]
                return len(set(labels)), labels
        """
        },
        fails={"test-components-labels"},
    ),
    Variant(
        name="components-count-from-edges",
        why="n minus the number of edges over-counts merges: an edge inside a component merges nothing",
        cells={
            "components": """
            def connected_components(n, edges):
                sets = UnionFind(n)
                for u, v in edges:
                    sets.union(u, v)
                smallest = {}
                for node in range(n):
                    smallest.setdefault(sets.find(node), node)
                return n - len(edges), [smallest[sets.find(node)] for node in range(n)]
        """
        },
        fails={"test-components"},
    ),
    Variant(
        name="components-calls-scipy",
        why="scipy's connected_components inside a from-scratch exercise earns nothing",
        cells={
            "components": """
            from scipy.sparse import csr_matrix
            from scipy.sparse.csgraph import connected_components as scipy_components

            def connected_components(n, edges):
                rows = [u for u, _ in edges]
                cols = [v for _, v in edges]
                count, labels = scipy_components(csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n)),
                                                 directed=False)
                smallest = {}
                for node in range(n):
                    smallest.setdefault(int(labels[node]), node)
                return int(count), [smallest[int(label)] for label in labels]
        """
        },
        fails={"test-components", "test-components-labels"},
    ),
]

# Mutants no test can tell from the reference solution (course validate --mutants), with the reason.
EQUIVALENT_MUTANTS = {
    "dijkstra@ff0a0674": "`range(n)` → `range(n + 1)` for the adjacency lists: every endpoint is checked to be "
                         "below n first, so the extra list is never used",
    "topo@b2360527": "`heapq.heapify(free)` dropped: free is built by scanning range(n) in increasing order, and a "
                     "sorted list already is a heap",
    "topo@df4936e4": "`range(n)` → `range(n + 1)` for the successor lists: the spec's edges join nodes 0..n-1, so "
                     "the extra list is never used",
    "components@0335edb7": "`union(u, v)` → `union(v, u)`: only the shape of the trees changes; the count and the "
                           "label (the smallest node of each component) do not depend on it",
}
