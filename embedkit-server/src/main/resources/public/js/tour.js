// The guided tour: each claim of the embedding story computed on the served model by the server's Tour (the same
// numbers as `embedkit tour`), one panel per claim, in the story's order. Claim 5 comes from the training log.
import { get, modelPath, showError } from './api.js';
import { el, svg, bars, heatMap, lineChart } from './draw.js';
import { state, on } from './state.js';
import { onTrainingLog } from './training.js';

const STEPS = ['ids', 'lookup', 'directions', 'tensor', 'lineup', 'duplicates', 'space'];
const $ = (id) => document.getElementById(id);
const f3 = (v) => v.toFixed(3);
const meanSd = (s) => `${f3(s.mean)} ± ${f3(s.sd)}`;
let shown = false;       // whether the tour tab is open
let loadedFor = null;    // the model and settings the panels show
let generation = 0;      // to drop answers for an older model or settings

/** @param openInPipeline (text) => void: shows the text in the pipeline view (step 4 links there) */
export function initTour(openInPipeline) {
  $('tour-form').addEventListener('submit', (e) => { e.preventDefault(); loadedFor = null; load(); });
  $('tour-open-pipeline').addEventListener('click', () => openInPipeline($('tour-text').value));
  on((what) => { if (what === 'model') load(); });
  onTrainingLog(learned);
}

/** The tab was opened or closed; the panels are computed on first opening (some steps take a while). */
export function showTour(visible) {
  shown = visible;
  load();
}

function settings() {
  const query = new URLSearchParams();
  for (const [name, id] of [['pairs', 'tour-pairs'], ['text', 'tour-text'], ['expr', 'tour-expr'], ['samples', 'tour-samples'],
    ['tie', 'tour-tie'], ['tie_steps', 'tour-tie-steps']]) {
    const value = $(id).value.trim();
    if (value) query.set(name, value);
  }
  return query.toString();
}

function load() {
  if (!shown || !state.model) return;
  const key = `${state.model.name}?${settings()}`;
  if (key === loadedFor) return;
  loadedFor = key;
  const mine = ++generation;
  for (const step of STEPS) loadStep(step, mine);
}

async function loadStep(step, mine) {
  const panel = $(`tour-${step}`);
  const out = panel.querySelector('.out');
  panel.dataset.state = 'loading';
  showError(panel.querySelector('.error'), null);
  out.replaceChildren(el('p', { class: 'muted', text: 'computing…' }));
  let answer;
  try {
    answer = await get(modelPath(state.model.name, `/tour?step=${step}&${settings()}`));
  } catch (e) {
    if (mine !== generation) return;
    out.replaceChildren();
    panel.dataset.state = 'error';
    showError(panel.querySelector('.error'), e);
    return;
  }
  if (mine !== generation) return;
  out.replaceChildren();
  RENDER[step](out, answer.result);
  panel.dataset.state = 'ready';
}

/** A list of labelled numbers; data-key lets a test (or a reader of the DOM) find each. */
function facts(rows) {
  const list = el('dl', { class: 'facts' });
  for (const [label, value, key] of rows) {
    list.append(el('dt', { text: label }), el('dd', { 'data-key': key, text: String(value) }));
  }
  return list;
}

/** Distributions (summaries with histograms over one range) drawn as the fraction of each sample per bin. */
function histograms(series, title) {
  const chart = svg('svg', { class: 'chart', role: 'img', 'aria-label': title });
  requestAnimationFrame(() => lineChart(chart, series.map(([, s]) => {
    const [low, high] = s.histogram_range, width = (high - low) / s.histogram.length;
    return s.histogram.map((count, bin) => [low + (bin + 0.5) * width, count / s.count]);
  }), 'cosine', series.map(([name]) => name)));
  return chart;
}

function table(header, rows) {
  return el('table', { class: 'nums' },
    el('thead', {}, el('tr', {}, ...header.map((h) => el('th', { text: h })))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', { text: String(c) }))))));
}

const RENDER = {
  ids(out, r) {
    out.append(facts([
      ['random pairs sampled', r.random.count, 'pairs'],
      ['adjacent IDs (i, i+1)', meanSd(r.adjacent), 'adjacent'],
      ['random pairs', meanSd(r.random), 'random'],
      ['KS distance between them', f3(r.ks_distance), 'ks_distance'],
      ['gap (adjacent − random mean)', r.mean_gap.toFixed(4), 'mean_gap'],
      ['at random init: adjacent / random', `${meanSd(r.untrained_adjacent)} / ${meanSd(r.untrained_random)}`, 'untrained'],
      ['at random init: gap', r.untrained_mean_gap.toFixed(4), 'untrained_mean_gap']]),
    histograms([['this model: adjacent', r.adjacent], ['this model: random', r.random],
      ['random init: adjacent', r.untrained_adjacent], ['random init: random', r.untrained_random]],
    'cosine of adjacent-ID rows beside random pairs'));
  },
  lookup(out, r) {
    out.append(facts([
      ['ID', `${r.id} '${r.token}'`, 'id'],
      ['lookup(id) equals row id of E bit for bit', r.lookup_bit_identical ? 'yes' : 'NO', 'lookup_bit_identical'],
      ['entries of onehot(id)ᵀ·E whose bits differ (only −0.0 can)', r.one_hot_differing_bits, 'one_hot_differing_bits'],
      ['cost of a lookup', `${Math.round(r.lookup_ns).toLocaleString('en')} ns`, 'lookup_ns'],
      ['cost of the one-hot product', `${Math.round(r.one_hot_ns).toLocaleString('en')} ns for `
        + `${r.one_hot_multiply_adds.toLocaleString('en')} multiply-adds (${Math.round(r.one_hot_ns / r.lookup_ns)}×)`, 'one_hot_ns'],
      ['the row', `[${r.row.slice(0, 8).map(f3).join(', ')}${r.row.length > 8 ? ', …' : ''}]`, 'row']]));
  },
  directions(out, r) {
    if (r.mean_offset_cosine === undefined) {
      out.append(el('p', { 'data-key': 'skipped',
        text: `Fewer than 2 of the pairs are in the vocabulary (missing: ${r.skipped.join(', ')}); give others above.` }));
      return;
    }
    const names = r.pairs.map((p) => `${p.a} → ${p.b}`);
    out.append(facts([
      ['mean cosine between offsets of different pairs', f3(r.mean_offset_cosine), 'mean_offset_cosine'],
      ['between offsets of random word pairs', meanSd(r.random_offset_cosines), 'random_offset_cosines'],
      ['not in the vocabulary', r.skipped.join(', ') || '—', 'skipped']]),
    table(['offset', ...names], r.offset_cosines.map((row, i) => [names[i], ...row.map(f3)])),
    el('h3', { text: `Projection onto ${r.projection_axis.a} → ${r.projection_axis.b}` }));
    const list = el('ol', { class: 'bars', 'aria-label': 'projection of each word on the direction' });
    bars(list, r.projections.map((p) => ({ label: p.word, value: Math.abs(p.value),
      text: (p.value >= 0 ? '+' : '') + f3(p.value) })), { max: 1 });
    out.append(list);
  },
  tensor(out, r) {
    out.append(facts([
      ['text', `"${r.text}"`, 'text'],
      ['tokens', r.tokens.join(' | '), 'tokens'],
      ['IDs', `[${r.ids.join(', ')}]`, 'ids'],
      ['stacked matrix X', `${r.shape[0]} × ${r.shape[1]}`, 'shape']]));
    const heat = el('div', { class: 'heat' });
    out.append(heat);
    heatMap(heat, r.rows, r.tokens.map((t, j) => `${r.ids[j]} ${t}`));
  },
  lineup(out, r) {
    out.append(el('p', { class: 'expr', 'data-key': 'expression', text: `h = ${r.expression}; logits = h·Eᵀ over every row` }));
    for (const at of r.temperatures) {
      out.append(el('h3', { text: `temperature ${at.temperature}` }));
      const list = el('ol', { class: 'bars', 'data-temperature': String(at.temperature) });
      bars(list, at.top.map((s) => ({ label: s.token, value: s.probability,
        text: `p ${s.probability.toFixed(3)} · logit ${s.logit.toFixed(2)}` })), { max: 1 });
      out.append(list);
    }
  },
  duplicates(out, r) {
    out.append(facts([
      ['tokens queried (the most frequent)', r.queried, 'queried'],
      ['cosine to the nearest other token', meanSd(r.nearest), 'nearest'],
      ['median / max', `${f3(r.nearest.median)} / ${f3(r.nearest.max)}`, 'max'],
      ['closest pairs', r.closest_pairs.map((p) => `${p.a}~${p.b} ${f3(p.cosine)}`).join(', '), 'closest_pairs']]),
    histograms([['nearest neighbour', r.nearest]], 'cosine of each token to its nearest other token'));
    if (r.tie) tie(out, r.tie);
    else out.append(el('p', { class: 'muted', 'data-key': 'tie',
      text: 'The tie-two-tokens experiment needs a corpus to train on: serve --tour-corpus FILE|bundled (or embedkit tour … --corpus).' }));
  },
  space(out, r) {
    out.append(table(['vectors', 'd', 'mean', 'sd', '1/√d', 'max |cos|'], r.rows.map((row) => [row.vectors, row.dim,
      row.cosines.mean.toFixed(4), row.cosines.sd.toFixed(4), row.one_over_sqrt_d.toFixed(4), row.max_abs.toFixed(4)])),
    histograms(r.rows.map((row) => [`${row.vectors === 'this model' ? 'model' : 'random'} d=${row.dim}`, row.cosines]),
      'cosine of random pairs of directions'));
  },
};

/** The experiment of claim 7: two tokens tied to one vector, trained briefly, released; beside the untied run. */
function tie(out, t) {
  const release = t.tied.find((p) => p.step === t.tie_steps);
  out.append(el('h3', { text: `Experiment: '${t.a}' and '${t.b}' tied to one vector for ${t.tie_steps} steps, then released` }),
    facts([
      ['trained on', t.corpus, 'tie_corpus'],
      ['held-out loss at the release, untied / tied', `${t.untied.find((p) => p.step === t.tie_steps).held_out_loss.toFixed(4)} / `
        + `${release.held_out_loss.toFixed(4)}`, 'tie_losses'],
      ['what sharing one vector costs', `${t.loss_rise >= 0 ? '+' : ''}${t.loss_rise.toFixed(4)} nats per token`, 'loss_rise'],
      ['cosine of the two rows after the release', `${f3(release.cosine)} → ${f3(t.tied[t.tied.length - 1].cosine)} `
        + `after ${t.total_steps - t.tie_steps} more steps`, 'tie_cosine']]));
  const loss = svg('svg', { class: 'chart', role: 'img', 'aria-label': 'held-out loss of the untied and the tied run' });
  const cosine = svg('svg', { class: 'chart', role: 'img', 'aria-label': 'cosine of the pair in both runs' });
  out.append(el('div', { class: 'split' }, el('div', {}, el('h3', { text: 'held-out loss' }), loss),
    el('div', {}, el('h3', { text: `cosine(${t.a}, ${t.b})` }), cosine)));
  const series = (key) => [t.untied, t.tied].map((run) => run.map((p) => [p.step, p[key]]));
  requestAnimationFrame(() => {
    lineChart(loss, series('held_out_loss'), 'step', ['untied', 'tied, then released']);
    lineChart(cosine, series('cosine'), 'step', ['untied', 'tied, then released']);
  });
}

/**
 * Claim 5 from the training log: entries whose "watch" field maps pairs ("cat:dog") to their cosine at that
 * step, drawn as one line per pair.
 */
function learned(entries) {
  const watched = entries.filter((e) => e.watch && typeof e.watch === 'object');
  const panel = $('tour-learned');
  if (!watched.length) {
    $('tour-learned-status').textContent = 'the training log has no watched pairs yet (train … --watch A:B --log LOG)';
    return;
  }
  const pairs = [...new Set(watched.flatMap((e) => Object.keys(e.watch)))];
  const x = (e, i) => (typeof e.step === 'number' ? e.step : i);
  lineChart($('tour-learned-chart'), pairs.map((p) => watched.map((e, i) => [x(e, i), e.watch[p]])
    .filter(([, v]) => typeof v === 'number')), 'step', pairs);
  const last = watched[watched.length - 1];
  $('tour-learned-status').textContent = `${watched.length} log steps; now ` +
    pairs.map((p) => `${p} ${typeof last.watch[p] === 'number' ? f3(last.watch[p]) : '—'}`).join(', ');
  panel.dataset.state = 'ready';
}
