"""Where pip put hunspell-sv's dictionary (the package installs data files, no module)."""

import sys
from pathlib import Path

_found = [p for p in (Path(sys.prefix) / "share" / "hunspell",
                      Path("/usr/share/hunspell")) if (p / "sv_SE.dic").exists()]
if not _found:
    raise SystemExit("hunspell-sv is not installed: pip install -e '.[morph]'")
BASE = str(_found[0] / "sv_SE")
