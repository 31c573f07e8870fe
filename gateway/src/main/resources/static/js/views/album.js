// The album (newest first) or search results: a grid of thumbnails that loads the next page as
// its end scrolls into view (or on "Load more", for keyboards and screen readers).
import {api, ApiError} from '../api.js';
import {altText, h, picture} from '../dom.js';
import {watchUntilProcessed} from '../pending.js';

const PAGE = 24;

/** One tile: the thumbnail when READY, a placeholder while PROCESSING, a notice when FAILED. */
export function tile(photo) {
  const link = h('a', {href: `#/photo/${encodeURIComponent(photo.id)}`, class: 'tile-link'});
  const item = h('li', {class: 'tile', 'data-id': photo.id}, link);
  fill(item, link, photo);
  if (photo.status === 'PROCESSING') {
    watchUntilProcessed(photo, item, updated => fill(item, link, updated));
  }
  return item;
}

function fill(item, link, photo) {
  item.dataset.status = photo.status;
  const alt = altText(photo);
  if (photo.status === 'READY' && photo.urls?.thumbnail) {
    link.replaceChildren(picture(photo.urls.thumbnailWebp,
      h('img', {class: 'thumb', src: photo.urls.thumbnail, alt, loading: 'lazy', decoding: 'async'})));
  } else if (photo.status === 'FAILED') {
    link.replaceChildren(h('div', {class: 'placeholder failed', role: 'img', 'aria-label': `${alt}: no thumbnail could be made`},
      h('span', {}, 'No thumbnail'), h('span', {class: 'small'}, photo.failureReason || '')));
  } else {
    link.replaceChildren(h('div', {class: 'placeholder', role: 'img', 'aria-label': `${alt}: being processed`},
      h('span', {class: 'spinner', 'aria-hidden': 'true'}), h('span', {}, 'Processing…')));
  }
}

export function renderAlbum({main}, query) {
  const searching = query !== null;
  const heading = h('h1', {}, searching ? `Search: ${query}` : 'Your album');
  const summary = h('p', {class: 'summary', 'aria-live': 'polite'});
  const grid = h('ul', {class: 'grid', id: 'grid', 'aria-label': searching ? 'Search results' : 'Photos, newest first'});
  const more = h('button', {type: 'button', class: 'secondary load-more', hidden: true}, 'Load more');
  const sentinel = h('div', {class: 'sentinel', 'aria-hidden': 'true'});
  main.append(heading, summary, grid, more, sentinel);

  let cursor = null;
  let loading = false;
  let finished = false;
  let count = 0;

  async function loadPage() {
    if (loading || finished) {
      return;
    }
    loading = true;
    more.disabled = true;
    summary.textContent = count ? summary.textContent : 'Loading…';
    try {
      const params = new URLSearchParams({limit: String(PAGE)});
      if (searching) {
        params.set('q', query);
      }
      if (cursor) {
        params.set('cursor', cursor);
      }
      const page = await api('GET', `/api/photos${searching ? '/search' : ''}?${params}`);
      grid.append(...page.items.map(tile));
      count += page.items.length;
      cursor = page.next || null;
      finished = !cursor;
      more.hidden = finished;
      summary.textContent = summaryText(searching, count, finished);
    } catch (failure) {
      summary.textContent = failure instanceof ApiError && failure.status === 400
        ? failure.message : 'The photos could not be loaded; try again.';
    } finally {
      loading = false;
      more.disabled = false;
    }
    // a search page may match nothing yet not be the last: keep going while the end is in view
    if (!finished && isInView(sentinel)) {
      loadPage();
    }
  }

  more.addEventListener('click', loadPage);
  const observer = new IntersectionObserver(entries => {
    if (entries.some(entry => entry.isIntersecting)) {
      loadPage();
    }
  }, {rootMargin: '600px 0px'});
  observer.observe(sentinel);
  loadPage();
  return () => observer.disconnect();
}

function isInView(element) {
  const box = element.getBoundingClientRect();
  return box.top < window.innerHeight + 600;
}

function summaryText(searching, count, finished) {
  if (count === 0 && finished) {
    return searching ? 'No photo matches.' : 'No photos yet. Upload some!';
  }
  const photos = `${count} photo${count === 1 ? '' : 's'}`;
  return finished ? (searching ? `${photos} found.` : `${photos}.`) : `${photos} so far…`;
}
