import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ProvisioningEventsService } from '../audit/provisioning-events.service';
import { AdminController } from './admin-controller.decorator';
import type { ProvisioningEventPage } from './admin-views';
import { ListProvisioningEventsQuery } from './dto/list-provisioning-events.query';
import { toProvisioningEventView } from './provisioning-event-view';

const DEFAULT_PAGE_SIZE = 50;

/** Admin > Activity: what provisioning did, and why it failed. */
@AdminController('provisioning-events')
export class ProvisioningEventsController {
  constructor(private readonly events: ProvisioningEventsService) {}

  @Get()
  @ApiOperation({
    summary: 'Provisioning events, newest first, filtered by resource, key, outcome/status and time',
  })
  async list(@Query() query: ListProvisioningEventsQuery): Promise<ProvisioningEventPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const result = await this.events.page({
      resourceType: query.resourceType,
      resourceId: query.resourceId,
      actorId: query.keyId,
      outcome: query.outcome,
      status: query.status,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { total: result.total, page, pageSize, events: result.events.map(toProvisioningEventView) };
  }
}
