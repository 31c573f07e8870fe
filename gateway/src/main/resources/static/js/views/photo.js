// One photo: its preview and what is known about it, a form to edit tags, description and place,
// and deletion after a confirmation.
import {api, ApiError} from '../api.js';
import {altText, field, formatBytes, h, placeText, takenText, picture} from '../dom.js';
import {locationPicker} from '../maps.js';
import {watchUntilProcessed} from '../pending.js';
import {announce, confirmAction, navigate} from '../ui.js';

export function renderPhoto({main}, id) {
  const heading = h('h1', {}, 'Photo');
  const body = h('div', {class: 'photo-page'}, h('p', {}, 'Loading…'));
  main.append(h('p', {}, h('a', {href: '#/'}, '← Back to the album')), heading, body);
  let picker = null;

  api('GET', `/api/photos/${encodeURIComponent(id)}`).then(photo => {
    show(photo);
  }, failure => {
    body.replaceChildren(h('p', {class: 'form-error', role: 'alert'},
      failure instanceof ApiError && failure.status === 404 ? 'There is no such photo.' : 'The photo could not be loaded.'));
  });

  function show(photo) {
    if (picker) {
      picker.destroy();
    }
    heading.textContent = photo.description || photo.fileName || 'Photo';
    const figure = h('figure', {class: 'preview'});
    renderPreview(figure, photo);
    if (photo.status === 'PROCESSING') {
      watchUntilProcessed(photo, figure, updated => renderPreview(figure, updated));
    }
    picker = locationPicker('edit', photo.location);
    body.replaceChildren(figure, details(photo), editForm(photo, picker, show),
      h('section', {class: 'danger-zone', 'aria-labelledby': 'delete-title'},
        h('h2', {id: 'delete-title'}, 'Delete'),
        h('button', {type: 'button', class: 'danger', id: 'delete', onclick: () => remove(photo)}, 'Delete this photo')));
    picker.attach();
  }

  return () => picker && picker.destroy();
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
    ['Camera', [photo.camera?.make, photo.camera?.model].filter(Boolean).join(' ') || 'Unknown'],
    ['Place', placeText(photo.location) || 'None'],
    ['Tags', photo.tags.length ? photo.tags.join(', ') : 'None'],
    ['Description', photo.description || 'None'],
    ['Uploaded', new Date(photo.createdAt).toLocaleString()],
    ['Size', [photo.width && photo.height ? `${photo.width} × ${photo.height}` : null, formatBytes(photo.size)].filter(Boolean).join(', ')],
  ];
  return h('dl', {class: 'details', id: 'details'},
    rows.map(([name, value]) => [h('dt', {}, name), h('dd', {'data-field': name.toLowerCase()}, value)]));
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
      announce('Changes saved.');
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
    announce('Photo deleted.');
    navigate('#/');
  } catch {
    announce('The photo could not be deleted; try again.', 'error');
  }
}
