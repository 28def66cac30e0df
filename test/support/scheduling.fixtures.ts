import type { TestApp } from './test-app.js';

export const REGISTER_RESPONDER = `
  mutation Register($input: RegisterResponderInput!) {
    registerResponder(input: $input) { id name handle timeZone onCallRestricted }
  }`;

export const CREATE_ROTATION = `
  mutation Create($input: CreateRotationInput!) {
    createRotation(input: $input) { id name timeZone participants { responder { id } } }
  }`;

export const CURRENT_ON_CALL = `
  query OnCall($at: DateTime, $rotationIds: [ID!]) {
    currentOnCall(at: $at, rotationIds: $rotationIds) {
      rotation { id name }
      at
      onCall {
        responder { id handle }
        start end shiftStart shiftEnd isDri
        reason { kind overrideId swapId actor { id } replaced { handle } swappedWith { handle } skipped { responder { handle } why } }
      }
      dri { responder { handle } }
      shadows { handle }
    }
  }`;

let counter = 0;

export async function registerResponder(
  app: TestApp,
  overrides: Partial<{
    name: string;
    handle: string;
    timeZone: string;
    team: string;
    role: string;
    onCallRestricted: boolean;
    workingHours: Array<{ weekdays?: string[]; start: string; end: string }>;
  }> = {},
): Promise<string> {
  counter += 1;
  const handle = overrides.handle ?? `responder-${counter}`;
  const data = await app.ok<{ registerResponder: { id: string } }>(REGISTER_RESPONDER, {
    input: {
      name: overrides.name ?? handle,
      handle,
      timeZone: overrides.timeZone ?? 'America/New_York',
      team: overrides.team ?? 'support',
      role: overrides.role ?? 'ENGINEER',
      ...(overrides.onCallRestricted !== undefined ? { onCallRestricted: overrides.onCallRestricted } : {}),
      ...(overrides.workingHours ? { workingHours: overrides.workingHours } : {}),
    },
  });
  return data.registerResponder.id;
}

export async function createRotation(app: TestApp, input: Record<string, unknown>): Promise<string> {
  const data = await app.ok<{ createRotation: { id: string } }>(CREATE_ROTATION, {
    input: { team: 'support', timeZone: 'America/New_York', startDate: '2026-01-01', ...input },
  });
  return data.createRotation.id;
}
