/**
 * Who a Slack user is here: the responder with a verified SLACK contact method for that user id.
 * Bound, at merge, to the contact methods' ContactMethodQueries.findVerified('SLACK', id).
 */
export interface SlackUserDirectory {
  responderForSlackUser(slackUserId: string): string | undefined;
}

export const SLACK_USER_DIRECTORY = Symbol('SLACK_USER_DIRECTORY');

/**
 * MERGE PLACEHOLDER (issue-channels branch only): no Slack user is linked to a responder until the
 * contact methods (the core's ContactMethodQueries) are merged and bound under SLACK_USER_DIRECTORY.
 */
export class UnlinkedSlackUserDirectory implements SlackUserDirectory {
  responderForSlackUser(): string | undefined {
    return undefined;
  }
}
