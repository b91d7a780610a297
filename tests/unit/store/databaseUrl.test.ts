import { parseDatabaseUrl, redactUrl } from '../../../src/store/databaseUrl.js';

describe('redactUrl: credentials masked in any URL', () => {
  test.each([
    ['postgresql://rm:s3cret@db:5432/rm', 'postgresql://rm:***@db:5432/rm'],
    ['postgres://rm:@db/rm', 'postgres://rm:***@db/rm'],
    // a password holding "@", "?", "#" or ":" unencoded
    ['postgresql://rm:p@ss?w#r:d@db:5432/rm?sslmode=require', 'postgresql://rm:***@db:5432/rm?sslmode=require'],
    ['https://bot:hunter2@slack.example.com/api/', 'https://bot:***@slack.example.com/api/'],
    ['http://u:hunter2@127.0.0.1:3001', 'http://u:***@127.0.0.1:3001'],
    // malformed or of another database: masked all the same
    ['mysql://root:hunter2@localhost/rm', 'mysql://root:***@localhost/rm'],
    ['postgresql://u:hunter2@[::1', 'postgresql://u:***@[::1'],
  ])('user:password in %s', (url, masked) => {
    expect(redactUrl(url)).toBe(masked);
  });

  test('every query value but the harmless ones, whatever the case or encoding of the name', () => {
    const url =
      'postgresql://rm@db/rm?sslmode=require&password=hunter2&PassWord=hunter2&pass=hunter2&pwd=hunter2&sslpassword=hunter2' +
      '&secret=hunter2&token=hunter2&Access_Token=hunter2&api_key=hunter2&key=hunter2&pass%77ord=hunter2&options=hunter2' +
      '&schema=public&connection_limit=5&host=/var/run/postgresql&port=5433&application_name=rm-bot';
    expect(redactUrl(url)).toBe(
      'postgresql://rm@db/rm?sslmode=require&password=***&PassWord=***&pass=***&pwd=***&sslpassword=***' +
        '&secret=***&token=***&Access_Token=***&api_key=***&key=***&pass%77ord=***&options=***' +
        '&schema=public&connection_limit=5&host=/var/run/postgresql&port=5433&application_name=rm-bot',
    );
  });

  test('both at once, in file: URLs and http(s) URLs, and in a fragment', () => {
    expect(redactUrl('postgresql://u:hunter2@127.0.0.1:5432/db?password=hunter2')).toBe(
      'postgresql://u:***@127.0.0.1:5432/db?password=***',
    );
    expect(redactUrl('file:./data/rm.db?password=hunter2&mode=ro')).toBe('file:./data/rm.db?password=***&mode=***');
    expect(redactUrl('https://u:hunter2@slack.example.com/api/?token=hunter2')).toBe(
      'https://u:***@slack.example.com/api/?token=***',
    );
    expect(redactUrl('https://slack.example.com/api/#access_token=hunter2')).toBe('https://slack.example.com/api/#***');
    expect(redactUrl('https://slack.example.com/api#x?token=hunter2')).toBe('https://slack.example.com/api#***');
  });

  test('harmless URLs are kept as they are', () => {
    for (const url of [
      'file:./data/rm.db',
      'file:/var/lib/rm/rm.db',
      'file::memory:',
      'https://slack.com/api/',
      'http://127.0.0.1:3000/slack/events',
      'postgresql://postgres@127.0.0.1:5432/test',
      'postgresql://rm@db:5432/rm?sslmode=verify-full&schema=rm&connection_limit=10',
      'postgresql://rm@db/rm?flag&password=',
    ])
      expect(redactUrl(url)).toBe(url);
  });
});

test('a DATABASE_URL of another kind is refused without echoing any of it beyond the scheme', () => {
  expect(() => parseDatabaseUrl('my://u:XYZZY@host/db')).toThrow(/DATABASE_URL must start with file: or postgresql:\/\//);
  expect(() => parseDatabaseUrl('my://u:XYZZY@host/db')).not.toThrow(/XY/);
});
