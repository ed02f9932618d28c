export { discoverWebSub, type WebSubLinks } from './websub-discovery.ts';
export { verifyHubSignature } from './websub-signature.ts';
export {
  requestWebSub,
  newWebSubSecret,
  WebSubError,
  WEBSUB_LEASE_SECONDS,
  type WebSubRequest,
} from './websub-subscription.ts';
