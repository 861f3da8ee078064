"""The report's stylesheet: readable on screen, one section per printed A4 page. Its
colours and font are the dashboard's (dashboard.figures.theme)."""

from string import Template

from dashboard.figures import theme

CSS = Template("""
@page { size: A4; margin: 14mm 13mm; }
* { box-sizing: border-box; }
body {
  font-family: $font;
  color: $ink; background: $white; margin: 0; font-size: 13px; line-height: 1.4;
}
main { max-width: 780px; margin: 0 auto; padding: 24px 16px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 0 0 4px; border-bottom: 2px solid $blue; padding-bottom: 4px; }
h3 { font-size: 14px; margin: 18px 0 6px; }
.period { font-size: 15px; margin: 0; }
.scope { font-weight: 600; margin: 6px 0 0; }
.intro { color: $ink_muted; margin: 4px 0 12px; }
.note { color: $ink_muted; font-size: 11px; margin: 6px 0; }
.report-header { margin-bottom: 20px; }
.report-section { break-after: page; page-break-after: always; padding-top: 8px; }
.report-section:last-child { break-after: auto; page-break-after: auto; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; margin-bottom: 8px; }
.tile { border: 1px solid $rule; border-radius: 6px; padding: 8px 10px; break-inside: avoid; }
.tile-label { font-size: 10px; font-weight: 600; text-transform: uppercase; color: $ink_muted;
  letter-spacing: 0.03em; }
.tile-value { font-size: 24px; font-weight: 700; font-variant-numeric: tabular-nums; }
.tile-note { font-size: 10px; color: $ink_faint; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 12px; }
caption { text-align: left; font-weight: 600; }
th, td { border-bottom: 1px solid $rule; padding: 3px 6px; text-align: left; }
th { font-size: 11px; color: $ink_muted; }
tr { break-inside: avoid; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.suppressed { color: $ink_faint; }
.cell { display: inline-block; min-width: 3.2em; padding: 0 4px; border-radius: 3px; }
.progress { display: inline-block; width: 60px; height: 8px; background: $track;
  vertical-align: middle; }
.progress span { display: block; height: 100%; background: $blue; }
svg { display: block; margin: 4px 0 8px; }
.toolbar { background: $panel; border-bottom: 1px solid $rule; padding: 10px 16px; }
.toolbar form { display: flex; gap: 8px; align-items: center; flex-wrap: wrap;
  max-width: 780px; margin: 0 auto; }
@media print {
  .toolbar { display: none; }
  main { padding: 0; max-width: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""").substitute(
    font=theme.FONT,
    ink=theme.INK,
    ink_muted=theme.INK_MUTED,
    ink_faint=theme.INK_FAINT,
    white=theme.WHITE,
    blue=theme.BLUE,
    rule=theme.RULE,
    track=theme.TRACK,
    panel=theme.PANEL,
)
