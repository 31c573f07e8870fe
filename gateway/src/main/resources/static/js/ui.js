// What every view shares: who is signed in, the status line, the confirmation dialog, navigation.
import {api} from './api.js';

const statusLine = document.getElementById('status');

export const session = {user: null};

/** A message for everyone, read out by screen readers (role=status). */
export function announce(message, kind = 'info') {
  statusLine.textContent = message || '';
  statusLine.dataset.kind = kind;
  fresh = Boolean(message);
}

let fresh = false;

/** A message outlives the navigation it came with ("Photo deleted" on the album), not the next one. */
export function pageChanged() {
  if (fresh) {
    fresh = false;
  } else {
    statusLine.textContent = '';
  }
}

/** Asks in a modal dialog; resolves true when the user confirms. */
export function confirmAction(text, confirmLabel = 'Delete') {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = confirmLabel;
  return new Promise(resolve => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), {once: true});
    dialog.returnValue = 'cancel';
    dialog.showModal();
  });
}

export function navigate(hash) {
  if (location.hash === hash) {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}

/** Loads the signed-in user's profile; throws ApiError(401) when there is no session. */
export async function signedIn() {
  session.user = await api('GET', '/api/users/me');
  return session.user;
}
