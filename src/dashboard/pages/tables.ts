// Table parts shared by the roster and the matching review: the filter form, captions, sortable column headers and
// page links.
import { html, type Html } from '../html.js';
import { withQuery } from '../http/query.js';

/** A column header that sorts by `key`: a link (keyboard reachable) that says where it sorts, and aria-sort. */
export function sortHeader(
  params: URLSearchParams,
  current: { sort: string; dir: 'asc' | 'desc' },
  key: string,
  label: string,
  o: { numeric?: boolean; firstDir?: 'asc' | 'desc' } = {},
): Html {
  const active = current.sort === key;
  const nextDir = active ? (current.dir === 'asc' ? 'desc' : 'asc') : (o.firstDir ?? 'asc');
  const ariaSort = active ? (current.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  const arrow = active ? (current.dir === 'asc' ? ' ▲' : ' ▼') : '';
  // The link's name says what a press does; aria-sort on the header says how the table is sorted now.
  const name = `${label}, sort ${nextDir === 'asc' ? 'ascending' : 'descending'}`;
  return html`<th scope="col" aria-sort="${ariaSort}" ${o.numeric ? html` class="num"` : ''}>
    <a href="${withQuery(params, { sort: key, dir: nextDir, page: undefined })}" aria-label="${name}"
      >${label}<span aria-hidden="true">${arrow}</span></a
    >
  </th>`;
}

export function pager(params: URLSearchParams, page: number, pages: number, what: string): Html {
  if (pages <= 1) return html``;
  return html`<nav class="pager" aria-label="Pages of ${what}">
    ${page > 1 ? html`<a href="${withQuery(params, { page: page - 1 })}">Previous page</a>` : ''}
    <span>Page ${page} of ${pages}</span>
    ${page < pages ? html`<a href="${withQuery(params, { page: page + 1 })}">Next page</a>` : ''}
  </nav>`;
}

/**
 * A labelled field: the label names the control by `for`, so a screen reader hears the label alone (a label wrapped
 * around a select would add the chosen option to its name).
 */
export function field(id: string, label: string, control: Html): Html {
  return html`<div class="field"><label for="${id}">${label}</label>${control}</div>`;
}

/** A select whose options keep the chosen one selected. */
export function select(name: string, label: string, chosen: string, options: Array<{ value: string; label: string }>): Html {
  return field(
    `f-${name}`,
    label,
    html`<select id="f-${name}" name="${name}">
      ${options.map((o) => html`<option value="${o.value}" ${o.value === chosen ? html` selected` : ''}>${o.label}</option>`)}
    </select>`,
  );
}

/** The filter form above a sorted table: its controls, the current sort kept, Apply, and Clear (the table unfiltered). */
export function filterForm(o: { action: string; label: string; sort: string; dir: string; controls: Html }): Html {
  return html`<form class="filters" method="get" action="${o.action}" role="search" aria-label="${o.label}">
    ${o.controls}
    <input type="hidden" name="sort" value="${o.sort}" /><input type="hidden" name="dir" value="${o.dir}" />
    <button type="submit" class="primary">Apply</button>
    <a href="${o.action}">Clear</a>
  </form>`;
}

/** "12 of 40 people, page 2 of 3": what the filters kept, of how many. */
export function tableCaption(o: { shown: number; total: number; noun: string; page: number; pages: number }): Html {
  return html`<caption>
    ${o.shown} of ${o.total} ${o.noun}${o.pages > 1 ? `, page ${o.page} of ${o.pages}` : ''}
  </caption>`;
}
