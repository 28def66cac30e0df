export default function EscalationsPage() {
  return (
    <section>
      <h1>Escalations</h1>
    </section>
  );
}
