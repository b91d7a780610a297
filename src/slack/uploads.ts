import type { FilesGetUploadURLExternalArguments, WebClient } from '@slack/web-api';

export interface UploadFile {
  filename: string;
  title: string;
  content: Buffer;
  /** an image's description for screen readers (Slack's `alt_txt`, at most 1,000 characters) */
  altText?: string;
}

/** How long the upload of one file's bytes may take. */
const UPLOAD_TIMEOUT_MS = 30_000;
const ALT_TEXT_MAX = 1000;

/**
 * Uploads files to the person's DM with the bot through Slack's external upload flow: for each file
 * files.getUploadURLExternal and a POST of its bytes, then one files.completeUploadExternal that shares them all
 * with the comment. The same steps as the WebClient's filesUploadV2, which however sends the image description as
 * `alt_text`, where Slack's files.getUploadURLExternal documents `alt_txt`.
 */
export async function uploadToDm(client: WebClient, userId: string, files: UploadFile[], comment: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  const uploaded = await Promise.all(files.map(async (f) => ({ id: await uploadBytes(client, f), title: f.title })));
  const [first, ...rest] = uploaded;
  if (!first) return channel;
  await client.files.completeUploadExternal({ channel_id: channel, initial_comment: comment, files: [first, ...rest] });
  return channel;
}

/** One file's bytes, at the URL Slack gives for it; returns the file's id. */
async function uploadBytes(client: WebClient, file: UploadFile): Promise<string> {
  const args = {
    filename: file.filename,
    length: file.content.length,
    ...(file.altText ? { alt_txt: file.altText.slice(0, ALT_TEXT_MAX) } : {}),
  } as FilesGetUploadURLExternalArguments;
  const target = await client.files.getUploadURLExternal(args);
  if (!target.upload_url || !target.file_id) throw new Error('files.getUploadURLExternal returned no upload URL');
  const sent = await fetch(target.upload_url, {
    method: 'POST',
    body: new Uint8Array(file.content),
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  await sent.arrayBuffer(); // read the answer so the connection can be reused
  if (!sent.ok) throw new Error(`the upload of a file answered HTTP ${sent.status}`);
  return target.file_id;
}
