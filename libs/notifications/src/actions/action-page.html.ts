const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A small page: a title, a few lines, and optionally one form that POSTs back to the same link. */
export function actionPage(title: string, lines: string[], form?: { button: string }): string {
  const body = lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  const button = form ? `<form method="post"><button type="submit">${escapeHtml(form.button)}</button></form>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}
button{font-size:1.2rem;padding:.6rem 1.2rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
${button}
</body></html>`;
}
