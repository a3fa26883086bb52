import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * class-validator on the admin routes only (SCIM bodies follow RFC 7643 schemas instead):
 * unknown properties are refused, query strings are converted to the DTOs' types, and a 400
 * names every invalid field in one sentence.
 */
export function adminValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const details = errors.flatMap((error) => messagesOf(error));
      return new BadRequestException({ message: `Invalid request: ${details.join('; ')}.`, details });
    },
  });
}

function messagesOf(error: ValidationError, parent = ''): string[] {
  const path = parent === '' ? error.property : `${parent}.${error.property}`;
  const own = Object.values(error.constraints ?? {}).map((message) =>
    message.startsWith(`${error.property} `) ? `${path}${message.slice(error.property.length)}` : message,
  );
  return [...own, ...(error.children ?? []).flatMap((child) => messagesOf(child, path))];
}
