// Shared state: the selected model and the token IDs to highlight on the map, with change listeners.
const listeners = new Set();
export const state = { model: null, highlights: new Map() };  // highlights: source -> Set of IDs

export function setModel(model) {
  state.model = model;
  state.highlights.clear();
  emit('model');
}

export function setHighlights(source, ids) {
  state.highlights.set(source, new Set(ids));
  emit('highlights');
}

export function highlightedIds() {
  const all = new Set();
  for (const ids of state.highlights.values()) for (const id of ids) all.add(id);
  return all;
}

export function on(listener) { listeners.add(listener); }
function emit(what) { for (const l of listeners) l(what); }
