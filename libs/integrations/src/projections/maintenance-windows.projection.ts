import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import {
  cachedStatement,
  ReadModelProjection,
  readDoc,
  toDomainEvent,
  type Projection,
  type RecordedEvent,
} from '@app/event-store';
import {
  isActive,
  maintenanceWindowDecider,
  type MaintenanceWindow,
} from '../domain/maintenance-window/maintenance-window.decider.js';
import type { MaintenanceWindowEvent } from '../domain/maintenance-window/maintenance-window.events.js';

/** Maintenance windows with the instant each stops (its end, or when it was ended early). */
@ReadModelProjection()
@Injectable()
export class MaintenanceWindowsProjection implements Projection {
  readonly name = 'maintenance-windows';
  readonly version = 1;
  private db?: Database;

  setUp(db: Database): void {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS maintenance_windows (
        window_id   TEXT PRIMARY KEY,
        service_id  TEXT,
        rotation_id TEXT,
        starts_at   TEXT NOT NULL,
        stops_at    TEXT NOT NULL,
        doc         TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS maintenance_windows_by_stop ON maintenance_windows (stops_at, starts_at);`);
  }

  tearDown(db: Database): void {
    db.exec('DROP TABLE IF EXISTS maintenance_windows');
  }

  apply(recorded: RecordedEvent, db: Database): void {
    if (recorded.type !== 'MaintenanceWindowScheduled' && recorded.type !== 'MaintenanceWindowEnded') return;
    const event = toDomainEvent<MaintenanceWindowEvent>(recorded);
    const current = readDoc<MaintenanceWindow>(
      db,
      'SELECT doc FROM maintenance_windows WHERE window_id = ?',
      event.data.windowId,
    );
    const next = maintenanceWindowDecider.evolve(current, event);
    if (!next) return;
    const stopsAt = next.endedAt && next.endedAt < next.endsAt ? next.endedAt : next.endsAt;
    cachedStatement(
      db,
      `INSERT OR REPLACE INTO maintenance_windows (window_id, service_id, rotation_id, starts_at, stops_at, doc)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(next.windowId, next.serviceId, next.rotationId, next.startsAt, stopsAt, JSON.stringify(next));
  }

  find(windowId: string): MaintenanceWindow | null {
    return readDoc<MaintenanceWindow>(
      this.database(),
      'SELECT doc FROM maintenance_windows WHERE window_id = ?',
      windowId,
    );
  }

  /** Windows active at `at`, the earliest started first. */
  activeAt(at: Date): MaintenanceWindow[] {
    const iso = at.toISOString();
    return cachedStatement<[string, string], { doc: string }>(
      this.database(),
      `SELECT doc FROM maintenance_windows WHERE stops_at > ? AND starts_at <= ? ORDER BY starts_at, window_id`,
    )
      .all(iso, iso)
      .map((row) => JSON.parse(row.doc) as MaintenanceWindow)
      .filter((window) => isActive(window, at));
  }

  /** The active window silencing a service or a rotation at `at`, if any. */
  silencing(at: Date, serviceId: string | null, rotationId: string | null): MaintenanceWindow | undefined {
    return this.activeAt(at).find(
      (w) =>
        (w.serviceId !== null && w.serviceId === serviceId) || (w.rotationId !== null && w.rotationId === rotationId),
    );
  }

  private database(): Database {
    if (!this.db) throw new Error('The maintenance-windows projection is not set up yet');
    return this.db;
  }
}
