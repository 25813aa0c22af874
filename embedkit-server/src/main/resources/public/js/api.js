// The JSON API under /api/v1; errors (application/problem+json) become ApiError with title and detail.
export class ApiError extends Error {
  constructor(title, detail, status) {
    super(detail ? `${title}: ${detail}` : title);
    this.title = title;
    this.detail = detail;
    this.status = status;
  }
}

async function call(path, options) {
  let response;
  try {
    response = await fetch('/api/v1' + path, options);
  } catch (e) {
    throw new ApiError('The server cannot be reached', String(e.message || e), 0);
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
