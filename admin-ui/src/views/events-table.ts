import type { AttributeChangeView, ProvisioningEventView } from '../../../src/admin/admin-views';
import { provisioningIcon } from '../components';
import { h } from '../dom';
import { formatInstant } from '../format';

const OPERATION_TEXT: Readonly<Record<string, string>> = {
  create: 'Create',
  update: 'Update',
  suspend: 'Suspend',
  restore: 'Restore',
  deprovision: 'Deprovision',
  revive: 'Revive',
  erase: 'Erase',
  read: 'Read',
  other: 'Request',
};

/** Provisioning events, newest first; failures are highlighted in colour and in words. */
export function eventsTable(
  events: readonly ProvisioningEventView[],
  caption: string,
  showResource = true,
): HTMLElement {
  const headings = ['When', 'By', 'Operation', ...(showResource ? ['User'] : []), 'Result', 'Details'];
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data-table events-table' },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, ...headings.map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, ...events.map((event) => eventRow(event, showResource))),
    ),
  );
}

function eventRow(event: ProvisioningEventView, showResource: boolean): HTMLTableRowElement {
  const failed = event.outcome === 'failure';
  return h(
    'tr',
    { class: failed ? 'event-failure' : 'event-success', 'data-event-id': event.id },
    h(
      'td',
      { 'data-label': 'When' },
      h('time', { datetime: event.occurredAt }, formatInstant(event.occurredAt)),
    ),
    h('td', { 'data-label': 'By' }, actorOf(event)),
    h('td', { 'data-label': 'Operation' }, OPERATION_TEXT[event.operation] ?? event.operation),
    showResource ? h('td', { 'data-label': 'User' }, resourceOf(event)) : null,
    h(
      'td',
      { 'data-label': 'Result' },
      h(
        'span',
        { class: `badge ${failed ? 'badge-failure' : 'badge-success'}` },
        `${failed ? 'Error' : 'OK'} ${event.status}`,
      ),
    ),
    h('td', { 'data-label': 'Details', class: 'details' }, detailsOf(event)),
  );
}

function actorOf(event: ProvisioningEventView): Node {
  if (event.actor === null) return h('span', { class: 'muted' }, 'No valid key');
  if (event.actor.type === 'admin') return h('span', {}, 'Admin');
  return h(
    'span',
    { class: 'actor actor-provisioning', title: `Provisioning key “${event.actor.label}”` },
    provisioningIcon(event.actor.label),
    h('span', {}, event.actor.label),
  );
}

function resourceOf(event: ProvisioningEventView): Node {
  if (event.resourceId === null) return h('span', { class: 'muted' }, '—');
  const text = event.resourceLabel ?? `${event.resourceType ?? 'Resource'} ${event.resourceId.slice(0, 8)}…`;
  return event.resourceType === 'User' && event.operation !== 'erase'
    ? h('a', { href: `#/users/${event.resourceId}` }, text)
    : h('span', {}, text);
}

function detailsOf(event: ProvisioningEventView): Node {
  if (event.error !== null) {
    return h(
      'span',
      {},
      event.error.scimType === null ? null : h('code', {}, event.error.scimType),
      event.error.scimType === null ? null : ' ',
      event.error.detail,
      event.request === null
        ? null
        : h('span', { class: 'muted' }, ` (${event.request.method} ${event.request.path})`),
    );
  }
  if (event.changes.length === 0) return h('span', { class: 'muted' }, '—');
  return h('ul', { class: 'changes' }, ...event.changes.map((change) => h('li', {}, changeText(change))));
}

function changeText(change: AttributeChangeView): string {
  if (!('before' in change) && !('after' in change)) return `${change.attribute} changed`;
  return `${change.attribute}: ${valueText(change.before)} → ${valueText(change.after)}`;
}

function valueText(value: string | boolean | null | undefined): string {
  return value === null || value === undefined ? '∅' : String(value);
}
