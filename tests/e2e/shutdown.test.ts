import { SlackDriver, SlackEmulator } from '../../src/devtools/emulator/index.js';
import { createScratchDatabase } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { finished, freePort, spawnEntry, waitForOutput } from '../support/processes.js';

test('SIGTERM: stops accepting, finishes the work in flight, closes the database, exits 0', async () => {
  const emulator = await SlackEmulator.start();
  const scratch = await createScratchDatabase('sqlite');
  const port = await freePort();
  const secret = 'shutdown-test-secret';
  const child = spawnEntry('src/main.ts', [], {
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: scratch.url,
    PORT: String(port),
  });
  const exited = finished(child);
  try {
    await waitForOutput(child, (out) => out.includes('listening on port'));
    const appUrl = `http://127.0.0.1:${port}/slack/events`;
    const driver = new SlackDriver({ appUrl, signingSecret: secret, emulator });

    // A listener still working after its ack: App Home publishing takes 1.5 s.
    emulator.injectFault({ method: 'views.publish', delayMs: 1500 });
    const ack = await driver.appHomeOpened('U0EMU0007');
    expect(ack.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    const signalledAt = Date.now();
    child.kill('SIGTERM');

    // New work is refused while draining (503, or the connection is already closed).
    await new Promise((r) => setTimeout(r, 100));
    const late = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);

    const result = await exited;
    expect(result.code).toBe(0);
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(1000); // it waited for the listener
    expect(result.stderr).toContain('received SIGTERM');
    expect(result.stderr).toContain('stopped');
    const publish = await eventually(() => emulator.callsTo('views.publish')[0], 1000, 'views.publish');
    expect(publish.response.ok).toBe(true);
  } finally {
    child.kill('SIGKILL');
    await emulator.stop();
    await scratch.drop();
  }
});
