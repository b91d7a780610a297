// The first page: every programme with its phase and head counts.
import type { ProgrammeSummary } from '../../flows/dashboardProgrammes.js';
import { PHASE_LABELS } from '../../messages/programmes/phase.js';
import { day } from '../format.js';
import { html, type Html } from '../html.js';
import { page, programmePath, type Notice, type Viewer } from './layout.js';

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function row(p: ProgrammeSummary): Html {
  return html`<tr>
    <th scope="row"><a href="${programmePath(p.id, 'roster')}">${p.name}</a></th>
    <td>
      ${capitalised(PHASE_LABELS[p.phase])}${p.draftWaiting ? html`<br /><span class="muted">a draft matching waits for approval</span>` : p.matched ? '' : html`<br /><span class="muted">not matched yet</span>`}
    </td>
    <td>${day(p.startDate)} to ${day(p.endDate)}<br /><span class="muted">signup until ${day(p.signupDeadline)}</span></td>
    <td class="num">${p.mentors}</td>
    <td class="num">${p.mentees}</td>
    <td class="num">${p.activePairs}</td>
    <td class="num">${p.paused}</td>
    <td class="num">${p.left}</td>
    <td>
      <ul class="actions" aria-label="${p.name}">
        <li><a href="${programmePath(p.id, 'matching')}">Matching</a></li>
        <li><a href="${programmePath(p.id, 'health')}">Health</a></li>
        <li><a href="${programmePath(p.id, 'exports')}">Exports</a></li>
      </ul>
    </td>
  </tr>`;
}

export function programmesPage(viewer: Viewer, programmes: ProgrammeSummary[], notice?: Notice): Html {
  const body =
    programmes.length === 0
      ? html`<p>There are no programmes yet. Open one in Slack with <code>/rm-admin open</code>.</p>`
      : html`<table>
          <caption>
            ${programmes.length === 1 ? '1 programme' : `${programmes.length} programmes`}, latest start first
          </caption>
          <thead>
            <tr>
              <th scope="col">Programme</th>
              <th scope="col">Phase</th>
              <th scope="col">Dates</th>
              <th scope="col" class="num">Mentors</th>
              <th scope="col" class="num">Mentees</th>
              <th scope="col" class="num">Running pairs</th>
              <th scope="col" class="num">Paused</th>
              <th scope="col" class="num">Left</th>
              <th scope="col">Pages</th>
            </tr>
          </thead>
          <tbody>
            ${programmes.map(row)}
          </tbody>
        </table>`;
  return page({ title: 'Programmes', viewer, body, ...(notice ? { notice } : {}) });
}
