import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const schema = JSON.parse(
  readFileSync(new URL('../../../shared/slack/manifest-schema/schemas_manifest.schema.1.0.0.json', import.meta.url), 'utf8'),
);
const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8'));

describe('manifest.yml', () => {
  test("is valid against Slack's manifest schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('the schema rejects a broken manifest (the check can fail)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const broken = structuredClone(manifest);
    broken.features.slash_commands[0].command = 'rm-join without slash';
    delete broken.display_information.name;
    expect(ajv.validate(schema, broken)).toBe(false);
  });

  test('declares the commands, events and only the scopes the bot needs', () => {
    // The six of ../shared/slack/README.md: files:write is for /rm-report's CSV and chart uploads. Nothing reads an
    // e-mail address (no users:read.email); the two history scopes are an opt-in (next test).
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      '/rm-join',
      '/rm-report',
      '/rm-admin',
    ]);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'user_change']);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'chat:write',
      'commands',
      'files:write',
      'im:write',
      'mpim:write',
      'users:read',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    for (const url of [manifest.settings.interactivity.request_url, manifest.settings.event_subscriptions.request_url]) {
      expect(url).toMatch(/\/slack\/events$/);
    }
  });

  test('offers im:history and mpim:history as a documented opt-in, with the setting that goes with it', () => {
    const text = readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8');
    // Commented out in the scope list, so that uncommenting them is the whole change to the manifest.
    expect(text).toMatch(/^ {6}# - im:history$/m);
    expect(text).toMatch(/^ {6}# - mpim:history$/m);
    expect(text).toContain('SLACK_HISTORY_SCOPES=true');
    const uncommented = parse(text.replace(/# - (im|mpim):history/g, '- $1:history'));
    expect(uncommented.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['im:history', 'mpim:history']));
    const ajv = new Ajv({ allErrors: true, strict: false });
    expect(ajv.validate(schema, uncommented)).toBe(true);

    const envExample = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    expect(envExample).toMatch(/^SLACK_HISTORY_SCOPES=$/m);
    for (const doc of ['../../docs/outbox.md', '../../docs/operations.md']) {
      expect(readFileSync(new URL(doc, import.meta.url), 'utf8')).toContain('SLACK_HISTORY_SCOPES');
    }
  });

  test('the code reads no e-mail address, so the manifest rightly asks for no users:read.email', () => {
    const offenders = sourceFiles(new URL('../../src/', import.meta.url)).filter((file) =>
      /lookupByEmail|\.email\b|['"]email['"]/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

/** Production source files (not the generated Prisma clients, whose comments mention e-mail, nor the dev tools). */
function sourceFiles(dir: URL): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.startsWith('generated/') && !f.startsWith('devtools/'))
    .map((f) => fileURLToPath(new URL(f, dir)));
}
