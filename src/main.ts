import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ADMIN_PAGE_PATH } from './admin/admin-page';
import { AppModule } from './app.module';
import { InitialApiKey } from './auth/initial-api-key';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { configureApp, createFastifyAdapter, DOCS_PATH } from './configure-app';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forConfig(config),
    createFastifyAdapter(config),
    { bufferLogs: true },
  );
  await configureApp(app, config);
  const newKey = await app.get(InitialApiKey).ensure(config);
  await app.listen({ port: config.port, host: config.host });
  printBanner(config, newKey);
}

function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** Written to stdout, not the log: the one time a new key's secret is shown. */
function printBanner(config: AppConfig, newKey: string | undefined): void {
  const lines = [
    '',
    `Bloomflow SCIM service listening on ${config.host}:${config.port}`,
    `  Tenant URL:  ${config.tenantUrl}`,
    `  Swagger UI:  ${config.publicUrl}/${DOCS_PATH}`,
  ];
  if (config.adminApiKey !== undefined)
    lines.push(`  Admin panel: ${config.publicUrl}${ADMIN_PAGE_PATH}/ (sign in with ADMIN_API_KEY)`);
  if (newKey !== undefined) {
    lines.push(
      `  Provisioning API key (shown once, store it now): ${newKey}`,
      '  Entra: Enterprise app > Provisioning > Admin Credentials: paste the Tenant URL and this key as Secret Token, then Test Connection.',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

void bootstrap();
