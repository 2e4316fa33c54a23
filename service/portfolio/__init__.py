"""The portfolio: fourth parties, audit-window coverage, CUEC owners, red-flag signals, import and report."""
