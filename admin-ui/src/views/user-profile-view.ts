import type { AdminUserProfile } from '../../../src/admin/admin-views';
import { actorCell, errorMessage, loading, statusBadge } from '../components';
import { h } from '../dom';
import { formatInstant } from '../format';
import type { ViewContext } from '../view-context';
import { eventsTable } from './events-table';
import { userForm } from './user-form';

/** A user's profile: every Bloomflow field, the stored SCIM attributes, groups and history. */
export function userProfileView(ctx: ViewContext, id: string): HTMLElement {
  const root = h('section', { class: 'view', 'aria-labelledby': 'view-title' }, loading());

  const render = (user: AdminUserProfile): void => {
    const name = `${user.firstName} ${user.lastName}`;
    const actions = h('div', { class: 'actions' });
    const editArea = h('div', { class: 'edit-area' });
    const status = h('div', { class: 'form-status' });

    const act = async (work: () => Promise<AdminUserProfile | void>, message: string): Promise<void> => {
      status.replaceChildren();
      try {
        const updated = await work();
        ctx.announce(message);
        if (updated) render(updated);
      } catch (error) {
        status.replaceChildren(errorMessage(error));
      }
    };

    actions.append(
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            editArea.replaceChildren(
              userForm({
                user,
                submitLabel: 'Save changes',
                onCancel: () => editArea.replaceChildren(),
                onSubmit: async (fields) => {
                  const updated = await ctx.api.updateUser(user.id, fields);
                  ctx.announce('Changes saved.');
                  render(updated);
                },
              }),
            );
            editArea.querySelector('input')?.focus();
          },
        },
        'Edit',
      ),
      user.suspended
        ? h(
            'button',
            {
              type: 'button',
              onclick: () =>
                void act(() => ctx.api.updateUser(user.id, { suspended: false }), `${name} restored.`),
            },
            'Restore',
          )
        : h(
            'button',
            {
              type: 'button',
              class: 'warning',
              onclick: () =>
                void act(() => ctx.api.updateUser(user.id, { suspended: true }), `${name} suspended.`),
            },
            'Suspend',
          ),
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: () => {
            if (
              !window.confirm(
                `Erase ${name}? Their data is deleted for good; the activity keeps a pseudonymous trace.`,
              )
            )
              return;
            void act(async () => {
              await ctx.api.eraseUser(user.id);
              ctx.navigate('#/users');
            }, `${name} erased.`);
          },
        },
        'Erase (GDPR)',
      ),
    );

    root.replaceChildren(
      h('p', {}, h('a', { href: '#/users' }, '← All users')),
      h(
        'div',
        { class: 'view-header' },
        h('h2', { id: 'view-title', tabindex: '-1' }, name),
        statusBadge(user.status),
      ),
      actions,
      status,
      editArea,
      h('h3', {}, 'Bloomflow fields'),
      definitionList([
        ['Email', user.email],
        ['First name', user.firstName],
        ['Last name', user.lastName],
        ['Job title', user.job],
        ['Phone', user.phone],
        ['Location', user.location],
        ['Business unit', user.businessUnit],
        ['SCIM userName', user.userName],
        ['External ID (Entra objectId)', user.externalId],
        ['Provisioned by Entra', user.provisioned ? 'Yes' : 'No'],
        ['Created', h('span', {}, actorCell(user.createdBy), ' · ', formatInstant(user.createdAt))],
        ['Updated', h('span', {}, actorCell(user.updatedBy), ' · ', formatInstant(user.updatedAt))],
        ['Deprovisioned', user.deprovisionedAt === null ? null : formatInstant(user.deprovisionedAt)],
      ]),
      h('h3', {}, 'Groups'),
      user.groups.length === 0
        ? h('p', { class: 'muted' }, 'No groups.')
        : h('ul', {}, ...user.groups.map((group) => h('li', {}, group.displayName))),
      h(
        'details',
        { class: 'scim-attributes' },
        h('summary', {}, 'SCIM attributes stored for this user'),
        h('pre', { tabindex: '0' }, JSON.stringify(user.scimAttributes, null, 2)),
      ),
      h('h3', {}, 'Provisioning history'),
      user.history.length === 0
        ? h('p', { class: 'muted' }, 'No provisioning event yet.')
        : eventsTable(user.history, `Provisioning history of ${name}`, false),
    );
  };

  ctx.api
    .user(id)
    .then(render, (error: unknown) =>
      root.replaceChildren(h('p', {}, h('a', { href: '#/users' }, '← All users')), errorMessage(error)),
    );
  return root;
}

function definitionList(entries: readonly (readonly [string, string | Node | null])[]): HTMLElement {
  return h(
    'dl',
    { class: 'fields' },
    ...entries.flatMap(([term, value]) => [
      h('dt', {}, term),
      h('dd', {}, value === null ? h('span', { class: 'muted' }, '—') : value),
    ]),
  );
}
