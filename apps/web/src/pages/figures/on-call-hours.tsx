import { Bar } from 'react-chartjs-2';
import { COLOURS } from './chart-setup.js';
import type { OnCallHoursData } from './figures.queries.js';

const hours = (h: number) => `${(Math.round(h * 10) / 10).toFixed(1)} h`;

/** On-call hours per person, split into their working hours and off hours, as a chart and a table. */
export function OnCallHours({ rows }: { rows: OnCallHoursData['onCallHours'] }) {
  if (rows.length === 0) return <p>Nobody was on call in this range.</p>;
  return (
    <>
      <div className="fg-chart" style={{ height: Math.max(160, rows.length * 36 + 80) }}>
        <Bar
          role="img"
          aria-label="On-call hours per person, working hours and off hours (the table below has the figures)"
          data={{
            labels: rows.map((r) => r.responder.name),
            datasets: [
              { label: 'Working hours', data: rows.map((r) => r.workingHours), backgroundColor: COLOURS.blue },
              { label: 'Off hours', data: rows.map((r) => r.offHours), backgroundColor: COLOURS.orange },
            ],
          }}
          options={{
            indexAxis: 'y',
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            scales: {
              x: { stacked: true, beginAtZero: true, title: { display: true, text: 'hours' } },
              y: { stacked: true },
            },
          }}
        />
      </div>
      <div className="pg-table-wrap">
        <table>
          <caption>On-call hours per person</caption>
          <thead>
            <tr>
              <th scope="col">Responder</th>
              <th scope="col">Total</th>
              <th scope="col">Working hours</th>
              <th scope="col">Off hours</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.responder.id}>
                <th scope="row">{r.responder.name}</th>
                <td>{hours(r.totalHours)}</td>
                <td>{hours(r.workingHours)}</td>
                <td>{hours(r.offHours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
