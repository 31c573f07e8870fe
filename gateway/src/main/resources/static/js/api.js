// The public API, called with the session cookie (HttpOnly: this code never sees a token).
// Every call carries the header the gateway requires of cookie-authenticated requests; a 401
// triggers one refresh of the access cookie and one retry.

const MARKER = {'X-Requested-With': 'CloudAlbum'};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  get type() {
    return this.problem.type || '';
  }

  /** Field name → message, from a validation problem. */
  get fields() {
    const errors = {};
    for (const error of this.problem.errors || []) {
      errors[error.field] = error.message;
    }
    return errors;
  }
}

let refreshing = null;
let onSessionEnded = () => {};

export function whenSessionEnds(callback) {
  onSessionEnded = callback;
}

/** One refresh at a time, whoever asks. Resolves true when a new access cookie was set. */
export function refreshSession() {
  if (!refreshing) {
    refreshing = fetch('/api/session/refresh', {method: 'POST', headers: MARKER, credentials: 'same-origin'})
      .then(response => response.ok)
      .catch(() => false)
      .finally(() => setTimeout(() => { refreshing = null; }, 0));
  }
  return refreshing;
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch {
      return null;
    }
  }
  return null;
}

/** fetch() with JSON in and out; throws ApiError for anything but 2xx. */
export async function api(method, path, body, {retry = true} = {}) {
  const headers = {...MARKER, Accept: 'application/json, application/problem+json'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && retry && !path.startsWith('/api/session')) {
    if (await refreshSession()) {
      return api(method, path, body, {retry: false});
    }
    onSessionEnded();
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response));
  }
  if (response.status === 204) {
    return null;
  }
  return (response.headers.get('Content-Type') || '').includes('json') ? response.json() : response.text();
}

/**
 * POST /api/photos with the file itself as the body and the fields in the query: photo-service
 * streams it to the store without buffering. XMLHttpRequest because it is the one browser API that
 * reports upload progress. onProgress gets a fraction from 0 to 1; the returned object's abort()
 * cancels. The promise resolves with the photo and rejects with ApiError.
 */
export function uploadPhoto(file, fields, onProgress, {retry = true} = {}) {
  let request = null;
  let cancelled = false;
  const promise = new Promise((resolve, reject) => {
    const query = new URLSearchParams({filename: file.name});
    for (const [name, value] of Object.entries(fields)) {
      if (value !== undefined && value !== null && value !== '') {
        query.set(name, value);
      }
    }
    request = new XMLHttpRequest();
    request.open('POST', `/api/photos?${query}`);
    request.setRequestHeader('X-Requested-With', MARKER['X-Requested-With']);
    request.setRequestHeader('Accept', 'application/json, application/problem+json');
    request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    request.responseType = 'text';
    request.upload.addEventListener('progress', event => {
      if (event.lengthComputable && event.total > 0) {
        onProgress(event.loaded / event.total, event.loaded);
      }
    });
    request.addEventListener('load', async () => {
      let body = null;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        body = null;
      }
      if (request.status === 401 && retry && !cancelled) {
        if (await refreshSession()) {
          const again = uploadPhoto(file, fields, onProgress, {retry: false});
          request = {abort: () => again.abort()};
          again.promise.then(resolve, reject);
          return;
        }
        onSessionEnded();
      }
      if (request.status >= 200 && request.status < 300) {
        onProgress(1, file.size);
        resolve(body);
      } else {
        reject(new ApiError(request.status, body));
      }
    });
    request.addEventListener('error', () => reject(new ApiError(0, {detail: 'The network failed during the upload.'})));
    request.addEventListener('abort', () => reject(new ApiError(0, {type: 'cancelled', detail: 'The upload was cancelled.'})));
    request.send(file);
  });
  return {
    promise,
    abort() {
      cancelled = true;
      request?.abort();
    },
  };
}
