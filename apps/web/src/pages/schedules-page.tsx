/** Placeholder until h-15b's page replaces this file. */
export default function SchedulesPage() {
  return (
    <section>
      <h1>Schedules</h1>
      <p>This page is not built yet.</p>
    </section>
  );
}
