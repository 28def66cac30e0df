/**
 * Issues an admin token for an operator, on a fresh install or whenever one is needed:
 *
 *   npm run token:admin -- --name alice-ops [--days 30]
 *
 * It appends the issuing event to the configured store (same environment variables as the
 * service) and prints the token once, on standard output. Nothing else ever shows it.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FirstAdmin } from '@app/identity';
import { CliModule } from './cli.module.js';

/** Standard output carries the token only; everything else goes to standard error. */
const stderrLogger: LoggerService = {
  log: () => {},
  warn: (message: unknown) => process.stderr.write(`warn: ${String(message)}\n`),
  error: (message: unknown) => process.stderr.write(`error: ${String(message)}\n`),
};

async function main() {
  const { values } = parseArgs({
    options: { name: { type: 'string', default: 'admin' }, days: { type: 'string', default: '30' } },
  });
  const days = Number(values.days);
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(values.name!) || !Number.isInteger(days) || days < 1 || days > 366) {
    console.error('Usage: npm run token:admin -- --name <operator name> [--days 1-366]');
    process.exit(2);
  }
  const app = await NestFactory.createApplicationContext(CliModule, { logger: stderrLogger });
  try {
    const issued = await app.get(FirstAdmin).issue(`operator:${values.name}`, days);
    console.error(`Admin token ${issued.tokenId} for operator:${values.name}, valid ${days} days:`);
    console.log(issued.token);
  } finally {
    await app.close();
  }
}

void main();
