"""Plausible wrong answers to 04_system_design/7_distributed_training_and_data_platforms; each must lose exactly the
tests listed in `fails`."""

from course.proof.variants import Variant

# data_parallel_gd() and the cost test use ring_allreduce(); rebalance_report() uses consistent_assign().
ALLREDUCE_TESTS = {"test-allreduce-sum", "test-allreduce-traffic", "test-allreduce-edges"}

VARIANTS = [
    # ------------------------------------------------------------------ 1.1 ring_allreduce
    Variant(
        name="allreduce-sequential-within-a-step",
        why="applies each message as soon as it is computed, so a worker forwards a chunk it received in the same "
        "step: the sums come out wrong. Collect every message of a step before applying any",
        cells={
            "ring-allreduce": """
            def ring_allreduce(vectors):
                buffers = np.array(vectors, dtype=float)
                n, d = buffers.shape
                chunks = np.array_split(np.arange(d), n)
                sent = np.zeros(n, dtype=np.int64)
                for step in range(n - 1):
                    for i in range(n):
                        c = (i - step + 1) % n
                        buffers[(i + 1) % n, chunks[c]] += buffers[i, chunks[c]]
                        sent[i] += len(chunks[c])
                for step in range(n - 1):
                    for i in range(n):
                        c = (i + 1 - step) % n
                        buffers[(i + 1) % n, chunks[c]] = buffers[i, chunks[c]]
                        sent[i] += len(chunks[c])
                return buffers, sent
        """
        },
        fails=ALLREDUCE_TESTS | {"test-dp-equal-shards", "test-dp-uneven"},
    ),
    Variant(
        name="allreduce-without-all-gather",
        why="stops after the reduce-scatter: each worker holds only one complete chunk, the rest are partial sums",
        cells={
            "ring-allreduce": """
            def ring_allreduce(vectors):
                buffers = np.array(vectors, dtype=float)
                n, d = buffers.shape
                chunks = np.array_split(np.arange(d), n)
                sent = np.zeros(n, dtype=np.int64)
                for step in range(n - 1):
                    outgoing = [(i, (i - step) % n) for i in range(n)]
                    messages = [buffers[i, chunks[c]].copy() for i, c in outgoing]
                    for (i, c), m in zip(outgoing, messages):
                        buffers[(i + 1) % n, chunks[c]] += m
                        sent[i] += len(m)
                return buffers, sent
        """
        },
        fails={
            "test-allreduce-sum",
            "test-allreduce-traffic",
            "test-allreduce-edges",
            "test-dp-equal-shards",
            "test-dp-uneven",
            "test-allreduce-cost",
        },
    ),
    Variant(
        name="allreduce-numpy-sum-with-formula-traffic",
        why="returns np.sum of the rows instead of simulating the ring: the additions happen in another order, so "
        "the floating-point result differs from what the ring computes",
        cells={
            "ring-allreduce": """
            def ring_allreduce(vectors):
                vectors = np.array(vectors, dtype=float)
                n, d = vectors.shape
                sizes = [len(c) for c in np.array_split(np.arange(d), n)]
                sent = np.array([sum(sizes[(i - s) % n] + sizes[(i + 1 - s) % n] for s in range(n - 1))
                                 for i in range(n)], dtype=np.int64)
                return np.tile(vectors.sum(axis=0), (n, 1)), sent
        """
        },
        fails={"test-allreduce-sum"},
    ),
    Variant(
        name="allreduce-counts-messages-not-entries",
        why="counts the messages (2(N - 1) per worker) instead of the entries they carry",
        cells={
            "ring-allreduce": """
            def ring_allreduce(vectors):
                buffers = np.array(vectors, dtype=float)
                n, d = buffers.shape
                chunks = np.array_split(np.arange(d), n)
                sent = np.zeros(n, dtype=np.int64)
                for phase in (0, 1):
                    for step in range(n - 1):
                        outgoing = [(i, (i - step) % n if phase == 0 else (i + 1 - step) % n) for i in range(n)]
                        messages = [buffers[i, chunks[c]].copy() for i, c in outgoing]
                        for (i, c), m in zip(outgoing, messages):
                            if phase == 0:
                                buffers[(i + 1) % n, chunks[c]] += m
                            else:
                                buffers[(i + 1) % n, chunks[c]] = m
                            sent[i] += 1
                return buffers, sent
        """
        },
        fails={"test-allreduce-traffic", "test-allreduce-edges", "test-allreduce-cost"},
    ),
    # ------------------------------------------------------------------ 1.2 data_parallel_gd
    Variant(
        name="dp-mean-of-micro-batch-means",
        why="averages the micro-batch means: a smaller last micro-batch gets too much weight. Sum the per-example "
        "gradients and divide once by n",
        cells={
            "data-parallel-gd": """
            def data_parallel_gd(X, y, w0, lr, steps, n_workers, micro_batch):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                n, d = X.shape
                shards = np.array_split(np.arange(n), n_workers)
                weights = np.tile(np.asarray(w0, dtype=float), (n_workers, 1))
                for _ in range(steps):
                    local = np.zeros((n_workers, d))
                    for worker, rows in enumerate(shards):
                        means = [X[b].T @ (X[b] @ weights[worker] - y[b]) / len(b)
                                 for b in (rows[s:s + micro_batch] for s in range(0, len(rows), micro_batch))]
                        local[worker] = np.mean(means, axis=0)
                    total, _ = ring_allreduce(local)
                    weights = weights - lr * total / n_workers
                return weights
        """
        },
        fails={"test-dp-uneven"},
    ),
    Variant(
        name="dp-mean-of-shard-means",
        why="divides each shard's gradient by the shard size and averages over workers: unequal shards are weighted "
        "wrongly. Divide the all-reduced sum by the global n",
        cells={
            "data-parallel-gd": """
            def data_parallel_gd(X, y, w0, lr, steps, n_workers, micro_batch):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                n, d = X.shape
                shards = np.array_split(np.arange(n), n_workers)
                weights = np.tile(np.asarray(w0, dtype=float), (n_workers, 1))
                for _ in range(steps):
                    local = np.zeros((n_workers, d))
                    for worker, rows in enumerate(shards):
                        for s in range(0, len(rows), micro_batch):
                            b = rows[s:s + micro_batch]
                            local[worker] += X[b].T @ (X[b] @ weights[worker] - y[b])
                        local[worker] /= len(rows)
                    total, _ = ring_allreduce(local)
                    weights = weights - lr * total / n_workers
                return weights
        """
        },
        fails={"test-dp-uneven"},
    ),
    Variant(
        name="dp-divides-by-workers-only",
        why="divides the all-reduced sum by the number of workers instead of the number of examples: the step is "
        "n / N times too large",
        cells={
            "data-parallel-gd": """
            def data_parallel_gd(X, y, w0, lr, steps, n_workers, micro_batch):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                n, d = X.shape
                shards = np.array_split(np.arange(n), n_workers)
                weights = np.tile(np.asarray(w0, dtype=float), (n_workers, 1))
                for _ in range(steps):
                    local = np.zeros((n_workers, d))
                    for worker, rows in enumerate(shards):
                        for s in range(0, len(rows), micro_batch):
                            b = rows[s:s + micro_batch]
                            local[worker] += X[b].T @ (X[b] @ weights[worker] - y[b])
                    total, _ = ring_allreduce(local)
                    weights = weights - lr * total / n_workers
                return weights
        """
        },
        fails={"test-dp-equal-shards", "test-dp-uneven"},
    ),
    Variant(
        name="dp-local-steps-without-allreduce",
        why="each worker steps on its own shard's gradient and never synchronises: the copies drift apart",
        cells={
            "data-parallel-gd": """
            def data_parallel_gd(X, y, w0, lr, steps, n_workers, micro_batch):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                shards = np.array_split(np.arange(len(y)), n_workers)
                weights = np.tile(np.asarray(w0, dtype=float), (n_workers, 1))
                for _ in range(steps):
                    for worker, rows in enumerate(shards):
                        w = weights[worker]
                        weights[worker] = w - lr * X[rows].T @ (X[rows] @ w - y[rows]) / len(rows)
                return weights
        """
        },
        fails={"test-dp-equal-shards", "test-dp-uneven"},
    ),
    # ------------------------------------------------------------------ 1.3 allreduce_seconds
    Variant(
        name="cost-ring-without-factor-two",
        why="counts only the reduce-scatter: the all-gather costs another N - 1 steps",
        cells={
            "allreduce-cost": """
            def allreduce_seconds(n_workers, size_bytes, bandwidth, latency=0.0, algorithm="ring"):
                if algorithm == "ring":
                    return float((n_workers - 1) * (latency + size_bytes / (n_workers * bandwidth)))
                if algorithm == "parameter_server":
                    return float(2 * (latency + n_workers * size_bytes / bandwidth))
                raise ValueError(algorithm)
        """
        },
        fails={"test-allreduce-cost"},
    ),
    Variant(
        name="cost-latency-once",
        why="adds the latency once per all-reduce: every one of the 2(N - 1) steps is a message with its own latency",
        cells={
            "allreduce-cost": """
            def allreduce_seconds(n_workers, size_bytes, bandwidth, latency=0.0, algorithm="ring"):
                if algorithm == "ring":
                    return float(latency + 2 * (n_workers - 1) * size_bytes / (n_workers * bandwidth))
                if algorithm == "parameter_server":
                    return float(2 * (latency + n_workers * size_bytes / bandwidth))
                raise ValueError(algorithm)
        """
        },
        fails={"test-allreduce-cost"},
    ),
    Variant(
        name="cost-parameter-server-per-worker",
        why="divides the server's traffic by the workers: the single server link carries every worker's gradient",
        cells={
            "allreduce-cost": """
            def allreduce_seconds(n_workers, size_bytes, bandwidth, latency=0.0, algorithm="ring"):
                if algorithm == "ring":
                    return float(2 * (n_workers - 1) * (latency + size_bytes / (n_workers * bandwidth)))
                if algorithm == "parameter_server":
                    return float(2 * (latency + size_bytes / bandwidth))
                raise ValueError(algorithm)
        """
        },
        fails={"test-allreduce-cost"},
    ),
    Variant(
        name="cost-unknown-algorithm-is-ring",
        why="an unknown algorithm silently falls back to the ring instead of raising ValueError",
        cells={
            "allreduce-cost": """
            def allreduce_seconds(n_workers, size_bytes, bandwidth, latency=0.0, algorithm="ring"):
                if algorithm == "parameter_server":
                    return float(2 * (latency + n_workers * size_bytes / bandwidth))
                return float(2 * (n_workers - 1) * (latency + size_bytes / (n_workers * bandwidth)))
        """
        },
        fails={"test-allreduce-cost"},
    ),
    # ------------------------------------------------------------------ 2.1 checkpoints
    Variant(
        name="checkpoint-reseeds-on-resume",
        why="the generator is re-created from the seed on resume instead of restored: the resumed epochs replay the "
        "first epochs' shuffles",
        cells={
            "checkpoint": """
            def train_with_checkpoints(X, y, lr, epochs, batch_size, seed, checkpoint_path, stop_after_epoch=None):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                path = Path(checkpoint_path)
                if path.exists():
                    state = json.loads(path.read_text())
                    w, done = np.array(state["w"]), state["epochs_done"]
                else:
                    w, done = np.zeros(X.shape[1]), 0
                rng = np.random.default_rng(seed)
                while done < epochs:
                    order = rng.permutation(len(y))
                    for s in range(0, len(y), batch_size):
                        b = order[s:s + batch_size]
                        w = w - lr * X[b].T @ (X[b] @ w - y[b]) / len(b)
                    done += 1
                    handle, tmp = tempfile.mkstemp(dir=path.parent)
                    with os.fdopen(handle, "w") as f:
                        json.dump({"w": w.tolist(), "epochs_done": done}, f)
                    os.replace(tmp, path)
                    if stop_after_epoch is not None and done >= stop_after_epoch:
                        break
                return w
        """
        },
        fails={"test-checkpoint-resume", "test-checkpoint-reference"},
    ),
    Variant(
        name="checkpoint-seed-per-epoch",
        why="seeds a new generator per epoch (seed + epoch): it resumes reproducibly, but it is not the stated "
        "recipe (one generator, one permutation per epoch), so it trains on other shuffles",
        cells={
            "checkpoint": """
            def train_with_checkpoints(X, y, lr, epochs, batch_size, seed, checkpoint_path, stop_after_epoch=None):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                path = Path(checkpoint_path)
                if path.exists():
                    state = json.loads(path.read_text())
                    w, done = np.array(state["w"]), state["epochs_done"]
                else:
                    w, done = np.zeros(X.shape[1]), 0
                while done < epochs:
                    order = np.random.default_rng(seed + done).permutation(len(y))
                    for s in range(0, len(y), batch_size):
                        b = order[s:s + batch_size]
                        w = w - lr * X[b].T @ (X[b] @ w - y[b]) / len(b)
                    done += 1
                    handle, tmp = tempfile.mkstemp(dir=path.parent)
                    with os.fdopen(handle, "w") as f:
                        json.dump({"w": w.tolist(), "epochs_done": done}, f)
                    os.replace(tmp, path)
                    if stop_after_epoch is not None and done >= stop_after_epoch:
                        break
                return w
        """
        },
        fails={"test-checkpoint-reference"},
    ),
    Variant(
        name="checkpoint-weights-as-float32",
        why="saves the weights in float32 to halve the file: the resumed run starts from rounded weights and no "
        "longer matches the uninterrupted one byte for byte",
        cells={
            "checkpoint": """
            def train_with_checkpoints(X, y, lr, epochs, batch_size, seed, checkpoint_path, stop_after_epoch=None):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                path = Path(checkpoint_path)
                if path.exists():
                    state = json.loads(path.read_text())
                    w, done = np.array(state["w"], dtype=float), state["epochs_done"]
                    rng = np.random.default_rng()
                    rng.bit_generator.state = state["rng_state"]
                else:
                    w, done, rng = np.zeros(X.shape[1]), 0, np.random.default_rng(seed)
                while done < epochs:
                    order = rng.permutation(len(y))
                    for s in range(0, len(y), batch_size):
                        b = order[s:s + batch_size]
                        w = w - lr * X[b].T @ (X[b] @ w - y[b]) / len(b)
                    done += 1
                    handle, tmp = tempfile.mkstemp(dir=path.parent)
                    with os.fdopen(handle, "w") as f:
                        json.dump({"w": w.astype(np.float32).tolist(), "epochs_done": done,
                                   "rng_state": rng.bit_generator.state}, f)
                    os.replace(tmp, path)
                    if stop_after_epoch is not None and done >= stop_after_epoch:
                        break
                return w
        """
        },
        fails={"test-checkpoint-resume", "test-checkpoint-reference"},
    ),
    Variant(
        name="checkpoint-temporary-file-in-system-folder",
        why="the temporary file is created in the system's temporary folder: os.replace is only atomic within one "
        "filesystem, so it belongs beside the checkpoint",
        cells={
            "checkpoint": """
            def train_with_checkpoints(X, y, lr, epochs, batch_size, seed, checkpoint_path, stop_after_epoch=None):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                path = Path(checkpoint_path)
                if path.exists():
                    state = json.loads(path.read_text())
                    w, done = np.array(state["w"], dtype=float), state["epochs_done"]
                    rng = np.random.default_rng()
                    rng.bit_generator.state = state["rng_state"]
                else:
                    w, done, rng = np.zeros(X.shape[1]), 0, np.random.default_rng(seed)
                while done < epochs:
                    order = rng.permutation(len(y))
                    for s in range(0, len(y), batch_size):
                        b = order[s:s + batch_size]
                        w = w - lr * X[b].T @ (X[b] @ w - y[b]) / len(b)
                    done += 1
                    handle, tmp = tempfile.mkstemp()
                    with os.fdopen(handle, "w") as f:
                        json.dump({"w": w.tolist(), "epochs_done": done, "rng_state": rng.bit_generator.state}, f)
                    os.replace(tmp, path)
                    if stop_after_epoch is not None and done >= stop_after_epoch:
                        break
                return w
        """
        },
        fails={"test-checkpoint-files"},
    ),
    Variant(
        name="checkpoint-leaves-temporary-files",
        why="writes each epoch's checkpoint to a new numbered file and copies it over: the temporary files pile up",
        cells={
            "checkpoint": """
            import shutil

            def train_with_checkpoints(X, y, lr, epochs, batch_size, seed, checkpoint_path, stop_after_epoch=None):
                X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
                path = Path(checkpoint_path)
                if path.exists():
                    state = json.loads(path.read_text())
                    w, done = np.array(state["w"], dtype=float), state["epochs_done"]
                    rng = np.random.default_rng()
                    rng.bit_generator.state = state["rng_state"]
                else:
                    w, done, rng = np.zeros(X.shape[1]), 0, np.random.default_rng(seed)
                while done < epochs:
                    order = rng.permutation(len(y))
                    for s in range(0, len(y), batch_size):
                        b = order[s:s + batch_size]
                        w = w - lr * X[b].T @ (X[b] @ w - y[b]) / len(b)
                    done += 1
                    tmp = path.with_name(f"{path.name}.{done}.tmp")
                    tmp.write_text(json.dumps({"w": w.tolist(), "epochs_done": done,
                                               "rng_state": rng.bit_generator.state}))
                    shutil.copyfile(tmp, path)
                    if stop_after_epoch is not None and done >= stop_after_epoch:
                        break
                return w
        """
        },
        fails={"test-checkpoint-files"},
    ),
    # ------------------------------------------------------------------ 3.1 consistent_assign
    Variant(
        name="ring-strictly-after",
        why="bisect_right takes the first point strictly after the key's hash: a key that hashes onto a point "
        "belongs to that point's node",
        cells={
            "consistent-assign": """
            def consistent_assign(keys, nodes, vnodes):
                ring = sorted((stable_hash(f"{node}#{i}"), node) for node in nodes for i in range(vnodes))
                positions = [p for p, _ in ring]
                return [ring[bisect.bisect_right(positions, stable_hash(k)) % len(ring)][1] for k in keys]
        """
        },
        fails={"test-consistent-assign-edges"},
    ),
    Variant(
        name="ring-no-wrap-around",
        why="a key beyond the last point goes to the last point's node: the ring must wrap around to the first point",
        cells={
            "consistent-assign": """
            def consistent_assign(keys, nodes, vnodes):
                ring = sorted((stable_hash(f"{node}#{i}"), node) for node in nodes for i in range(vnodes))
                positions = [p for p, _ in ring]
                return [ring[min(bisect.bisect_left(positions, stable_hash(k)), len(ring) - 1)][1] for k in keys]
        """
        },
        fails={"test-consistent-assign", "test-consistent-assign-edges", "test-rebalance"},
    ),
    Variant(
        name="ring-counter-clockwise",
        why="gives a key to the last point before its hash instead of the first one at or after it",
        cells={
            "consistent-assign": """
            def consistent_assign(keys, nodes, vnodes):
                ring = sorted((stable_hash(f"{node}#{i}"), node) for node in nodes for i in range(vnodes))
                positions = [p for p, _ in ring]
                return [ring[bisect.bisect_right(positions, stable_hash(k)) - 1][1] for k in keys]
        """
        },
        fails={"test-consistent-assign", "test-consistent-assign-edges", "test-rebalance"},
    ),
    Variant(
        name="ring-is-modulo-hashing",
        why="modulo hashing is not a ring: keys go to nodes[hash % N], not to the first virtual node after the hash",
        cells={
            "consistent-assign": """
            def consistent_assign(keys, nodes, vnodes):
                return [nodes[stable_hash(k) % len(nodes)] for k in keys]
        """
        },
        fails={"test-consistent-assign", "test-consistent-assign-edges", "test-rebalance"},
    ),
    # ------------------------------------------------------------------ 3.2 rebalance_report
    Variant(
        name="rebalance-new-node-first",
        why="puts the new node first in the modulo list: the stated rule appends it at the end",
        cells={
            "rebalance": """
            def rebalance_report(keys, nodes, new_node, vnodes):
                grown = list(nodes) + [new_node]
                before, after = consistent_assign(keys, nodes, vnodes), consistent_assign(keys, grown, vnodes)
                moved = [b != a for b, a in zip(before, after)]
                first = [new_node] + list(nodes)
                modulo = [nodes[stable_hash(k) % len(nodes)] != first[stable_hash(k) % len(first)] for k in keys]
                return {"consistent_moved": sum(moved) / len(keys), "modulo_moved": sum(modulo) / len(keys),
                        "moved_to_new_node_only": all(a == new_node for a, m in zip(after, moved) if m)}
        """
        },
        fails={"test-rebalance"},
    ),
    Variant(
        name="rebalance-counts-not-shares",
        why="returns the numbers of moved keys instead of their shares",
        cells={
            "rebalance": """
            def rebalance_report(keys, nodes, new_node, vnodes):
                grown = list(nodes) + [new_node]
                before, after = consistent_assign(keys, nodes, vnodes), consistent_assign(keys, grown, vnodes)
                moved = [b != a for b, a in zip(before, after)]
                modulo = [nodes[stable_hash(k) % len(nodes)] != grown[stable_hash(k) % len(grown)] for k in keys]
                return {"consistent_moved": sum(moved), "modulo_moved": sum(modulo),
                        "moved_to_new_node_only": all(a == new_node for a, m in zip(after, moved) if m)}
        """
        },
        fails={"test-rebalance"},
    ),
    Variant(
        name="rebalance-moved-to-new-node-checks-every-key",
        why="checks that every key is now on the new node, not that every moved key is",
        cells={
            "rebalance": """
            def rebalance_report(keys, nodes, new_node, vnodes):
                grown = list(nodes) + [new_node]
                before, after = consistent_assign(keys, nodes, vnodes), consistent_assign(keys, grown, vnodes)
                moved = [b != a for b, a in zip(before, after)]
                modulo = [nodes[stable_hash(k) % len(nodes)] != grown[stable_hash(k) % len(grown)] for k in keys]
                return {"consistent_moved": sum(moved) / len(keys), "modulo_moved": sum(modulo) / len(keys),
                        "moved_to_new_node_only": all(a == new_node for a in after)}
        """
        },
        fails={"test-rebalance"},
    ),
    # ------------------------------------------------------------------ 4.1 object store
    Variant(
        name="object-store-flat-layout",
        why="stores objects directly under objects/ without the two-character fan-out folder",
        cells={
            "object-store": """
            def put_object(root, data):
                digest = hashlib.sha256(data).hexdigest()
                path = Path(root) / "objects" / digest
                if not path.exists():
                    path.parent.mkdir(parents=True, exist_ok=True)
                    handle, tmp = tempfile.mkstemp(dir=path.parent)
                    with os.fdopen(handle, "wb") as f:
                        f.write(data)
                    os.replace(tmp, path)
                return digest


            def get_object(root, digest):
                path = Path(root) / "objects" / digest
                if not path.exists():
                    raise KeyError(digest)
                data = path.read_bytes()
                if hashlib.sha256(data).hexdigest() != digest:
                    raise ValueError(digest)
                return data
        """
        },
        fails={"test-put-object", "test-get-object"},
    ),
    Variant(
        name="object-store-rewrites-existing-objects",
        why="writes the object again on every put: content addressing makes a re-upload a no-op, and rewriting "
        "stored objects races with readers for nothing",
        cells={
            "object-store": """
            def put_object(root, data):
                digest = hashlib.sha256(data).hexdigest()
                path = Path(root) / "objects" / digest[:2] / digest[2:]
                path.parent.mkdir(parents=True, exist_ok=True)
                handle, tmp = tempfile.mkstemp(dir=path.parent)
                with os.fdopen(handle, "wb") as f:
                    f.write(data)
                os.replace(tmp, path)
                return digest


            def get_object(root, digest):
                path = Path(root) / "objects" / digest[:2] / digest[2:]
                if not path.exists():
                    raise KeyError(digest)
                data = path.read_bytes()
                if hashlib.sha256(data).hexdigest() != digest:
                    raise ValueError(digest)
                return data
        """
        },
        fails={"test-put-object"},
    ),
    Variant(
        name="object-store-md5",
        why="addresses content with MD5: collisions can be constructed on purpose, and the stated hash is SHA-256",
        cells={
            "object-store": """
            def put_object(root, data):
                digest = hashlib.md5(data).hexdigest()
                path = Path(root) / "objects" / digest[:2] / digest[2:]
                if not path.exists():
                    path.parent.mkdir(parents=True, exist_ok=True)
                    handle, tmp = tempfile.mkstemp(dir=path.parent)
                    with os.fdopen(handle, "wb") as f:
                        f.write(data)
                    os.replace(tmp, path)
                return digest


            def get_object(root, digest):
                path = Path(root) / "objects" / digest[:2] / digest[2:]
                if not path.exists():
                    raise KeyError(digest)
                data = path.read_bytes()
                if hashlib.md5(data).hexdigest() != digest:
                    raise ValueError(digest)
                return data
        """
        },
        fails={"test-put-object", "test-get-object"},
    ),
    Variant(
        name="object-store-trusts-the-disk",
        why="get_object returns the bytes without checking their hash: a corrupted or truncated file goes straight "
        "into training",
        cells={
            "object-store": """
            def put_object(root, data):
                digest = hashlib.sha256(data).hexdigest()
                path = Path(root) / "objects" / digest[:2] / digest[2:]
                if not path.exists():
                    path.parent.mkdir(parents=True, exist_ok=True)
                    handle, tmp = tempfile.mkstemp(dir=path.parent)
                    with os.fdopen(handle, "wb") as f:
                        f.write(data)
                    os.replace(tmp, path)
                return digest


            def get_object(root, digest):
                path = Path(root) / "objects" / digest[:2] / digest[2:]
                if not path.exists():
                    raise KeyError(digest)
                return path.read_bytes()
        """
        },
        fails={"test-get-object"},
    ),
    Variant(
        name="object-store-temporary-file-in-system-folder",
        why="the temporary file is created in the system's temporary folder; it belongs beside the object, on the "
        "same filesystem, for os.replace to be atomic",
        cells={
            "object-store": """
            def put_object(root, data):
                digest = hashlib.sha256(data).hexdigest()
                path = Path(root) / "objects" / digest[:2] / digest[2:]
                if not path.exists():
                    path.parent.mkdir(parents=True, exist_ok=True)
                    handle, tmp = tempfile.mkstemp()
                    with os.fdopen(handle, "wb") as f:
                        f.write(data)
                    os.replace(tmp, path)
                return digest


            def get_object(root, digest):
                path = Path(root) / "objects" / digest[:2] / digest[2:]
                if not path.exists():
                    raise KeyError(digest)
                data = path.read_bytes()
                if hashlib.sha256(data).hexdigest() != digest:
                    raise ValueError(digest)
                return data
        """
        },
        fails={"test-put-object"},
    ),
    # ------------------------------------------------------------------ 4.2 validate_record
    Variant(
        name="record-bool-is-an-int",
        why="isinstance(True, int) is True in Python: a bool slips through as a size or a duration",
        cells={
            "validate-record": """
            def validate_record(record, schema):
                problems = {}
                for field, spec in schema.items():
                    value = record.get(field)
                    if value is None:
                        if spec.get("required", False):
                            problems[field] = "missing"
                        continue
                    kind = spec["type"]
                    ok = {"str": isinstance(value, str), "date": isinstance(value, str), "int": isinstance(value, int),
                          "float": isinstance(value, (int, float)),
                          "list[str]": isinstance(value, list) and all(isinstance(v, str) for v in value)}[kind]
                    if not ok:
                        problems[field] = "type"
                        continue
                    bad = kind == "date" and not re.fullmatch(r"\\d{4}-\\d{2}-\\d{2}", value)
                    if kind == "date" and not bad:
                        try:
                            datetime.date.fromisoformat(value)
                        except ValueError:
                            bad = True
                    bad = bad or ("enum" in spec and value not in spec["enum"])
                    bad = bad or ("pattern" in spec and re.fullmatch(spec["pattern"], value) is None)
                    bad = bad or ("min" in spec and value < spec["min"])
                    if bad:
                        problems[field] = "value"
                problems.update({f: "unexpected" for f in record if f not in schema})
                return problems
        """
        },
        fails={"test-validate-record", "test-validate-record-rules"},
    ),
    Variant(
        name="record-pattern-prefix-match",
        why="re.match only anchors the start: a digest followed by extra characters passes. The pattern must match the "
        "whole string (re.fullmatch)",
        cells={
            "validate-record": """
            def validate_record(record, schema):
                problems = {}
                for field, spec in schema.items():
                    value = record.get(field)
                    if value is None:
                        if spec.get("required", False):
                            problems[field] = "missing"
                        continue
                    kind = spec["type"]
                    ok = {"str": isinstance(value, str), "date": isinstance(value, str),
                          "int": isinstance(value, int) and not isinstance(value, bool),
                          "float": isinstance(value, (int, float)) and not isinstance(value, bool),
                          "list[str]": isinstance(value, list) and all(isinstance(v, str) for v in value)}[kind]
                    if not ok:
                        problems[field] = "type"
                        continue
                    bad = kind == "date" and not re.fullmatch(r"\\d{4}-\\d{2}-\\d{2}", value)
                    if kind == "date" and not bad:
                        try:
                            datetime.date.fromisoformat(value)
                        except ValueError:
                            bad = True
                    bad = bad or ("enum" in spec and value not in spec["enum"])
                    bad = bad or ("pattern" in spec and re.match(spec["pattern"], value) is None)
                    bad = bad or ("min" in spec and value < spec["min"])
                    if bad:
                        problems[field] = "value"
                problems.update({f: "unexpected" for f in record if f not in schema})
                return problems
        """
        },
        fails={"test-validate-record", "test-validate-record-rules"},
    ),
    Variant(
        name="record-date-format-only",
        why="checks the YYYY-MM-DD shape but not the calendar: 2023-02-29 and 2024-13-01 are not dates",
        cells={
            "validate-record": """
            def validate_record(record, schema):
                problems = {}
                for field, spec in schema.items():
                    value = record.get(field)
                    if value is None:
                        if spec.get("required", False):
                            problems[field] = "missing"
                        continue
                    kind = spec["type"]
                    ok = {"str": isinstance(value, str), "date": isinstance(value, str),
                          "int": isinstance(value, int) and not isinstance(value, bool),
                          "float": isinstance(value, (int, float)) and not isinstance(value, bool),
                          "list[str]": isinstance(value, list) and all(isinstance(v, str) for v in value)}[kind]
                    if not ok:
                        problems[field] = "type"
                        continue
                    bad = kind == "date" and not re.fullmatch(r"\\d{4}-\\d{2}-\\d{2}", value)
                    bad = bad or ("enum" in spec and value not in spec["enum"])
                    bad = bad or ("pattern" in spec and re.fullmatch(spec["pattern"], value) is None)
                    bad = bad or ("min" in spec and value < spec["min"])
                    if bad:
                        problems[field] = "value"
                problems.update({f: "unexpected" for f in record if f not in schema})
                return problems
        """
        },
        fails={"test-validate-record", "test-validate-record-rules"},
    ),
    Variant(
        name="record-none-is-a-type-error",
        why="a None value is treated as a wrong type: the stated rule counts it as missing (or fine when optional)",
        cells={
            "validate-record": """
            def validate_record(record, schema):
                problems = {}
                for field, spec in schema.items():
                    if field not in record:
                        if spec.get("required", False):
                            problems[field] = "missing"
                        continue
                    value = record[field]
                    kind = spec["type"]
                    ok = {"str": isinstance(value, str), "date": isinstance(value, str),
                          "int": isinstance(value, int) and not isinstance(value, bool),
                          "float": isinstance(value, (int, float)) and not isinstance(value, bool),
                          "list[str]": isinstance(value, list) and all(isinstance(v, str) for v in value)}[kind]
                    if not ok:
                        problems[field] = "type"
                        continue
                    bad = kind == "date" and not re.fullmatch(r"\\d{4}-\\d{2}-\\d{2}", value)
                    if kind == "date" and not bad:
                        try:
                            datetime.date.fromisoformat(value)
                        except ValueError:
                            bad = True
                    bad = bad or ("enum" in spec and value not in spec["enum"])
                    bad = bad or ("pattern" in spec and re.fullmatch(spec["pattern"], value) is None)
                    bad = bad or ("min" in spec and value < spec["min"])
                    if bad:
                        problems[field] = "value"
                problems.update({f: "unexpected" for f in record if f not in schema})
                return problems
        """
        },
        fails={"test-validate-record", "test-validate-record-rules"},
    ),
    Variant(
        name="record-min-exclusive",
        why="'<=' makes the lower bound exclusive: a size of 0 bytes (an empty file) is allowed by the schema",
        cells={
            "validate-record": """
            def validate_record(record, schema):
                problems = {}
                for field, spec in schema.items():
                    value = record.get(field)
                    if value is None:
                        if spec.get("required", False):
                            problems[field] = "missing"
                        continue
                    kind = spec["type"]
                    ok = {"str": isinstance(value, str), "date": isinstance(value, str),
                          "int": isinstance(value, int) and not isinstance(value, bool),
                          "float": isinstance(value, (int, float)) and not isinstance(value, bool),
                          "list[str]": isinstance(value, list) and all(isinstance(v, str) for v in value)}[kind]
                    if not ok:
                        problems[field] = "type"
                        continue
                    bad = kind == "date" and not re.fullmatch(r"\\d{4}-\\d{2}-\\d{2}", value)
                    if kind == "date" and not bad:
                        try:
                            datetime.date.fromisoformat(value)
                        except ValueError:
                            bad = True
                    bad = bad or ("enum" in spec and value not in spec["enum"])
                    bad = bad or ("pattern" in spec and re.fullmatch(spec["pattern"], value) is None)
                    bad = bad or ("min" in spec and value <= spec["min"])
                    if bad:
                        problems[field] = "value"
                problems.update({f: "unexpected" for f in record if f not in schema})
                return problems
        """
        },
        fails={"test-validate-record", "test-validate-record-rules"},
    ),
    # ------------------------------------------------------------------ 4.3 plan_scan
    Variant(
        name="scan-prunes-unpartitioned-files",
        why="drops files that have no partition value for a filtered key: they may hold matching rows",
        cells={
            "plan-scan": """
            def plan_scan(paths, filters):
                def ok(value, c):
                    if isinstance(c, tuple):
                        return c[0] <= value <= c[1]
                    if isinstance(c, (list, set)):
                        return value in c
                    return value == c
                kept = []
                for path in paths:
                    values = dict(p.split("=", 1) for p in path.split("/") if "=" in p)
                    if all(k in values and ok(values[k], c) for k, c in filters.items()):
                        kept.append(path)
                return sorted(kept)
        """
        },
        fails={"test-plan-scan", "test-plan-scan-rules"},
    ),
    Variant(
        name="scan-exclusive-upper-bound",
        why="'value < high' drops the last day of the range: both bounds are inclusive",
        cells={
            "plan-scan": """
            def plan_scan(paths, filters):
                def ok(value, c):
                    if isinstance(c, tuple):
                        return c[0] <= value < c[1]
                    if isinstance(c, (list, set)):
                        return value in c
                    return value == c
                kept = []
                for path in paths:
                    values = dict(p.split("=", 1) for p in path.split("/") if "=" in p)
                    if all(k not in values or ok(values[k], c) for k, c in filters.items()):
                        kept.append(path)
                return sorted(kept)
        """
        },
        fails={"test-plan-scan", "test-plan-scan-rules"},
    ),
    Variant(
        name="scan-splits-at-every-equals-sign",
        why="splits key=value at every '=': a value that contains '=' is cut short",
        cells={
            "plan-scan": """
            def plan_scan(paths, filters):
                def ok(value, c):
                    if isinstance(c, tuple):
                        return c[0] <= value <= c[1]
                    if isinstance(c, (list, set)):
                        return value in c
                    return value == c
                kept = []
                for path in paths:
                    values = {p.split("=")[0]: p.split("=")[1] for p in path.split("/") if "=" in p}
                    if all(k not in values or ok(values[k], c) for k, c in filters.items()):
                        kept.append(path)
                return sorted(kept)
        """
        },
        fails={"test-plan-scan", "test-plan-scan-rules"},
    ),
    Variant(
        name="scan-unsorted",
        why="returns the paths in listing order; the stated output is sorted (a deterministic plan)",
        cells={
            "plan-scan": """
            def plan_scan(paths, filters):
                def ok(value, c):
                    if isinstance(c, tuple):
                        return c[0] <= value <= c[1]
                    if isinstance(c, (list, set)):
                        return value in c
                    return value == c
                kept = []
                for path in paths:
                    values = dict(p.split("=", 1) for p in path.split("/") if "=" in p)
                    if all(k not in values or ok(values[k], c) for k, c in filters.items()):
                        kept.append(path)
                return kept
        """
        },
        fails={"test-plan-scan", "test-plan-scan-rules"},
    ),
]

# Mutants of the reference solutions (course validate --mutants) that no input allowed by the specification can
# tell from the solution, with the reason.
EQUIVALENT_MUTANTS = {
    "data-parallel-gd@9d89e96d": "np.asarray(X, dtype=float) dropped: X is a numpy array by specification (its shape "
                                 "and rows are used), and an integer X gives the same float products",
    "data-parallel-gd@f2edc043": "np.asarray(y, dtype=float) dropped: y is a numpy array by specification, and X @ w "
                                 "- y is the same float vector for an integer y",
    "data-parallel-gd@81af5e20": "range(0, len(rows) + 1, micro_batch): the extra start equals len(rows) only when "
                                 "the shard is a multiple of micro_batch, and that micro-batch is empty (it adds a "
                                 "zero gradient)",
    "checkpoint@1bd48e1b": "np.asarray(X, dtype=float) dropped: X is a numpy array by specification (its shape and "
                           "rows are used), and an integer X gives the same float products",
    "checkpoint@14427155": "np.asarray(y, dtype=float) dropped: y is a numpy array by specification, and X_b @ w - "
                           "y_b is the same float vector for an integer y",
    "rebalance@a4b3d3d3": "zip(after, before) instead of zip(before, after): `!=` is symmetric, so every key's old "
                          "and new nodes compare the same way",
    "validate-record@28c62836": "default of spec.get('required') True instead of False: every field of a schema "
                                "states \"required\" (only enum, pattern and min are optional), so the default is "
                                "never used",
}
