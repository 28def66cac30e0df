import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { contactMethodDecider, type ContactMethodCommand } from './contact-method.decider.js';
import type { ContactMethodEvent } from './contact-method.events.js';

const spec = deciderSpecification(contactMethodDecider);
const T0 = '2026-07-15T10:00:00.000Z';
const hashCode = (verificationId: string, code: string) => `h(${verificationId}:${code})`;
const contactMethodId = 'cm1';

const added: ContactMethodEvent = {
  type: 'ContactMethodAdded',
  data: { contactMethodId, responderId: 'ana', kind: 'EMAIL', address: 'ana@example.com', at: T0, by: 'ana' },
};
const issued = (verificationId = 'v1'): ContactMethodEvent => ({
  type: 'ContactMethodVerificationIssued',
  data: {
    contactMethodId,
    verificationId,
    codeHash: hashCode(verificationId, '123456'),
    expiresAt: '2026-07-16T10:00:00.000Z',
    at: T0,
  },
});
const failed = (attempt: number): ContactMethodEvent => ({
  type: 'ContactMethodVerificationFailed',
  data: { contactMethodId, verificationId: 'v1', attempt, at: T0 },
});
const verify = (code: string, at = '2026-07-15T10:05:00.000Z'): ContactMethodCommand => ({
  type: 'VerifyWithCode',
  contactMethodId,
  code,
  hashCode,
  at,
  by: 'ana',
});

describe('contact method decider', () => {
  it('adds an unverified method with its first code', () => {
    const verification = {
      verificationId: 'v1',
      codeHash: hashCode('v1', '123456'),
      expiresAt: '2026-07-16T10:00:00.000Z',
    };
    spec
      .given([])
      .when({ type: 'AddContactMethod', ...added.data, verification } as ContactMethodCommand)
      .then([added, issued()]);
    spec
      .given([added])
      .when({ type: 'AddContactMethod', ...added.data, verification } as ContactMethodCommand)
      .thenThrows(ConflictError);
  });

  it('verifies with the right code, once', () => {
    spec
      .given([added, issued()])
      .when(verify('123456'))
      .then([
        {
          type: 'ContactMethodVerified',
          data: { contactMethodId, via: 'CODE', at: '2026-07-15T10:05:00.000Z', by: 'ana' },
        },
      ]);
    spec
      .given([
        added,
        issued(),
        { type: 'ContactMethodVerified', data: { contactMethodId, via: 'CODE', at: T0, by: 'ana' } },
      ])
      .when(verify('123456'))
      .then([]);
  });

  it('records a wrong code as a failed attempt (the handler then answers BAD_USER_INPUT)', () => {
    spec
      .given([added, issued(), failed(1)])
      .when(verify('654321'))
      .then(
        [failed(2)].map((e) => ({
          ...e,
          data: { ...e.data, at: '2026-07-15T10:05:00.000Z' },
        })),
      );
  });

  it('refuses codes after five wrong ones, and an expired code, until a new one is issued', () => {
    const five = [1, 2, 3, 4, 5].map(failed);
    spec
      .given([added, issued(), ...five])
      .when(verify('123456'))
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('code'));
    spec
      .given([added, issued()])
      .when(verify('123456', '2026-07-16T10:00:00.001Z'))
      .thenThrows(BadUserInputError, (e) => expect(e.message).toMatch(/expired/));
    spec
      .given([added, issued(), ...five, issued('v2')])
      .when(verify('123456'))
      .thenMatches((events) => expect(events.map((e) => e.type)).toEqual(['ContactMethodVerified']));
  });

  it('verifies a webhook by the delivery of its current verification only', () => {
    const byDelivery = (verificationId: string): ContactMethodCommand => ({
      type: 'VerifyByDelivery',
      contactMethodId,
      verificationId,
      at: T0,
      eventId: 'e1',
    });
    spec
      .given([added, issued('v2')])
      .when(byDelivery('v1'))
      .then([]);
    spec
      .given([added, issued('v2')])
      .when(byDelivery('v2'))
      .then([
        {
          type: 'ContactMethodVerified',
          id: 'e1',
          data: { contactMethodId, via: 'WEBHOOK_DELIVERY', at: T0, by: 'system' },
        },
      ]);
  });

  it('refuses a code for a webhook, whose test message carries none', () => {
    const webhook: ContactMethodEvent = {
      type: 'ContactMethodAdded',
      data: {
        contactMethodId,
        responderId: 'ana',
        kind: 'WEBHOOK',
        address: 'https://hooks.example.com/x',
        at: T0,
        by: 'ana',
      },
    };
    spec
      .given([webhook, issued()])
      .when(verify('123456'))
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('code'));
  });

  it('removes a method; a removed or unknown one is NOT_FOUND', () => {
    const remove: ContactMethodCommand = { type: 'RemoveContactMethod', contactMethodId, at: T0, by: 'ana' };
    spec
      .given([added])
      .when(remove)
      .then([{ type: 'ContactMethodRemoved', data: { contactMethodId, at: T0, by: 'ana' } }]);
    spec
      .given([added, { type: 'ContactMethodRemoved', data: { contactMethodId, at: T0, by: 'ana' } }])
      .when(remove)
      .thenThrows(NotFoundError);
    spec.given([]).when(remove).thenThrows(NotFoundError);
  });
});
