// Leaflet with OpenStreetMap tiles. Without a network the tiles fail to load and the map shows
// its grey background: markers, popups and picking a place still work.
import {field, h} from './dom.js';

export const TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

export function leafletLoaded() {
  return typeof window.L !== 'undefined';
}

/** A Leaflet map in container, with the OSM tile layer; the world when nothing else is shown. */
export function createMap(container) {
  const map = window.L.map(container, {worldCopyJump: true}).setView([20, 0], 2);
  window.L.tileLayer(TILES, {maxZoom: 19, attribution: ATTRIBUTION}).addTo(map);
  return map;
}

/**
 * Latitude and longitude inputs with a map beside them: a click on the map (or Enter on the
 * inputs) sets the place. value() is {lat, lng} or null.
 */
export function locationPicker(idPrefix, initial) {
  const lat = h('input', {type: 'number', step: 'any', min: -90, max: 90, name: 'lat', inputmode: 'decimal'});
  const lng = h('input', {type: 'number', step: 'any', min: -180, max: 180, name: 'lng', inputmode: 'decimal'});
  const mapBox = h('div', {class: 'pick-map', role: 'application', 'aria-label': 'Map: click to pick the place'});
  const clearButton = h('button', {type: 'button', class: 'secondary'}, 'Clear place');
  const element = h('div', {class: 'picker'},
    h('div', {class: 'picker-fields'},
      field(`${idPrefix}-lat`, 'Latitude', lat),
      field(`${idPrefix}-lng`, 'Longitude', lng),
      clearButton),
    mapBox);
  let map = null;
  let marker = null;

  function show(latitude, longitude, pan) {
    if (!map) {
      return;
    }
    if (latitude === null) {
      if (marker) {
        marker.remove();
        marker = null;
      }
      return;
    }
    if (!marker) {
      marker = window.L.marker([latitude, longitude], {keyboard: false}).addTo(map);
    } else {
      marker.setLatLng([latitude, longitude]);
    }
    if (pan) {
      map.setView([latitude, longitude], Math.max(map.getZoom(), 10));
    }
  }

  function set(latitude, longitude, pan = false) {
    lat.value = latitude === null ? '' : String(Math.round(latitude * 1e6) / 1e6);
    lng.value = longitude === null ? '' : String(Math.round(longitude * 1e6) / 1e6);
    show(latitude, longitude, pan);
  }

  function value() {
    const a = parseFloat(lat.value);
    const b = parseFloat(lng.value);
    return Number.isFinite(a) && Number.isFinite(b) ? {lat: a, lng: b} : null;
  }

  for (const input of [lat, lng]) {
    input.addEventListener('change', () => {
      const place = value();
      show(place ? place.lat : null, place ? place.lng : null, Boolean(place));
    });
  }
  clearButton.addEventListener('click', () => set(null, null));
  if (initial && initial.lat != null && initial.lng != null) {
    set(initial.lat, initial.lng);
  }

  return {
    element,
    value,
    set,
    /** Call once the element is in the page: Leaflet needs its size. */
    attach() {
      if (!leafletLoaded()) {
        mapBox.replaceChildren(h('p', {class: 'hint'}, 'The map could not be loaded; type the coordinates instead.'));
        return;
      }
      map = createMap(mapBox);
      map.on('click', event => set(event.latlng.lat, event.latlng.lng));
      const place = value();
      if (place) {
        show(place.lat, place.lng, true);
      }
    },
    destroy() {
      if (map) {
        map.remove();
        map = null;
      }
    },
  };
}
