// Neighbours of a word (cosine bars) and analogies A − B + C with the vector arithmetic drawn as rows.
import { post, modelPath, showError } from './api.js';
import { heatMap, bars } from './draw.js';
import { state, on, setHighlights } from './state.js';

const $ = (id) => document.getElementById(id);
const cosine = (n) => ({ label: n.token, value: Math.max(0, n.score), text: `cos ${n.score.toFixed(3)}` });

export function initSearch() {
  $('nb-form').addEventListener('submit', (e) => { e.preventDefault(); neighbours(); });
  $('an-form').addEventListener('submit', (e) => { e.preventDefault(); analogy(); });
  on((what) => {
    if (what !== 'model') return;
    for (const id of ['nb-results', 'an-results', 'an-vectors']) $(id).replaceChildren();
    $('nb-note').textContent = '';
    $('an-expression').textContent = '';
    showError($('nb-error'), null);
    showError($('an-error'), null);
  });
}

async function neighbours() {
  const model = state.model, word = $('nb-word').value.trim();
  showError($('nb-error'), null);
  $('nb-results').replaceChildren();
  $('nb-note').textContent = '';
  if (!model || !word) return;
  try {
    const k = Number($('nb-k').value) || 10;
    const answer = await post(modelPath(model.name, '/neighbors'), { words: [word], k });
    const result = answer.results[0];
    bars($('nb-results'), result.neighbors.map(cosine), { max: 1 });
    // a subword model's unknown word: its vector is the mean of its n-gram rows
    $('nb-note').textContent = result.oov
      ? `“${word}” is not in the vocabulary: searched from the mean of its ${result.ngrams} n-gram rows` : '';
    setHighlights('neighbours', [result.id, ...result.neighbors.map((n) => n.id)].filter((id) => id >= 0));
  } catch (e) {
    showError($('nb-error'), e);
  }
}

async function analogy() {
  const model = state.model;
  const [a, b, c] = ['an-a', 'an-b', 'an-c'].map((id) => $(id).value.trim());
  showError($('an-error'), null);
  $('an-results').replaceChildren();
  $('an-vectors').replaceChildren();
  $('an-expression').textContent = '';
  if (!model || !a || !b || !c) return;
  try {
    const method = $('an-method').value;
    // the API's a:b :: c:? solves b − a + c, so A − B + C is a=B, b=A, c=C
    const answer = await post(modelPath(model.name, '/analogy'), { a: b, b: a, c, method, k: 10 });
    const rows = await post(modelPath(model.name, '/embed'), { text: `${a} ${b} ${c}` });
    if (rows.ids.length === 3) {
      const [va, vb, vc] = rows.matrix;
      const h = va.map((x, i) => x - vb[i] + vc[i]);
      heatMap($('an-vectors'), [va, vb, vc, h], [`A ${a}`, `B ${b}`, `C ${c}`, 'A − B + C'], { rowPx: 16 });
    }
    const best = answer.answers[0];
    const oov = Object.keys(answer.oov);
    $('an-expression').textContent =
      `${a} − ${b} + ${c} ≈ ${best ? best.token : '?'}   (${method === 'mul' ? '3CosMul' : '3CosAdd'}; ` +
      `the API reads it as “${answer.expression}”` +
      `${oov.length ? `; not in the vocabulary, from their n-grams: ${oov.join(', ')}` : ''})`;
    bars($('an-results'), answer.answers.map(method === 'mul'
      ? (n) => ({ label: n.token, value: Math.max(0, n.score), text: `score ${n.score.toFixed(3)}` }) : cosine),
      method === 'mul' ? {} : { max: 1 });
    setHighlights('analogy', [...rows.ids, ...answer.answers.slice(0, 3).map((n) => n.id)].filter((id) => id >= 0));
  } catch (e) {
    showError($('an-error'), e);
  }
}
