/**
 * Issues an admin token for an operator, on a fresh install or whenever one is needed, or a
 * viewer token for a wall display:
 *
 *   TOKEN=$(npm run -s token:admin -- --name alice-ops [--days 30])
 *   TOKEN=$(npm run -s token:admin -- --name lobby-wall --viewer)
 *
 * It appends the issuing event to the configured store (same environment variables as the
 * service) and prints the token once, on standard output. Nothing else ever shows it, and
 * nothing else is written to standard output, so the command can be captured as it is.
 */
import '../supported-node.js';
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { LoggerService } from '@nestjs/common';

const USAGE = `Usage: npm run -s token:admin -- --name <name> [--days 1-366] [--viewer]

Issues an API token and prints it, and only it, on standard output:
  --name <name>   the operator (admin token, subject operator:<name>), or with --viewer the
                  display (viewer token, subject display:<name>); 1-64 letters, digits, . _ -
  --days <n>      days until it expires, 1-366 (default 30)
  --viewer        a read-only viewer token for a wall display, with no person behind it
  -h, --help      this text

Example:
  TOKEN=$(npm run -s token:admin -- --name alice-ops)
  curl -s localhost:3000/graphql -H 'content-type: application/json' \\
    -H "authorization: Bearer $TOKEN" -d '{"query":"{ me { actor role } }"}'
`;

/** Standard output carries the token only; everything else goes to standard error. */
const stderrLogger: LoggerService = {
  log: () => {},
  warn: (message: unknown) => process.stderr.write(`warn: ${String(message)}\n`),
  error: (message: unknown) => process.stderr.write(`error: ${String(message)}\n`),
};

interface Request {
  name: string;
  days: number;
  viewer: boolean;
}

/** The request, or the message explaining why the arguments are refused. */
function parseRequest(args: string[]): Request | 'help' | { refused: string } {
  let values: { name?: string; days?: string; viewer?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        days: { type: 'string', default: '30' },
        viewer: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return { refused: (error as Error).message };
  }
  if (values.help) return 'help';
  if (values.name === undefined) return { refused: '--name is required' };
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(values.name)) {
    return { refused: '--name must be 1-64 letters, digits, dots, dashes or underscores' };
  }
  const days = Number(values.days);
  if (!/^\d+$/.test(values.days!) || days < 1 || days > 366) return { refused: '--days must be a whole number, 1-366' };
  return { name: values.name, days, viewer: values.viewer! };
}

async function main(): Promise<number> {
  const request = parseRequest(process.argv.slice(2));
  if (request === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if ('refused' in request) {
    process.stderr.write(`error: ${request.refused}\n\n${USAGE}`);
    return 2;
  }
  // Loaded only now, so that --help and refused arguments answer without starting Nest.
  const [{ NestFactory }, { FirstAdmin }, { CliModule }] = await Promise.all([
    import('@nestjs/core'),
    import('@app/identity'),
    import('./cli.module.js'),
  ]);
  const app = await NestFactory.createApplicationContext(CliModule, { logger: stderrLogger });
  try {
    const firstAdmin = app.get(FirstAdmin);
    const issued = request.viewer
      ? await firstAdmin.issueDisplay(request.name, request.days)
      : await firstAdmin.issue(`operator:${request.name}`, request.days);
    const what = request.viewer
      ? `Viewer token for display:${request.name}`
      : `Admin token for operator:${request.name}`;
    process.stderr.write(`${what} (id ${issued.tokenId}), valid ${request.days} days:\n`);
    process.stdout.write(`${issued.token}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
