/** Imported first by every entry point: on an older Node, better-sqlite3 13 crashes without a word. */
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `This service needs Node 22.12 or later (Node 22 or 24 LTS); this is Node ${process.versions.node}. ` +
      'See "Running it" in the README.',
  );
  process.exit(1);
}

export {};
