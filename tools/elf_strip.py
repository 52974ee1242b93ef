"""Symbol tables and debugging sections out of the bundle's libraries, proven harmless file by file.

Many wheels ship their libraries unstripped: libpython (23 MB, 5.7 MB stripped), sqlcipher3's
SQLite (21 MB, 8.4 MB), kiwisolver (5.6 MB, 0.2 MB). The symbol table and the debugging
sections are never mapped by the dynamic loader: only a debugger reads them. ``strip
--strip-unneeded`` removes them.

But strip can break a file whose layout patchelf rearranged (auditwheel's grafted libraries:
"ELF load command address/offset not page-aligned", pypa/auditwheel#716, python-pillow/Pillow
#6289), so a stripped copy is used only when what the loader maps is provably the same: the same
program headers (type, flags, virtual address, sizes, alignment), each loadable segment's bytes
identical, and each segment's file offset congruent to its address modulo its alignment. Any
doubt keeps the original. build.spec calls ``strip_binaries`` on Linux only.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PT_LOAD = 1
ELF_MAGIC = b"\x7fELF"


@dataclass(frozen=True)
class Segment:
    kind: int
    flags: int
    offset: int
    address: int
    file_size: int
    memory_size: int
    align: int

    def same_place(self, other: Segment) -> bool:
        """Everything but the file offset, which strip may move."""
        return (self.kind, self.flags, self.address, self.file_size, self.memory_size,
                self.align) == (other.kind, other.flags, other.address, other.file_size,
                other.memory_size, other.align)  # fmt: skip


@dataclass(frozen=True)
class Elf:
    wide: bool  # 64-bit
    order: str  # "<" or ">"
    header: tuple[int, ...]  # type, machine, entry
    segments: tuple[Segment, ...]
    sections: tuple[str, ...]


def read_elf(data: bytes) -> Elf | None:
    """The parts of an ELF file that matter here; None for anything else (or a damaged file)."""
    if len(data) < 64 or data[:4] != ELF_MAGIC or data[4] not in (1, 2) or data[5] not in (1, 2):
        return None
    wide, order = data[4] == 2, "<" if data[5] == 1 else ">"
    try:
        if wide:
            kind, machine, _version, entry, phoff, shoff = struct.unpack_from(
                order + "HHIQQQ", data, 16
            )
            phentsize, phnum, shentsize, shnum, shstrndx = struct.unpack_from(
                order + "HHHHH", data, 54
            )
        else:
            kind, machine, _version, entry, phoff, shoff = struct.unpack_from(
                order + "HHIIII", data, 16
            )
            phentsize, phnum, shentsize, shnum, shstrndx = struct.unpack_from(
                order + "HHHHH", data, 42
            )
        segments = []
        for index in range(phnum):
            at = phoff + index * phentsize
            if wide:
                p_type, p_flags, offset, address, _p, filesz, memsz, align = struct.unpack_from(
                    order + "IIQQQQQQ", data, at
                )
            else:
                p_type, offset, address, _p, filesz, memsz, p_flags, align = struct.unpack_from(
                    order + "IIIIIIII", data, at
                )
            segments.append(Segment(p_type, p_flags, offset, address, filesz, memsz, align))
        names = _section_names(data, wide, order, shoff, shentsize, shnum, shstrndx)
        return Elf(wide, order, (kind, machine, entry), tuple(segments), names)
    except (struct.error, ValueError):  # cut short, or a name without its end
        return None


def _section_names(
    data: bytes, wide: bool, order: str, shoff: int, shentsize: int, shnum: int, shstrndx: int
) -> tuple[str, ...]:
    if shoff == 0 or shnum == 0 or shstrndx >= shnum:
        return ()
    layout = order + ("IIQQQQ" if wide else "IIIIII")

    def header(index: int) -> tuple[int, ...]:
        return struct.unpack_from(layout, data, shoff + index * shentsize)

    names_offset = header(shstrndx)[4]
    names = []
    for index in range(shnum):
        start = names_offset + header(index)[0]
        names.append(data[start : data.index(b"\0", start)].decode("ascii", "replace"))
    return tuple(names)


def has_strippable_sections(elf: Elf) -> bool:
    """A symbol table or debugging sections: what strip would remove."""
    return any(name == ".symtab" or name.startswith(".debug") for name in elf.sections)


def same_loaded_image(original: bytes, stripped: bytes) -> bool:
    """Whether the dynamic loader maps exactly the same thing from both files."""
    before, after = read_elf(original), read_elf(stripped)
    if before is None or after is None:
        return False
    if (before.wide, before.order, before.header) != (after.wide, after.order, after.header):
        return False
    if len(before.segments) != len(after.segments):
        return False
    for old, new in zip(before.segments, after.segments, strict=True):
        if not old.same_place(new):
            return False
        if old.kind != PT_LOAD:
            continue
        if new.align > 1 and new.offset % new.align != new.address % new.align:
            return False
        old_bytes = _loaded_bytes(original, old, before.wide)
        new_bytes = _loaded_bytes(stripped, new, after.wide)
        if len(new_bytes) != new.file_size or old_bytes != new_bytes:
            return False
    return True


def _loaded_bytes(data: bytes, segment: Segment, wide: bool) -> bytes:
    """A segment's bytes; where it holds the ELF header, without the fields that say where the
    section headers are (strip moves them; the loader never reads them)."""
    chunk = data[segment.offset : segment.offset + segment.file_size]
    if segment.offset != 0:
        return chunk
    masked = bytearray(chunk)
    # e_shoff, e_shnum and e_shstrndx (ELF64: 0x28-0x2f, 0x3c-0x3f; ELF32: 0x20-0x23, 0x30-0x33)
    for start, end in ((0x28, 0x30), (0x3C, 0x40)) if wide else ((0x20, 0x24), (0x30, 0x34)):
        masked[start:end] = bytes(end - start)
    return bytes(masked)


def strip_copy(source: Path, target: Path, strip: str = "strip") -> bool:
    """Write ``target``, ``source`` stripped, and say True, when that is smaller and proven the
    same to the loader; otherwise leave no ``target`` and say False."""
    original = source.read_bytes()
    elf = read_elf(original)
    if elf is None or not has_strippable_sections(elf):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [strip, "--strip-unneeded", "-o", str(target), str(source)], capture_output=True
    )
    if done.returncode == 0:
        stripped = target.read_bytes()
        if len(stripped) < len(original) and same_loaded_image(original, stripped):
            shutil.copymode(source, target)
            return True
    target.unlink(missing_ok=True)
    return False


def strip_binaries(
    binaries: Iterable[tuple[str, str, str]], folder: Path, strip: str | None = None
) -> tuple[list[tuple[str, str, str]], int]:
    """PyInstaller's ``a.binaries`` with each strippable library replaced by its stripped copy
    (under ``folder``, by its name in the bundle), and the bytes that saves. Without a ``strip``
    program (binutils) nothing changes."""
    tool = strip or shutil.which("strip")
    entries = list(binaries)
    if tool is None:
        return entries, 0
    result, saved = [], 0
    for name, source, kind in entries:
        target = folder / name
        if kind in ("BINARY", "EXTENSION") and os.path.isfile(source):
            if strip_copy(Path(source), target, tool):
                saved += os.path.getsize(source) - target.stat().st_size
                result.append((name, str(target), kind))
                continue
        result.append((name, source, kind))
    return result, saved
