import type { ActorView, ApiKeyStatus, UserStatus } from '../../src/admin/admin-views';
import { ApiError } from './api';
import { h, svg } from './dom';

/** The provisioning icon of the setup guide: two arrows in a cycle, with the key named. */
export function provisioningIcon(keyName: string): SVGElement {
  return svg(
    'svg',
    {
      class: 'provisioning-icon',
      viewBox: '0 0 24 24',
      width: 18,
      height: 18,
      role: 'img',
      'aria-label': `Provisioning key ${keyName}`,
      focusable: 'false',
    },
    svg('title', {}, `Provisioning key “${keyName}”`),
    svg('path', {
      d: 'M4 12a8 8 0 0 1 13.7-5.6L20 4v6h-6l2.3-2.3A6 6 0 0 0 6 12H4zm16 0a8 8 0 0 1-13.7 5.6L4 20v-6h6l-2.3 2.3A6 6 0 0 0 18 12h2z',
      fill: 'currentColor',
    }),
  );
}

/** A Created By / Updated By cell: provisioned entries carry the icon and a tooltip naming the key. */
export function actorCell(actor: ActorView): HTMLElement {
  if (actor.type === 'provisioning') {
    return h(
      'span',
      { class: 'actor actor-provisioning', title: `Provisioned through the key “${actor.label}”` },
      provisioningIcon(actor.label),
      h('span', { class: 'actor-label' }, actor.label),
    );
  }
  return h('span', { class: 'actor actor-admin', title: 'Changed in the admin panel' }, 'Admin');
}

const STATUS_TEXT: Readonly<Record<UserStatus | ApiKeyStatus, string>> = {
  active: 'Active',
  suspended: 'Suspended',
  deprovisioned: 'Deprovisioned',
  expiring: 'Expiring',
  expired: 'Expired',
  revoked: 'Revoked',
};

export function statusBadge(status: UserStatus | ApiKeyStatus): HTMLElement {
  return h('span', { class: `badge badge-${status}` }, STATUS_TEXT[status]);
}

/** An error shown where the action was, read out at once. */
export function errorMessage(error: unknown): HTMLElement {
  const message =
    error instanceof ApiError ? error.message : 'Something went wrong; check the connection and retry.';
  return h('p', { class: 'error', role: 'alert' }, message);
}

export function loading(): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, 'Loading…');
}

/** Previous / next with "21–40 of 95". */
export function pager(
  page: number,
  pageSize: number,
  total: number,
  noun: string,
  go: (page: number) => void,
): HTMLElement {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return h(
    'nav',
    { class: 'pager', 'aria-label': `${noun} pages` },
    h('button', { type: 'button', disabled: page <= 1, onclick: () => go(page - 1) }, 'Previous'),
    h('span', { class: 'pager-summary' }, `${first}–${last} of ${total} ${noun}`),
    h('button', { type: 'button', disabled: last >= total, onclick: () => go(page + 1) }, 'Next'),
  );
}

/** Copies text, falling back to selecting it where the Clipboard API is unavailable. */
export async function copyText(text: string, fallback: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (or no secure context): leave the text selected for Ctrl+C.
    fallback?.focus();
    fallback?.select();
    return false;
  }
}

/** A "Copy" button beside the field holding `text`; its accessible name says what it copies. */
export function copyButton(
  label: string,
  text: () => string,
  input: HTMLInputElement | null,
  announce: (message: string) => void,
): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'aria-label': `Copy ${label}`,
      onclick: () => {
        void copyText(text(), input).then((copied) =>
          announce(copied ? `${label} copied to the clipboard.` : `${label} selected: press Ctrl+C to copy.`),
        );
      },
    },
    'Copy',
  );
}
