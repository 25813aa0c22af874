// Entry point: the model picker, then each view listens for model changes.
import { get, modelPath, showError } from './api.js';
import { setModel } from './state.js';
import { initPipeline } from './pipeline.js';
import { initSearch } from './search.js';
import { initMap } from './map.js';
import { initTraining } from './training.js';
import { initTour, showTour } from './tour.js';

const $ = (id) => document.getElementById(id);

/** Shows one tab's panel (Explore or Guided tour) and hides the other. */
function selectTab(tab) {
  for (const other of document.querySelectorAll('[role=tab]')) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    $(other.getAttribute('aria-controls')).hidden = !selected;
  }
  showTour(tab.id === 'tab-tour');
}

/** Step 4 of the tour links into the pipeline: the text goes into its form, which runs. */
function openInPipeline(text) {
  $('text').value = text;
  selectTab($('tab-explore'));
  $('text-form').requestSubmit();
  $('pipeline').scrollIntoView();
}

async function start() {
  for (const tab of document.querySelectorAll('[role=tab]')) tab.addEventListener('click', () => selectTab(tab));
  initTour(openInPipeline);
  initPipeline();
  initSearch();
  initMap();
  initTraining();
  const picker = $('model');
  let models;
  try {
    models = (await get('/models')).models;
  } catch (e) {
    showError($('global-error'), e);
    return;
  }
  if (!models.length) {
    showError($('global-error'), new Error('The server serves no models (only the training view works).'));
    picker.disabled = true;
    return;
  }
  for (const m of models) {
    const option = document.createElement('option');
    option.value = m.name;
    option.textContent = `${m.name} (V=${m.vocab_size}, d=${m.dim}${m.next_token ? ', next-token' : ''})`;
    picker.append(option);
  }
  const choose = async () => {
    const model = models.find((m) => m.name === picker.value);
    $('model-info').textContent = '';
    try {
      const info = await get(modelPath(model.name, ''));
      $('model-info').textContent = `${info.format}, ${info.dtype}, tokenizer ${info.tokenizer?.kind ?? '?'}` +
        (info.subwords ? `, unknown words from their ${info.subwords.minn}..${info.subwords.maxn}-grams`
          : info.unknown_token_policy === 'error' ? ', unknown words refused' : `, unknown words → ${info.unk_token}`);
    } catch (e) {
      showError($('global-error'), e);
    }
    setModel(model);
  };
  picker.addEventListener('change', choose);
  await choose();
}

start();
