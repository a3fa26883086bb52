import { applyDecorators, Controller, UseInterceptors } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { ProvisioningAuthenticated } from '../auth/authenticated.decorator';
import { SCIM_BASE_PATH } from '../config/app-config';
import { SCIM_MEDIA_TYPE } from './scim-content-type';
import { ScimContentTypeInterceptor } from './scim-content-type.interceptor';

/** A controller under the SCIM base path: provisioning-key auth, SCIM media type, one Swagger tag. */
export function ScimController(path: string, tag: string): ClassDecorator {
  return applyDecorators(
    Controller(`${SCIM_BASE_PATH.slice(1)}/${path}`),
    ProvisioningAuthenticated(),
    UseInterceptors(ScimContentTypeInterceptor),
    ApiTags(tag),
    ApiProduces(SCIM_MEDIA_TYPE),
  );
}
