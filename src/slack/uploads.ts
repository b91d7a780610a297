import type { WebClient } from '@slack/web-api';

export interface UploadFile {
  filename: string;
  title: string;
  content: Buffer;
}

/**
 * Uploads files to the person's DM with the bot through Slack's external upload flow
 * (files.getUploadURLExternal, the upload, files.completeUploadExternal: what filesUploadV2 does).
 */
export async function uploadToDm(client: WebClient, userId: string, files: UploadFile[], comment: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  await client.filesUploadV2({
    channel_id: channel,
    initial_comment: comment,
    file_uploads: files.map((f) => ({ file: f.content, filename: f.filename, title: f.title })),
  });
  return channel;
}
