/**
 * The benches' baseline: a bare Apollo Server 5 on express 5 (the same packages the service runs
 * on, through @as-integrations/express5 as Nest's Apollo driver mounts them), with a one-field
 * schema and nothing else: no authentication, no logging, no limits. `{ __typename }` here costs
 * the HTTP and GraphQL layers alone. Run as its own process so its CPU time can be read apart:
 *
 *   PORT=0 node dist/bench/baseline-server.js     (prints "listening on <port>")
 */
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { AddressInfo } from 'node:net';

async function main() {
  const server = new ApolloServer({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'world' } },
  });
  await server.start();
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => void res.json({ status: 'ok' }));
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(server));
  const listener = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    console.log(`listening on ${(listener.address() as AddressInfo).port}`);
  });
  const stop = () => listener.close(() => void server.stop().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
