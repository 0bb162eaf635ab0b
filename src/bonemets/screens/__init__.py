"""Eligibility and safety screens: criteria as data, one generic evaluator (``screen.py``)."""
