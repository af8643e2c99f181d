"""Analyst views over the store: dyads over time, relation networks, and their charts.

Imports point one way: cli/web -> analysis -> store.
"""
from .codes import AnalysisError, actor_code, pair_codes
from .dyads import PERIODS, DyadSeries, dyad_series
from .networks import relation_network

__all__ = ["AnalysisError", "actor_code", "pair_codes", "PERIODS", "DyadSeries", "dyad_series",
           "relation_network"]
