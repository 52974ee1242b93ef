import sys

if sys.argv[1:2] == ["--draw-report"]:
    # The report's drawer, a child of the app's window (ui/report_process.py): before anything
    # else, so it loads only what drawing needs.
    from recovery_journal.ui.report_process import child_main

    sys.exit(child_main())

from recovery_journal.launch import main

sys.exit(main())
