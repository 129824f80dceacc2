/** What the shell uses of the dashboard's UI: the home page's 我的工作 card. */
export { WorkCard } from './WorkCard';
