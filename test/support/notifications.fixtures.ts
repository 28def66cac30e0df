import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { DueTaskScheduler } from '@app/event-store';
import { as, setPolicy } from './escalations.fixtures.js';
import { createRotation, registerResponder } from './scheduling.fixtures.js';
import type { TestApp } from './test-app.js';

export const SMTP_USER = 'mailer';
export const SMTP_PASSWORD = 's3cret-smtp-pa55word';

/**
 * A real SMTP server on loopback (smtp-server), keeping every mail parsed by mailparser. `down()`
 * closes its port (connections are refused) and `up()` opens it again on the same port.
 */
export class TestSmtpServer {
  readonly mails: ParsedMail[] = [];
  private server?: SMTPServer;
  port = 0;
  /** While true, a message's data is taken but never answered: the sender waits (as on a hung server). */
  stall = false;
  /** How many messages were held that way. */
  stalled = 0;

  static async start(): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer();
    await smtp.up();
    return smtp;
  }

  get url(): string {
    return `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, callback) =>
        auth.username === SMTP_USER && auth.password === SMTP_PASSWORD
          ? callback(null, { user: auth.username })
          : callback(new Error('Invalid username or password')),
      onData: (stream, _session, callback) => {
        if (this.stall) {
          this.stalled += 1;
          stream.resume();
          return;
        }
        simpleParser(stream)
          .then((mail) => {
            this.mails.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): ParsedMail[] {
    return this.mails.filter((mail) => addressesOf(mail).includes(address));
  }
}

function addressesOf(mail: ParsedMail): string[] {
  const to = mail.to ? (Array.isArray(mail.to) ? mail.to : [mail.to]) : [];
  return to.flatMap((t) => t.value.map((v) => v.address ?? ''));
}

export const ADD_CONTACT_METHOD = `
  mutation Add($input: AddContactMethodInput!) { addContactMethod(input: $input) { id kind address verified signingSecret } }`;
export const VERIFY_CONTACT_METHOD = `
  mutation Verify($input: VerifyContactMethodInput!) { verifyContactMethod(input: $input) { id verified } }`;
export const REMOVE_CONTACT_METHOD = `mutation Remove($id: ID!) { removeContactMethod(id: $id) { id kind address verified } }`;
export const RESEND_CODE = `mutation Resend($id: ID!) { resendVerificationCode(contactMethodId: $id) { id verified } }`;
export const SET_RULES = `
  mutation Rules($input: SetNotificationRulesInput!) {
    setNotificationRules(input: $input) { id reachable notificationRules { contactMethod { id kind } delayMinutes } }
  }`;
export const RESPONDER_REACH = `
  query Reach($id: ID!) {
    responder(id: $id) { id reachable contactMethods { id kind address verified } notificationRules { contactMethod { id kind } delayMinutes } }
  }`;
export const PAGE_NOTIFICATIONS = `
  query Notifications($id: ID!) {
    escalation(id: $id) {
      pages { nodes { id state acknowledgedBy { handle }
        notifications { id kind channel destination state attempts lastError sentAt dueAt recipient { handle } } } }
      timeline { nodes { type description } }
    }
  }`;

/** Runs every time-driven step due now (deliveries included) and waits for them. */
export const runDue = (app: TestApp) => app.app.get(DueTaskScheduler).runDue();

export const codeIn = (mail: ParsedMail) => /code is (\d{6})/.exec(mail.text ?? '')?.[1];

/** Adds an e-mail method as the responder, reads the code from the mail it gets, and enters it. */
export async function addVerifiedEmail(
  app: TestApp,
  smtp: TestSmtpServer,
  handle: string,
  responderId: string,
  address: string,
) {
  const added = await app.ok(ADD_CONTACT_METHOD, { input: { responderId, kind: 'EMAIL', address } }, as(handle));
  await runDue(app);
  const mail = smtp.to(address).at(-1);
  const code = mail && codeIn(mail);
  if (!code) throw new Error(`No verification code reached ${address}`);
  await app.ok(VERIFY_CONTACT_METHOD, { input: { contactMethodId: added.addContactMethod.id, code } }, as(handle));
  return added.addContactMethod.id as string;
}

export interface PagedTeam {
  ana: string;
  bob: string;
  rotationId: string;
}

/** Ana is on call alone in "AMER 1" around the clock; Bob, a manager, is on the next step. */
export async function setUpAmerRotation(app: TestApp, prefix = ''): Promise<PagedTeam> {
  const ana = await registerResponder(app, { name: 'Ana', handle: `${prefix}ana`, timeZone: 'America/New_York' });
  const bob = await registerResponder(app, { name: 'Bob', handle: `${prefix}bob`, role: 'MANAGER' });
  const rotationId = await createRotation(app, {
    name: `${prefix}AMER 1`,
    startDate: '2026-07-01',
    pattern: { cycle: 'DAILY', handoffs: [{ time: '08:00' }] },
    participantIds: [ana],
  });
  await setPolicy(app, {
    rotationId,
    pagingMode: 'ON_CALL',
    ackSloMinutes: 15,
    steps: [
      { layer: 'RESPONDER', rotationId, ackTimeoutMinutes: 15 },
      { layer: 'DIRECTORS', responderIds: [bob], ackTimeoutMinutes: 15 },
    ],
  });
  return { ana, bob, rotationId };
}

/** The action links of a page e-mail, by label. */
export function linksIn(mail: ParsedMail): Record<string, string> {
  const links: Record<string, string> = {};
  for (const match of (mail.text ?? '').matchAll(/^([A-Za-z ]+): (http\S+\/actions\/\S+)$/gm)) {
    links[match[1]] = match[2];
  }
  return links;
}
