"""Frameworks and judgment: catalogues, crosswalk, validity rules, requirement profiles, assessment."""
