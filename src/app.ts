import type { FastifyBaseLogger } from 'fastify';
import { configurePii } from './kernel/crypto/pii.js';
import { buildApp } from './kernel/http/app.js';
import type { Deps } from './kernel/http/types.js';
import { MODULES } from './modules/index.js';

/** The composition root: the kernel app with every module plugged in. */
export function createApp(deps: Deps, logger?: FastifyBaseLogger | boolean) {
  configurePii(deps.config);
  return buildApp({ ...deps, modules: MODULES, logger });
}
