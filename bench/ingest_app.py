"""The API alone, for the ingest benchmark's server process."""

from mmapp.api import create_api

app = create_api()
