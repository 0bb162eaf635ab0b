"""Formulas: small typed functions next to their citations."""
