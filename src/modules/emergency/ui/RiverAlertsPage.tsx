import RiverPage from './RiverPage';

/** The alerts tab of the river page (the figures' drill-down). */
export default function RiverAlertsPage() {
  return <RiverPage tab="alerts" />;
}
