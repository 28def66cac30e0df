import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { DateTime } from 'luxon';
import { ErrorText } from './common/error-text.js';
import { formatSeconds, viewerZone } from './common/format.js';
import './figures/chart-setup.js';
import { AcknowledgeChart, VolumeChart, WeeksTable, percent } from './figures/escalation-charts.js';
import {
  ACK_SLO,
  ESCALATION_FIGURES,
  FIGURE_ROTATIONS,
  ON_CALL_HOURS,
  type EscalationFiguresData,
  type OnCallHoursData,
} from './figures/figures.queries.js';
import { OnCallHours } from './figures/on-call-hours.js';
import { WeekendSlots } from './figures/weekend-slots.js';
import './pages.css';

/** Escalation volume and time to acknowledge per week against the SLO, on-call hours per person, weekend slots. */
export default function FiguresPage() {
  const zone = viewerZone();
  const [weeks, setWeeks] = useState(12);
  const [team, setTeam] = useState('');
  const range = useMemo(() => {
    const to = DateTime.now().setZone(zone).startOf('week').plus({ weeks: 1 });
    return { from: to.minus({ weeks }).toISO()!, to: to.toISO()! };
  }, [weeks, zone]);
  const [rotations] = useQuery<{ rotations: { nodes: { id: string; name: string; team: string }[] } }>({
    query: FIGURE_ROTATIONS,
  });
  const teams = [...new Set((rotations.data?.rotations.nodes ?? []).map((r) => r.team))].sort();
  const teamRotations = (rotations.data?.rotations.nodes ?? []).filter((r) => !team || r.team === team);
  const [sloRotationId, setSloRotationId] = useState('');
  const sloRotation = teamRotations.find((r) => r.id === sloRotationId) ?? teamRotations[0];

  const variables = { ...range, ...(team ? { team } : {}) };
  const [figures] = useQuery<EscalationFiguresData>({
    query: ESCALATION_FIGURES,
    variables: { ...variables, timeZone: zone },
  });
  const [hours] = useQuery<OnCallHoursData>({ query: ON_CALL_HOURS, variables });
  const [slo] = useQuery<{ escalationPolicy: { ackSloMinutes: number; isDefault: boolean } }>({
    query: ACK_SLO,
    variables: { rotationId: sloRotation?.id },
    pause: !sloRotation,
  });
  const total = figures.data?.escalationFigures.total;
  const weekRows = figures.data?.escalationFigures.weeks ?? [];

  return (
    <div className="pg-page">
      <h1>Figures</h1>
      <div className="pg-row" role="group" aria-label="Range and team">
        <label>
          Range
          <select value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
            {[4, 8, 12, 26, 52].map((n) => (
              <option key={n} value={n}>
                last {n} weeks
              </option>
            ))}
          </select>
        </label>
        <label>
          Team
          <select value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value="">All teams</option>
            {teams.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        {teamRotations.length > 0 ? (
          <label>
            SLO of rotation
            <select value={sloRotation?.id ?? ''} onChange={(e) => setSloRotationId(e.target.value)}>
              {teamRotations.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <p className="pg-hint">
        Weeks start on Monday in your zone ({zone}). Each escalation is measured against the SLO of the policy it was
        raised under.
      </p>
      <section className="pg-card" aria-labelledby="escalations-heading">
        <h2 id="escalations-heading">Escalations per week</h2>
        {figures.fetching && !figures.data ? <p>Loading escalation figures…</p> : null}
        <ErrorText error={figures.error} what="Loading the escalation figures" />
        {total ? (
          <p>
            {total.escalations} escalation(s), {total.acknowledged} acknowledged, {percent(total.withinSloShare)} within
            the SLO; median {formatSeconds(total.medianSecondsToAcknowledge)}, 90th percentile{' '}
            {formatSeconds(total.p90SecondsToAcknowledge)} to acknowledge.
          </p>
        ) : null}
        {figures.data && weekRows.length === 0 ? <p>No escalation in this range.</p> : null}
        {weekRows.length > 0 ? (
          <>
            <VolumeChart weeks={weekRows} />
            <h3>Time to acknowledge against the SLO</h3>
            <ErrorText error={slo.error} what="Loading the SLO" />
            {slo.data ? (
              <p>
                {sloRotation?.name}: acknowledge within {slo.data.escalationPolicy.ackSloMinutes} minutes
                {slo.data.escalationPolicy.isDefault ? ' (the default policy)' : ''}.
              </p>
            ) : null}
            <AcknowledgeChart weeks={weekRows} sloMinutes={slo.data?.escalationPolicy.ackSloMinutes} />
            <WeeksTable weeks={weekRows} />
          </>
        ) : null}
      </section>
      <section className="pg-card" aria-labelledby="hours-heading">
        <h2 id="hours-heading">On-call hours per person</h2>
        {hours.fetching && !hours.data ? <p>Loading on-call hours…</p> : null}
        <ErrorText error={hours.error} what="Loading the on-call hours" />
        {hours.data ? <OnCallHours rows={hours.data.onCallHours} /> : null}
      </section>
      <WeekendSlots />
    </div>
  );
}
