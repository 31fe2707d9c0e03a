"""The web page (placeholder until the workbench templates land)."""
from fastapi import APIRouter
router = APIRouter()


def mount_static(app) -> None:
    pass
