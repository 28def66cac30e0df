/** Slack's configuration: one workspace bot token, the app's signing secret, and (for tests) the API's base URL. */
export interface SlackOptions {
  /** SLACK_BOT_TOKEN (xoxb-…): chat.postMessage and chat.update. Unset: Slack messages fail, not retried. */
  botToken?: string;
  /** SLACK_SIGNING_SECRET: verifies interaction requests. Unset: every interaction is refused. */
  signingSecret?: string;
  /** SLACK_API_URL: https://slack.com/api/ unless set (tests point it at a local receiver). */
  apiUrl?: string;
  /** Per-call timeout. */
  timeoutMs: number;
}

export const SLACK_OPTIONS = Symbol('SLACK_OPTIONS');
