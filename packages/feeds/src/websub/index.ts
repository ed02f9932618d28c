export { discoverWebSub, type WebSubLinks } from './websub-discovery.ts';
export { verifyHubSignature } from './websub-signature.ts';
export {
  requestWebSub,
  newWebSubSecret,
  WebSubError,
  WEBSUB_LEASE_SECONDS,
  WEBSUB_ASK_AGAIN_AFTER_DENIAL_SECONDS,
  type WebSubRequest,
} from './websub-subscription.ts';
