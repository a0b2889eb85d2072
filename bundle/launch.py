"""The standalone bundle's entry point: `tcp-lab` as the installed command runs it."""

import multiprocessing
import sys

from gui.launcher import main

if __name__ == "__main__":
    # A process-per-client child of a bundle is the bundle itself, started again:
    # multiprocessing must recognise that before anything else runs.
    multiprocessing.freeze_support()
    sys.exit(main())
