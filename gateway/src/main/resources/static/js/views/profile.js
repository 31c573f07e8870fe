// The profile: rename, change password.
import {api, ApiError} from '../api.js';
import {field, h} from '../dom.js';
import {announce, session} from '../ui.js';

export function renderProfile({main}) {
  const user = session.user;
  const nameShown = h('dd', {id: 'profile-name'}, user.name);
  main.append(h('h1', {}, 'Your profile'),
    h('dl', {class: 'details'},
      h('dt', {}, 'Name'), nameShown,
      h('dt', {}, 'Email'), h('dd', {}, user.email),
      h('dt', {}, 'Member since'), h('dd', {}, new Date(user.createdAt).toLocaleDateString())),
    renameForm(nameShown),
    passwordForm());
}

function renameForm(nameShown) {
  const error = h('p', {class: 'form-error', role: 'alert'});
  const name = h('input', {type: 'text', name: 'name', value: session.user.name, maxlength: 100, autocomplete: 'name', required: true});
  const form = h('form', {class: 'card', id: 'rename-form', 'aria-labelledby': 'rename-title', novalidate: true},
    h('h2', {id: 'rename-title'}, 'Change your name'),
    error,
    field('profile-new-name', 'Name', name),
    h('button', {type: 'submit'}, 'Rename'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    try {
      session.user = await api('PATCH', '/api/users/me', {name: name.value.trim()});
      nameShown.textContent = session.user.name;
      announce('Your name was changed.');
    } catch (failure) {
      error.textContent = failure instanceof ApiError && failure.status === 400
        ? 'A name needs 1 to 100 characters.' : 'Your name could not be changed; try again.';
    }
  });
  return form;
}

function passwordForm() {
  const error = h('p', {class: 'form-error', role: 'alert'});
  const current = h('input', {type: 'password', name: 'currentPassword', autocomplete: 'current-password', required: true});
  const next = h('input', {type: 'password', name: 'newPassword', autocomplete: 'new-password', required: true});
  const again = h('input', {type: 'password', name: 'repeat', autocomplete: 'new-password', required: true});
  const form = h('form', {class: 'card', id: 'password-form', 'aria-labelledby': 'password-title', novalidate: true},
    h('h2', {id: 'password-title'}, 'Change your password'),
    error,
    field('profile-current-password', 'Current password', current),
    field('profile-new-password', 'New password', next,
      'At least 8 characters with upper and lower case letters, a digit and a symbol.'),
    field('profile-repeat-password', 'New password again', again),
    h('button', {type: 'submit'}, 'Change password'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    if (next.value !== again.value) {
      error.textContent = 'The two new passwords differ.';
      return;
    }
    try {
      await api('PUT', '/api/users/me/password', {currentPassword: current.value, newPassword: next.value});
      form.reset();
      announce('Your password was changed.');
    } catch (failure) {
      const type = failure instanceof ApiError ? failure.type : '';
      error.textContent = type === '/problems/wrong-current-password' ? 'The current password is wrong.'
        : type === '/problems/weak-password' ? (failure.problem.detail || 'The new password is too weak.')
          : type === '/problems/throttled' ? 'Too many attempts; wait a moment.'
            : 'Your password could not be changed; try again.';
    }
  });
  return form;
}
