/** The territory tree page, a lazy chunk for the console's router. */
export { default } from './TerritoryPage';
