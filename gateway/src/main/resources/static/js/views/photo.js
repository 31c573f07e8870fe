// One photo: its preview and what is known about it, a form to edit tags, description and place,
// and deletion after a confirmation. Previous and next (buttons, ← → keys, a swipe) step through the
// album in the order it was browsed; the neighbour's preview is fetched ahead.
import {api, ApiError} from '../api.js';
import {altText, cameraText, dateTimeText, field, formatBytes, h, picture, placeText, takenText, titleOf} from '../dom.js';
import {locationPicker} from '../maps.js';
import {watchUntilProcessed} from '../pending.js';
import {announce, confirmAction, navigate} from '../ui.js';
import {albumHash, currentAlbum, neighbours, photoResource, preload, remember, removed} from '../sequence.js';

export function renderPhoto({main}, id) {
  const heading = h('h1', {}, 'Photo');
  const body = h('div', {class: 'photo-page'}, h('p', {}, 'Loading…'));
  const back = h('a', {href: albumHash(), id: 'back', class: 'back'}, currentAlbum()?.source.query !== undefined
    ? '← Back to the search' : '← Back to the album');
  const previous = h('a', {class: 'button secondary step', id: 'previous', rel: 'prev', hidden: true}, '← Previous');
  const next = h('a', {class: 'button secondary step', id: 'next', rel: 'next', hidden: true}, 'Next →');
  const position = h('span', {class: 'position', 'aria-live': 'polite'});
  main.append(h('nav', {class: 'stepper', 'aria-label': 'Photos'}, back, h('span', {class: 'steps'}, previous, position, next)),
    heading, body);
  let picker = null;
  const album = currentAlbum();
  if (album) {
    album.lastId = id;
  }

  photoResource(id).then(photo => {
    show(photo);
  }, failure => {
    body.replaceChildren(h('p', {class: 'form-error', role: 'alert'},
      failure instanceof ApiError && failure.status === 404 ? 'There is no such photo.' : 'The photo could not be loaded.'));
  });

  neighbours(id).then(({previous: before, next: after, position: at, total}) => {
    if (!main.contains(heading)) {
      return;
    }
    for (const [link, item] of [[previous, before], [next, after]]) {
      link.hidden = !item;
      if (item) {
        link.href = `#/photo/${encodeURIComponent(item.id)}`;
      }
    }
    position.textContent = at ? (total ? `${at} of ${total}` : `${at}`) : '';
    preload(after);
    preload(before);
  });

  /** Stepping replaces the history entry, so Back leaves the viewer for the grid. */
  function step(link) {
    if (!link.hidden && link.href) {
      location.replace(link.getAttribute('href'));
    }
  }
  for (const link of [previous, next]) {
    link.addEventListener('click', event => {
      event.preventDefault();
      step(link);
    });
  }
  function onKey(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    const target = event.target;
    if (target.closest?.('input, textarea, select, [contenteditable], .leaflet-container, dialog')) {
      return;
    }
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      step(event.key === 'ArrowLeft' ? previous : next);
    }
  }
  document.addEventListener('keydown', onKey);
  let touch = null;
  function onTouchStart(event) {
    touch = event.touches.length === 1 && event.target.closest('.preview')
      ? {x: event.touches[0].clientX, y: event.touches[0].clientY} : null;
  }
  function onTouchEnd(event) {
    if (!touch) {
      return;
    }
    const dx = event.changedTouches[0].clientX - touch.x;
    const dy = event.changedTouches[0].clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 2 * Math.abs(dy)) {
      step(dx < 0 ? next : previous);
    }
  }
  body.addEventListener('touchstart', onTouchStart, {passive: true});
  body.addEventListener('touchend', onTouchEnd, {passive: true});

  function show(photo) {
    if (picker) {
      picker.destroy();
    }
    remember(photo);
    heading.textContent = titleOf(photo);
    document.title = `${heading.textContent} · CloudAlbum`;
    const figure = h('figure', {class: 'preview'});
    renderPreview(figure, photo);
    if (photo.status === 'PROCESSING') {
      watchUntilProcessed(photo, figure, updated => {
        remember(updated);
        renderPreview(figure, updated);
      });
    }
    picker = locationPicker('edit', photo.location);
    body.replaceChildren(figure, details(photo), editForm(photo, picker, show),
      h('section', {class: 'danger-zone', 'aria-labelledby': 'delete-title'},
        h('h2', {id: 'delete-title'}, 'Delete'),
        h('button', {type: 'button', class: 'danger', id: 'delete', onclick: () => remove(photo)}, 'Delete this photo')));
    picker.attach();
  }

  return () => {
    document.removeEventListener('keydown', onKey);
    if (picker) {
      picker.destroy();
    }
  };
}

function renderPreview(figure, photo) {
  const alt = altText(photo);
  figure.dataset.status = photo.status;
  if (photo.urls?.preview) {
    figure.replaceChildren(picture(photo.urls.previewWebp, h('img', {src: photo.urls.preview, alt, class: 'preview-image'})));
  } else if (photo.status === 'FAILED') {
    figure.replaceChildren(h('div', {class: 'placeholder failed large'},
      h('span', {}, `No preview could be made${photo.failureReason ? `: ${photo.failureReason}` : '.'}`)));
  } else {
    figure.replaceChildren(h('div', {class: 'placeholder large', role: 'img', 'aria-label': `${alt}: being processed`},
      h('span', {class: 'spinner', 'aria-hidden': 'true'}), h('span', {}, 'The preview is being made…')));
  }
  figure.append(h('figcaption', {}, h('a', {href: photo.urls.original, rel: 'noopener', target: '_blank'},
    `Open the original (${formatBytes(photo.size)})`)));
}

function details(photo) {
  const rows = [
    ['Taken', takenText(photo) || 'Unknown'],
    ['Camera', cameraText(photo.camera) || 'Unknown'],
    ['Place', placeText(photo.location) || 'None'],
    ['Tags', photo.tags.length ? tagLinks(photo.tags) : 'None'],
    ['Description', photo.description || 'None'],
    ['Uploaded', dateTimeText(photo.createdAt)],
    ['Size', [photo.width && photo.height ? `${photo.width} × ${photo.height}` : null, formatBytes(photo.size)].filter(Boolean).join(', ')],
  ];
  return h('dl', {class: 'details', id: 'details'},
    rows.map(([name, value]) => [h('dt', {}, name), h('dd', {'data-field': name.toLowerCase()}, value)]));
}

/** Each tag a link to its search, separated as they are typed. */
function tagLinks(tags) {
  return tags.flatMap((tag, index) => [index ? ', ' : null,
    h('a', {href: `#/search?q=${encodeURIComponent(tag)}`, class: 'tag'}, tag)]);
}

function editForm(photo, picker, show) {
  const error = h('p', {class: 'form-error', role: 'alert'});
  const tags = h('input', {type: 'text', name: 'tags', value: photo.tags.join(', '), maxlength: 400});
  const description = h('textarea', {name: 'description', maxlength: 400, rows: 3});
  description.value = photo.description || '';
  const form = h('form', {class: 'card', id: 'edit-form', 'aria-labelledby': 'edit-title', novalidate: true},
    h('h2', {id: 'edit-title'}, 'Edit'),
    error,
    field('edit-tags', 'Tags', tags, 'Separate tags with commas.'),
    field('edit-description', 'Description', description),
    h('fieldset', {}, h('legend', {}, 'Place'), picker.element),
    h('button', {type: 'submit'}, 'Save changes'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    const patch = {
      tags: tags.value.split(',').map(tag => tag.trim()).filter(Boolean),
      description: description.value.trim(),
    };
    const place = picker.value();
    const round = value => Math.round(value * 1e6) / 1e6;
    const before = photo.location && photo.location.lat != null
      ? {lat: round(photo.location.lat), lng: round(photo.location.lng)} : null;
    if (JSON.stringify(place && {lat: round(place.lat), lng: round(place.lng)}) !== JSON.stringify(before)) {
      patch.location = place;
    }
    try {
      const updated = await api('PATCH', `/api/photos/${encodeURIComponent(photo.id)}`, patch);
      show(updated);
      // said where the user is: beside the Save button, which keeps the focus
      const save = document.querySelector('#edit-form button[type=submit]');
      save.after(h('p', {class: 'saved', role: 'status', id: 'saved'}, 'Changes saved.'));
      save.focus();
    } catch (failure) {
      error.textContent = failure instanceof ApiError && failure.type === '/problems/validation'
        ? Object.entries(failure.fields).map(([name, message]) => `${name}: ${message}`).join('; ')
        : 'The changes could not be saved; try again.';
    }
  });
  return form;
}

async function remove(photo) {
  if (!await confirmAction('The photo and its thumbnails will be deleted for good.', 'Delete photo')) {
    return;
  }
  try {
    await api('DELETE', `/api/photos/${encodeURIComponent(photo.id)}`);
    removed(photo.id);
    announce('Photo deleted.');
    navigate(albumHash());
  } catch {
    announce('The photo could not be deleted; try again.', 'error');
  }
}
