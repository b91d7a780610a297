// Programme health: the report's figures (src/flows/report.ts buildReport) with charts, under the report's privacy
// rules: averages, distributions, scores and topics only over at least 3 answers from 3 people; concerns never.
import type { ProgrammeReport } from '../../domain/report/index.js';
import { MIN_AGGREGATE_RESPONSES } from '../../domain/report/index.js';
import { barChart, figure } from '../charts.js';
import { decimal, percent, plural } from '../format.js';
import { html, type Html } from '../html.js';
import { page, type Viewer } from './layout.js';

const HIDDEN = `not shown: fewer than ${MIN_AGGREGATE_RESPONSES} answers from ${MIN_AGGREGATE_RESPONSES} people`;

const monthName = (key: string) =>
  new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${key}-01T00:00:00Z`));

function tiles(r: ProgrammeReport): Html {
  const tile = (label: string, value: string, detail = '') =>
    html`<li><span class="value">${value}</span>${label}${detail ? html`<br /><span class="muted">${detail}</span>` : ''}</li>`;
  return html`<ul class="tiles">
    ${tile('people', String(r.participants.total), `${r.participants.byRole.mentor} mentors, ${r.participants.byRole.mentee} mentees`)}
    ${tile('running pairs', String(r.pairs.active), `${r.pairs.paused} paused, ${r.pairs.ended} ended`)}
    ${tile('on the waitlist', String(r.waitlist))}
    ${tile('check-ins met', percent(r.checkIns.adherence), `${r.checkIns.met} of ${r.checkIns.due} due`)}
    ${tile('average rating', r.ratings.average === null ? '–' : `${decimal(r.ratings.average)} / 5`, r.ratings.average === null ? HIDDEN : `${r.ratings.responses} answers`)}
    ${tile('pairs at risk', String(r.atRisk.count), 'silent for two cadences')}
  </ul>`;
}

function adherence(r: ProgrammeReport): Html {
  const months = r.checkInsByMonth;
  if (months.length === 0) return html`<p>No month of this programme has begun yet.</p>`;
  return figure({
    id: 'adherence',
    caption: 'Check-ins met, per month',
    chart: barChart({
      id: 'adherence-chart',
      title: 'Share of due check-ins that were met, per month',
      description: months.map((m) => `${monthName(m.month)}: ${percent(m.adherence)} of ${m.due} due`).join('; '),
      bars: months.map((m) => ({
        label: monthName(m.month),
        value: (m.adherence ?? 0) * 100,
        shown: m.due === 0 ? 'none due' : percent(m.adherence),
      })),
      max: 100,
    }),
    table: html`<table>
      <caption>
        Check-ins per month
      </caption>
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col" class="num">Due</th>
          <th scope="col" class="num">Met</th>
          <th scope="col" class="num">Skipped</th>
          <th scope="col" class="num">Missed</th>
          <th scope="col" class="num">Open</th>
          <th scope="col" class="num">Met share</th>
        </tr>
      </thead>
      <tbody>
        ${months.map(
          (m) =>
            html`<tr>
              <th scope="row">${monthName(m.month)}</th>
              <td class="num">${m.due}</td>
              <td class="num">${m.met}</td>
              <td class="num">${m.skipped}</td>
              <td class="num">${m.missed}</td>
              <td class="num">${m.open}</td>
              <td class="num">${percent(m.adherence)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`,
  });
}

function ratings(r: ProgrammeReport): Html {
  const d = r.ratings.distribution;
  const byMonth = html`<table>
    <caption>
      Average check-in rating per month
    </caption>
    <thead>
      <tr>
        <th scope="col">Month</th>
        <th scope="col" class="num">Answers</th>
        <th scope="col" class="num">Average</th>
      </tr>
    </thead>
    <tbody>
      ${r.ratingsByMonth.map(
        (m) =>
          html`<tr>
            <th scope="row">${monthName(m.month)}</th>
            <td class="num">${m.responses}</td>
            <td class="num">${m.average === null ? (m.responses === 0 ? '–' : 'not shown') : decimal(m.average)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
  if (!d)
    return html`<p>Ratings: ${r.ratings.responses} answers, ${HIDDEN}.</p>
      ${byMonth}`;
  const levels = [1, 2, 3, 4, 5] as const;
  return html`${figure({
    id: 'ratings',
    caption: `Check-in ratings (${r.ratings.responses} answers, average ${decimal(r.ratings.average)} of 5)`,
    chart: barChart({
      id: 'ratings-chart',
      title: 'How many check-ins got each rating',
      description: levels.map((l) => `${l} of 5: ${d[l]}`).join('; '),
      bars: levels.map((l) => ({ label: `${l} of 5`, value: d[l], shown: String(d[l]) })),
    }),
    table: html`<table>
      <caption>
        Ratings
      </caption>
      <thead>
        <tr>
          <th scope="col">Rating</th>
          <th scope="col" class="num">Answers</th>
        </tr>
      </thead>
      <tbody>
        ${levels.map(
          (l) =>
            html`<tr>
              <th scope="row">${l} of 5</th>
              <td class="num">${d[l]}</td>
            </tr>`,
        )}
      </tbody>
    </table>`,
  })}${byMonth}`;
}

function atRisk(r: ProgrammeReport): Html {
  if (r.atRisk.pairs.length === 0) return html`<p>No pair is at risk.</p>`;
  return html`<table>
    <caption>
      ${r.atRisk.count === 1 ? '1 pair' : `${r.atRisk.count} pairs`} silent for two cadences
    </caption>
    <thead>
      <tr>
        <th scope="col">Mentor</th>
        <th scope="col">Mentee</th>
        <th scope="col" class="num">Days since they last met</th>
      </tr>
    </thead>
    <tbody>
      ${r.atRisk.pairs.map(
        (p) =>
          html`<tr>
            <th scope="row">${p.mentor.name}</th>
            <td>${p.mentee.name}</td>
            <td class="num">${p.daysSinceLastMeeting}${p.neverMet ? ' (never met)' : ''}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function counts(id: string, caption: string, rows: Array<{ key: string; count: number }>, what: string): Html {
  if (rows.length === 0) return html`<p>${caption}: none yet.</p>`;
  const shown = rows.slice(0, 12);
  return figure({
    id,
    caption,
    chart: barChart({
      id: `${id}-chart`,
      title: caption,
      description: shown.map((c) => `${c.key}: ${c.count}`).join('; '),
      bars: shown.map((c) => ({ label: c.key, value: c.count, shown: String(c.count) })),
    }),
    table: html`<table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${what}</th>
          <th scope="col" class="num">Count</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (c) =>
            html`<tr>
              <th scope="row">${c.key}</th>
              <td class="num">${c.count}</td>
            </tr>`,
        )}
      </tbody>
    </table>`,
  });
}

function surveys(r: ProgrammeReport): Html {
  const label = { midpoint: 'Halfway survey', final: 'Final survey' } as const;
  return html`<table>
    <caption>
      Milestone surveys
    </caption>
    <thead>
      <tr>
        <th scope="col">Survey</th>
        <th scope="col" class="num">Answers</th>
        <th scope="col" class="num">Progress (of 5)</th>
        <th scope="col" class="num">Recommendation (NPS)</th>
      </tr>
    </thead>
    <tbody>
      ${r.surveys.map(
        (s) =>
          html`<tr>
            <th scope="row">${label[s.kind]}</th>
            <td class="num">${s.responses}</td>
            <td class="num">
              ${s.averageProgress === null ? (s.responses === 0 ? '–' : 'not shown') : decimal(s.averageProgress)}
            </td>
            <td class="num">
              ${s.nps === null ? (s.recommendResponses === 0 ? '–' : 'not shown') : `${Math.round(s.nps)} (${plural(s.promoters ?? 0, 'promoter')}, ${plural(s.passives ?? 0, 'passive')}, ${plural(s.detractors ?? 0, 'detractor')})`}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function healthPage(o: { viewer: Viewer; report: ProgrammeReport }): Html {
  const r = o.report;
  const failures =
    r.deliveryFailures.total === 0
      ? html`<p>Every message was delivered.</p>`
      : html`<table>
          <caption>
            ${r.deliveryFailures.total} messages Slack did not take
          </caption>
          <thead>
            <tr>
              <th scope="col">Message</th>
              <th scope="col" class="num">Failed</th>
            </tr>
          </thead>
          <tbody>
            ${r.deliveryFailures.byKind.map(
              (f) =>
                html`<tr>
                  <th scope="row">${f.key}</th>
                  <td class="num">${f.count}</td>
                </tr>`,
            )}
          </tbody>
        </table>`;
  return page({
    title: `Health: ${r.programme.name}`,
    viewer: o.viewer,
    programme: { id: r.programme.id, name: r.programme.name, tab: 'health' },
    body: html`<p class="muted">
        As of ${r.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. Averages, distributions, scores and topics show
        only over at least ${MIN_AGGREGATE_RESPONSES} answers from ${MIN_AGGREGATE_RESPONSES} people; private concerns are never
        shown.
      </p>
      ${tiles(r)}
      <h2>Check-ins</h2>
      ${adherence(r)}
      <h2>Ratings</h2>
      ${ratings(r)}
      <h2>Pairs at risk</h2>
      ${atRisk(r)}
      <h2>Topics most covered</h2>
      ${counts(
        'topics',
        'Topics pairs covered',
        r.topics.map((t) => ({ key: t.label, count: t.count })),
        'Topic',
      )}
      <h2>Mix</h2>
      <div class="charts">
        ${counts('departments', 'People by department', r.departments, 'Department')}
        ${counts('generations', 'People by generation', r.generations, 'Generation')}
      </div>
      <h2>Surveys</h2>
      ${surveys(r)}
      <h2>Deliveries</h2>
      ${failures}`,
  });
}
