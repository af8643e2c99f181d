"""The event store: SQLite by default, PostgreSQL for teams (see database.py)."""
from .database import Filters, Outcome, Store, StoreError, database_url

__all__ = ["Filters", "Outcome", "Store", "StoreError", "database_url"]
