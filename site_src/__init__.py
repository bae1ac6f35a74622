"""The build of the site: `plugin/` (the MkDocs plugin and `make check`), `engine/` (the
engine's build-time files), `client/` (the browser code), `bench/` (`make bench` and the
static server the browser tests share), `overrides/` (theme templates) and `preview.py`
(`make preview`)."""
