// Cross-site request checks for every form the dashboard accepts (docs/dashboard.md, "Security"): besides the
// per-session token each form carries, the browser must say the request comes from the dashboard's own origin.
import type { IncomingMessage } from 'node:http';

/**
 * False when the browser says the request comes from another site: `Sec-Fetch-Site` other than same-origin
 * (or none: typed in the address bar), or an `Origin` other than the dashboard's. Browsers send `Origin` with
 * every POST; a client that sends neither has no cookie to use either.
 */
export function fromOwnOrigin(req: IncomingMessage, ownOrigin: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === ownOrigin;
}
