"""``python -m phare``: the same command line as the ``phare`` script."""

from phare.cli import main

raise SystemExit(main())
