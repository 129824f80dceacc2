/**
 * Which levels may hang under a level — the contract's rule, so the create form offers exactly what the
 * server accepts (a city may hold streets directly; a building may hold households without units).
 */
export { CHILD_LEVELS } from '../../../kernel/territory-levels.js';
