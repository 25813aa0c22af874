// The JSON API under /api/v1; errors (application/problem+json) become ApiError with title and detail.
export class ApiError extends Error {
  constructor(title, detail, status) {
    super(detail ? `${title}: ${detail}` : title);
    this.title = title;
    this.detail = detail;
    this.status = status;
  }
}

// serve --token: the page's own files are public, the API wants 'Authorization: Bearer TOKEN'. The token comes from
// the address's #token=… fragment (browsers never send fragments to the server; it is removed from the address bar at
// once) or, after a 401, from a prompt, and is kept in sessionStorage for this tab only.
const TOKEN_KEY = 'embedkit-token';
const fragment = /(?:^#|&)token=([^&]*)/.exec(location.hash);
if (fragment) {
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(fragment[1]));
  history.replaceState(null, '', location.pathname + location.search);
}
let asking = null; // one prompt for all the requests refused at once

/** The headers with the API token added, when there is one. */
export function withToken(headers) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { ...headers, Authorization: `Bearer ${token}` } : headers;
}

/** After a 401: asks for the token once per page load; true when one was given (then retry). */
export function askForToken() {
  if (!asking) {
    asking = Promise.resolve().then(() => {
      const token = window.prompt('This server requires its API token (serve --token or EMBEDKIT_TOKEN):');
      if (!token || !token.trim()) return false;
      sessionStorage.setItem(TOKEN_KEY, token.trim());
      return true;
    });
  }
  return asking;
}

async function call(path, options, retried = false) {
  let response;
  try {
    response = await fetch('/api/v1' + path, { ...options, headers: withToken(options.headers) });
  } catch (e) {
    throw new ApiError('The server cannot be reached', String(e.message || e), 0);
  }
  if (response.status === 401 && !retried && await askForToken()) {
    return call(path, options, true);
  }
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!response.ok) {
    if (body && body.title) throw new ApiError(body.title, body.detail, response.status);
    throw new ApiError(`HTTP ${response.status}`, text.slice(0, 200), response.status);
  }
  return body;
}

export const get = (path) => call(path, { headers: { Accept: 'application/json' } });
export const post = (path, json) => call(path, {
  method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(json)
});
export const modelPath = (model, rest) => `/models/${encodeURIComponent(model)}${rest}`;

/** Shows an error (ApiError or any other) in the given element, or hides the element when error is null. */
export function showError(element, error) {
  element.replaceChildren();
  if (!error) { element.hidden = true; return; }
  if (error instanceof ApiError) {
    const strong = document.createElement('strong');
    strong.textContent = error.title;
    element.append(strong, document.createTextNode(error.detail || ''));
  } else {
    element.textContent = String(error.message || error);
  }
  element.hidden = false;
}
