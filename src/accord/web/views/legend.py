"""The legend: every CAMEO code with its name, QuadClass, Goldstein score and PLOVER type and mode; the
PLOVER types, modes and contexts explained; the QuadClasses and the statuses (analysis/legend.py)."""
from __future__ import annotations

from fastapi import APIRouter, Request

from ...analysis.legend import legend
from ..pages import page

router = APIRouter()


@router.get("/legend", include_in_schema=False)
def legend_page(request: Request):
    return page(request, "legend.html", legend())


@router.get("/api/legend", tags=["legend"], summary="What the codes mean",
            description="Every CAMEO code with its name, root, QuadClass, Goldstein score and PLOVER type, mode and "
                        "context; the PLOVER types with their modes, the contexts, the QuadClasses and the statuses.")
def legend_api():
    return legend()
