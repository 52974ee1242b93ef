"""The application's one reverse-DNS ID: the desktop file's name (packaging/linux/), the icons'
names in the icon theme, the AppStream metainfo's component ID, the window's Wayland app_id
(ui/app.py) and the D-Bus name a running copy will own.

`io.github.<owner>` is the AppStream spec's suggestion for a project without a domain of its
own; the owner is the GitHub account the project is to be published under (hyphens become
underscores: D-Bus names and Flatpak IDs refuse them). Changing it moves every one of those
names at once; QSettings and the vault's folder use APPLICATION ("recovery-journal",
ui/ui_state.py and paths.py) and do not move.
"""

APP_ID = "io.github.recovery_journal.RecoveryJournal"
