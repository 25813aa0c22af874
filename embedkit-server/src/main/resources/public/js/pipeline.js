// Text → tokens and IDs → a window of E around the focused ID → the n×d sequence matrix → logits of the last position.
import { post, get, modelPath, showError } from './api.js';
import { el, heatMap, bars } from './draw.js';
import { state, on, setHighlights } from './state.js';

const WINDOW = 10;  // rows either side of the focused ID
const $ = (id) => document.getElementById(id);
let embedded = null;      // the last embed answer
let seqMap = null;        // the sequence heat map's handle
let windowRequest = 0;    // to drop out-of-order window answers

export function initPipeline() {
  $('text-form').addEventListener('submit', (e) => { e.preventDefault(); run(); });
  on((what) => { if (what === 'model') run(); });
}

async function run() {
  const model = state.model;
  const text = $('text').value;
  showError($('pipeline-error'), null);
  if (!model) return;
  if (!text.trim()) {
    clear();
    return;
  }
  try {
    embedded = await post(modelPath(model.name, '/embed'), { text });
  } catch (e) {
    clear();
    showError($('pipeline-error'), e);
    return;
  }
  if (!embedded.ids.length) { clear(); return; }
  setHighlights('text', embedded.ids.filter((id) => id >= 0));
  renderChips();
  seqMap = heatMap($('seq-heat'), embedded.matrix, embedded.tokens.map((t, j) => `${j} ${t}`), { maxRows: 256 });
  await focusToken(embedded.ids.length - 1);
  await logits(model);
}

function clear() {
  embedded = null;
  $('tokens').replaceChildren();
  $('window-heat').replaceChildren();
  $('seq-heat').replaceChildren();
  $('logits').replaceChildren();
  $('logits-note').textContent = '';
  $('window-label').textContent = '—';
  setHighlights('text', []);
}

function renderChips() {
  const chips = $('tokens');
  chips.replaceChildren();
  embedded.tokens.forEach((token, j) => {
    const id = embedded.ids[j];
    const oov = id < 0;  // a subword model's unknown word: its vector is the mean of its n-gram rows
    const chip = el('button', {
      type: 'button', class: oov ? 'chip oov' : 'chip', 'data-index': String(j), 'data-id': String(id),
      'aria-label': oov ? `word ${token}, not in the vocabulary (from its n-grams), position ${j}`
        : `token ${token}, ID ${id}, position ${j}`
    }, el('span', { class: 'tok', text: token }), el('span', { class: 'id', text: oov ? 'OOV' : String(id) }));
    const show = () => focusToken(j);
    chip.addEventListener('mouseenter', show);
    chip.addEventListener('focus', show);
    chip.addEventListener('click', show);   // Enter/Space on a button is a click
    chips.append(chip);
  });
}

/** Highlights position j: its chip, its row in the sequence matrix, and its row in a window of E around its ID. */
async function focusToken(j) {
  if (!embedded) return;
  const id = embedded.ids[j];
  for (const chip of $('tokens').children) chip.classList.toggle('active', Number(chip.dataset.index) === j);
  seqMap?.mark(j);
  const model = state.model;
  if (id < 0) {
    ++windowRequest;  // drops a window still on its way
    $('window-heat').replaceChildren();
    $('window-label').textContent = `none: “${embedded.tokens[j]}” is not in the vocabulary; its vector is the mean ` +
      `of its ${embedded.oov[embedded.tokens[j]]} character n-grams' rows`;
    return;
  }
  const start = Math.max(0, id - WINDOW), end = Math.min(model.vocab_size, id + WINDOW + 1);
  const colEnd = Math.min(model.dim, Math.floor(100000 / (end - start)));
  const request = ++windowRequest;
  try {
    const rows = await get(modelPath(model.name,
      `/rows?row_start=${start}&row_end=${end}&col_start=0&col_end=${colEnd}`));
    if (request !== windowRequest) return;
    const heat = $('window-heat');
    const map = heatMap(heat, rows.values, rows.tokens.map((t, i) => `${start + i} ${t}`), { maxRows: 2 * WINDOW + 1 });
    map.mark(id - start);
    heat.dataset.focusId = String(id);
    $('window-label').textContent = `ID ${id} (“${embedded.tokens[j]}”), rows ${start}–${end - 1}`;
    showError($('pipeline-error'), null);
  } catch (e) {
    showError($('pipeline-error'), e);
  }
}

/** The top next tokens: predict for next-token models, else unembed the last position's row. */
async function logits(model) {
  const list = $('logits'), note = $('logits-note');
  try {
    let answer;
    if (model.next_token) {
      answer = await post(modelPath(model.name, '/predict'), { ids: embedded.ids, k: 10 });
      note.textContent = `next-token prediction from the context [${answer.context.join(' ')}]`;
    } else {
      const last = embedded.matrix[embedded.matrix.length - 1];
      answer = await post(modelPath(model.name, '/unembed'), { vector: last, k: 10 });
      const lastOov = embedded.ids[embedded.ids.length - 1] < 0;
      note.textContent = `softmax(h·Eᵀ) with h = the ${lastOov ? 'n-gram vector' : 'row'} of ` +
        `“${embedded.tokens[embedded.tokens.length - 1]}” (tied unembedding)`;
    }
    bars(list, answer.top.map((t) => ({
      label: t.token, value: t.probability, text: `p=${t.probability.toFixed(3)} z=${t.logit.toFixed(2)}`
    })), { max: answer.top.length ? answer.top[0].probability : 1 });
  } catch (e) {
    list.replaceChildren();
    note.textContent = '';
    showError($('pipeline-error'), e);
  }
}
