"""The application's one reverse-DNS ID: the desktop file's name (packaging/linux/), the icons'
names in the icon theme, the AppStream metainfo's component ID, the window's Wayland app_id
(ui/app.py), the macOS bundle's identifier (build.spec) and the D-Bus name a running copy will
own.

A project without a domain of its own is named after where its code lives: io.github.<owner>.
<repository> for github.com/recovery-journal/recovery-journal, where the project is to be
published. Written as the AppStream spec asks: hyphens become underscores (D-Bus names and
Flatpak IDs refuse them) and all in lower case (`appstreamcli validate --pedantic` flags
capitals). Changing it moves all of those names at once; the settings (ui_state.APPLICATION) and
the data folder (paths.APP_DIR_NAME) are named "recovery-journal" and do not move with it.
"""

APP_ID = "io.github.recovery_journal.recovery_journal"
