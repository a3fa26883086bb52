import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { TransactionRunner } from '../database/transaction-runner';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeysService } from './api-keys.service';

const USAGE = `Usage: npm run apikey -- <command>
  create --name <name>   create a provisioning key and print its secret once
  list                   list keys (name, prefix, created, last used, revoked)
  revoke --name <name>   revoke a key: it is refused at once`;

/** Manages provisioning keys against the database DATABASE_URL names, outside the running service. */
async function main(args: string[]): Promise<number> {
  const [command] = args;
  const name = valueOf(args, '--name');
  if (command === undefined || (command !== 'list' && name === undefined)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const dataSource = await new DataSource({
    ...dataSourceOptions(loadConfig().database),
    migrationsRun: true,
  }).initialize();
  try {
    const keys = new ApiKeysService(
      dataSource.getRepository(ApiKeyEntity),
      new TransactionRunner(dataSource),
    );
    return await run(keys, command, name ?? '');
  } finally {
    await dataSource.destroy();
  }
}

async function run(keys: ApiKeysService, command: string, name: string): Promise<number> {
  switch (command) {
    case 'create': {
      const { secret } = await keys.create(name);
      process.stdout.write(`Created provisioning key "${name}". Secret (shown once): ${secret}\n`);
      return 0;
    }
    case 'list':
      for (const key of await keys.list()) {
        const state = key.revokedAt
          ? `revoked ${key.revokedAt.toISOString()}`
          : key.expiresAt
            ? `expires ${key.expiresAt.toISOString()}`
            : 'active';
        const used = key.lastUsedAt ? key.lastUsedAt.toISOString() : 'never';
        process.stdout.write(
          `${key.name}\t${key.prefix}…\tcreated ${key.createdAt.toISOString()}\tlast used ${used}\t${state}\n`,
        );
      }
      return 0;
    case 'revoke':
      if (await keys.revoke(name)) {
        process.stdout.write(`Revoked "${name}".\n`);
        return 0;
      }
      process.stderr.write(`No active key named "${name}".\n`);
      return 1;
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

function valueOf(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
