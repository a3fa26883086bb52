import type { AdminUserPage, AdminUserSummary } from '../../../src/admin/admin-views';
import { actorCell, errorMessage, loading, pager, statusBadge } from '../components';
import { field, h, select } from '../dom';
import { formatInstant } from '../format';
import type { ViewContext } from '../view-context';
import { userForm } from './user-form';

const PAGE_SIZE = 25;

/** Admin > Users: search, filters, sort, paging, and the Created By / Updated By provenance. */
export function usersView(ctx: ViewContext): HTMLElement {
  const state = { search: '', status: '', source: '', sort: 'createdAt:desc', page: 1 };

  const search = h('input', { type: 'search', id: 'users-search', name: 'search', autocomplete: 'off' });
  const status = select('users-status', [
    ['', 'All'],
    ['active', 'Active'],
    ['suspended', 'Suspended'],
  ]);
  const source = select('users-source', [
    ['', 'All'],
    ['provisioned', 'Provisioned by Entra'],
    ['manual', 'Added by hand'],
    ['deprovisioned', 'Deprovisioned'],
  ]);
  const sort = select(
    'users-sort',
    [
      ['createdAt:desc', 'Newest first'],
      ['createdAt:asc', 'Oldest first'],
      ['updatedAt:desc', 'Recently updated'],
      ['name:asc', 'Name A–Z'],
      ['name:desc', 'Name Z–A'],
      ['email:asc', 'Email A–Z'],
    ],
    state.sort,
  );
  const results = h('div', { class: 'results', 'aria-live': 'polite', 'aria-busy': 'false' });
  const addDialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'add-user-title' });

  let requestNumber = 0;
  const load = async (): Promise<void> => {
    const current = ++requestNumber;
    results.setAttribute('aria-busy', 'true');
    const [sortKey, order] = state.sort.split(':');
    const query = new URLSearchParams({
      sort: sortKey,
      order,
      page: String(state.page),
      pageSize: String(PAGE_SIZE),
    });
    if (state.search.trim() !== '') query.set('search', state.search.trim());
    if (state.status !== '') query.set('status', state.status);
    if (state.source !== '') query.set('source', state.source);
    try {
      const page = await ctx.api.users(query);
      if (current === requestNumber) results.replaceChildren(...renderPage(page));
    } catch (error) {
      if (current === requestNumber) results.replaceChildren(errorMessage(error));
    } finally {
      if (current === requestNumber) results.setAttribute('aria-busy', 'false');
    }
  };

  const renderPage = (page: AdminUserPage): Node[] => {
    if (page.total === 0) return [h('p', { class: 'empty' }, 'No user matches.')];
    return [
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data-table users-table' },
          h('caption', { class: 'visually-hidden' }, 'Users'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['Name', 'Email', 'Status', 'Created By', 'Updated By', 'Updated'].map((title) =>
                h('th', { scope: 'col' }, title),
              ),
            ),
          ),
          h('tbody', {}, ...page.users.map(userRow)),
        ),
      ),
      pager(page.page, page.pageSize, page.total, 'users', (next) => {
        state.page = next;
        void load();
      }),
    ];
  };

  let debounce: number | undefined;
  search.addEventListener('input', () => {
    window.clearTimeout(debounce);
    debounce = window.setTimeout(() => {
      state.search = search.value;
      state.page = 1;
      void load();
    }, 250);
  });
  for (const [control, key] of [
    [status, 'status'],
    [source, 'source'],
    [sort, 'sort'],
  ] as const) {
    control.addEventListener('change', () => {
      state[key] = control.value;
      state.page = 1;
      void load();
    });
  }

  const openAddDialog = (): void => {
    addDialog.replaceChildren(
      h('h3', { id: 'add-user-title' }, 'Add a user'),
      h(
        'p',
        { class: 'hint' },
        'Their email becomes their SCIM userName: Entra finds this user by it and links it on its next sync.',
      ),
      userForm({
        submitLabel: 'Add user',
        onCancel: () => addDialog.close(),
        onSubmit: async (fields) => {
          const user = await ctx.api.createUser(fields);
          addDialog.close();
          ctx.announce(`Added ${user.firstName} ${user.lastName}.`);
          ctx.navigate(`#/users/${user.id}`);
        },
      }),
    );
    addDialog.showModal();
  };

  results.replaceChildren(loading());
  void load();
  return h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    h(
      'div',
      { class: 'view-header' },
      h('h2', { id: 'view-title', tabindex: '-1' }, 'Users'),
      h('button', { type: 'button', onclick: openAddDialog }, 'Add user'),
    ),
    h(
      'form',
      { class: 'toolbar', role: 'search', onsubmit: (event) => event.preventDefault() },
      field('Search by name or email', search),
      field('Status', status),
      field('Source', source),
      field('Sort', sort),
    ),
    results,
    addDialog,
  );
}

function userRow(user: AdminUserSummary): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-user-id': user.id },
    h(
      'td',
      { 'data-label': 'Name' },
      h('a', { href: `#/users/${user.id}` }, `${user.firstName} ${user.lastName}`),
    ),
    h('td', { 'data-label': 'Email', class: 'email' }, user.email),
    h('td', { 'data-label': 'Status' }, statusBadge(user.status)),
    h('td', { 'data-label': 'Created By', class: 'created-by' }, actorCell(user.createdBy)),
    h('td', { 'data-label': 'Updated By', class: 'updated-by' }, actorCell(user.updatedBy)),
    h(
      'td',
      { 'data-label': 'Updated' },
      h('time', { datetime: user.updatedAt }, formatInstant(user.updatedAt)),
    ),
  );
}
