export const OFFLINE_CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Incident coordination · GraphQL console</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 0; display: grid; grid-template-columns: 1fr 1fr; height: 100vh; }
  section { display: flex; flex-direction: column; padding: 12px; gap: 8px; min-height: 0; }
  textarea, pre { flex: 1; font: 13px ui-monospace, monospace; border: 1px solid #bbb; border-radius: 4px; padding: 8px; margin: 0; overflow: auto; }
  textarea.small { flex: 0 0 5em; }
  header { display: flex; gap: 8px; align-items: center; }
  button { padding: 6px 14px; }
</style>
</head>
<body>
<section>
  <header><strong>GraphQL console</strong><button id="run">Run (Ctrl+Enter)</button></header>
  <textarea id="query" spellcheck="false">{
  currentOnCall {
    rotation { id name }
    onCall { responder { name } start end isDri reason { kind } }
  }
}</textarea>
  <label>Variables (JSON)</label><textarea id="variables" class="small" spellcheck="false">{}</textarea>
  <label>Headers (JSON)</label><textarea id="headers" class="small" spellcheck="false">{ "authorization": "Bearer <your token>" }</textarea>
</section>
<section><pre id="result">Results appear here.</pre></section>
<script>
  const $ = (id) => document.getElementById(id);
  async function run() {
    let variables, headers;
    try { variables = JSON.parse($('variables').value || '{}'); headers = JSON.parse($('headers').value || '{}'); }
    catch (e) { $('result').textContent = 'Variables or headers are not valid JSON: ' + e.message; return; }
    const response = await fetch(location.pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: $('query').value, variables }),
    });
    $('result').textContent = JSON.stringify(await response.json(), null, 2);
  }
  $('run').onclick = run;
  document.addEventListener('keydown', (e) => { if (e.ctrlKey && e.key === 'Enter') run(); });
</script>
</body>
</html>`;
