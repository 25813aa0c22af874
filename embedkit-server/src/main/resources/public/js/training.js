// The training log as Server-Sent Events: a loss curve (and held-out loss), words per second (or perplexity), and
// the cosine of watched word pairs (train --watch).
import { askForToken, get, withToken } from './api.js';
import { lineChart } from './draw.js';

const $ = (id) => document.getElementById(id);
const entries = [];
const logListeners = new Set();

/** Calls listener(entries) with every training-log entry so far, after each new one (the guided tour's step 5). */
export function onTrainingLog(listener) { logListeners.add(listener); }

export async function initTraining() {
  let health;
  try {
    health = await get('/health');
  } catch {
    health = null;
  }
  if (!health || !health.training_log) {
    $('tr-status').textContent = 'no training log attached (start with serve --watch-log LOG, or train … --serve)';
    return;
  }
  await follow();
}

/**
 * Reads /api/v1/training/log as Server-Sent Events with fetch rather than EventSource, which cannot send the API
 * token's Authorization header; reconnects (from the log's start, so the entries are rebuilt) when the stream drops.
 */
async function follow() {
  for (let attempt = 0; ; attempt++) {
    let response;
    try {
      response = await fetch('/api/v1/training/log', { headers: withToken({ Accept: 'text/event-stream' }) });
    } catch {
      response = null;
    }
    if (response && response.status === 401 && attempt === 0 && await askForToken()) continue;
    if (!response || !response.ok || !response.body) {
      $('tr-status').textContent = entries.length ? 'stream closed' : 'no training log attached';
      return;
    }
    $('tr-status').textContent = 'connected, waiting for log lines…';
    entries.length = 0;
    await readEvents(response.body, (event, data) => {
      if (event !== 'log') return;
      try {
        entries.push(JSON.parse(data));
      } catch {
        return;
      }
      draw();
      for (const listener of logListeners) listener(entries);
    });
    $('tr-status').textContent = 'reconnecting…';
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

/** Calls onEvent(name, data) for each event of a text/event-stream body (comments and ids ignored) until it ends. */
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = 'message';
  let data = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
        if (buffer[end] === '\r' && end === buffer.length - 1) break; // may be the first half of \r\n
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
        if (line === '') {
          if (data.length) onEvent(event, data.join('\n'));
          event = 'message';
          data = [];
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event = text;
          else if (field === 'data') data.push(text);
        }
      }
    }
  } catch {
    // the connection dropped: the caller reconnects
  }
}

const num = (v) => typeof v === 'number' && Number.isFinite(v);

function draw() {
  const last = entries[entries.length - 1];
  const x = (e, i) => num(e.step) ? e.step : num(e.epoch) ? e.epoch : i;
  const xName = num(last.step) ? 'step' : 'epoch';
  const parts = [`${entries.length} lines`, `${xName} ${x(last, entries.length - 1)}`];
  if (num(last.loss)) parts.push(`loss ${last.loss.toFixed(4)}`);
  if (num(last.held_out_loss)) parts.push(`held-out ${last.held_out_loss.toFixed(4)}`);
  if (num(last.perplexity)) parts.push(`perplexity ${last.perplexity.toFixed(1)}`);
  if (num(last.words_per_sec)) parts.push(`${Math.round(last.words_per_sec)} words/s`);
  if (num(last.lr)) parts.push(`lr ${last.lr.toPrecision(3)}`);
  $('tr-status').textContent = parts.join(' · ');
  const series = (key) => entries.map((e, i) => [x(e, i), e[key]]).filter(([, v]) => num(v));
  lineChart($('tr-loss'), [series('loss'), series('held_out_loss')], xName, ['loss', 'held-out']);
  const rate = series('words_per_sec');
  if (rate.length) {
    $('tr-rate-h').textContent = 'Words per second';
    lineChart($('tr-rate'), [rate], xName, ['words/s']);
  } else {
    $('tr-rate-h').textContent = 'Perplexity (held out)';
    lineChart($('tr-rate'), [series('perplexity')], xName, ['perplexity']);
  }
  // train --watch A:B: each pair's cosine at every report, from noise towards meaning
  const pairs = [...new Set(entries.flatMap((e) => e.watch ? Object.keys(e.watch) : []))];
  $('tr-watch-box').hidden = !pairs.length;
  if (pairs.length) {
    lineChart($('tr-watch'), pairs.map((p) => entries.map((e, i) => [x(e, i), e.watch ? e.watch[p] : null])
      .filter(([, v]) => num(v))), xName, pairs);
  }
}
