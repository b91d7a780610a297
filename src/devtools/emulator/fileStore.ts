import { SlackApiError } from './errors.js';
import type { IdFactory } from './ids.js';
import type { JsonObject } from './json.js';
import type { Workspace } from './team.js';

export interface UploadedFile {
  id: string;
  filename: string;
  title: string;
  /** Length announced to files.getUploadURLExternal. */
  length: number;
  altText?: string;
  snippetType?: string;
  /** Bytes received at the upload URL (undefined until uploaded). */
  bytes?: Buffer;
  completed: boolean;
  channelId?: string;
  initialComment?: string;
  threadTs?: string;
  created: number;
}

const TYPES: Record<string, [mimetype: string, filetype: string, pretty: string]> = {
  png: ['image/png', 'png', 'PNG'],
  jpg: ['image/jpeg', 'jpg', 'JPEG'],
  jpeg: ['image/jpeg', 'jpg', 'JPEG'],
  gif: ['image/gif', 'gif', 'GIF'],
  svg: ['image/svg+xml', 'svg', 'SVG'],
  csv: ['text/csv', 'csv', 'CSV'],
  txt: ['text/plain', 'text', 'Plain Text'],
  json: ['application/json', 'json', 'JSON'],
  pdf: ['application/pdf', 'pdf', 'PDF'],
};

export class FileStore {
  private readonly files = new Map<string, UploadedFile>();

  constructor(
    private readonly workspace: Workspace,
    private readonly ids: IdFactory,
    private readonly now: () => number,
    private readonly baseUrl: () => string,
  ) {}

  list(): UploadedFile[] {
    return [...this.files.values()];
  }

  get(id: string): UploadedFile | undefined {
    return this.files.get(id);
  }

  create(filename: string, length: number, altText?: string, snippetType?: string): UploadedFile {
    const file: UploadedFile = {
      id: this.ids.next('F', 10),
      filename,
      title: filename,
      length,
      completed: false,
      created: Math.floor(this.now() / 1000),
    };
    if (altText !== undefined) file.altText = altText;
    if (snippetType !== undefined) file.snippetType = snippetType;
    this.files.set(file.id, file);
    return file;
  }

  uploadUrl(file: UploadedFile): string {
    return `${this.baseUrl()}/upload/v1/${file.id}`;
  }

  receive(id: string, bytes: Buffer): boolean {
    const file = this.files.get(id);
    if (!file) return false;
    file.bytes = bytes;
    return true;
  }

  /** files.completeUploadExternal for one file: it must exist and have been uploaded. */
  complete(
    id: string,
    title: string | undefined,
    share: { channelId?: string; initialComment?: string; threadTs?: string },
  ): UploadedFile {
    const file = this.files.get(id);
    if (!file || file.bytes === undefined || file.completed) throw new SlackApiError('file_not_found');
    file.completed = true;
    if (title) file.title = title;
    if (share.channelId !== undefined) file.channelId = share.channelId;
    if (share.initialComment !== undefined) file.initialComment = share.initialComment;
    if (share.threadTs !== undefined) file.threadTs = share.threadTs;
    return file;
  }

  /** The file object Slack returns and attaches to the sharing message. */
  describe(file: UploadedFile): JsonObject {
    const ext = file.filename.split('.').pop()?.toLowerCase() ?? '';
    const [mimetype, filetype, pretty] = TYPES[ext] ?? ['application/octet-stream', 'binary', 'Binary'];
    const url = `${this.baseUrl()}/files/${file.id}/${encodeURIComponent(file.filename)}`;
    const channel = file.channelId;
    return {
      id: file.id,
      created: file.created,
      timestamp: file.created,
      name: file.filename,
      title: file.title,
      mimetype,
      filetype,
      pretty_type: pretty,
      user: this.workspace.botUserId,
      user_team: this.workspace.teamId,
      editable: false,
      size: file.bytes?.length ?? file.length,
      mode: 'hosted',
      is_external: false,
      external_type: '',
      is_public: false,
      public_url_shared: false,
      display_as_bot: false,
      username: '',
      url_private: url,
      url_private_download: `${url}?download=1`,
      permalink: `https://${this.workspace.teamDomain}.slack.com/files/${this.workspace.botUserId}/${file.id}/${file.filename}`,
      ...(file.altText !== undefined ? { alt_txt: file.altText } : {}),
      comments_count: 0,
      is_starred: false,
      channels: channel?.startsWith('C') ? [channel] : [],
      groups: [],
      ims: channel?.startsWith('D') ? [channel] : [],
      has_rich_preview: false,
      file_access: 'visible',
    };
  }
}
