"""Benchmarks for TCP Lab: load generators, baseline servers to compare against, reports.

Run them with ``python -m bench <subcommand>`` (``python -m bench`` lists the subcommands).
Everything here talks to loopback addresses only.
"""
