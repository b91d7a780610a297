import type { ProgrammePhase } from '../../domain/programmes.js';

/** A programme's phase in a coordinator's words (App Home, the report's header). */
export const PHASE_LABELS: Record<ProgrammePhase, string> = {
  signup_open: 'signup open',
  signup_closed: 'signup closed',
  running: 'running',
  ended: 'ended',
  closed: 'closed',
};
