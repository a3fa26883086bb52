import { AdminApi } from './api';
import { h } from './dom';
import type { ViewContext } from './view-context';
import { activityView } from './views/activity-view';
import { apiKeysView } from './views/api-keys-view';
import { platformView } from './views/platform-view';
import { signInView } from './views/sign-in-view';
import { userProfileView } from './views/user-profile-view';
import { usersView } from './views/users-view';

type TabId = 'users' | 'platform' | 'keys' | 'activity';

const TABS: readonly (readonly [TabId, string])[] = [
  ['users', 'Users'],
  ['platform', 'Platform Info'],
  ['keys', 'Provisioning keys'],
  ['activity', 'Activity'],
];

type Route = { readonly tab: TabId; readonly userId?: string };

/** `#/users`, `#/users/<id>`, `#/platform`, `#/keys`, `#/activity`; anything else is Users. */
function parseRoute(hash: string): Route {
  const [tab, id] = hash.replace(/^#\/?/, '').split('/');
  if (tab === 'users' && id) return { tab: 'users', userId: decodeURIComponent(id) };
  return { tab: TABS.some(([known]) => known === tab) ? (tab as TabId) : 'users' };
}

const app = document.getElementById('app') as HTMLElement;

function start(): void {
  const key = AdminApi.storedKey();
  if (key === null) showSignIn();
  else showShell(new AdminApi(key, signOut));
}

function showSignIn(): void {
  app.replaceChildren(signInView((key) => showShell(new AdminApi(key, signOut))));
}

function signOut(): void {
  AdminApi.forgetKey();
  window.removeEventListener('hashchange', onHashChange);
  showSignIn();
}

let onHashChange: () => void = () => undefined;

function showShell(api: AdminApi): void {
  const status = h('div', { class: 'announcer', role: 'status', 'aria-live': 'polite' });
  let clearStatus: number | undefined;
  const ctx: ViewContext = {
    api,
    navigate: (hash) => {
      if (location.hash === hash) render();
      else location.hash = hash;
    },
    announce: (message) => {
      status.textContent = message;
      window.clearTimeout(clearStatus);
      clearStatus = window.setTimeout(() => (status.textContent = ''), 6000);
    },
  };

  const tabs = TABS.map(([id, label]) =>
    h(
      'a',
      {
        id: `tab-${id}`,
        href: `#/${id}`,
        role: 'tab',
        'aria-controls': 'panel',
        'aria-selected': 'false',
        tabindex: '-1',
      },
      label,
    ),
  );
  const tabList = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Admin sections' }, ...tabs);
  // WAI-ARIA tabs: arrow keys move between tabs, Home/End jump to the ends.
  tabList.addEventListener('keydown', (event) => {
    const index = tabs.findIndex((tab) => tab === document.activeElement);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = tabs[(next + tabs.length) % tabs.length];
    target.focus();
    target.click();
  });
  const panel = h('div', { id: 'panel', role: 'tabpanel', tabindex: '-1' });

  const render = (): void => {
    const route = parseRoute(location.hash);
    for (const [index, [id]] of TABS.entries()) {
      const selected = id === route.tab;
      tabs[index].setAttribute('aria-selected', String(selected));
      tabs[index].setAttribute('tabindex', selected ? '0' : '-1');
    }
    panel.setAttribute('aria-labelledby', `tab-${route.tab}`);
    panel.replaceChildren(view(route, ctx));
    document.title = `${TABS.find(([id]) => id === route.tab)?.[1] ?? 'Admin'} · Bloomflow Admin`;
  };

  window.removeEventListener('hashchange', onHashChange);
  onHashChange = () => {
    // Moving between tabs keeps focus on the tab list (WAI-ARIA tabs); a link elsewhere
    // (a user's name, "All users") moves it to the new content.
    const fromTabs = tabs.some((tab) => tab === document.activeElement);
    render();
    if (!fromTabs) panel.focus({ preventScroll: true });
  };
  window.addEventListener('hashchange', onHashChange);

  app.replaceChildren(
    h(
      'a',
      {
        class: 'skip-link',
        href: '#panel',
        onclick: (event) => {
          event.preventDefault();
          panel.focus();
        },
      },
      'Skip to content',
    ),
    h(
      'header',
      { class: 'topbar' },
      h('h1', {}, 'Bloomflow Admin'),
      h('button', { type: 'button', class: 'secondary sign-out', onclick: signOut }, 'Sign out'),
    ),
    h('nav', { class: 'tabs-nav', 'aria-label': 'Sections' }, tabList),
    h('main', { id: 'main' }, panel),
    status,
  );
  render();
}

function view(route: Route, ctx: ViewContext): HTMLElement {
  switch (route.tab) {
    case 'users':
      return route.userId === undefined ? usersView(ctx) : userProfileView(ctx, route.userId);
    case 'platform':
      return platformView(ctx);
    case 'keys':
      return apiKeysView(ctx);
    case 'activity':
      return activityView(ctx);
  }
}

start();
