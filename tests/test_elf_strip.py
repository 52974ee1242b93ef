"""tools/elf_strip.py: the bundle's libraries lose only what the loader never maps, proven per
file, on real libraries from the venv (an unstripped extension, and one auditwheel's patchelf
rearranged)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from elf_strip import PT_LOAD, read_elf, same_loaded_image, strip_binaries, strip_copy  # noqa: E402

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("strip") is None,
    reason="strip (binutils) on Linux only: bash tools/system-packages.sh",
)


def _extension(module: str) -> Path:
    """The file of a compiled module of the venv."""
    import importlib

    found = importlib.import_module(module).__file__
    assert found is not None
    return Path(found)


@pytest.fixture
def unstripped() -> Path:
    library = _extension("Stemmer")  # PyStemmer's wheel ships its debugging symbols
    elf = read_elf(library.read_bytes())
    assert elf is not None and ".symtab" in elf.sections
    return library


def test_a_stripped_library_is_smaller_and_still_loads(unstripped, tmp_path):
    target = tmp_path / unstripped.name
    assert strip_copy(unstripped, target)
    assert target.stat().st_size < unstripped.stat().st_size / 2
    assert same_loaded_image(unstripped.read_bytes(), target.read_bytes())
    loaded = subprocess.run(
        [sys.executable, "-I", "-c",
         "import sys; sys.path.insert(0, sys.argv[1]); import Stemmer; "
         "print(Stemmer.__file__); print(Stemmer.Stemmer('english').stemWord('meetings'))",
         str(tmp_path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert loaded.stdout.split() == [str(target), "meet"]


def _load_headers(data: bytes) -> list[int]:
    """Where each PT_LOAD program header of an ELF64 little-endian file starts."""
    phoff = struct.unpack_from("<Q", data, 0x20)[0]
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    starts = [phoff + index * phentsize for index in range(phnum)]
    return [at for at in starts if struct.unpack_from("<I", data, at)[0] == PT_LOAD]


def test_a_changed_byte_or_a_misaligned_segment_is_not_the_same_image(unstripped, tmp_path):
    target = tmp_path / unstripped.name
    assert strip_copy(unstripped, target)
    original, stripped = unstripped.read_bytes(), target.read_bytes()
    elf = read_elf(stripped)
    assert elf is not None
    code = next(s for s in elf.segments if s.kind == PT_LOAD and s.flags & 1)  # executable
    changed = bytearray(stripped)
    changed[code.offset + code.file_size // 2] ^= 0xFF
    assert not same_loaded_image(original, bytes(changed))

    misaligned = bytearray(stripped)
    second = _load_headers(stripped)[1]
    offset = struct.unpack_from("<Q", stripped, second + 8)[0]
    struct.pack_into("<Q", misaligned, second + 8, offset + 8)
    assert not same_loaded_image(original, bytes(misaligned))


def test_a_library_patchelf_rearranged_is_left_as_it_is(tmp_path):
    # auditwheel gave Pillow's _imaging a new RPATH with patchelf; strip rewrites what patchelf
    # moved (the very case that breaks: python-pillow/Pillow#6289).
    imaging = _extension("PIL._imaging")
    target = tmp_path / imaging.name
    assert not strip_copy(imaging, target)
    assert not target.exists()


def test_what_is_not_a_library_is_left_alone(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a library")
    assert not strip_copy(text, tmp_path / "out" / "notes.txt")
    assert not (tmp_path / "out").exists()


def test_strip_binaries_swaps_in_the_stripped_copies_only(unstripped, tmp_path):
    imaging = _extension("PIL._imaging")
    entries = [
        ("Stemmer.so", str(unstripped), "EXTENSION"),
        ("PIL/_imaging.so", str(imaging), "EXTENSION"),
        ("data/notes.txt", str(unstripped), "DATA"),
    ]
    result, saved = strip_binaries(entries, tmp_path / "stripped")
    assert result[0] == ("Stemmer.so", str(tmp_path / "stripped" / "Stemmer.so"), "EXTENSION")
    assert result[1:] == entries[1:]
    assert (
        saved == unstripped.stat().st_size - (tmp_path / "stripped" / "Stemmer.so").stat().st_size
    )
