import { InFlight } from '../../../src/requests/inFlight.js';
import { createHttpServer } from '../../../src/requests/httpServer.js';
import { createLogger } from '../../../src/logger.js';

describe('HTTP server shutdown', () => {
  test('drain tells the receiver (onDrain) once no request is accepted, then waits for the work it started', async () => {
    const work = new InFlight();
    const events: string[] = [];
    const http = createHttpServer({
      slackListener: (_req, res) => res.end(),
      health: async () => ({ ok: true, details: {} }),
      logger: createLogger('error', 'test', () => undefined),
      work,
      onDrain: () => {
        events.push('onDrain');
        // what the receiver held starts now, and the shutdown waits for it
        void work.run(async () => {
          await new Promise((r) => setTimeout(r, 50));
          events.push('held work done');
        });
      },
    });
    await http.listen(0, '127.0.0.1');
    await http.drain(2000);
    events.push('drained');
    expect(events).toEqual(['onDrain', 'held work done', 'drained']);
  });
});
