// Geotagged photos on a map: one marker each, its popup with the thumbnail and a link. The same
// photos are listed under the map for keyboards and screen readers.
import {api} from '../api.js';
import {h} from '../dom.js';
import {createMap, leafletLoaded} from '../maps.js';

export function renderMap({main}) {
  const mapBox = h('div', {class: 'map', id: 'map', role: 'region', 'aria-label': 'Map of your geotagged photos'});
  const summary = h('p', {class: 'summary', 'aria-live': 'polite'}, 'Loading…');
  const list = h('ol', {class: 'marker-list', id: 'marker-list'});
  main.append(h('h1', {}, 'Map'), summary, mapBox, h('h2', {}, 'Geotagged photos'), list);
  let map = null;
  if (leafletLoaded()) {
    map = createMap(mapBox);
  } else {
    mapBox.replaceChildren(h('p', {class: 'hint'}, 'The map could not be loaded.'));
  }

  api('GET', '/api/photos/map').then(markers => {
    summary.textContent = markers.length
      ? `${markers.length} geotagged photo${markers.length === 1 ? '' : 's'}.`
      : 'No geotagged photos yet: photos with GPS, or with a place picked on upload, appear here.';
    const points = [];
    for (const marker of markers) {
      const label = marker.takenAt ? `Photo taken ${new Date(marker.takenAt).toLocaleString()}` : 'Photo';
      const href = `#/photo/${encodeURIComponent(marker.id)}`;
      list.append(h('li', {}, h('a', {href}, label), ` — ${marker.lat.toFixed(4)}, ${marker.lng.toFixed(4)}`));
      if (map) {
        const popup = h('div', {class: 'popup'},
          marker.thumbnailUrl
            ? h('img', {src: marker.thumbnailUrl, alt: label, class: 'popup-thumb'})
            : h('div', {class: 'placeholder small'}, 'No thumbnail yet'),
          h('p', {}, h('a', {href}, 'Open photo')));
        window.L.marker([marker.lat, marker.lng], {title: label, alt: label}).bindPopup(popup).addTo(map);
        points.push([marker.lat, marker.lng]);
      }
    }
    if (map && points.length) {
      map.fitBounds(points, {maxZoom: 12, padding: [30, 30]});
    }
  }, () => {
    summary.textContent = 'The map’s photos could not be loaded; try again.';
  });

  return () => map && map.remove();
}
