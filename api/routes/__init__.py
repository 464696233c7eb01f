"""The API's routes, one module per topic; `api.app` includes their routers."""
