// Upload several photos at once: choose or drop files, one progress bar and one outcome per file.
// Tags, description and the place picked on the map go with every file of the batch; a photo whose
// EXIF has GPS keeps its own place (photo-service decides).
import {ApiError, uploadPhoto} from '../api.js';
import {field, formatBytes, h} from '../dom.js';
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
    start);
  main.append(h('h1', {}, 'Upload photos'), form);
  picker.attach();

  const waiting = [];

  function add(files) {
    for (const file of files) {
      const progress = h('progress', {max: 100, value: 0, 'aria-label': `Upload of ${file.name}`});
      const outcome = h('p', {class: 'outcome', 'aria-live': 'polite'});
      const item = h('li', {class: 'queue-item', 'data-state': 'waiting'},
        h('span', {class: 'file-name'}, file.name), h('span', {class: 'file-size'}, formatBytes(file.size)), progress, outcome);
      queue.append(item);
      const refused = precheck(file);
      if (refused) {
        item.dataset.state = 'error';
        outcome.textContent = refused;
        progress.hidden = true;
      } else {
        waiting.push({file, item, progress, outcome});
      }
    }
    start.disabled = waiting.length === 0;
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

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const place = picker.value();
    const fields = {
      tags: tags.value,
      description: description.value.trim(),
      lat: place ? String(place.lat) : '',
      lng: place ? String(place.lng) : '',
    };
    const batch = waiting.splice(0);
    start.disabled = true;
    const next = async () => {
      while (batch.length) {
        await send(batch.shift(), fields);
      }
    };
    await Promise.all(Array.from({length: PARALLEL}, next));
  });

  async function send({file, item, progress, outcome}, fields) {
    item.dataset.state = 'uploading';
    outcome.textContent = 'Uploading…';
    try {
      const photo = await uploadPhoto(file, fields, fraction => {
        progress.value = Math.round(fraction * 100);
      });
      item.dataset.state = 'done';
      item.dataset.id = photo.id;
      const source = photo.location?.source;
      outcome.replaceChildren('Uploaded. ',
        source === 'EXIF' ? 'Place from the photo’s GPS. ' : source === 'CLIENT' ? 'Place from the map. ' : 'No place. ',
        h('a', {href: `#/photo/${encodeURIComponent(photo.id)}`}, 'View'));
    } catch (failure) {
      item.dataset.state = 'error';
      progress.hidden = true;
      outcome.textContent = problemText(failure);
    }
  }

  return () => picker.destroy();
}
