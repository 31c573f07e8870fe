// Building DOM without HTML strings: user-provided text only ever becomes text nodes or
// attribute values set through the DOM, so nothing a user types is parsed as markup.

/**
 * h('a', {href: '#/x', class: 'tile'}, 'text', child) → element.
 * Attributes: 'class', 'for', data-*, aria-* and anything else go through setAttribute;
 * on* functions become listeners; 'text' sets textContent.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'text') {
      element.textContent = String(value);
    } else if (name === 'value' || name === 'checked') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** {@code img} inside a <picture> offering the WebP first, or {@code img} alone when there is no WebP. */
export function picture(webp, img) {
  return webp ? h('picture', {}, h('source', {type: 'image/webp', srcset: webp}), img) : img;
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

/** A labelled form field: label, control and an error line the control points at. */
export function field(id, label, control, hint) {
  control.id = id;
  const error = h('p', {class: 'field-error', id: `${id}-error`, 'aria-live': 'polite'});
  const described = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', described);
  return h('div', {class: 'field'},
    h('label', {for: id}, label),
    hint ? h('p', {class: 'hint', id: `${id}-hint`}, hint) : null,
    control,
    error);
}

export function fieldError(form, name, message) {
  const error = form.querySelector(`#${CSS.escape(name)}-error`);
  if (error) {
    error.textContent = message || '';
  }
}

export function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) {
    return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  }
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}

// One date format everywhere ("14 Jul 2024, 18:30"), in the browser's language. A photo's date
// taken is shown as its camera's clock showed it (the photo's own time zone), with the UTC offset
// when the camera recorded one; upload times are instants, shown in the viewer's zone.
const DATE_TIME = {day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit'};
const DAY = {weekday: 'long', day: 'numeric', month: 'long', year: 'numeric'};

/** local: an ISO date-time without offset, as a wall clock; else an instant shown in the viewer's zone. */
function format(value, local, options) {
  const date = local ? new Date(`${value.slice(0, 19)}Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) {
    return String(value);
  }
  return new Intl.DateTimeFormat(undefined, local ? {...options, timeZone: 'UTC'} : options).format(date);
}

export function dateTimeText(value, local = false) {
  return format(value, local, DATE_TIME);
}

export function dayText(value, local = false) {
  return format(value, local, DAY);
}

/** The date a photo was taken as the camera's clock showed it, with its UTC offset when known. */
export function takenText(photo) {
  if (photo.takenAtLocal) {
    const local = dateTimeText(photo.takenAtLocal, true);
    return photo.takenAtOffset ? `${local} (UTC${photo.takenAtOffset})` : local;
  }
  return photo.takenAt ? dateTimeText(photo.takenAt) : null;
}

/** "Canon EOS R6", not "Canon Canon EOS R6": many cameras repeat their make in the model. */
export function cameraText(camera) {
  const make = (camera?.make || '').trim();
  const model = (camera?.model || '').trim();
  if (!make || !model) {
    return make || model || null;
  }
  const firstWord = make.split(/\s+/)[0].toLowerCase();
  return model.toLowerCase().startsWith(firstWord) ? model : `${make} ${model}`;
}

/** A short title: the description's first line (cut at 60 characters), else the file name. */
export function titleOf(photo) {
  const line = (photo.description || '').split('\n')[0].trim();
  if (line) {
    return line.length > 60 ? `${line.slice(0, 59).trimEnd()}…` : line;
  }
  return photo.fileName || 'Photo';
}

export function placeText(location) {
  if (!location) {
    return null;
  }
  const names = [location.address, location.city, location.country].filter(Boolean).join(', ');
  const coordinates = location.lat != null && location.lng != null
    ? `${location.lat.toFixed(5)}, ${location.lng.toFixed(5)}` : null;
  return [names, coordinates].filter(Boolean).join(' — ') || null;
}

/** Alt text from what the user said about the photo, else what the camera recorded. */
export function altText(photo) {
  if (photo.description) {
    return photo.description;
  }
  if (photo.tags && photo.tags.length) {
    return `Photo tagged ${photo.tags.join(', ')}`;
  }
  const taken = takenText(photo);
  return taken ? `Photo taken ${taken}` : `Photo ${photo.fileName || ''}`.trim();
}
