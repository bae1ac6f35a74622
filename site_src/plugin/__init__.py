"""The MkDocs plugin: `plugin.py` routes MkDocs' events; `directives.py` declares every
directive once, from which `scan.py` (the checker's line scanner) and `blocks.py` (the
pymdown Blocks and InlineHilite formats) are made; `check.py` checks pages and models
(`make check`); `pages.py` holds each page's model and default state; `render.py` and
`charts.py` write the HTML and Bokeh items; `csp.py` the Content-Security-Policy;
`assets.py` and `client.py` the runtime files the site ships."""
