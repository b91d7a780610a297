import { readFileSync } from 'node:fs';
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
    // The six of ../shared/slack/README.md, plus im:history and mpim:history (the outbox checks a DM for a
    // message's key before resending it after a crash) and files:write (/rm-report's CSV and chart uploads).
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
      'im:history',
      'im:write',
      'mpim:history',
      'mpim:write',
      'users:read',
      'users:read.email',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    for (const url of [manifest.settings.interactivity.request_url, manifest.settings.event_subscriptions.request_url]) {
      expect(url).toMatch(/\/slack\/events$/);
    }
  });
});
