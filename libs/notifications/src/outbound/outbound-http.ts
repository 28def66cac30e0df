import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { ChannelError } from '../channels/notification-channel.js';
import { outboundUrlProblem, refusedAddressReason, type OutboundAddressPolicy } from './outbound-address.js';

export interface OutboundHttpOptions extends OutboundAddressPolicy {
  /** Whole-request timeout (connect, send, answer). */
  timeoutMs: number;
}

export const OUTBOUND_HTTP_OPTIONS = Symbol('OUTBOUND_HTTP_OPTIONS');

export interface OutboundResponse {
  status: number;
  /** The first few kilobytes of the answer, for error messages. */
  body: string;
}

const MAX_ANSWER_BYTES = 16 * 1024;

/**
 * POSTs to receivers outside the service (webhooks, Teams). Every connection's address is checked
 * when it is made (a name that resolves to a refused address later, DNS rebinding, is refused
 * then), redirects are never followed, and every request has a timeout.
 */
@Injectable()
export class OutboundHttp {
  constructor(@Inject(OUTBOUND_HTTP_OPTIONS) readonly options: OutboundHttpOptions) {}

  /** What is wrong with `url` as a destination, resolving its host name; undefined when it is fine. */
  async destinationProblem(url: string, httpsOnly = false): Promise<string | undefined> {
    const problem = outboundUrlProblem(url, { ...this.options, httpsOnly });
    if (problem) return problem;
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host)) return undefined;
    try {
      const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
        dnsLookup(host, { all: true }, (error, found) => (error ? reject(error) : resolve(found))),
      );
      for (const { address } of addresses) {
        const reason = refusedAddressReason(address, this.options);
        if (reason) return `must not point at ${reason} (${host} resolves to it)`;
      }
      return undefined;
    } catch {
      return `must name a host that resolves (${host} does not)`;
    }
  }

  /** Sends one POST; a refused destination, a network failure or a timeout throws a ChannelError. */
  post(url: string, body: string, headers: Record<string, string>): Promise<OutboundResponse> {
    const problem = outboundUrlProblem(url, { ...this.options, checkLocalNames: false });
    if (problem) return Promise.reject(new ChannelError(`The destination ${problem}`, false));
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        target,
        {
          method: 'POST',
          headers: { 'content-length': Buffer.byteLength(body).toString(), ...headers },
          lookup: this.checkedLookup,
          timeout: this.options.timeoutMs,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        },
        (res) => readAnswer(res).then(resolve, reject),
      );
      req.on('timeout', () => req.destroy(new ChannelError(`No answer within ${this.options.timeoutMs} ms`, true)));
      req.on('error', (error) => reject(asChannelError(error, this.options.timeoutMs)));
      req.end(body);
    });
  }

  /** Resolves like dns.lookup, then refuses the connection when any address found is refused. */
  private readonly checkedLookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const found = addresses as LookupAddress[];
      for (const { address } of found) {
        const reason = refusedAddressReason(address, this.options);
        if (reason)
          return callback(new ChannelError(`The destination ${hostname} resolves to ${reason}`, false), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, found);
      callback(null, found[0].address, found[0].family);
    });
  };
}

function readAnswer(res: IncomingMessage): Promise<OutboundResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
      size += chunk.length;
    });
    res.on('end', () =>
      resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString() }),
    );
    res.on('error', reject);
  });
}

function asChannelError(error: Error, timeoutMs: number): ChannelError {
  if (error instanceof ChannelError) return error;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') {
    return new ChannelError(`No answer within ${timeoutMs} ms`, true);
  }
  return new ChannelError(`Could not reach the destination: ${error.message}`, true);
}

/**
 * A receiver's answer as a delivery outcome: 2xx is delivered; 408, 429 and 5xx are worth
 * retrying; any other status (a 3xx too: redirects are not followed) fails at once.
 */
export function assertDelivered(response: OutboundResponse, receiver: string): void {
  const { status } = response;
  if (status >= 200 && status < 300) return;
  const answer = response.body.trim().slice(0, 200);
  const detail = `${receiver} answered ${status}${answer ? `: ${answer}` : ''}`;
  if (status >= 300 && status < 400) throw new ChannelError(`${detail} (redirects are not followed)`, false);
  throw new ChannelError(detail, status === 408 || status === 429 || status >= 500);
}
