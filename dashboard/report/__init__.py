"""The printable impact report: `/report` in the dashboard and `coalition report`.

`content` reads what the report says (through the reader's gated warehouse), `svg` draws
its charts, `render` writes the HTML, `pdf` prints it with a local headless Chromium.
"""
