export { AlertIndex, requiredKeys, storyKeys, type IndexedAlert } from './alert-index.ts';
export { storyTagLine, type AlertRef } from './alert-subject.ts';
export { genericWebhookBody, signBody, verifySignature, SIGNATURE_HEADER } from './generic-webhook.ts';
export { slackMessage, type SlackMessage } from './slack-message.ts';
export { teamsMessage } from './teams-message.ts';
export { alertEmail, digestEmail, feedProblemEmail, DIGEST_MAX_STORIES, type DigestItem, type EmailContent } from './alert-email.ts';
export { digestDueAt } from './digest-window.ts';
export { escapeHtml, escapeSlack, escapeMarkdown, safeHttpUrl, truncate, oneLine } from './message-text.ts';
export {
  feedProblemHeadline,
  feedProblemSlackMessage,
  feedProblemTeamsMessage,
  feedProblemText,
  feedProblemWebhookBody,
} from './feed-problem-message.ts';
