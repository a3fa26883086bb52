import type { PlatformInfo } from '../../../src/admin/admin-views';
import { copyButton, errorMessage, loading } from '../components';
import { h } from '../dom';
import { formatInstant } from '../format';
import type { ViewContext } from '../view-context';

/** Admin > Platform Info: the CLIENT_ID and tenant URL Entra needs, and the steps of the setup guide. */
export function platformView(ctx: ViewContext): HTMLElement {
  const root = h('section', { class: 'view', 'aria-labelledby': 'view-title' }, loading());
  ctx.api.platform().then(
    (info) => root.replaceChildren(...render(info, ctx)),
    (error: unknown) => root.replaceChildren(errorMessage(error)),
  );
  return root;
}

function render(info: PlatformInfo, ctx: ViewContext): Node[] {
  const tenantUrl = h('input', {
    id: 'tenant-url',
    class: 'copyable',
    type: 'text',
    readonly: true,
    value: info.tenantUrl,
    'aria-label': 'Tenant URL',
  });
  return [
    h('h2', { id: 'view-title', tabindex: '-1' }, 'Platform Info'),
    h(
      'dl',
      { class: 'fields' },
      h('dt', {}, 'CLIENT_ID'),
      h('dd', {}, h('code', { id: 'client-id' }, info.clientId)),
      h('dt', {}, 'Tenant URL'),
      h(
        'dd',
        { class: 'copy-row' },
        tenantUrl,
        copyButton('Tenant URL', () => info.tenantUrl, tenantUrl, ctx.announce),
      ),
      h('dt', {}, 'API documentation'),
      h('dd', {}, h('a', { href: info.docsUrl, target: '_blank', rel: 'noopener' }, info.docsUrl)),
      h('dt', {}, 'Users'),
      h(
        'dd',
        {},
        `${info.counts.users} in total: ${info.counts.provisioned} provisioned by Entra, ` +
          `${info.counts.suspended} suspended, ${info.counts.deprovisioned} deprovisioned`,
      ),
      h('dt', {}, 'Last provisioning request'),
      h(
        'dd',
        {},
        info.lastProvisioningRequestAt === null ? 'None yet' : formatInstant(info.lastProvisioningRequestAt),
      ),
    ),
    h('h3', { id: 'connect-entra' }, 'Connect Microsoft Entra ID'),
    h(
      'ol',
      { class: 'steps', 'aria-labelledby': 'connect-entra' },
      h(
        'li',
        {},
        'In the Microsoft Entra admin center, open Identity › Applications › Enterprise applications › New application › ',
        h('em', {}, 'Create your own application'),
        ' and choose “Integrate any other application you don’t find in the gallery (Non-gallery)”.',
      ),
      h(
        'li',
        {},
        'In the application’s Provisioning tab, set Provisioning Mode to Automatic. Under Admin Credentials paste the ',
        h('strong', {}, 'Tenant URL'),
        ' above and a provisioning key from the ',
        h('a', { href: '#/keys' }, 'Provisioning keys'),
        ' tab as Secret Token, then click Test Connection and Save.',
      ),
      h(
        'li',
        {},
        'In Mappings › Provision Microsoft Entra ID Users, set the source attribute of ',
        h('code', {}, 'userName'),
        ' and of ',
        h('code', {}, 'emails[type eq "work"].value'),
        ' to userPrincipalName. In Show advanced options › Edit attribute list, mark ',
        h('code', {}, 'emails[type eq "work"].value'),
        ', ',
        h('code', {}, 'userName'),
        ', ',
        h('code', {}, 'name.givenName'),
        ', ',
        h('code', {}, 'name.familyName'),
        ' and ',
        h('code', {}, 'externalId'),
        ' as required, then Save.',
      ),
      h(
        'li',
        {},
        'In Settings, set Provisioning Status to On and the scope to “Sync only assigned users and groups”, then Save. ',
        'Try Provision on demand with a test user, then Start provisioning.',
      ),
      h(
        'li',
        {},
        'Provisioned users appear in the ',
        h('a', { href: '#/users' }, 'Users'),
        ' tab with the provisioning icon in the Created By and Updated By columns; the ',
        h('a', { href: '#/activity' }, 'Activity'),
        ' tab lists every change Entra made and every request it failed, errors highlighted.',
      ),
    ),
  ];
}
