import { collectDefaultMetrics, Registry } from 'prom-client';

let processRegistry: Registry | undefined;

/**
 * prom-client's process metrics (CPU, memory, heap, GC, event-loop delay percentiles, open handles), collected
 * into a registry of our own, once per process: they describe the process, which two bots in one process (tests,
 * the demo) share, and each collection starts timers and observers that live as long as the process.
 */
export function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}
