import type { ApiKeyView, ProvisioningEventPage } from '../../../src/admin/admin-views';
import { errorMessage, loading, pager } from '../components';
import { field, h, select } from '../dom';
import { fromLocalInput } from '../format';
import type { ViewContext } from '../view-context';
import { eventsTable } from './events-table';

const PAGE_SIZE = 50;

/** Admin > Activity: what provisioning did, newest first, errors highlighted. */
export function activityView(ctx: ViewContext): HTMLElement {
  const state = { page: 1 };
  const outcome = select('activity-outcome', [
    ['', 'All'],
    ['failure', 'Errors only'],
    ['success', 'Successes only'],
  ]);
  const key = select('activity-key', [['', 'Any key']]);
  const from = h('input', { id: 'activity-from', type: 'datetime-local' });
  const to = h('input', { id: 'activity-to', type: 'datetime-local' });
  const results = h('div', { class: 'results', 'aria-live': 'polite' }, loading());

  let requestNumber = 0;
  const load = async (): Promise<void> => {
    const current = ++requestNumber;
    const query = new URLSearchParams({ page: String(state.page), pageSize: String(PAGE_SIZE) });
    if (outcome.value !== '') query.set('outcome', outcome.value);
    if (key.value !== '') query.set('keyId', key.value);
    const fromIso = fromLocalInput(from.value);
    const toIso = fromLocalInput(to.value);
    if (fromIso !== undefined) query.set('from', fromIso);
    if (toIso !== undefined) query.set('to', toIso);
    try {
      const page = await ctx.api.events(query);
      if (current === requestNumber) results.replaceChildren(...render(page));
    } catch (error) {
      if (current === requestNumber) results.replaceChildren(errorMessage(error));
    }
  };

  const render = (page: ProvisioningEventPage): Node[] =>
    page.total === 0
      ? [h('p', { class: 'empty' }, 'No provisioning activity matches.')]
      : [
          eventsTable(page.events, 'Provisioning events, newest first'),
          pager(page.page, page.pageSize, page.total, 'events', (next) => {
            state.page = next;
            void load();
          }),
        ];

  for (const control of [outcome, key, from, to]) {
    control.addEventListener('change', () => {
      state.page = 1;
      void load();
    });
  }
  ctx.api.apiKeys().then(
    (keys: ApiKeyView[]) => key.append(...keys.map((entry) => h('option', { value: entry.id }, entry.name))),
    () => undefined,
  );
  void load();

  return h(
    'section',
    { class: 'view', 'aria-labelledby': 'view-title' },
    h(
      'div',
      { class: 'view-header' },
      h('h2', { id: 'view-title', tabindex: '-1' }, 'Activity'),
      h('button', { type: 'button', class: 'secondary', onclick: () => void load() }, 'Refresh'),
    ),
    h(
      'form',
      { class: 'toolbar', onsubmit: (event) => event.preventDefault() },
      field('Result', outcome),
      field('Key', key),
      field('From', from),
      field('To', to),
    ),
    results,
  );
}
