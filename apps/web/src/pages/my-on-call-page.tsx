export default function MyOnCallPage() {
  return (
    <section>
      <h1>My on-call</h1>
    </section>
  );
}
