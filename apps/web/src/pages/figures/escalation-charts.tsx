import { Bar, Line } from 'react-chartjs-2';
import { formatSeconds } from '../common/format.js';
import { COLOURS } from './chart-setup.js';
import type { EscalationFiguresData } from './figures.queries.js';

type Weeks = EscalationFiguresData['escalationFigures']['weeks'];

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);
const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);

/** Escalations per week, split by how they were acknowledged against the SLO. */
export function VolumeChart({ weeks }: { weeks: Weeks }) {
  const labels = weeks.map((w) => w.week);
  return (
    <div className="fg-chart">
      <Bar
        aria-label="Escalations per week: acknowledged within the SLO, acknowledged late, not acknowledged (the table below has the figures)"
        role="img"
        data={{
          labels,
          datasets: [
            {
              label: 'Acknowledged within the SLO',
              data: weeks.map((w) => w.stats.acknowledgedWithinSlo),
              backgroundColor: COLOURS.green,
            },
            {
              label: 'Acknowledged later',
              data: weeks.map((w) => w.stats.acknowledged - w.stats.acknowledgedWithinSlo),
              backgroundColor: COLOURS.orange,
            },
            {
              label: 'Not acknowledged',
              data: weeks.map((w) => w.stats.escalations - w.stats.acknowledged),
              backgroundColor: COLOURS.grey,
            },
          ],
        }}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: {
            x: { stacked: true },
            y: {
              stacked: true,
              beginAtZero: true,
              ticks: { precision: 0 },
              title: { display: true, text: 'escalations' },
            },
          },
        }}
      />
    </div>
  );
}

/** Median and 90th-percentile time to acknowledge per week, against the acknowledgement SLO. */
export function AcknowledgeChart({ weeks, sloMinutes }: { weeks: Weeks; sloMinutes: number | undefined }) {
  const labels = weeks.map((w) => w.week);
  return (
    <div className="fg-chart">
      <Line
        aria-label={`Minutes to acknowledge per week, median and 90th percentile${sloMinutes ? `, against the SLO of ${sloMinutes} minutes` : ''} (the table below has the figures)`}
        role="img"
        data={{
          labels,
          datasets: [
            {
              label: 'Median (min)',
              data: weeks.map((w) => minutes(w.stats.medianSecondsToAcknowledge)),
              borderColor: COLOURS.blue,
              backgroundColor: COLOURS.blue,
            },
            {
              label: '90th percentile (min)',
              data: weeks.map((w) => minutes(w.stats.p90SecondsToAcknowledge)),
              borderColor: COLOURS.orange,
              backgroundColor: COLOURS.orange,
              borderDash: [6, 3],
            },
            ...(sloMinutes
              ? [
                  {
                    label: `SLO (${sloMinutes} min)`,
                    data: weeks.map(() => sloMinutes),
                    borderColor: COLOURS.red,
                    backgroundColor: COLOURS.red,
                    borderDash: [2, 2],
                    pointRadius: 0,
                  },
                ]
              : []),
          ],
        }}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          spanGaps: true,
          scales: { y: { beginAtZero: true, title: { display: true, text: 'minutes' } } },
        }}
      />
    </div>
  );
}

/** The same figures as text. */
export function WeeksTable({ weeks }: { weeks: Weeks }) {
  return (
    <div className="pg-table-wrap">
      <table>
        <caption>Escalations and time to acknowledge per week</caption>
        <thead>
          <tr>
            <th scope="col">Week</th>
            <th scope="col">Escalations</th>
            <th scope="col">Acknowledged</th>
            <th scope="col">Within SLO</th>
            <th scope="col">Median</th>
            <th scope="col">90th percentile</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.week}>
              <th scope="row">
                {w.week} (from {w.weekStart})
              </th>
              <td>{w.stats.escalations}</td>
              <td>{w.stats.acknowledged}</td>
              <td>{percent(w.stats.withinSloShare)}</td>
              <td>{formatSeconds(w.stats.medianSecondsToAcknowledge)}</td>
              <td>{formatSeconds(w.stats.p90SecondsToAcknowledge)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export { percent };
