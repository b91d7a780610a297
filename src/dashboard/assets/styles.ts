// The dashboard's one stylesheet, served by the bot at /admin/assets/dashboard.css (no CDN, no build step).
// Colours meet WCAG AA contrast on white (text 16:1, muted 7:1, links and buttons at least 4.5:1); every control
// shows where keyboard focus is.
export const DASHBOARD_CSS = `
:root { --ink: #1d1d1f; --muted: #4a4a4f; --line: #c9c9d1; --soft: #f3f4f7; --link: #0b57d0; --accent: #0b57d0;
  --danger: #a0221a; --ok: #1e6b34; --warn-bg: #fff4d6; --warn-ink: #5c4000; --focus: #1a73e8; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; font-size: 16px; color: var(--ink); background: #fff; }
body { margin: 0; line-height: 1.45; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
.vh { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem 2rem; padding: .75rem 1.5rem; border-bottom: 1px solid var(--line); background: var(--soft); }
header.top .brand { font-weight: 700; margin: 0; }
header.top nav ul, nav.tabs ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
header.top .who { margin-left: auto; display: flex; align-items: center; gap: .75rem; }
header.top .who p { margin: 0; color: var(--muted); }
main { padding: 1rem 1.5rem 3rem; max-width: 1400px; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
nav.tabs { margin: .25rem 0 1rem; border-bottom: 1px solid var(--line); }
nav.tabs a { display: inline-block; padding: .5rem .25rem; text-decoration: none; }
nav.tabs a[aria-current="page"] { font-weight: 700; border-bottom: 3px solid var(--accent); color: var(--ink); }
.notice { padding: .75rem 1rem; border-left: 4px solid var(--ok); background: #eef7f0; margin: 0 0 1rem; }
.notice.problem { border-color: var(--danger); background: #fdeeee; }
.notice.warn { border-color: #8a6100; background: var(--warn-bg); color: var(--warn-ink); }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:hover { background: #fafafc; }
ul.reasons { margin: 0; padding-left: 1.1rem; }
form.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: .75rem 1rem; padding: .75rem 1rem; background: var(--soft); border: 1px solid var(--line); margin-bottom: 1rem; }
.field { display: flex; flex-direction: column; gap: .2rem; }
.field label { font-weight: 600; font-size: .9rem; }
form.stack { display: flex; flex-direction: column; gap: 1rem; max-width: 36rem; }
input, select { font: inherit; padding: .35rem .5rem; border: 1px solid #6e6e78; border-radius: 4px; background: #fff; color: var(--ink); min-height: 2.25rem; }
button, .button { font: inherit; display: inline-block; padding: .4rem .9rem; border-radius: 4px; border: 1px solid var(--accent); background: #fff; color: var(--accent); cursor: pointer; text-decoration: none; min-height: 2.25rem; }
button.primary, .button.primary { background: var(--accent); color: #fff; }
button.danger { border-color: var(--danger); color: var(--danger); }
button.danger.primary { background: var(--danger); color: #fff; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .5rem 0 1rem; }
ul.actions { list-style: none; padding: 0; }
th .muted { font-weight: normal; }
td .actions { margin: 0; }
td form { display: inline; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .75rem; margin: 0 0 1rem; padding: 0; list-style: none; }
.tiles li { border: 1px solid var(--line); border-radius: 6px; padding: .75rem; }
.tiles .value { display: block; font-size: 1.5rem; font-weight: 700; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr)); gap: 1.5rem; }
figure { margin: 0; }
figcaption { font-weight: 600; margin-bottom: .5rem; }
svg.chart { width: 100%; height: auto; max-width: 44rem; }
svg.chart text { font-size: 12px; fill: var(--ink); font-family: inherit; }
svg.chart .bar { fill: var(--accent); }
svg.chart .axis { stroke: #6e6e78; stroke-width: 1; }
details { margin: .5rem 0 1rem; }
summary { cursor: pointer; color: var(--link); }
.pager { display: flex; gap: 1rem; align-items: center; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.signin { max-width: 40rem; margin: 3rem auto; padding: 0 1.5rem; }
`;
