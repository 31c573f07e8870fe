// Photos still PROCESSING: asked after every few seconds until thumbnail-service has made their
// renditions (READY) or given up (FAILED); the page then swaps the placeholder without a reload.
import {api} from './api.js';

const INTERVAL_MS = 2500;
const GIVE_UP_MS = 10 * 60 * 1000;
const watched = new Map(); // id → {element, onChange, since}
let timer = null;

/** Calls onChange(photo) once the photo is no longer PROCESSING, while element stays on the page. */
export function watchUntilProcessed(photo, element, onChange) {
  watched.set(photo.id, {element, onChange, since: Date.now()});
  if (!timer) {
    timer = setTimeout(poll, INTERVAL_MS);
  }
}

async function poll() {
  const now = Date.now();
  const due = [];
  for (const [id, watch] of watched) {
    if (!watch.element.isConnected || now - watch.since > GIVE_UP_MS) {
      watched.delete(id);
    } else {
      due.push([id, watch]);
    }
  }
  // at most six requests at a time, like a browser's connections to one host
  for (let i = 0; i < due.length; i += 6) {
    await Promise.all(due.slice(i, i + 6).map(async ([id, watch]) => {
      try {
        const photo = await api('GET', `/api/photos/${encodeURIComponent(id)}`);
        if (photo.status !== 'PROCESSING') {
          watched.delete(id);
          watch.onChange(photo);
        }
      } catch (failure) {
        if (failure.status === 404) {
          watched.delete(id);
        }
      }
    }));
  }
  timer = watched.size ? setTimeout(poll, INTERVAL_MS) : null;
}
