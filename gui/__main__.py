"""`python -m gui` opens the app, like `tcp-lab`."""

import sys

from gui.launcher import main

if __name__ == "__main__":
    sys.exit(main())
