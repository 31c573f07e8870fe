// The album as last browsed (its order or search, the photos loaded so far, the cursor of the next
// page, the photo last opened): the viewer steps through it, and going back shows it as it was,
// at the same tile, without loading it again.
import {api} from './api.js';
import {h, picture} from './dom.js';

const PAGE = 24;
const FRESH_MS = 60 * 1000;

let current = null;
const photos = new Map(); // id → {photo, at}: the photo resources fetched lately (preview URLs)

/** The browsing context for a source ({order} or {query}); a new one when the source changed. */
export function albumFor(source) {
  const key = JSON.stringify(source);
  if (!current || current.key !== key) {
    current = {key, source, items: [], cursor: null, finished: false, lastId: null, scrollY: 0};
  }
  return current;
}

export function currentAlbum() {
  return current;
}

/** After an upload or a deletion the cached pages are out of date. */
export function forgetAlbum() {
  current = null;
}

/** Where "back" goes: the album in the order (or the search) it was browsed in. */
export function albumHash(album = current) {
  if (!album) {
    return '#/';
  }
  if (album.source.query !== undefined) {
    return `#/search?q=${encodeURIComponent(album.source.query)}`;
  }
  return album.source.order === 'taken' ? '#/?order=taken' : '#/';
}

/** Loads the album's next page into it; resolves to the new items. */
export async function loadPage(album) {
  if (album.finished) {
    return [];
  }
  const params = new URLSearchParams({limit: String(PAGE)});
  if (album.source.query !== undefined) {
    params.set('q', album.source.query);
  } else if (album.source.order === 'taken') {
    params.set('order', 'taken');
  }
  if (album.cursor) {
    params.set('cursor', album.cursor);
  }
  const searching = album.source.query !== undefined;
  const page = await api('GET', `/api/photos${searching ? '/search' : ''}?${params}`);
  if (current !== album && album.items.length) {
    return [];
  }
  album.items.push(...page.items);
  album.cursor = page.next || null;
  album.finished = !album.cursor;
  return page.items;
}

/** The photos before and after id in the album, loading the next page when id is the last loaded. */
export async function neighbours(id) {
  const album = current;
  if (!album) {
    return {previous: null, next: null};
  }
  let index = album.items.findIndex(item => item.id === id);
  if (index < 0) {
    return {previous: null, next: null};
  }
  if (index === album.items.length - 1 && !album.finished) {
    try {
      await loadPage(album);
    } catch {
      // stepping further waits for the next try
    }
    index = album.items.findIndex(item => item.id === id);
  }
  return {previous: album.items[index - 1] || null, next: album.items[index + 1] || null,
    position: index + 1, total: album.finished ? album.items.length : null};
}

/** The photo resource (with its preview URL), from the last minute's fetches when there is one. */
export async function photoResource(id, {fresh = false} = {}) {
  const known = photos.get(id);
  if (!fresh && known && Date.now() - known.at < FRESH_MS && known.photo.status !== 'PROCESSING') {
    return known.photo;
  }
  const photo = await api('GET', `/api/photos/${encodeURIComponent(id)}`);
  remember(photo);
  return photo;
}

export function remember(photo) {
  photos.set(photo.id, {photo, at: Date.now()});
  if (photos.size > 50) {
    photos.delete(photos.keys().next().value);
  }
  const album = current;
  const index = album ? album.items.findIndex(item => item.id === photo.id) : -1;
  if (index >= 0) {
    // what was edited or processed since the list was loaded; URLs the list item had stay
    album.items[index] = {...album.items[index], ...photo, urls: {...album.items[index].urls, ...photo.urls}};
  }
}

export function removed(id) {
  photos.delete(id);
  if (current) {
    current.items = current.items.filter(item => item.id !== id);
  }
}

/**
 * Fetches the neighbour's photo resource and its preview into the browser's cache: the same <picture>
 * the viewer shows (detached), so the browser loads the rendition it will pick there, the WebP when offered.
 */
export function preload(item) {
  if (!item) {
    return;
  }
  photoResource(item.id).then(photo => {
    if (photo.urls?.preview) {
      picture(photo.urls.previewWebp, h('img', {src: photo.urls.preview, alt: '', decoding: 'async'}));
    }
  }, () => {});
}
