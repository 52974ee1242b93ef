APP_ID = "io.github.recovery_journal.recovery_journal"
