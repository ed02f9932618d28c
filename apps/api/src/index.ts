export { startApiServer, type ApiServer, type ApiServerOptions } from './api-server.ts';
export { createApp } from './app.ts';
export type { ApiDeps } from './api-deps.ts';
