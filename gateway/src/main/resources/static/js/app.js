// CloudAlbum's single-page app: hash routes, a session kept in HttpOnly cookies by the gateway.
import {api, whenSessionEnds} from './api.js';
import {clear} from './dom.js';
import {announce, navigate, pageChanged, session, signedIn} from './ui.js';
import {renderSignIn, renderSignUp} from './views/auth.js';
import {renderAlbum} from './views/album.js';
import {renderPhoto} from './views/photo.js';
import {renderUpload} from './views/upload.js';
import {renderMap} from './views/map.js';
import {renderProfile} from './views/profile.js';

const main = document.getElementById('main');
let cleanup = null;

/** Runs the view for the current hash; a view may return a function that undoes what it set up. */
async function route() {
  const hash = location.hash || '#/';
  if (!hash.startsWith('#/')) {
    return;
  }
  const [path, query] = hash.slice(1).split('?');
  const params = new URLSearchParams(query || '');
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  const publicView = path === '/signin' || path === '/signup';
  if (!session.user && !publicView) {
    location.replace('#/signin');
    return;
  }
  if (session.user && publicView) {
    location.replace('#/');
    return;
  }
  document.getElementById('search').hidden = !session.user;
  document.getElementById('nav').hidden = !session.user;
  document.getElementById('sign-out').hidden = !session.user;
  document.getElementById('menu-toggle').hidden = !session.user;
  openMenu(false);
  const section = path.split('/')[1] || 'album';
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === section || (section === 'search' && link.dataset.nav === 'album')) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  document.getElementById('search-q').value = path === '/search' ? params.get('q') || '' : '';
  clear(main);
  const context = {main, params};
  if (path === '/signin') {
    cleanup = renderSignIn(context);
  } else if (path === '/signup') {
    cleanup = renderSignUp(context);
  } else if (path === '/' || path === '') {
    cleanup = renderAlbum(context, null);
  } else if (path === '/search') {
    cleanup = renderAlbum(context, params.get('q') || '');
  } else if (path.startsWith('/photo/')) {
    cleanup = renderPhoto(context, decodeURIComponent(path.slice('/photo/'.length)));
  } else if (path === '/upload') {
    cleanup = renderUpload(context);
  } else if (path === '/map') {
    cleanup = renderMap(context);
  } else if (path === '/profile') {
    cleanup = renderProfile(context);
  } else {
    main.append(Object.assign(document.createElement('h1'), {textContent: 'Page not found', tabIndex: -1}));
  }
  if (typeof cleanup !== 'function') {
    cleanup = null;
  }
  const heading = main.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({preventScroll: true});
    document.title = `${heading.textContent} · CloudAlbum`;
  }
}

/** The phone layout's menu (nav, search, sign out); on wide screens it is always shown. */
function openMenu(open) {
  document.getElementById('bar').dataset.open = String(open);
  document.getElementById('menu-toggle').setAttribute('aria-expanded', String(open));
}

async function start() {
  document.getElementById('menu-toggle').addEventListener('click', () => {
    const open = document.getElementById('bar').dataset.open !== 'true';
    openMenu(open);
    if (open) {
      document.querySelector('#menu a, #menu input').focus();
    }
  });
  document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && document.getElementById('bar').dataset.open === 'true') {
      openMenu(false);
      document.getElementById('menu-toggle').focus();
    }
  });
  whenSessionEnds(() => {
    if (session.user) {
      session.user = null;
      announce('Your session has ended; please sign in again.', 'error');
      navigate('#/signin');
    }
  });
  try {
    await signedIn();
  } catch {
    session.user = null;
  }
  document.getElementById('search').addEventListener('submit', event => {
    event.preventDefault();
    const q = document.getElementById('search-q').value.trim();
    if (q) {
      navigate(`#/search?q=${encodeURIComponent(q)}`);
    }
  });
  document.getElementById('sign-out').addEventListener('click', async () => {
    try {
      await api('DELETE', '/api/session');
    } finally {
      session.user = null;
      announce('You are signed out.');
      navigate('#/signin');
    }
  });
  document.getElementById('skip').addEventListener('click', event => {
    event.preventDefault();
    main.focus();
  });
  window.addEventListener('hashchange', () => {
    pageChanged();
    route();
  });
  route();
}

start();
