import type { ApiKeyView, CreatedApiKeyView } from '../../../src/admin/admin-views';
import { copyButton, errorMessage, loading, statusBadge } from '../components';
import { field, h } from '../dom';
import { formatInstant, fromLocalInput, toLocalInput } from '../format';
import type { ViewContext } from '../view-context';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Admin > Provisioning keys: create (secret shown once), rotate with an overlap, revoke. */
export function apiKeysView(ctx: ViewContext): HTMLElement {
  const list = h('div', { class: 'results' }, loading());
  const secretArea = h('div', { class: 'secret-area' });
  const status = h('div', { class: 'form-status' });
  const rotateDialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'rotate-title' });

  const reload = async (): Promise<void> => {
    try {
      const keys = await ctx.api.apiKeys();
      list.replaceChildren(keysTable(keys));
    } catch (error) {
      list.replaceChildren(errorMessage(error));
    }
  };

  /** The secret, once: it is in this panel until Done, and nowhere else. */
  const showSecret = (created: CreatedApiKeyView, lead: string): void => {
    const secret = h('input', {
      id: 'new-key-secret',
      class: 'copyable secret',
      type: 'text',
      readonly: true,
      value: created.secret,
      'aria-describedby': 'new-key-warning',
    });
    secretArea.replaceChildren(
      h(
        'div',
        { class: 'secret-panel', role: 'region', 'aria-labelledby': 'new-key-title' },
        h('h3', { id: 'new-key-title' }, lead),
        h(
          'p',
          { id: 'new-key-warning', class: 'warning-text' },
          'Copy this secret now: it is shown this once and cannot be read again. Paste it in Entra as the Secret Token.',
        ),
        h(
          'div',
          { class: 'copy-row' },
          field('Secret', secret),
          copyButton('Secret', () => created.secret, secret, ctx.announce),
        ),
        h('button', { type: 'button', onclick: () => secretArea.replaceChildren() }, 'Done'),
      ),
    );
    secret.focus();
    secret.select();
  };

  const nameInput = h('input', {
    id: 'new-key-name',
    name: 'name',
    required: true,
    maxlength: 100,
    autocomplete: 'off',
  });
  const createForm = h(
    'form',
    { class: 'toolbar' },
    field('Name of the new key', nameInput, 'For example the Entra tenant it is for.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create key')),
  );
  createForm.addEventListener('submit', (event) => {
    event.preventDefault();
    status.replaceChildren();
    ctx.api.createApiKey(nameInput.value.trim()).then(
      (created) => {
        nameInput.value = '';
        showSecret(created, `Key “${created.key.name}” created`);
        ctx.announce(`Key ${created.key.name} created.`);
        void reload();
      },
      (error: unknown) => status.replaceChildren(errorMessage(error)),
    );
  });

  const openRotate = (key: ApiKeyView): void => {
    const until = h('input', {
      id: 'rotate-until',
      type: 'datetime-local',
      required: true,
      value: toLocalInput(new Date(Date.now() + DAY_MS)),
    });
    const newName = h('input', { id: 'rotate-name', maxlength: 100, autocomplete: 'off' });
    const dialogStatus = h('div', { class: 'form-status' });
    const form = h(
      'form',
      {},
      field('Old key keeps working until', until, 'Time to switch Entra to the new key (at most 90 days).'),
      field('Name of the new key (optional)', newName),
      dialogStatus,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit' }, 'Rotate'),
        h('button', { type: 'button', class: 'secondary', onclick: () => rotateDialog.close() }, 'Cancel'),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = newName.value.trim();
      ctx.api
        .rotateApiKey(key.id, {
          previousExpiresAt: fromLocalInput(until.value),
          ...(name === '' ? {} : { name }),
        })
        .then(
          (rotated) => {
            rotateDialog.close();
            showSecret(rotated, `Key “${rotated.key.name}” replaces “${key.name}”`);
            ctx.announce(`Key ${key.name} rotated.`);
            void reload();
          },
          (error: unknown) => dialogStatus.replaceChildren(errorMessage(error)),
        );
    });
    rotateDialog.replaceChildren(h('h3', { id: 'rotate-title' }, `Rotate “${key.name}”`), form);
    rotateDialog.showModal();
  };

  const revoke = (key: ApiKeyView): void => {
    if (!window.confirm(`Revoke “${key.name}”? Entra will be refused with it at once.`)) return;
    status.replaceChildren();
    ctx.api.revokeApiKey(key.id).then(
      () => {
        ctx.announce(`Key ${key.name} revoked.`);
        void reload();
      },
      (error: unknown) => status.replaceChildren(errorMessage(error)),
    );
  };

  const keysTable = (keys: readonly ApiKeyView[]): HTMLElement =>
    keys.length === 0
      ? h('p', { class: 'empty' }, 'No provisioning key yet.')
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'data-table keys-table' },
            h('caption', { class: 'visually-hidden' }, 'Provisioning keys'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...['Name', 'Prefix', 'Status', 'Created', 'Last used', 'Ends', 'Actions'].map((title) =>
                  h('th', { scope: 'col' }, title),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              ...keys.map((key) =>
                h(
                  'tr',
                  { 'data-key-id': key.id },
                  h('td', { 'data-label': 'Name', class: 'key-name' }, key.name),
                  h('td', { 'data-label': 'Prefix' }, h('code', {}, `${key.prefix}…`)),
                  h('td', { 'data-label': 'Status' }, statusBadge(key.status)),
                  h('td', { 'data-label': 'Created' }, formatInstant(key.createdAt)),
                  h(
                    'td',
                    { 'data-label': 'Last used' },
                    key.lastUsedAt === null ? 'Never' : formatInstant(key.lastUsedAt),
                  ),
                  h(
                    'td',
                    { 'data-label': 'Ends' },
                    key.revokedAt !== null
                      ? `Revoked ${formatInstant(key.revokedAt)}`
                      : key.expiresAt !== null
                        ? `Expires ${formatInstant(key.expiresAt)}`
                        : '—',
                  ),
                  h(
                    'td',
                    { 'data-label': 'Actions' },
                    h(
                      'div',
                      { class: 'row-actions' },
                      key.status === 'active' || key.status === 'expiring'
                        ? h(
                            'button',
                            {
                              type: 'button',
                              class: 'secondary',
                              'aria-label': `Rotate ${key.name}`,
                              onclick: () => openRotate(key),
                            },
                            'Rotate',
                          )
                        : null,
                      key.status !== 'revoked'
                        ? h(
                            'button',
                            {
                              type: 'button',
                              class: 'danger',
                              'aria-label': `Revoke ${key.name}`,
                              onclick: () => revoke(key),
                            },
                            'Revoke',
                          )
                        : null,
                    ),
                  ),
                ),
              ),
            ),
          ),
        );

  void reload();
  return h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    h('h2', { id: 'view-title', tabindex: '-1' }, 'Provisioning keys'),
    h(
      'p',
      { class: 'hint' },
      'Entra authenticates with one of these keys. Rotate a key to replace it without downtime: the old one keeps working until the time you choose.',
    ),
    createForm,
    status,
    secretArea,
    list,
    rotateDialog,
  );
}
