export * from './nudgeTime.js';
export * from './rules.js';
export * from './series.js';
export * from './zones.js';
export * from './pairDates.js';
export * from './nudgeDelivery.js';
export * from './firstCheckIn.js';
export * from './atRisk.js';
