import type { AuthSession } from './auth-session';
import { apiErrorFrom, ApiError } from './problem';

export interface UploadAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface UploadOptions {
  url: string;
  body: Blob;
  contentType: string;
  session: AuthSession;
  /** Accept-Language of the request (the UI language), as every other call sends it. */
  language?: string;
  /** Bytes sent so far and the total (upload progress; fetch cannot report it). */
  onProgress?: (loaded: number, total: number) => void;
  /** Called once the request body has been sent: the server is now working on it. */
  onUploaded?: () => void;
  signal?: AbortSignal;
}

/** One XMLHttpRequest POST with upload progress events, answered as status, JSON body and headers. */
function xhrPost(options: UploadOptions, token: string | undefined): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', options.url);
    xhr.setRequestHeader('Content-Type', options.contentType);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    if (options.language) xhr.setRequestHeader('Accept-Language', options.language);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => options.onProgress?.(event.loaded, event.lengthComputable ? event.total : options.body.size);
    xhr.upload.onload = () => options.onUploaded?.();
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = xhr.responseText;
      }
      resolve({ status: xhr.status, body, headers: parseHeaders(xhr.getAllResponseHeaders()) });
    };
    xhr.onerror = () => reject(new ApiError(0));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(options.body);
  });
}

function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const at = line.indexOf(':');
    if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return headers;
}

/**
 * Uploads a file with progress, through the same sign-in as the typed client (bearer token,
 * one silent refresh and retry after a 401). Resolves the JSON answer or throws an `ApiError`.
 */
export async function uploadWithProgress<T>(options: UploadOptions): Promise<T> {
  const answer = await options.session.send((token) => xhrPost(options, token));
  if (answer.status < 200 || answer.status >= 300) throw apiErrorFrom(answer.status, answer.body, answer.headers);
  return answer.body as T;
}
