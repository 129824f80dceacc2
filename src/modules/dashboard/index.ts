/** The dashboard's face: nothing other modules need yet (it reads figures from the kernel's registry). */
export type { Dashboard, FigureCard } from './contract.js';
