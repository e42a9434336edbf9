"""The office's tracker in the browser (``speechkit serve``): the register, items, uploads, dashboard, accounts.

``create_app(WebSettings(db=URL))`` builds the FastAPI app over the same tracker store as the CLI;
``speechkit serve`` runs it with uvicorn on 127.0.0.1. Needs the ``web`` extra.
"""

from speechkit.web.app import WebSettings, create_app

__all__ = ["WebSettings", "create_app"]
