import { createCanvas, loadImage } from '@napi-rs/canvas';
import { renderReportChart } from '../../../src/charts/reportChart.js';
import { buildReportModel, reportMonths, type ReportAggregates } from '../../../src/domain/report/index.js';
import { ALT_TEXT_MAX, reportChartAltText, reportMessage, reportOverview } from '../../../src/messages/report.js';

const programme = {
  id: 'big',
  name: 'A programme with a rather long name '.repeat(8),
  status: 'running',
  startDate: new Date('2026-01-05T00:00:00Z'),
  endDate: new Date('2027-01-05T00:00:00Z'),
  timezone: 'UTC',
  cadenceDays: 14,
  objectives: '',
};
const now = new Date('2026-12-20T00:00:00Z');
const months = reportMonths(programme.startDate, now, 'UTC');

/** Worst case for the message size: every list at its longest, long names everywhere. */
function enterprise(): ReportAggregates {
  const long = (i: number) => `Department number ${i} with an unusually long name, ${'x'.repeat(60)}`;
  return {
    programme,
    participants: [
      { role: 'mentor', status: 'active', count: 9000 },
      { role: 'mentee', status: 'active', count: 9000 },
      { role: 'mentee', status: 'departed', count: 2000 },
    ],
    pairs: [{ key: 'active', count: 10000 }],
    waitlist: 123,
    checkIns: months.flatMap((m, i) =>
      ['met', 'missed', 'skipped', 'due'].map((status) => ({ dueDate: `${m.key}-15`, status, count: 1000 + i })),
    ),
    ratings: [1, 2, 3, 4, 5].map((r) => ({ key: String(r), count: 1000 * r })),
    ratingPeople: 5000,
    ratingsByMonth: months.map((_, month) => ({ month, responses: 100, sum: 380 + month, people: 80 })),
    atRiskCount: 500,
    atRisk: Array.from({ length: 10 }, (_, i) => ({
      pairingId: `p${i}`,
      mentor: { slackUserId: `U${i}`, name: 'M' },
      mentee: { slackUserId: null, name: 'a former participant' },
      flaggedAt: now,
      lastMetAt: null,
      introducedAt: programme.startDate,
    })),
    topics: Array.from({ length: 5 }, (_, i) => ({ key: `t${i}`, label: `Topic ${i} `.repeat(10), count: 100 - i, people: 50 })),
    departments: Array.from({ length: 300 }, (_, i) => ({ key: long(i), count: 300 - i })),
    generations: Array.from({ length: 40 }, (_, i) => ({ key: long(i), count: 40 - i })),
    surveys: [
      {
        kind: 'midpoint',
        responses: 5000,
        people: 5000,
        progressResponses: 5000,
        progressSum: 17000,
        promoters: 2000,
        passives: 2000,
        detractors: 1000,
      },
    ],
    deliveryFailures: Array.from({ length: 30 }, (_, i) => ({ key: `kind.${i}`, count: i + 1 })),
  };
}

describe('report views', () => {
  const report = buildReportModel(enterprise(), months, now);

  test('the message stays within Slack limits at enterprise scale', () => {
    const { text, blocks } = reportMessage(report);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(text.length).toBeLessThan(4000);
    for (const b of blocks) {
      if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(3000);
      if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(150);
    }
    const all = JSON.stringify(blocks);
    expect(all).toContain('…and 490 more');
    expect(all).toContain('others ');
    expect(all).toContain('a former participant');
  });

  test('the overview of many programmes stays within 50 blocks', () => {
    const { blocks } = reportOverview(
      Array.from({ length: 60 }, () => report),
      5,
    );
    expect(blocks.length).toBeLessThanOrEqual(50);
  });

  test('the chart is a 1000 x 500 PNG that decodes, with ink on it', async () => {
    const png = await renderReportChart(report);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1000, 500]);
    const image = await loadImage(png);
    expect([image.width, image.height]).toEqual([1000, 500]);
    const canvas = createCanvas(1000, 500);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const { data } = ctx.getImageData(0, 0, 1000, 500);
    let green = 0;
    let red = 0;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (r === 0x2e && g === 0x8b && b === 0x57) green++; // the bars
      if (r > 150 && g < 80 && b < 80) red++; // the rating line
      if (r < 120 && g < 120 && b < 120) dark++; // text
    }
    expect(green).toBeGreaterThan(20_000);
    expect(red).toBeGreaterThan(200);
    expect(dark).toBeGreaterThan(500);
  });

  test("the chart's alt text says what it shows, month by month, within Slack's 1,000 characters", () => {
    const small = buildReportModel(
      {
        ...enterprise(),
        programme: { ...programme, name: 'Spring 2026' },
        ratingsByMonth: [
          { month: 0, responses: 5, sum: 21, people: 4 },
          { month: 1, responses: 2, sum: 9, people: 2 },
        ],
      },
      months.slice(0, 3),
      new Date('2026-03-20T00:00:00Z'),
    );
    const alt = reportChartAltText(small);
    expect(alt).toMatch(
      /^Chart of Spring 2026: check-ins met per month as bars, and the average check-in rating out of 5 as a line/,
    );
    const [jan, feb] = small.checkInsByMonth;
    // a month's rating shows only when the report shows it (every month of the kind meets the threshold)
    expect(alt).toContain(`Jan 2026: ${jan!.met} met, no rating shown`);
    expect(alt).toContain(`Feb 2026: ${feb!.met} met, no rating shown`);
    const shown = buildReportModel(enterprise(), months.slice(0, 2), new Date('2026-02-20T00:00:00Z'));
    expect(reportChartAltText(shown)).toMatch(/Jan 2026: \d+ met, average rating 3\.8/);
    // twelve months of a long-named programme still fit
    expect(reportChartAltText(report).length).toBeLessThanOrEqual(ALT_TEXT_MAX);
    expect(reportChartAltText(report)).not.toContain('a former participant');
  });
});
