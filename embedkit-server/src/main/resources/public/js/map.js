// The 2-D PCA map: an SVG scatter with hover labels, wheel zoom, drag pan, keyboard zoom/pan, highlighted tokens.
import { get, modelPath, showError } from './api.js';
import { svg } from './draw.js';
import { state, on, highlightedIds } from './state.js';

const $ = (id) => document.getElementById(id);
let points = [];
let view = { x: 0, y: 0, k: 1 };   // screen = k · base + (x, y)
let base = null;                   // data → unzoomed screen
let layer = null, labels = null;

export function initMap() {
  const plot = $('map-svg');
  $('map-form').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  $('map-reset').addEventListener('click', () => { view = { x: 0, y: 0, k: 1 }; applyView(); });
  on((what) => { if (what === 'model') load(); else if (what === 'highlights') highlight(); });

  plot.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = plot.getBoundingClientRect();
    zoomAt(e.clientX - r.left, e.clientY - r.top, Math.exp(-e.deltaY * 0.0015));
  }, { passive: false });
  let drag = null;
  plot.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
    plot.setPointerCapture(e.pointerId);
    plot.classList.add('dragging');
  });
  plot.addEventListener('pointermove', (e) => {
    if (!drag) return;
    view.x = drag.vx + e.clientX - drag.x;
    view.y = drag.vy + e.clientY - drag.y;
    applyView();
  });
  const end = () => { drag = null; plot.classList.remove('dragging'); };
  plot.addEventListener('pointerup', end);
  plot.addEventListener('pointercancel', end);
  plot.addEventListener('keydown', (e) => {
    const r = plot.getBoundingClientRect(), step = 40;
    const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (e.key === '+' || e.key === '=') zoomAt(r.width / 2, r.height / 2, 1.25);
    else if (e.key === '-') zoomAt(r.width / 2, r.height / 2, 0.8);
    else if (moves[e.key]) { view.x += moves[e.key][0]; view.y += moves[e.key][1]; applyView(); }
    else return;
    e.preventDefault();
  });
  window.addEventListener('resize', () => { if (points.length) render(); });
}

function zoomAt(px, py, factor) {
  const k = Math.max(0.2, Math.min(200, view.k * factor));
  const f = k / view.k;
  view.x = px - (px - view.x) * f;
  view.y = py - (py - view.y) * f;
  view.k = k;
  applyView();
}

async function load() {
  const model = state.model;
  showError($('map-error'), null);
  points = [];
  $('map-svg').replaceChildren();
  $('map-info').textContent = '';
  if (!model) return;
  const n = Math.min(Number($('map-n').value) || 500, model.vocab_size);
  if (n < 2) return;
  try {
    const answer = await get(modelPath(model.name, `/projection?n=${n}`));
    points = answer.points;
    const [v1, v2] = answer.explained_variance_ratio;
    $('map-info').textContent = `${answer.n} tokens, explained variance ${(100 * v1).toFixed(1)}% + ${(100 * v2).toFixed(1)}%`;
    view = { x: 0, y: 0, k: 1 };
    render();
  } catch (e) {
    showError($('map-error'), e);
  }
}

function render() {
  const plot = $('map-svg');
  const w = plot.clientWidth || 800, h = plot.clientHeight || 480, pad = 30;
  plot.setAttribute('viewBox', `0 0 ${w} ${h}`);
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const s = Math.min((w - 2 * pad) / ((x1 - x0) || 1), (h - 2 * pad) / ((y1 - y0) || 1));
  const cx = (w - s * (x1 - x0)) / 2, cy = (h - s * (y1 - y0)) / 2;
  base = (p) => [cx + s * (p.x - x0), h - (cy + s * (p.y - y0))];
  plot.replaceChildren();
  layer = svg('g');
  labels = svg('g');
  const tip = $('map-tip');
  for (const p of points) {
    const c = svg('circle', { r: 3, 'data-id': p.id });
    const title = svg('title');
    title.textContent = `${p.token} (ID ${p.id})`;
    c.append(title);
    c.addEventListener('mouseenter', () => {
      const [sx, sy] = screen(p);
      tip.textContent = `${p.token} · ${p.id}`;
      tip.style.left = `${sx + 8}px`;
      tip.style.top = `${sy - 24}px`;
      tip.hidden = false;
    });
    c.addEventListener('mouseleave', () => { tip.hidden = true; });
    p.circle = c;
    layer.append(c);
  }
  plot.append(layer, labels);
  highlight();
}

const screen = (p) => { const [bx, by] = base(p); return [view.k * bx + view.x, view.k * by + view.y]; };

function applyView() {
  if (!base) return;
  for (const p of points) {
    const [sx, sy] = screen(p);
    p.circle.setAttribute('cx', sx.toFixed(1));
    p.circle.setAttribute('cy', sy.toFixed(1));
  }
  for (const t of labels ? labels.children : []) {
    const p = t.point, [sx, sy] = screen(p);
    t.setAttribute('x', (sx + 5).toFixed(1));
    t.setAttribute('y', (sy - 5).toFixed(1));
  }
  $('map-tip').hidden = true;
}

function highlight() {
  if (!labels) return;
  const ids = highlightedIds();
  labels.replaceChildren();
  for (const p of points) {
    const on = ids.has(p.id);
    p.circle.classList.toggle('hl', on);
    p.circle.setAttribute('r', on ? 5 : 3);
    if (on) {
      layer.append(p.circle);   // drawn last, on top
      const t = svg('text', { class: 'hl' });
      t.textContent = p.token;
      t.point = p;
      labels.append(t);
    }
  }
  applyView();
}
