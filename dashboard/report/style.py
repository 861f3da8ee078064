"""The report's stylesheet: readable on screen, one section per printed A4 page."""

CSS = """
@page { size: A4; margin: 14mm 13mm; }
* { box-sizing: border-box; }
body {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #212529; background: #fff; margin: 0; font-size: 13px; line-height: 1.4;
}
main { max-width: 780px; margin: 0 auto; padding: 24px 16px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 0 0 4px; border-bottom: 2px solid #0072B2; padding-bottom: 4px; }
h3 { font-size: 14px; margin: 18px 0 6px; }
.period { font-size: 15px; margin: 0; }
.scope { font-weight: 600; margin: 6px 0 0; }
.intro { color: #495057; margin: 4px 0 12px; }
.note { color: #495057; font-size: 11px; margin: 6px 0; }
.report-header { margin-bottom: 20px; }
.report-section { break-after: page; page-break-after: always; padding-top: 8px; }
.report-section:last-child { break-after: auto; page-break-after: auto; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; margin-bottom: 8px; }
.tile { border: 1px solid #dee2e6; border-radius: 6px; padding: 8px 10px; break-inside: avoid; }
.tile-label { font-size: 10px; font-weight: 600; text-transform: uppercase; color: #495057;
  letter-spacing: 0.03em; }
.tile-value { font-size: 24px; font-weight: 700; font-variant-numeric: tabular-nums; }
.tile-note { font-size: 10px; color: #6c757d; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 12px; }
caption { text-align: left; font-weight: 600; }
th, td { border-bottom: 1px solid #dee2e6; padding: 3px 6px; text-align: left; }
th { font-size: 11px; color: #495057; }
tr { break-inside: avoid; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.suppressed { color: #6c757d; }
.cell { display: inline-block; min-width: 3.2em; padding: 0 4px; border-radius: 3px; }
.progress { display: inline-block; width: 60px; height: 8px; background: #e9ecef;
  vertical-align: middle; }
.progress span { display: block; height: 100%; background: #0072B2; }
svg { display: block; margin: 4px 0 8px; }
.toolbar { background: #f4f6f8; border-bottom: 1px solid #dee2e6; padding: 10px 16px; }
.toolbar form { display: flex; gap: 8px; align-items: center; flex-wrap: wrap;
  max-width: 780px; margin: 0 auto; }
@media print {
  .toolbar { display: none; }
  main { padding: 0; max-width: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
