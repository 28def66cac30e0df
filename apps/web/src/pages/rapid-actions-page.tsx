/** Placeholder until h-15b's page replaces this file. */
export default function RapidactionsPage() {
  return (
    <section>
      <h1>Rapid actions</h1>
      <p>This page is not built yet.</p>
    </section>
  );
}
