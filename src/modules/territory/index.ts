export { DEMO_COMMUNITIES } from './territory.seed.js';
