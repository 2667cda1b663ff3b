"""Sphinx configuration of the phare documentation.

Pages are MyST Markdown. The build needs no network: the theme is furo (from the ``docs``
extra, with sphinx-copybutton), whose content column scrolls wide tables and long code lines
instead of cutting them; ``_static/phare.css`` sizes code blocks to hold the 100 columns of the
command's output and gives the figure catalogue the page's whole width. The data pages are
generated from the installed package by ``_ext/phare_data.py``.
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
    "sphinx_copybutton",
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
# A class's signature is its constructor's, in the class's own heading: no separate empty
# ``__new__(*args, **kwargs)`` and ``__init__`` entries under records and exceptions.
autodoc_class_signature = "mixed"

html_theme = "furo"
html_title = f"phare {release}"
# The copy button copies the commands and code only: no ">>> ", "... " or "$ " prompts, and
# no output lines.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
html_static_path = ["_static"]
html_css_files = ["phare.css"]
html_copy_source = False
html_show_sourcelink = False
