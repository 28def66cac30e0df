/** Placeholder until h-15b's page replaces this file. */
export default function HandoversPage() {
  return (
    <section>
      <h1>Handovers</h1>
      <p>This page is not built yet.</p>
    </section>
  );
}
