"""JupyterLab server-side settings of the course (set in deploy/jupyter/ROLE/jupyter_server_config.py).

`CourseContentsManager` serves notebooks with the `language_info` that the kernel is about to report. JupyterLab
writes the kernel's `language_info` into the notebook as soon as the kernel starts; when it differs from the
file's (the course's notebooks record only "python 3.11"), a notebook the learner has not touched shows as
modified. Serving the kernel's value up front leaves an untouched notebook clean; the file on disk is only
changed when the learner saves.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager


def kernel_language_info() -> dict[str, Any]:
    """The `language_info` the course's Python kernels report (the same interpreter as this server)."""
    from ipykernel.ipkernel import IPythonKernel

    return dict(IPythonKernel.language_info)


class CourseContentsManager(AsyncLargeFileManager):
    """Files as usual; notebooks carry the Python kernel's language_info when they are opened."""

    async def get(self, path: str, content: bool = True, type: str | None = None, format: str | None = None,
                  **kwargs: Any) -> dict[str, Any]:
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        if model.get("type") == "notebook" and model.get("content") is not None:
            metadata = model["content"].metadata
            if metadata.get("kernelspec", {}).get("language", "python") == "python":
                metadata["language_info"] = kernel_language_info()
        return model
