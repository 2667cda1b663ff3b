"""pytest collection under ``docs/``: the Markdown pages are doctested, the Sphinx config is not."""

collect_ignore = ["conf.py"]
collect_ignore_glob = ["_build/*"]
