import { SetMetadata } from '@nestjs/common';

export const AUTH_METADATA = 'rumbo:auth';

/** What a route requires of its caller. Every route declares one (a test enforces it). */
export type AuthRequirement = { kind: 'public' };

/** The route answers anyone: health probes, metrics, the contract itself. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(AUTH_METADATA, { kind: 'public' } satisfies AuthRequirement);
