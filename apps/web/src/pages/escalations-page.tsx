import { matchPath, useRouter } from '../router/router.js';
import { EscalationDetail } from './escalations/escalation-detail.js';
import { EscalationList } from './escalations/escalation-list.js';

/** /escalations: the open ones with filters; /escalations/ID: one escalation. */
export default function EscalationsPage() {
  const { path } = useRouter();
  const one = matchPath('/escalations/:id', path);
  return one ? <EscalationDetail id={one.id!} /> : <EscalationList />;
}
