// Hand-drawn pieces: a diverging heat map on a canvas (one pixel per cell, scaled by CSS), bar lists, SVG helpers.
const NEG = [33, 102, 172], MID = [247, 247, 247], POS = [178, 24, 43];

/** The colour of v on a blue–white–red scale symmetric around 0 with |v| = max at the ends. */
export function diverging(v, max) {
  const t = max > 0 ? Math.max(-1, Math.min(1, v / max)) : 0;
  const end = t < 0 ? NEG : POS, a = Math.abs(t);
  return MID.map((m, i) => Math.round(m + (end[i] - m) * a));
}

export function maxAbs(rows) {
  let m = 0;
  for (const r of rows) for (const v of r) { const a = Math.abs(v); if (a > m) m = a; }
  return m;
}

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

// The SVG namespace, taken from an inline <svg> of the page (the HTML parser puts it there), so that no static
// file spells out a URL.
const SVG_NS = document.querySelector('svg').namespaceURI;

export function svg(tag, attrs = {}) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/**
 * Draws rows (an array of number arrays) into container as a heat map with one label per row.
 * Returns { mark(index) } which outlines row index (or none for -1) and marks its label as current.
 */
export function heatMap(container, rows, labels, { rowPx = 14, maxRows = 64 } = {}) {
  container.replaceChildren();
  const shown = rows.slice(0, maxRows);
  const n = shown.length, d = n ? shown[0].length : 0;
  const max = maxAbs(shown);
  const canvas = el('canvas', { 'aria-hidden': 'true' });
  canvas.width = Math.max(1, d);
  canvas.height = Math.max(1, n);
  canvas.style.height = `${n * rowPx}px`;
  if (n && d) {
    const ctx = canvas.getContext('2d');
    const image = ctx.createImageData(d, n);
    shown.forEach((r, i) => r.forEach((v, j) => {
      const [R, G, B] = diverging(v, max), o = (i * d + j) * 4;
      image.data[o] = R; image.data[o + 1] = G; image.data[o + 2] = B; image.data[o + 3] = 255;
    }));
    ctx.putImageData(image, 0, 0);
  }
  const list = el('ul', { class: 'labels' });
  labels.slice(0, n).forEach((label) => list.append(el('li', { text: label })));
  const mark = el('div', { class: 'mark', hidden: '' });
  const plot = el('div', { class: 'plot' }, canvas, mark);
  const legend = el('div', { class: 'legend' }, el('span', { text: (-max).toPrecision(3) }), el('span', { class: 'ramp' }),
    el('span', { text: max.toPrecision(3) }),
    el('span', { text: rows.length > n ? ` (first ${n} of ${rows.length} rows)` : ` ${n} × ${d}` }));
  container.append(list, el('div', { class: 'plot-col' }, plot, legend));
  return {
    mark(index) {
      [...list.children].forEach((li, i) => li.classList.toggle('current', i === index));
      if (index < 0 || index >= n) { mark.hidden = true; return; }
      mark.hidden = false;
      mark.style.top = `${index * rowPx}px`;
    }
  };
}

/** Fills an <ol> with bars: items [{ label, value, text }], bar lengths value / max (values ≥ 0). */
export function bars(list, items, { max } = {}) {
  list.replaceChildren();
  const top = max ?? Math.max(1e-12, ...items.map((i) => Math.abs(i.value)));
  for (const item of items) {
    const fill = el('span');
    fill.style.width = `${Math.max(0, Math.min(100, 100 * item.value / top))}%`;
    list.append(el('li', { 'data-token': item.label },
      el('span', { class: 'tok', title: item.label, text: item.label }),
      el('span', { class: 'bar', 'aria-hidden': 'true' }, fill),
      el('span', { class: 'val', text: item.text })));
  }
}

/**
 * Draws lines (arrays of [x, y] points) into an SVG with axes, the extreme values and one coloured name per line
 * (classes l0, l1, …).
 */
export function lineChart(plot, lines, xName, names) {
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

export function fmt(v) {
  return Math.abs(v) >= 1000 ? Math.round(v).toString() : Number(v.toPrecision(4)).toString();
}
