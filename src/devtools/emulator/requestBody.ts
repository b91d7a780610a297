import type { IncomingMessage } from 'node:http';
import { isObject, type JsonObject } from './json.js';
import { multipartBoundary, parseMultipart } from './multipart.js';

const MAX_BODY_BYTES = 50 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Web API arguments from the query string and a form, JSON or multipart body (later sources win). */
export function parseParams(raw: Buffer, contentType: string, query: URLSearchParams): JsonObject | undefined {
  const params: JsonObject = Object.fromEntries(query.entries());
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (raw.length === 0) return params;
  if (type === 'application/json') {
    try {
      const body: unknown = JSON.parse(raw.toString('utf8'));
      return isObject(body) ? { ...params, ...body } : undefined;
    } catch {
      return undefined;
    }
  }
  if (type === 'multipart/form-data') {
    const boundary = multipartBoundary(contentType);
    if (!boundary) return undefined;
    for (const part of parseMultipart(raw, boundary)) {
      params[part.name] = part.filename === undefined ? part.data.toString('utf8') : part.data;
    }
    return params;
  }
  return { ...params, ...Object.fromEntries(new URLSearchParams(raw.toString('utf8')).entries()) };
}

/** The file bytes of an upload: the first file part of a multipart body, or the raw body. */
export function uploadBytes(raw: Buffer, contentType: string): Buffer {
  const boundary = contentType.toLowerCase().startsWith('multipart/form-data') ? multipartBoundary(contentType) : undefined;
  if (!boundary) return raw;
  const parts = parseMultipart(raw, boundary);
  const file = parts.find((p) => p.filename !== undefined) ?? parts.find((p) => p.name === 'file' || p.name === 'body');
  return file?.data ?? Buffer.alloc(0);
}
