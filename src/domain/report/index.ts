export * from './aggregates.js';
export * from './csv.js';
export * from './model.js';
export * from './months.js';
export * from './nps.js';
export * from './summary.js';
export * from './threshold.js';
export * from './exports.js';
