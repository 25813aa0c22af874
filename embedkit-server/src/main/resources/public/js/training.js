// The training log as Server-Sent Events: a loss curve (and held-out loss), words per second (or perplexity), and
// the cosine of watched word pairs (train --watch).
import { get } from './api.js';
import { svg } from './draw.js';

const $ = (id) => document.getElementById(id);
const entries = [];

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
  const source = new EventSource('/api/v1/training/log');
  source.addEventListener('open', () => { $('tr-status').textContent = 'connected, waiting for log lines…'; });
  source.addEventListener('log', (e) => {
    try {
      entries.push(JSON.parse(e.data));
    } catch {
      return;
    }
    draw();
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      $('tr-status').textContent = entries.length ? 'stream closed' : 'no training log attached';
    } else {
      $('tr-status').textContent = 'reconnecting…';
    }
  });
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
  chart($('tr-loss'), [series('loss'), series('held_out_loss')], xName, ['loss', 'held-out']);
  const rate = series('words_per_sec');
  if (rate.length) {
    $('tr-rate-h').textContent = 'Words per second';
    chart($('tr-rate'), [rate], xName, ['words/s']);
  } else {
    $('tr-rate-h').textContent = 'Perplexity (held out)';
    chart($('tr-rate'), [series('perplexity')], xName, ['perplexity']);
  }
  // train --watch A:B: each pair's cosine at every report, from noise towards meaning
  const pairs = [...new Set(entries.flatMap((e) => e.watch ? Object.keys(e.watch) : []))];
  $('tr-watch-box').hidden = !pairs.length;
  if (pairs.length) {
    chart($('tr-watch'), pairs.map((p) => entries.map((e, i) => [x(e, i), e.watch ? e.watch[p] : null])
      .filter(([, v]) => num(v))), xName, pairs);
  }
}

function chart(plot, lines, xName, names) {
  const w = plot.clientWidth || 500, h = plot.clientHeight || 200, l = 48, r = 10, t = 10, b = 24;
  plot.setAttribute('viewBox', `0 0 ${w} ${h}`);
  plot.replaceChildren();
  const all = lines.flat();
  if (!all.length) return;
  const xs = all.map((p) => p[0]), ys = all.map((p) => p[1]);
  let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
  const sx = (v) => l + (w - l - r) * (v - x0) / (x1 - x0), sy = (v) => h - b - (h - t - b) * (v - y0) / (y1 - y0);
  plot.append(svg('line', { class: 'axis', x1: l, y1: h - b, x2: w - r, y2: h - b }),
    svg('line', { class: 'axis', x1: l, y1: t, x2: l, y2: h - b }));
  const label = (text, attrs) => { const e = svg('text', attrs); e.textContent = text; plot.append(e); };
  label(fmt(y1), { x: 2, y: t + 8 });
  label(fmt(y0), { x: 2, y: h - b });
  label(`${xName} ${fmt(x0)}`, { x: l, y: h - 6 });
  label(fmt(x1), { x: w - r, y: h - 6, 'text-anchor': 'end' });
  lines.forEach((points, i) => {
    if (!points.length) return;
    const d = points.map(([px, py], j) => `${j ? 'L' : 'M'}${sx(px).toFixed(1)},${sy(py).toFixed(1)}`).join('');
    plot.append(svg('path', { class: `l${i}`, d }));
    if (points.length === 1) plot.append(svg('circle', { class: `l${i}`, cx: sx(points[0][0]), cy: sy(points[0][1]), r: 3 }));
    label(names[i], { x: w - r, y: t + 10 + 12 * i, 'text-anchor': 'end', class: `l${i}` });
  });
}

function fmt(v) {
  return Math.abs(v) >= 1000 ? Math.round(v).toString() : Number(v.toPrecision(4)).toString();
}
