import { vi } from 'vitest';

/** A scripted XMLHttpRequest for upload tests: the test drives upload progress and the answer. */
export class FakeXhr {
  static last: FakeXhr | null = null;
  static all: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = '';
  responseHeaders = '';
  upload: { onprogress: ((e: ProgressEvent) => void) | null; onload: (() => void) | null } = { onprogress: null, onload: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.last = this;
    FakeXhr.all.push(this);
  }
  abort() {
    this.onabort?.();
  }
  getAllResponseHeaders() {
    return this.responseHeaders;
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true } as ProgressEvent);
  }
  uploaded() {
    this.upload.onload?.();
  }
  respond(status: number, body: unknown, headers = 'content-type: application/json') {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.responseHeaders = headers;
    this.onload?.();
  }
}

/** The in-memory files handed out as object URLs (by URL) and the URLs released, since `stubUploads()`. */
export const objectUrls = { blobs: new Map<string, Blob>(), revoked: [] as string[] };

/** For a `beforeEach`: XMLHttpRequest is a FakeXhr, object URLs are recorded (`blob:test-<n>`). */
export function stubUploads(): void {
  FakeXhr.last = null;
  FakeXhr.all = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  objectUrls.blobs.clear();
  objectUrls.revoked.length = 0;
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:test-${objectUrls.blobs.size + 1}`;
        objectUrls.blobs.set(url, blob);
        return url;
      },
      revokeObjectURL: (url: string) => void objectUrls.revoked.push(url),
    }),
  );
}
