"""An app that cannot be imported: it needs a package that is not installed.

Used by coroner's launcher tests: `uvicorn broken_app:app` dies at import with a
ModuleNotFoundError traceback on stderr and exit code 1, before any startup line.
"""
import coroner_missing_dependency  # noqa: F401  (ModuleNotFoundError: not installed anywhere)

from fastapi import FastAPI

app = FastAPI()
