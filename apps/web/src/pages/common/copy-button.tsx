import { useState } from 'react';

/** Copies text to the clipboard and says so (a polite live region), falling back to selecting a hidden textarea. */
export function CopyButton({ text, label = 'Copy Markdown' }: { text: string; label?: string }) {
  const [status, setStatus] = useState('');
  async function copy() {
    try {
      if (navigator.clipboard?.writeText) await navigator.clipboard.writeText(text);
      else fallbackCopy(text);
      setStatus('Copied.');
    } catch {
      try {
        fallbackCopy(text);
        setStatus('Copied.');
      } catch {
        setStatus('Could not copy: select the text and copy it by hand.');
      }
    }
  }
  return (
    <span className="pg-copy">
      <button type="button" onClick={copy}>
        {label}
      </button>
      <span role="status" aria-live="polite">
        {status}
      </span>
    </span>
  );
}

function fallbackCopy(text: string) {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

/** Markdown shown as text, ready to copy. */
export function MarkdownBlock({ markdown, label }: { markdown: string; label: string }) {
  return (
    <div className="pg-markdown">
      <div className="pg-row">
        <h3>{label}</h3>
        <CopyButton text={markdown} />
      </div>
      <pre tabIndex={0} aria-label={label}>
        {markdown}
      </pre>
    </div>
  );
}
