"""The one build step pyproject.toml cannot say: the translations compiled for gettext.

The sdist carries the gettext catalogues as translators edit them (recovery_journal/resources/
i18n/*.po); the wheel carries each compiled to the .mo that recovery_journal/i18n.py reads at run
time. Babel compiles them: a build requirement (pyproject.toml's [build-system]) and a dev one,
never the app's (it reads the .mo with the standard library's gettext).

compile_catalogues() is the one compiler: the wheel's build_py below, `make` for a checkout
(tools/messages.py --compile, when a .po is newer than its .mo) and build.spec for the bundle.
Everything else about the build is in pyproject.toml.
"""

from __future__ import annotations

from pathlib import Path

CATALOGUES = Path("recovery_journal", "resources", "i18n")


def compile_catalogues(source: Path, target: Path, only_stale: bool = False) -> list[Path]:
    """Compile every ``.po`` in ``source`` to a ``.mo`` of the same name in ``target``; with
    ``only_stale``, only those whose ``.mo`` is missing or older than the ``.po``. Returns the
    ``.mo`` files written. Fuzzy entries stay out, as msgfmt leaves them, so a translation not yet
    reviewed is never shown; an untranslated message shows its English."""
    written = []
    for po in sorted(source.glob("*.po")):
        mo = target / f"{po.stem}.mo"
        if only_stale and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        # Imported only when there is work: a checkout whose .mo is fresh needs no Babel.
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as file:
            catalog = read_po(file, abort_invalid=True)
        target.mkdir(parents=True, exist_ok=True)
        # Written whole, then renamed: a run that stops halfway never leaves half a catalogue,
        # and one that reads the .mo meanwhile sees the old one or the new.
        partial = mo.with_name(f".{mo.name}.partial")
        with partial.open("wb") as file:
            write_mo(file, catalog)
        partial.replace(mo)
        written.append(mo)
    return written


if __name__ == "__main__":  # run by the build backend (setuptools.build_meta)
    from setuptools import setup
    from setuptools.command.build_py import build_py

    class BuildPyWithCatalogues(build_py):
        """build_py, then the .mo compiled from each .po into the built package."""

        def run(self) -> None:
            super().run()
            compile_catalogues(CATALOGUES, Path(self.build_lib) / CATALOGUES)

    setup(cmdclass={"build_py": BuildPyWithCatalogues})
