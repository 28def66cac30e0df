import { DiscoveryService } from '@nestjs/core';

/** Marks a provider implementing Projection; the ProjectionRunner finds and runs every one. */
export const ReadModelProjection = DiscoveryService.createDecorator<void>();
