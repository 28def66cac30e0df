import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import { AppModule } from './app.module.js';
import { configureApp } from './configure-app.js';

async function bootstrap() {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  configureApp(app);
  const port = app.get(ConfigService).get<number>('PORT') ?? 3000;
  await app.listen(port);
  console.log(
    `GraphQL API on http://localhost:${port}/graphql (health: /health/live, /health/ready; metrics: /metrics)`,
  );
}

/** Settles once the service listens: main.ts waits for it before it saves the bundle's code cache. */
export const started = bootstrap();
