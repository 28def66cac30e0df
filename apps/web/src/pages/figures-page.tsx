/** Placeholder until h-15b's page replaces this file. */
export default function FiguresPage() {
  return (
    <section>
      <h1>Figures</h1>
      <p>This page is not built yet.</p>
    </section>
  );
}
