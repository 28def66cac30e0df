export interface IntegrationsOptions {
  /** Alert requests one integration key may send per minute before answers turn 429. */
  alertRateLimitPerMinute: number;
}

export const INTEGRATIONS_OPTIONS = Symbol('INTEGRATIONS_OPTIONS');
