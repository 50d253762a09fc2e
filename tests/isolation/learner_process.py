"""A learner's process for the proof of concept, in one of two modes (cells as JSON on stdin):

- `serve FD LIMIT`: run the learner's cells in a namespace of their own, keeping them in `In` as IPython does, then
  answer the trusted side on the inherited socket FD. It stands in for the learner's kernel under isolation:
  everything in it is the learner's, and nothing of the tests reaches it.
- `together`: today's design, for comparison: the learner's cells, then the test cells, in one namespace; prints
  which tests passed, and what the learner's `LEAKED` list collected, as JSON.
"""

from __future__ import annotations

import json
import socket
import sys

from course.isolation.agent import serve


def run(namespace: dict, cell: str) -> None:
    namespace["In"].append(cell)
    exec(compile(cell, f"<cell {len(namespace['In'])}>", "exec"), namespace)


def main() -> None:
    job = json.load(sys.stdin)
    namespace: dict = {"__name__": "__main__", "In": []}
    for cell in job["cells"]:
        run(namespace, cell)
    if sys.argv[1] == "serve":
        serve(socket.socket(fileno=int(sys.argv[2])), namespace, limit=int(sys.argv[3]))
        return
    passed = {}
    for name, cell in job["tests"].items():
        try:
            run(namespace, cell)
            passed[name] = True
        except Exception:
            passed[name] = False
    leaked = namespace.get("LEAKED", [])
    print(json.dumps({"passed": passed, "leaked": [str(x) for x in leaked] if type(leaked) is list else []}))


if __name__ == "__main__":
    main()
