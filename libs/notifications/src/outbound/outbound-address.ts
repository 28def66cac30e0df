import { BlockList, isIP } from 'node:net';

/** Addresses no outbound request may reach, whatever the configuration: link-local (cloud metadata), unspecified, multicast. */
const ALWAYS_REFUSED = new BlockList();
ALWAYS_REFUSED.addSubnet('0.0.0.0', 8, 'ipv4');
ALWAYS_REFUSED.addSubnet('169.254.0.0', 16, 'ipv4');
ALWAYS_REFUSED.addSubnet('224.0.0.0', 4, 'ipv4');
ALWAYS_REFUSED.addAddress('255.255.255.255', 'ipv4');
ALWAYS_REFUSED.addAddress('::', 'ipv6');
ALWAYS_REFUSED.addSubnet('fe80::', 10, 'ipv6');
ALWAYS_REFUSED.addSubnet('ff00::', 8, 'ipv6');

/** The host's own and its private networks' addresses: refused unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES is set. */
const PRIVATE = new BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

/** Whether outbound requests may reach loopback and private networks (tests and self-hosted receivers). */
export interface OutboundAddressPolicy {
  allowPrivateAddresses: boolean;
}

/** Why `ip` may not be reached, or undefined when it may. IPv4-mapped IPv6 addresses are judged as IPv4. */
export function refusedAddressReason(ip: string, policy: OutboundAddressPolicy): string | undefined {
  const family = isIP(ip);
  if (family === 0) return `${ip} is not an IP address`;
  const mapped = family === 6 ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] : undefined;
  const address = mapped ?? ip;
  const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
  if (ALWAYS_REFUSED.check(address, type)) return `${ip} is a link-local, unspecified or multicast address`;
  if (!policy.allowPrivateAddresses && PRIVATE.check(address, type)) {
    return `${ip} is a loopback or private address`;
  }
  return undefined;
}

export interface OutboundUrlRules extends OutboundAddressPolicy {
  /** Teams Workflows URLs must be https; webhooks may be http or https. */
  httpsOnly?: boolean;
  /** False when connecting: the resolved addresses are checked instead of the name. */
  checkLocalNames?: boolean;
}

/**
 * What is wrong with an outbound URL as written (scheme, credentials, an IP literal or a local
 * name), or undefined. Host names are resolved and checked again when connecting (see OutboundHttp).
 */
export function outboundUrlProblem(raw: string, rules: OutboundUrlRules): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (raw.length > 2000) return 'must be at most 2000 characters';
  const schemes = rules.httpsOnly ? ['https:'] : ['http:', 'https:'];
  if (!schemes.includes(url.protocol)) return rules.httpsOnly ? 'must be an https URL' : 'must be an http or https URL';
  if (url.username || url.password) return 'must not carry credentials';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host)) {
    const reason = refusedAddressReason(host, rules);
    return reason ? `must not point at ${reason}` : undefined;
  }
  const name = host.toLowerCase().replace(/\.$/, '');
  if (
    rules.checkLocalNames !== false &&
    !rules.allowPrivateAddresses &&
    (name === 'localhost' || name.endsWith('.localhost'))
  ) {
    return 'must not point at the local host';
  }
  return undefined;
}
