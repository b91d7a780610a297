import type { Db } from '../database.js';

/** The dates a report needs to know its months (null when there is no such programme). */
export function findProgrammeDates(db: Db, programmeId: string) {
  return db.programme.findUnique({ where: { id: programmeId }, select: { startDate: true, endDate: true, timezone: true } });
}

/** Every programme's id and name, by name. */
export function listProgrammeNames(db: Db): Promise<Array<{ id: string; name: string }>> {
  return db.programme.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } });
}

/** Every programme, the latest start first. */
export function listProgrammesByStart(db: Db): Promise<Array<{ id: string; name: string; status: string }>> {
  return db.programme.findMany({
    select: { id: true, name: true, status: true },
    orderBy: [{ startDate: 'desc' }, { name: 'asc' }],
  });
}

export { loadReportAggregates, type AggregateSource } from './aggregates.js';
export { checkInRows, feedbackRows, metCheckInsByPair, pairRows, participantRows } from './exports.js';
export { claimReportUpload, releaseReportUpload } from './uploads.js';
