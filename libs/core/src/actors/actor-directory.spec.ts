import { ActorDirectory } from './actor-directory.js';
import type { ResolvedActor } from './actor.js';

describe('ActorDirectory', () => {
  function directoryWithResponders(batches: string[][]) {
    const directory = new ActorDirectory();
    directory.register({
      resolve(actors) {
        batches.push([...actors]);
        const found = new Map<string, ResolvedActor>();
        for (const actor of actors) {
          if (actor.startsWith('r-'))
            found.set(actor, { kind: 'RESPONDER', responder: { id: actor, name: 'Ana', handle: 'ana' } });
        }
        return found;
      },
    });
    return directory;
  }

  it('names the system, operators and displays by their form, responders by their source, others as operators', async () => {
    const directory = directoryWithResponders([]);
    const named = await directory.resolveMany(['system', 'operator:alice', 'display:lobby', 'r-1', 'test-admin']);
    expect(Object.fromEntries(named)).toEqual({
      system: { kind: 'SYSTEM' },
      'operator:alice': { kind: 'OPERATOR', operator: { name: 'alice' } },
      'display:lobby': { kind: 'DISPLAY', display: { name: 'lobby' } },
      'r-1': { kind: 'RESPONDER', responder: { id: 'r-1', name: 'Ana', handle: 'ana' } },
      'test-admin': { kind: 'OPERATOR', operator: { name: 'test-admin' } },
    });
  });

  it('resolves the loads of one tick in one batch and each actor once per request', async () => {
    const batches: string[][] = [];
    const directory = directoryWithResponders(batches);
    const request = {};
    const loader = directory.loaderFor(request);
    const [a, b, again] = await Promise.all([loader.load('r-1'), loader.load('r-2'), loader.load('r-1')]);
    expect(a.kind).toBe('RESPONDER');
    expect(b.kind).toBe('RESPONDER');
    expect(again).toBe(a);
    await directory.loaderFor(request).load('r-1');
    expect(batches).toEqual([['r-1', 'r-2']]);
    await directory.loaderFor({}).load('r-1');
    expect(batches).toHaveLength(2);
  });
});
