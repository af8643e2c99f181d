"""Rendering a page from a view (the app holds the autoescaping Jinja2 environment)."""
from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse


def page(request: Request, name: str, context: dict, status_code: int = 200) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status_code)


def store_of(request: Request):
    return request.app.state.store
