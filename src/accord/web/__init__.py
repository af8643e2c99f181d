"""The analyst web UI and JSON API (FastAPI): ``create_app(store)``; ``accord serve`` runs it."""
from .app import create_app

__all__ = ["create_app"]
