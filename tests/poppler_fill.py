"""Fill a report's boxes and stick notes on its pages as Evince and Okular do: with poppler, through
its GLib binding. Debian's python3-gi and gir1.2-poppler-0.18 (tools/system-packages.sh test) are
for the system's Python, so tests run this with /usr/bin/python3:

    python3 tests/poppler_fill.py IN OUT SPEC_JSON [PASSWORD]

SPEC_JSON: {"fields": {name: words}, "notes": [[page, x, y_from_foot, words, author]]}.
"""

import json
import sys
from pathlib import Path

import gi

gi.require_version("Poppler", "0.18")
from gi.repository import Poppler  # noqa: E402

source, target, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
password = sys.argv[4] if len(sys.argv) > 4 else None
document = Poppler.Document.new_from_file(Path(source).resolve().as_uri(), password)
for number in range(document.get_n_pages()):
    for mapping in document.get_page(number).get_form_field_mapping():
        field = mapping.field
        if field.get_name() in spec["fields"]:
            field.text_set_text(spec["fields"][field.get_name()])
for page_number, x, y_from_foot, words, author in spec["notes"]:
    page = document.get_page(page_number)
    rect = Poppler.Rectangle()
    # Poppler's note rectangles are in PDF points from the page's foot, as the layout's.
    rect.x1, rect.y1, rect.x2, rect.y2 = x, y_from_foot - 20, x + 20, y_from_foot
    note = Poppler.AnnotText.new(document, rect)
    note.set_contents(words)
    note.set_label(author)
    page.add_annot(note)
document.save(Path(target).resolve().as_uri())
