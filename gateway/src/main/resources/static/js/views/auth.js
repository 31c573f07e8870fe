// Sign in, sign up and confirm. Passwords go to the gateway once and are never kept.
import {api, ApiError} from '../api.js';
import {field, fieldError, h} from '../dom.js';
import {announce, navigate, signedIn} from '../ui.js';

function problemText(error) {
  if (!(error instanceof ApiError)) {
    return 'Something went wrong; please try again.';
  }
  switch (error.type) {
    case '/problems/wrong-credentials': return 'The email or password is wrong.';
    case '/problems/unconfirmed': return 'This account is not confirmed yet: enter the code we emailed you.';
    case '/problems/email-taken': return 'An account with this email exists already. Sign in instead?';
    case '/problems/weak-password': return error.problem.detail || 'This password is too weak.';
    case '/problems/invalid-code': return 'That code is wrong or has expired.';
    case '/problems/throttled': return 'Too many attempts; please wait a moment and try again.';
    case '/problems/validation': return 'Please check the fields marked below.';
    default: return error.status >= 500 ? 'The service is unavailable; please try again shortly.' : error.message;
  }
}

function showFieldErrors(form, error) {
  if (error instanceof ApiError) {
    for (const [name, message] of Object.entries(error.fields)) {
      fieldError(form, name, message);
    }
  }
}

function formError(text) {
  return h('p', {class: 'form-error', role: 'alert', text});
}

async function signIn(email, password) {
  await api('POST', '/api/session', {email, password});
  await signedIn();
}

export function renderSignIn({main}) {
  const error = formError('');
  const form = h('form', {class: 'card narrow', novalidate: true},
    h('h1', {}, 'Sign in'),
    error,
    field('email', 'Email', h('input', {type: 'email', name: 'email', autocomplete: 'username', required: true})),
    field('password', 'Password', h('input', {type: 'password', name: 'password', autocomplete: 'current-password', required: true})),
    h('button', {type: 'submit'}, 'Sign in'),
    h('p', {}, 'New here? ', h('a', {href: '#/signup'}, 'Create an account')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await signIn(form.elements.email.value.trim(), form.elements.password.value);
      announce('');
      navigate('#/');
    } catch (failure) {
      error.textContent = problemText(failure);
      showFieldErrors(form, failure);
      if (failure.type === '/problems/unconfirmed' && !main.querySelector('#code')) {
        main.append(confirmForm(form.elements.email.value.trim(), form.elements.password.value));
      }
    } finally {
      button.disabled = false;
    }
  });
  main.append(form);
}

export function renderSignUp({main}) {
  const error = formError('');
  const form = h('form', {class: 'card narrow', novalidate: true},
    h('h1', {}, 'Create an account'),
    error,
    field('name', 'Your name', h('input', {type: 'text', name: 'name', autocomplete: 'name', maxlength: 100, required: true})),
    field('email', 'Email', h('input', {type: 'email', name: 'email', autocomplete: 'email', maxlength: 254, required: true})),
    field('password', 'Password', h('input', {type: 'password', name: 'password', autocomplete: 'new-password', required: true}),
      'At least 8 characters with upper and lower case letters, a digit and a symbol.'),
    h('button', {type: 'submit'}, 'Sign up'),
    h('p', {}, 'Have an account? ', h('a', {href: '#/signin'}, 'Sign in')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    for (const name of ['name', 'email', 'password']) {
      fieldError(form, name, '');
    }
    const email = form.elements.email.value.trim();
    const password = form.elements.password.value;
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const created = await api('POST', '/api/auth/signup', {name: form.elements.name.value.trim(), email, password});
      if (created && created.confirmed === false) {
        form.replaceWith(confirmForm(email, password));
        main.querySelector('h1').focus();
        return;
      }
      await signIn(email, password);
      announce(`Welcome, ${form.elements.name.value.trim()}!`);
      navigate('#/');
    } catch (failure) {
      error.textContent = problemText(failure);
      showFieldErrors(form, failure);
    } finally {
      button.disabled = false;
    }
  });
  main.append(form);
}

/** Cognito emails a code in AWS; the local stack confirms at once and never shows this. */
function confirmForm(email, password) {
  const error = formError('');
  const form = h('form', {class: 'card narrow', novalidate: true},
    h('h1', {tabindex: -1}, 'Confirm your email'),
    h('p', {}, 'We sent a code to ', h('strong', {}, email), '. Enter it to finish creating your account.'),
    error,
    field('code', 'Confirmation code', h('input', {type: 'text', name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', required: true})),
    h('div', {class: 'actions'},
      h('button', {type: 'submit'}, 'Confirm'),
      h('button', {type: 'button', class: 'secondary', onclick: async () => {
        try {
          await api('POST', '/api/auth/resend-code', {email});
          announce('A new code is on its way.');
        } catch (failure) {
          error.textContent = failure.status === 501 ? 'Codes cannot be resent here.' : problemText(failure);
        }
      }}, 'Send a new code')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    try {
      await api('POST', '/api/auth/confirm', {email, code: form.elements.code.value.trim()});
      await signIn(email, password);
      navigate('#/');
    } catch (failure) {
      error.textContent = problemText(failure);
    }
  });
  return form;
}
