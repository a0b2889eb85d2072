"""TCP Lab's socket engine: real blocking socket calls that report what they do as events.

Nothing in this package imports Qt; a check in the tests enforces it, so the engine runs
the same from the window, the command line, a test or a benchmark.
"""
