import type { MethodSpec } from './types.js';

export const appsMethods: Record<string, MethodSpec> = {
  'apps.connections.open': {
    token: 'app',
    handler: (_params, state) => ({ ok: true, url: state.socketUrl() }),
  },
};
