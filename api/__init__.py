"""The FastAPI query API and the browser explorer."""
