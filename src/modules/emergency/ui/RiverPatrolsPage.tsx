import RiverPage from './RiverPage';

/** The patrols tab of the river page (the figures' drill-down). */
export default function RiverPatrolsPage() {
  return <RiverPage tab="patrols" />;
}
