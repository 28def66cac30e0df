export default function NowPage() {
  return (
    <section>
      <h1>Now</h1>
    </section>
  );
}
