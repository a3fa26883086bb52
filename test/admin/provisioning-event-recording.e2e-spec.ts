import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { FailedRequestRecorder } from '../../src/audit/failed-request-recorder';
import { ProvisioningEventEntity } from '../../src/audit/provisioning-event.entity';
import { createUser, entraUser, usersFilterUrl } from '../support/scim-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

/** Every SCIM write leaves one event, written with the change; failures leave one too. */
describe('provisioning events recorded by SCIM writes (e2e)', () => {
  let t: TestApp;
  let events: Repository<ProvisioningEventEntity>;

  beforeAll(async () => {
    t = await createTestApp();
    events = t.app.get<Repository<ProvisioningEventEntity>>(getRepositoryToken(ProvisioningEventEntity));
  });
  afterAll(() => t.close());

  const eventsOf = (resourceId: string) => events.find({ where: { resourceId }, order: { id: 'ASC' } });

  it('should record create, update, suspend, restore and deprovision with masked diffs and the key', async () => {
    const user = await createUser(t, entraUser({ name: { givenName: 'Jonathan', familyName: 'Doe' } }));
    const patch = (operations: unknown[]) =>
      t.scim({
        method: 'PATCH',
        url: `Users/${user.id}`,
        body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: operations },
      });
    expect((await patch([{ op: 'Replace', path: 'title', value: 'Engineer' }])).status).toBe(200);
    expect((await patch([{ op: 'Replace', path: 'active', value: 'False' }])).status).toBe(200);
    expect((await patch([{ op: 'Replace', path: 'active', value: 'True' }])).status).toBe(200);
    expect((await t.scim({ method: 'DELETE', url: `Users/${user.id}` })).status).toBe(204);

    const recorded = await eventsOf(user.id);
    expect(recorded.map((event) => [event.operation, event.status, event.outcome])).toEqual([
      ['create', 201, 'success'],
      ['update', 200, 'success'],
      ['suspend', 200, 'success'],
      ['restore', 200, 'success'],
      ['deprovision', 204, 'success'],
    ]);
    expect(
      recorded.every((event) => event.actorType === 'provisioning' && event.actorLabel === 'configured'),
    ).toBe(true);
    expect(JSON.parse(recorded[0].changes)).toEqual(
      expect.arrayContaining([
        { attribute: 'firstName', before: null, after: 'Jo***' },
        { attribute: 'email', before: null, after: expect.stringMatching(/^T\*\*\*@t\*\*\*\.com$/) },
      ]),
    );
    expect(JSON.parse(recorded[1].changes)).toEqual([{ attribute: 'job', before: 'Pr***', after: 'En***' }]);
    expect(JSON.parse(recorded[2].changes)).toEqual([{ attribute: 'suspended', before: false, after: true }]);
    expect(recorded[0].changes).not.toContain('Jonathan');
  });

  it('should record nothing for a write that changes nothing', async () => {
    const user = await createUser(t);
    const body = { ...user };
    expect((await t.scim({ method: 'PUT', url: `Users/${user.id}`, body })).status).toBe(200);
    expect((await eventsOf(user.id)).map((event) => event.operation)).toEqual(['create']);
  });

  it('should record a conflicting POST as a failed request, and the winner alone as a create', async () => {
    const body = entraUser();
    await createUser(t, body);
    const conflict = await t.scim({ method: 'POST', url: 'Users', body: { ...body, externalId: 'other' } });
    expect(conflict.status).toBe(409);
    await t.app.get(FailedRequestRecorder).settled();
    const [failure] = await events.find({
      where: { outcome: 'failure', status: 409 },
      order: { id: 'DESC' },
    });
    expect(failure).toMatchObject({
      operation: 'create',
      resourceType: 'User',
      resourceId: null,
      actorLabel: 'configured',
      errorType: 'uniqueness',
      requestMethod: 'POST',
      requestPath: '/api/public/scim/Users',
    });
  });

  it('should record an unauthenticated request without an actor, and no query string', async () => {
    const response = await t.scim({
      method: 'GET',
      url: usersFilterUrl('userName eq "someone@contoso.com"'),
      key: 'bfk_wrong-key',
    });
    expect(response.status).toBe(401);
    await t.app.get(FailedRequestRecorder).settled();
    const [failure] = await events.find({ where: { status: 401 }, order: { id: 'DESC' } });
    expect(failure).toMatchObject({ actorType: null, actorId: null, operation: 'read' });
    expect(failure.requestPath).toBe('/api/public/scim/Users');
  });
});
