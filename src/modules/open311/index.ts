/** What other modules may use of open311 (the module's face). */
export { OPEN311_ROLES } from './permissions.js';
export { suggestFor, trainDispatchModel } from './dispatch.service.js';
