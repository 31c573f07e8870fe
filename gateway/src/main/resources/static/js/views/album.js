// The album (newest uploads first, or by date taken with a header per day) or search results: a grid
// of thumbnails that loads the next page as its end scrolls into view (or on "Load more", for
// keyboards and screen readers). Coming back from a photo shows the grid as it was, at that photo.
import {ApiError} from '../api.js';
import {altText, dayText, h, picture} from '../dom.js';
import {watchUntilProcessed} from '../pending.js';
import {albumFor, loadPage, remember} from '../sequence.js';

/** One tile: the thumbnail when READY, a placeholder while PROCESSING, a notice when FAILED. */
export function tile(photo) {
  const link = h('a', {href: `#/photo/${encodeURIComponent(photo.id)}`, class: 'tile-link'});
  const item = h('li', {class: 'tile', 'data-id': photo.id}, link);
  fill(item, link, photo);
  if (photo.status === 'PROCESSING') {
    watchUntilProcessed(photo, item, updated => {
      remember(updated);
      fill(item, link, updated);
    });
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

/** The day header a photo goes under in the by-date-taken order. */
function groupOf(photo) {
  if (photo.takenAtLocal || photo.takenAt) {
    const text = dayText(photo.takenAtLocal || photo.takenAt, Boolean(photo.takenAtLocal));
    return {key: `t${text}`, text};
  }
  const text = `Uploaded ${dayText(photo.createdAt, false)} · date taken unknown`;
  return {key: `u${text}`, text};
}

export function renderAlbum({main, params}, query) {
  const searching = query !== null;
  const byTaken = !searching && params.get('order') === 'taken';
  const album = albumFor(searching ? {query} : {order: byTaken ? 'taken' : 'uploaded'});
  const heading = h('h1', {}, searching ? `Search: ${query}` : 'Your album');
  const summary = h('p', {class: 'summary', 'aria-live': 'polite'});
  const grid = h('div', {id: 'grid', class: 'groups', 'data-order': searching ? 'search' : byTaken ? 'taken' : 'uploaded'});
  const more = h('button', {type: 'button', class: 'secondary load-more', hidden: true}, 'Load more');
  const sentinel = h('div', {class: 'sentinel', 'aria-hidden': 'true'});
  const orders = searching ? null : h('nav', {class: 'orders', 'aria-label': 'Order'},
    h('a', {href: '#/', class: 'chip', 'aria-current': byTaken ? null : 'page'}, 'Newest uploads'),
    h('a', {href: '#/?order=taken', class: 'chip', id: 'order-taken', 'aria-current': byTaken ? 'page' : null}, 'Date taken'));
  const empty = h('p', {class: 'empty', hidden: true}, h('a', {href: '#/upload', class: 'button', id: 'empty-upload'}, 'Upload photos'));
  main.append(h('div', {class: 'album-head'}, heading, orders), summary, empty, grid, more, sentinel);

  let group = null;
  let list = null;

  function show(items) {
    for (const photo of items) {
      const next = byTaken ? groupOf(photo) : {key: 'all', text: null};
      if (!list || group !== next.key) {
        group = next.key;
        list = h('ul', {class: 'grid', 'aria-label': next.text || (searching ? 'Search results' : 'Photos, newest first')});
        grid.append(next.text ? h('section', {class: 'day'}, h('h2', {class: 'day-title'}, next.text), list) : list);
      }
      list.append(tile(photo));
    }
  }

  let loading = false;

  function settle() {
    more.hidden = album.finished;
    summary.textContent = summaryText(searching, album.items.length, album.finished);
    empty.hidden = !(album.finished && album.items.length === 0 && !searching);
  }

  async function loadMore() {
    if (loading || album.finished) {
      return;
    }
    loading = true;
    more.disabled = true;
    summary.textContent = album.items.length ? summary.textContent : 'Loading…';
    try {
      show(await loadPage(album));
      settle();
    } catch (failure) {
      summary.textContent = failure instanceof ApiError && failure.status === 400
        ? failure.message : 'The photos could not be loaded; try again.';
    } finally {
      loading = false;
      more.disabled = false;
    }
    // a search page may match nothing yet not be the last: keep going while the end is in view
    if (!album.finished && isInView(sentinel) && main.contains(sentinel)) {
      loadMore();
    }
  }

  more.addEventListener('click', loadMore);
  const observer = new IntersectionObserver(entries => {
    if (entries.some(entry => entry.isIntersecting)) {
      loadMore();
    }
  }, {rootMargin: '600px 0px'});

  if (album.items.length) {
    // back from a photo: the same grid, scrolled to the photo last seen, which gets the focus
    show(album.items);
    settle();
    const seen = album.lastId && grid.querySelector(`.tile[data-id="${CSS.escape(album.lastId)}"] a`);
    album.lastId = null;
    if (seen) {
      requestAnimationFrame(() => {
        seen.focus({preventScroll: true});
        seen.scrollIntoView({block: 'center'});
      });
    }
  } else {
    loadMore();
  }
  observer.observe(sentinel);
  return () => observer.disconnect();
}

function isInView(element) {
  const box = element.getBoundingClientRect();
  return box.top < window.innerHeight + 600;
}

function summaryText(searching, count, finished) {
  if (count === 0 && finished) {
    return searching ? 'No photo matches.' : 'No photos yet.';
  }
  const photos = `${count} photo${count === 1 ? '' : 's'}`;
  return finished ? (searching ? `${photos} found.` : `${photos}.`) : `${photos} so far…`;
}
