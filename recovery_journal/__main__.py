import sys

from recovery_journal.cli import main

sys.exit(main())
