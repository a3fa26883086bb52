import { applyDecorators, Controller } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { ProvisioningAuthenticated } from '../auth/authenticated.decorator';
import { SCIM_BASE_PATH } from '../config/app-config';
import { SCIM_MEDIA_TYPE } from './scim-content-type';

/**
 * A controller under the SCIM base path: provisioning-key auth and one Swagger tag. Responses
 * get the SCIM media type from a hook in configureApp, errors and unknown routes included.
 */
export function ScimController(path: string, tag: string): ClassDecorator {
  return applyDecorators(
    Controller(`${SCIM_BASE_PATH.slice(1)}/${path}`),
    ProvisioningAuthenticated(),
    ApiTags(tag),
    ApiProduces(SCIM_MEDIA_TYPE),
  );
}
