"""What `faro ui` serves: the chat page (app/streamlit_app.py) and the two small routes that give a
local sign-in its cookie and take it back (app/session.py). Both run in this one process."""

from __future__ import annotations

import base64

import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.session import COOKIE, SESSION_PATH, SIGNOUT_PATH, TICKETS

# A transparent 1x1 GIF: the page asks for these routes as an image, so no script is involved.
_PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def _pixel() -> Response:
    return Response(_PIXEL, media_type="image/gif", headers={"Cache-Control": "no-store"})


async def give_session(request: Request) -> Response:
    handed = TICKETS.take(request.query_params.get("ticket", ""))
    if not isinstance(handed, tuple):
        return Response(status_code=403)
    cookie, seconds = handed
    response = _pixel()
    response.set_cookie(
        COOKIE,
        cookie,
        max_age=int(seconds),
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


async def take_session(request: Request) -> Response:
    response = _pixel()
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


app = st.App("streamlit_app.py", routes=[Route(SESSION_PATH, give_session), Route(SIGNOUT_PATH, take_session)])
