import { useQuery } from 'urql';

export const ME = `query PagesMe { me { role actor { kind id responder { id name handle } } } }`;

export interface Me {
  role: 'ADMIN' | 'MANAGER' | 'RESPONDER' | 'VIEWER' | 'INTEGRATION';
  actor: { kind: string; id: string; responder: { id: string; name: string; handle: string } | null };
}

/** Who is signed in: the role decides which forms are offered (the API decides what is allowed). */
export function useMe(): Me | undefined {
  const [{ data }] = useQuery<{ me: Me }>({ query: ME });
  return data?.me;
}

export const isLead = (me: Me | undefined) => me?.role === 'ADMIN' || me?.role === 'MANAGER';
