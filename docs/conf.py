"""Sphinx configuration of the phare documentation.

Pages are MyST Markdown. The build needs no network: the theme is alabaster, which ships with
Sphinx, and the data pages are generated from the installed package by ``_ext/phare_data.py``.
Build it strictly with ``python -m sphinx -W --keep-going -b html docs docs/_build/html``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import phare

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "phare"
author = "The phare developers"
copyright = "the phare developers; figures: Observatoire national des partenariats"
version = release = phare.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "phare_data",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
# Data text (French labels, notes) is shown exactly as bundled: no curly quotes added.
smartquotes = False

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_class_signature = "separated"

html_theme = "alabaster"
html_title = f"phare {release}"
html_theme_options = {
    "description": "The figures of the Observatoire national des partenariats, typed and sourced.",
    "fixed_sidebar": True,
    "page_width": "1200px",
    "sidebar_width": "240px",
}
html_copy_source = False
html_show_sourcelink = False
