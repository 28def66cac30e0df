import { projectionSpecification } from '@app/event-store/testing';
import { SignInEmailsProjection } from './sign-in-emails.projection.js';

const spec = projectionSpecification(() => new SignInEmailsProjection());
const added = (contactMethodId: string, responderId: string, address: string, kind = 'EMAIL') => ({
  type: 'ContactMethodAdded',
  data: { contactMethodId, responderId, kind, address, at: '2026-07-15T12:00:00.000Z', by: responderId },
});
const verified = (contactMethodId: string) => ({
  type: 'ContactMethodVerified',
  data: { contactMethodId, via: 'CODE', at: '2026-07-15T12:05:00.000Z', by: 'r1' },
});

describe('sign-in-emails projection', () => {
  it('knows an address once it is verified, without case', () => {
    spec
      .given([added('m1', 'r1', 'Ana@Example.com'), added('m2', 'r2', 'bob@example.com')])
      .when([verified('m1')])
      .then((emails) => {
        expect(emails.respondersWithVerified('ana@example.com')).toEqual(['r1']);
        expect(emails.respondersWithVerified(' ANA@EXAMPLE.COM ')).toEqual(['r1']);
        expect(emails.respondersWithVerified('bob@example.com')).toEqual([]);
      });
  });

  it('forgets a removed address and ignores other kinds of contact', () => {
    spec
      .given([added('m1', 'r1', 'ana@example.com'), verified('m1'), added('m2', 'r1', 'ana@example.com', 'SLACK')])
      .when([
        { type: 'ContactMethodRemoved', data: { contactMethodId: 'm1', at: '2026-07-16T00:00:00.000Z', by: 'r1' } },
      ])
      .then((emails) => expect(emails.respondersWithVerified('ana@example.com')).toEqual([]));
  });
});
