// Geotagged photos on a map, in clusters that show how many photos each holds and split as the map
// zooms in; a marker's popup has the thumbnail and a link. The same photos are listed under the map,
// with title and date, for keyboards and screen readers.
import {api} from '../api.js';
import {dateTimeText, h, titleOf as shortTitle} from '../dom.js';
import {createMap, leafletLoaded} from '../maps.js';

function titleOf(marker) {
  return shortTitle({description: marker.title});
}

function dateOf(marker) {
  if (marker.takenAtLocal) {
    return dateTimeText(marker.takenAtLocal, true);
  }
  return marker.takenAt ? dateTimeText(marker.takenAt) : null;
}

/** A cluster's icon: its count, said in words to screen readers. */
function clusterIcon(cluster) {
  const count = cluster.getChildCount();
  const size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
  return window.L.divIcon({
    html: h('div', {}, h('span', {class: 'count', 'aria-hidden': 'true'}, count),
      h('span', {class: 'visually-hidden'}, `${count} photos here; zoom in`)),
    className: `marker-cluster marker-cluster-${size}`,
    iconSize: window.L.point(44, 44),
  });
}

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
    if (!main.contains(list)) {
      return;
    }
    summary.textContent = markers.length
      ? `${markers.length} geotagged photo${markers.length === 1 ? '' : 's'}.`
      : 'No geotagged photos yet: photos with GPS, or with a place picked on upload, appear here.';
    const points = [];
    const layer = map && window.L.markerClusterGroup
      ? window.L.markerClusterGroup({iconCreateFunction: clusterIcon, showCoverageOnHover: false, maxClusterRadius: 60})
      : null;
    for (const marker of markers) {
      const title = titleOf(marker);
      const date = dateOf(marker);
      const label = date ? `${title}, ${date}` : title;
      const href = `#/photo/${encodeURIComponent(marker.id)}`;
      list.append(h('li', {},
        h('a', {href}, title),
        date ? h('span', {class: 'marker-date'}, ` — ${date}`) : null));
      if (map) {
        const popup = h('div', {class: 'popup'},
          marker.thumbnailUrl
            ? h('img', {src: marker.thumbnailUrl, alt: label, class: 'popup-thumb'})
            : h('div', {class: 'placeholder small'}, 'No thumbnail yet'),
          h('p', {}, h('a', {href}, 'Open photo')));
        const pin = window.L.marker([marker.lat, marker.lng], {title: label, alt: label}).bindPopup(popup);
        (layer || map).addLayer(pin);
        points.push([marker.lat, marker.lng]);
      }
    }
    if (layer) {
      map.addLayer(layer);
    }
    if (map && points.length) {
      map.fitBounds(points, {maxZoom: 12, padding: [30, 30]});
    }
  }, () => {
    summary.textContent = 'The map’s photos could not be loaded; try again.';
  });

  return () => map && map.remove();
}
