/**
 * Who a Slack user is here: the responder with a verified SLACK contact method for that user id.
 * Bound in NotificationsModule to ContactMethodQueries.findVerified('SLACK', id).
 */
export interface SlackUserDirectory {
  responderForSlackUser(slackUserId: string): string | undefined;
}

export const SLACK_USER_DIRECTORY = Symbol('SLACK_USER_DIRECTORY');
