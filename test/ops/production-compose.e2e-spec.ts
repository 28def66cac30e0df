import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * docker-compose.yml and the Dockerfile are what an operator runs in production: the properties
 * that keep it running and its tokens valid across rebuilds are checked here (`.ci/run` also has
 * Docker's own `compose config -q` check the file wherever the docker client is present).
 */
// js-yaml ships no types of its own; only `load` is used.
const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  platform?: string;
  restart?: string;
  environment?: Record<string, string | number>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string; interval?: string; retries?: number };
}

const compose = load(read('docker-compose.yml')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const { eventstore, api } = compose.services;
const mountOf = (service: Service, target: string) =>
  service.volumes?.map((v) => v.split(':')).find(([, path]) => path === target)?.[0];

describe('the production docker-compose.yml', () => {
  it('restarts both services unless an operator stopped them, and checks their health', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'eventstore']);
    for (const service of [eventstore, api]) {
      expect(service.restart).toBe('unless-stopped');
      expect(service.healthcheck?.test).toEqual(expect.arrayContaining([expect.stringMatching(/\/health/)]));
    }
    expect(api.depends_on).toEqual({ eventstore: { condition: 'service_healthy' } });
  });

  it('pins the store image to an exact release, with the amd64-only caveat stated', () => {
    expect(eventstore.image).toMatch(/^eventstore\/eventstore:\d+\.\d+\.\d+(-[a-z0-9-]+)?$/);
    expect(eventstore.image).toBe('eventstore/eventstore:24.10.4-jammy');
    expect(eventstore.platform).toBe('linux/amd64');
    expect(read('docker-compose.yml')).toMatch(/amd64 only/);
    expect(read('README.md')).toMatch(/amd64 only/);
  });

  it('keeps the store data and the generated secrets on volumes', () => {
    expect(mountOf(eventstore, '/var/lib/eventstore')).toBe('eventstore-data');
    const dataVolume = mountOf(api, '/data');
    expect(dataVolume).toBe('api-data');
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['eventstore-data', 'api-data']));
    const env = api.environment ?? {};
    expect(env.JWT_SECRET_FILE).toBe('/data/jwt-secret');
    expect(env.NOTIFICATION_SECRET_FILE).toBe('/data/notification-secret');
    expect(env.READ_MODEL_PATH).toBe('/data/read-models.sqlite');
    expect(env.NODE_ENV).toBe('production');
    expect(String(env.EVENTSTORE_CONNECTION_STRING)).toMatch(/^esdb:\/\/eventstore:2113\b/);
    // No secret is written into the file itself.
    expect(env).not.toHaveProperty('JWT_SECRET');
    expect(env).not.toHaveProperty('NOTIFICATION_SECRET');
  });
});

describe('the API image', () => {
  const dockerfile = read('Dockerfile');

  it('runs as an unprivileged user that owns the data volume', () => {
    expect(dockerfile).toMatch(/^RUN mkdir -p \/data && chown node:node \/data$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('builds and runs on a Node LTS line the engines field allows', () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines;
    expect(engines.node).toBe('>=22.12');
    const images = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((match) => Number(match[1]));
    expect(images).toHaveLength(2);
    for (const major of images) expect([22, 24]).toContain(major);
  });

  it('has the token command the README gives (`docker compose exec api npm run -s token:admin`)', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['token:admin']).toBe(
      'node scripts/build-if-changed.mjs && node dist/apps/api/src/cli/issue-admin-token.js',
    );
    expect(dockerfile).toMatch(/^COPY scripts \.\/scripts$/m);
    expect(existsSync(join(root, 'apps/api/src/cli/issue-admin-token.ts'))).toBe(true);
    expect(dockerfile).toMatch(/^COPY package\.json \.\/$/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(read('README.md')).toContain('docker compose exec api npm run -s token:admin -- --name');
  });
});
