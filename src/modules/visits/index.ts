/** What other modules may use of visits 走访 (the module's face). */
export { visits } from './schema.js';
