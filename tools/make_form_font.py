"""Make recovery_journal/resources/fonts/form-font.ttf: DejaVu Sans (as matplotlib ships it) cut
down to what a sponsor types in a report's boxes (services/form_font.py says why). Run again only
when its ranges change: python tools/make_form_font.py"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from recovery_journal.services.form_font import FONT_FILE, subset_font

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations)))
    source = folder / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
    target = ROOT.joinpath("recovery_journal", "resources", *FONT_FILE)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(subset_font(source.read_bytes()))
    print(f"{target}: {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
