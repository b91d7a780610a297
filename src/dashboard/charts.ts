// Charts drawn on the server as SVG (no script, no library): horizontal bars with their numbers written beside
// them, a title and a description for screen readers, and the same figures as a table below.
import { html, type Html } from './html.js';

export interface Bar {
  label: string;
  value: number;
  /** the number as written beside the bar (e.g. "75 %") */
  shown: string;
}

const WIDTH = 640;
const LABEL_W = 190;
const VALUE_W = 70;
const ROW_H = 26;
const BAR_H = 16;

const shorten = (s: string, max = 28) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** A bar chart; `max` is the value of a full-width bar (default: the largest value). */
export function barChart(o: { id: string; title: string; description: string; bars: Bar[]; max?: number }): Html {
  const max = o.max ?? Math.max(1, ...o.bars.map((b) => b.value));
  const span = WIDTH - LABEL_W - VALUE_W;
  const height = o.bars.length * ROW_H + 8;
  const rows = o.bars.map((b, i) => {
    const y = 4 + i * ROW_H;
    const w = Math.max(0, Math.round((b.value / max) * span));
    return html`<g>
      <text x="${LABEL_W - 8}" y="${y + BAR_H - 3}" text-anchor="end">${shorten(b.label)}</text>
      <rect class="bar" x="${LABEL_W}" y="${y}" width="${w}" height="${BAR_H}"></rect>
      <text x="${LABEL_W + w + 6}" y="${y + BAR_H - 3}">${b.shown}</text>
    </g>`;
  });
  return html`<svg
    class="chart"
    role="img"
    aria-labelledby="${o.id}-title ${o.id}-desc"
    viewBox="0 0 ${WIDTH} ${height}"
    width="${WIDTH}"
    height="${height}"
    xmlns="http://www.w3.org/2000/svg"
  >
    <title id="${o.id}-title">${o.title}</title>
    <desc id="${o.id}-desc">${o.description}</desc>
    <line class="axis" x1="${LABEL_W}" y1="0" x2="${LABEL_W}" y2="${height}"></line>
    ${rows}
  </svg>`;
}

/** A chart with its figures as a table, the table folded away under "Show the figures". */
export function figure(o: { id: string; caption: string; chart: Html; table: Html }): Html {
  return html`<figure aria-labelledby="${o.id}-caption">
    <figcaption id="${o.id}-caption">${o.caption}</figcaption>
    ${o.chart}
    <details>
      <summary>Show the figures<span class="vh"> of ${o.caption}</span></summary>
      ${o.table}
    </details>
  </figure>`;
}
