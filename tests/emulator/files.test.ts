import { SlackEmulator } from '../../src/devtools/emulator/index.js';
import { slackError, webClient } from './helpers.js';

// 1x1 transparent PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

describe('file uploads', () => {
  let emu: SlackEmulator;
  beforeAll(async () => {
    emu = await SlackEmulator.start();
  });
  afterAll(() => emu.stop());

  it('runs filesUploadV2 end to end and keeps the bytes', async () => {
    const client = webClient(emu);
    const channel = emu.channelFor(['U0EMU0005']);
    const res = await client.filesUploadV2({
      channel_id: channel,
      file: PNG,
      filename: 'ratings.png',
      title: 'Ratings',
      initial_comment: 'Report',
    });
    expect(res.ok).toBe(true);
    expect(emu.callsTo('files.getUploadURLExternal')[0]?.params).toMatchObject({
      filename: 'ratings.png',
      length: String(PNG.length),
    });
    const stored = emu.files.find((f) => f.filename === 'ratings.png');
    expect(stored?.bytes?.equals(PNG)).toBe(true);
    expect(stored?.bytes?.subarray(1, 4).toString()).toBe('PNG');
    expect(stored).toMatchObject({ completed: true, title: 'Ratings', channelId: channel, initialComment: 'Report' });
    const shared = emu.messagesIn(channel).at(-1);
    expect(shared?.text).toBe('Report');
    expect(shared?.files?.[0]).toMatchObject({ id: stored?.id, mimetype: 'image/png', size: PNG.length, name: 'ratings.png' });
    const url = String(shared?.files?.[0]?.url_private);
    const download = await fetch(url, { headers: { Authorization: `Bearer ${emu.botToken}` } });
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await fetch(url)).status).toBe(403);
  });

  it('uploads CSV content given as a string', async () => {
    const client = webClient(emu);
    const channel = emu.channelFor(['U0EMU0001']);
    await client.filesUploadV2({ channel_id: channel, content: 'a,b\n1,2\n', filename: 'pairs.csv' });
    expect(emu.files.find((f) => f.filename === 'pairs.csv')?.bytes?.toString()).toBe('a,b\n1,2\n');
  });

  it('accepts raw bytes at the upload URL and refuses completing an unknown or unsent file', async () => {
    const client = webClient(emu);
    const { upload_url, file_id } = await client.files.getUploadURLExternal({ filename: 'x.txt', length: 3 });
    expect((await slackError(client.files.completeUploadExternal({ files: [{ id: file_id ?? '' }] }))).error).toBe(
      'file_not_found',
    );
    const put = await fetch(upload_url ?? '', { method: 'POST', body: 'abc' });
    expect(await put.text()).toBe('OK - 3');
    expect((await client.files.completeUploadExternal({ files: [{ id: file_id ?? '', title: 'X' }] })).ok).toBe(true);
    expect((await slackError(client.files.completeUploadExternal({ files: [{ id: 'F404' }] }))).error).toBe('file_not_found');
  });
});
