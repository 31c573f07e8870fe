// Upload several photos at once: choose or drop files, one row per file with its preview, a progress
// bar fed by the browser's upload progress events and its outcome; a failed row can be retried or
// removed, and a summary with a way to the album closes the batch.
// Tags, description and the place picked on the map go with every file of the batch; a photo whose
// EXIF has GPS keeps its own place (photo-service decides).
import {ApiError, uploadPhoto} from '../api.js';
import {field, formatBytes, h} from '../dom.js';
import {forgetAlbum} from '../sequence.js';
import {locationPicker} from '../maps.js';

/** photo-service's album.photo.max-upload-size (50 MB): checked here first to spare a useless upload. */
const MAX_BYTES = 50 * 1024 * 1024;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'image/heif'];
const IMAGE_NAME = /\.(jpe?g|png|gif|webp|heic|heif)$/i;
const PARALLEL = 2;

function problemText(error) {
  if (!(error instanceof ApiError)) {
    return 'The upload failed.';
  }
  switch (error.type) {
    case '/problems/photo-too-large':
    case '/problems/body-too-large':
      return `Too large: the limit is ${formatBytes(MAX_BYTES)}.`;
    case '/problems/unsupported-image-type':
      return 'Not an image we can keep: JPEG, PNG, GIF, WebP or HEIC only.';
    case '/problems/validation':
      return `Please check: ${Object.entries(error.fields).map(([name, message]) => `${name} (${message})`).join(', ')}.`;
    case '/problems/storage-unavailable':
    case '/problems/service-unavailable':
      return 'The photo store is unavailable; try again shortly.';
    case '/problems/uploads-busy':
      return 'The server is busy with other uploads; try this one again in a moment.';
    case '/problems/body-timeout':
      return 'The upload stalled (the connection sent nothing for too long); try again.';
    case '/problems/length-mismatch':
      return 'The file changed or was cut short while it was sent; try again.';
    default:
      return error.status === 0 ? error.message : `The upload failed (${error.message}).`;
  }
}

/** Says before uploading what the server would refuse anyway. */
function precheck(file) {
  if (file.size === 0) {
    return 'The file is empty.';
  }
  if (file.size > MAX_BYTES) {
    return `Too large (${formatBytes(file.size)}): the limit is ${formatBytes(MAX_BYTES)}.`;
  }
  if (file.type ? !IMAGE_TYPES.includes(file.type) && !file.type.startsWith('image/') : !IMAGE_NAME.test(file.name)) {
    return 'Not an image: JPEG, PNG, GIF, WebP or HEIC only.';
  }
  return null;
}

export function renderUpload({main}) {
  const input = h('input', {type: 'file', id: 'files', name: 'files', multiple: true, accept: 'image/*', class: 'visually-hidden'});
  const drop = h('div', {class: 'drop-zone', id: 'drop-zone'},
    h('p', {}, 'Drop photos here, or'),
    h('label', {for: 'files', class: 'button'}, 'Choose photos'),
    input,
    h('p', {class: 'hint'}, `JPEG, PNG, GIF, WebP or HEIC, up to ${formatBytes(MAX_BYTES)} each.`));
  const tags = h('input', {type: 'text', name: 'tags', maxlength: 400});
  const description = h('textarea', {name: 'description', maxlength: 400, rows: 2});
  const picker = locationPicker('upload', null);
  const queue = h('ul', {class: 'queue', id: 'queue', 'aria-label': 'Files to upload'});
  const summary = h('div', {class: 'batch-summary', id: 'batch-summary', role: 'status', 'aria-live': 'polite', hidden: true});
  const start = h('button', {type: 'submit', id: 'start-upload', disabled: true}, 'Upload');
  const form = h('form', {class: 'upload', id: 'upload-form', novalidate: true},
    drop,
    field('upload-tags', 'Tags', tags, 'For every photo of this upload; separate tags with commas.'),
    field('upload-description', 'Description', description),
    h('fieldset', {},
      h('legend', {}, 'Place'),
      h('p', {class: 'hint'}, 'A photo with GPS in its EXIF keeps its own place. For the others, click the map (or type coordinates).'),
      picker.element),
    queue,
    summary,
    h('div', {class: 'actions upload-actions'}, start));
  main.append(h('h1', {}, 'Upload photos'), form);
  picker.attach();

  const rows = []; // every row of the list, in order
  const previews = [];
  let running = 0;
  let fields = null;

  function add(files) {
    summary.hidden = true;
    for (const file of files) {
      const row = {file, state: 'waiting'};
      row.progress = h('progress', {max: 100, value: 0, 'aria-label': `Upload of ${file.name}`});
      row.percent = h('span', {class: 'percent', 'aria-hidden': 'true'}, '');
      row.outcome = h('p', {class: 'outcome', 'aria-live': 'polite'});
      row.buttons = h('div', {class: 'row-actions'});
      row.item = h('li', {class: 'queue-item', 'data-state': 'waiting'},
        preview(file),
        h('div', {class: 'file-text'},
          h('span', {class: 'file-name'}, file.name),
          h('span', {class: 'file-size'}, formatBytes(file.size))),
        h('div', {class: 'file-progress'}, row.progress, row.percent),
        row.outcome,
        row.buttons);
      queue.append(row.item);
      rows.push(row);
      const refused = precheck(file);
      if (refused) {
        fail(row, refused, false);
      } else {
        setState(row, 'waiting');
        row.buttons.replaceChildren(removeButton(row));
      }
    }
    updateStart();
  }

  /** A small picture of the file from its bytes (blob: URL, allowed by the CSP); a plain box if it is no image. */
  function preview(file) {
    if (!file.type.startsWith('image/')) {
      return h('div', {class: 'file-preview none', 'aria-hidden': 'true'});
    }
    const url = URL.createObjectURL(file);
    previews.push(url);
    const image = h('img', {class: 'file-preview', src: url, alt: `Preview of ${file.name}`, decoding: 'async'});
    image.addEventListener('error', () => image.replaceWith(h('div', {class: 'file-preview none', 'aria-hidden': 'true'})), {once: true});
    return image;
  }

  function removeButton(row) {
    return h('button', {type: 'button', class: 'secondary small-button remove', 'aria-label': `Remove ${row.file.name}`,
      onclick: () => {
        const index = rows.indexOf(row);
        rows.splice(index, 1);
        row.item.remove();
        const next = rows[index] || rows[index - 1];
        (next?.item.querySelector('button') || input.labels[0] || start).focus();
        updateStart();
        if (running === 0) {
          showSummary();
        }
      }}, 'Remove');
  }

  function setState(row, state) {
    row.state = state;
    row.item.dataset.state = state;
  }

  function fail(row, message, retriable) {
    setState(row, 'error');
    row.progress.hidden = true;
    row.percent.textContent = '';
    row.outcome.textContent = message;
    row.buttons.replaceChildren(
      retriable ? h('button', {type: 'button', class: 'secondary small-button retry', 'aria-label': `Retry ${row.file.name}`,
        onclick: () => {
          row.outcome.textContent = 'Waiting…';
          setState(row, 'waiting');
          row.progress.hidden = false;
          row.progress.value = 0;
          row.buttons.replaceChildren();
          summary.hidden = true;
          pump();
        }}, 'Retry') : null,
      removeButton(row));
  }

  function updateStart() {
    start.disabled = !rows.some(row => row.state === 'waiting');
  }

  input.addEventListener('change', () => {
    add([...input.files]);
    input.value = '';
  });
  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, event => {
      event.preventDefault();
      drop.classList.add('dragging');
    });
  }
  for (const type of ['dragleave', 'drop']) {
    drop.addEventListener(type, () => drop.classList.remove('dragging'));
  }
  drop.addEventListener('drop', event => {
    event.preventDefault();
    add([...(event.dataTransfer?.files || [])]);
  });

  form.addEventListener('submit', event => {
    event.preventDefault();
    const place = picker.value();
    fields = {
      tags: tags.value,
      description: description.value.trim(),
      lat: place ? String(place.lat) : '',
      lng: place ? String(place.lng) : '',
    };
    summary.hidden = true;
    pump();
  });

  /** Starts waiting rows, {@link PARALLEL} at a time; the summary shows once none is left. */
  function pump() {
    while (running < PARALLEL) {
      const row = rows.find(candidate => candidate.state === 'waiting');
      if (!row) {
        break;
      }
      running++;
      send(row).finally(() => {
        running--;
        pump();
        if (running === 0) {
          showSummary();
        }
      });
    }
    updateStart();
  }

  async function send(row) {
    setState(row, 'uploading');
    row.outcome.textContent = 'Uploading…';
    row.buttons.replaceChildren();
    const upload = uploadPhoto(row.file, fields || {}, fraction => {
      const percent = Math.round(fraction * 100);
      row.progress.value = percent;
      row.percent.textContent = `${percent}%`;
    });
    row.upload = upload;
    try {
      const photo = await upload.promise;
      setState(row, 'done');
      row.item.dataset.id = photo.id;
      const source = photo.location?.source;
      row.outcome.replaceChildren('Uploaded. ',
        source === 'EXIF' ? 'Place from the photo’s GPS. ' : source === 'CLIENT' ? 'Place from the map. ' : 'No place. ',
        h('a', {href: `#/photo/${encodeURIComponent(photo.id)}`}, 'View'));
      forgetAlbum();
    } catch (failure) {
      if (row.item.isConnected) {
        fail(row, problemText(failure), retriable(failure));
      }
    } finally {
      row.upload = null;
    }
  }

  function showSummary() {
    const done = rows.filter(row => row.state === 'done').length;
    const failed = rows.filter(row => row.state === 'error').length;
    if (done + failed === 0) {
      summary.hidden = true;
      return;
    }
    const parts = [`${done} of ${done + failed} photo${done + failed === 1 ? '' : 's'} uploaded`];
    if (failed) {
      parts.push(`${failed} failed (see the rows marked below)`);
    }
    summary.replaceChildren(h('p', {}, `${parts.join('; ')}.`),
      done ? h('p', {}, h('a', {href: '#/', class: 'button', id: 'to-album'}, 'Go to the album')) : null);
    summary.hidden = false;
    summary.dataset.failed = String(failed);
  }

  return () => {
    for (const row of rows) {
      row.upload?.abort();
    }
    for (const url of previews) {
      URL.revokeObjectURL(url);
    }
    picker.destroy();
  };
}

/** Whether trying the same file again may work: not for what the file itself is. */
function retriable(error) {
  return !(error instanceof ApiError) || ![
    '/problems/photo-too-large', '/problems/body-too-large', '/problems/unsupported-image-type',
  ].includes(error.type);
}
