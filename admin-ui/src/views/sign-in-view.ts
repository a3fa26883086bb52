import { AdminApi, ApiError } from '../api';
import { field, h } from '../dom';

/** Sign-in with the admin key: checked against the API, then kept in session storage only. */
export function signInView(onSignedIn: (key: string) => void): HTMLElement {
  const key = h('input', {
    id: 'admin-key',
    name: 'admin-key',
    type: 'password',
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const status = h('div', { class: 'form-status' });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    { class: 'sign-in' },
    h('h1', { id: 'sign-in-title' }, 'Bloomflow Admin'),
    h('p', {}, 'Sign in with the admin API key of this deployment (ADMIN_API_KEY).'),
    field('Admin API key', key),
    status,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const secret = key.value.trim();
    const api = new AdminApi(secret);
    submit.disabled = true;
    status.replaceChildren();
    api.platform().then(
      () => {
        AdminApi.rememberKey(secret);
        onSignedIn(secret);
      },
      (error: unknown) => {
        submit.disabled = false;
        const message =
          error instanceof ApiError && error.status === 401
            ? 'This key was refused. Check ADMIN_API_KEY and try again.'
            : 'The server could not be reached. Try again.';
        status.replaceChildren(h('p', { class: 'error', role: 'alert' }, message));
        key.focus();
      },
    );
  });
  queueMicrotask(() => key.focus());
  return h('main', { id: 'main', class: 'sign-in-page', 'aria-labelledby': 'sign-in-title' }, form);
}
