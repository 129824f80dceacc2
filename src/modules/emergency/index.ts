/** What other modules may use of emergency mode and river patrols (the module's face): nothing yet. */
export { EMERGENCY_FIGURES } from './figures.js';
