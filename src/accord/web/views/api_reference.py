"""/api: the JSON API described from the app's own OpenAPI document, as a plain page (Swagger UI would
load its scripts from a CDN, so it is switched off; /openapi.json is there for tools)."""
from __future__ import annotations

from fastapi import APIRouter, Request

from ..pages import page

router = APIRouter()


@router.get("/api", include_in_schema=False)
def api_page(request: Request):
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            endpoints.append({
                "method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": [(p["name"], p["in"], p.get("description", ""), p.get("required", False))
                               for p in operation.get("parameters", [])],
            })
    return page(request, "api.html", {"endpoints": endpoints, "version": spec["info"]["version"]})
