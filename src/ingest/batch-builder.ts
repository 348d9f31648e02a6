/**
 * The ingest hot path: parsed CSV records in, normalized Arrow IPC staging batches out.
 * Layout of a batch: see staging-schema (the lead's merge SQL casts it into the store).
 */
import type { Data, DataType } from 'apache-arrow';
import { SYSTEM_COLUMNS } from '../domain/columns';
import { Float64Column, Utf8Column, columnsToIpc } from './arrow-columns';
import {
  BIGINT, DATETIME, DOUBLE, FLAG, HOOD, INT, LAT, LON, STATUS, TEXT,
  planFile, type ColumnPlan, type FilePlan,
} from './column-plan';
import type { HeaderMapping } from './detect';
import { ingestMessages } from './messages';
import { bump, countUnknownNeighborhood, createStats, type BatchStats } from './batch-stats';
import { checkCoords } from './normalize/coords';
import { parseDateTime } from './normalize/dates';
import { normNeighborhood } from './normalize/neighborhood';
import { normStatus } from './normalize/status';
import { normBigint, normText } from './normalize/values';
import { ExtraJson, firstRaw, isBlankRecord, readNumber } from './record-fields';
import { Fnv64 } from './row-hash';
import { SOURCE_LINE_COLUMN } from './staging-schema';

export type { BatchStats } from './batch-stats';

/**
 * Accumulates one file's records (one builder per file and header) and emits Arrow IPC stream
 * batches. Call `flush()` every ~50–100k rows to bound memory.
 */
export class BatchBuilder {
  /** What normalization did so far (see BatchStats). */
  readonly stats: BatchStats = createStats();
  private readonly mapping: HeaderMapping;
  private readonly plan: FilePlan;
  private readonly lonColumn: ColumnPlan | undefined;
  private readonly latColumn: ColumnPlan | undefined;
  private readonly content = new Fnv64();
  private readonly identity = new Fnv64();
  private readonly keyText: (string | null)[];
  private readonly extra: ExtraJson;
  private readonly sys = {
    row_key: new Utf8Column(),
    content_hash: new Utf8Column(),
    neighborhood_slug: new Utf8Column(),
    coord_flag: new Utf8Column(),
    status_raw: new Utf8Column(),
    extra: new Utf8Column(),
  };
  private readonly sourceLine = new Float64Column();
  private rows = 0;
  private badField = -1;

  constructor(mapping: HeaderMapping) {
    this.mapping = mapping;
    this.plan = planFile(mapping);
    this.lonColumn = this.plan.columns.find((c) => c.kind === LON);
    this.latColumn = this.plan.columns.find((c) => c.kind === LAT);
    this.keyText = new Array<string | null>(this.plan.keyPartCount).fill(null);
    this.extra = new ExtraJson(mapping.extra);
    for (const { name } of SYSTEM_COLUMNS) {
      if (!(name in this.sys)) throw new Error(`BatchBuilder does not fill system column ${name}`);
    }
  }

  /** Rows added since the last flush. */
  get length(): number {
    return this.rows;
  }

  private invalid(column: string): void {
    bump(this.stats.invalidValues, column);
  }

  /** First readable value among the column's sources; unreadable ones are counted. */
  private numberOf(col: ColumnPlan, fields: string[]): number | null {
    const src = col.sources;
    let bad = false;
    for (let k = 0; k < src.length; k++) {
      const v = readNumber(col.kind, fields[src[k]]);
      if (v === undefined) bad = true;
      else if (v !== null) return v;
    }
    if (bad) this.invalid(col.name);
    return null;
  }

  /** Like numberOf for bigint ids; sets `badField` to the first unreadable field index. */
  private idOf(col: ColumnPlan | undefined, fields: string[]): string | null {
    if (col === undefined) return null;
    for (let k = 0; k < col.sources.length; k++) {
      const v = normBigint(fields[col.sources[k]]);
      if (v === undefined) {
        if (this.badField < 0) this.badField = col.sources[k];
      } else if (v !== null) return v;
    }
    return null;
  }

  private reject(reason: string): string {
    this.stats.rejected++;
    return reason;
  }

  /**
   * Normalizes and stages one record.
   *
   * Rejected: a wrong field count (`expected 24 fields, found 26`), a blank record, no readable
   * event time (311: Case Created dttm, else Case Created Date; accidents:
   * FIRST_OCCURRENCE_DATE, else REPORTED_DATE, which then also fills first_occurrence_at so
   * every accepted row has its event time), and for accidents no readable OFFENSE_ID or
   * INCIDENT_ID. Other unreadable values become NULL and are counted in stats.invalidValues.
   * @param fields the record's fields as parsed
   * @param line the record's line number in the source file (stored as `source_line`)
   * @returns null when accepted, otherwise the reject reason (the caller stores the reject)
   */
  add(fields: string[], line: number): string | null {
    const { mapping, plan } = this;
    const header = mapping.header;
    if (fields.length !== mapping.fieldCount) {
      return this.reject(
        isBlankRecord(fields) ? ingestMessages.emptyRecord() : ingestMessages.fieldCount(mapping.fieldCount, fields.length),
      );
    }

    let event: number | null = null;
    let badEvent = -1;
    for (const i of plan.eventSources) {
      const t = parseDateTime(fields[i]);
      if (t === undefined) {
        if (badEvent < 0) badEvent = i;
      } else if (t !== null) {
        event = t;
        break;
      }
    }
    if (event === null) {
      if (badEvent >= 0) return this.reject(ingestMessages.badEventTime(header[badEvent], fields[badEvent]));
      if (isBlankRecord(fields)) return this.reject(ingestMessages.emptyRecord());
      return this.reject(ingestMessages.missingEventTime(plan.eventSources.map((i) => header[i])));
    }
    if (badEvent >= 0) this.invalid(plan.columns[plan.eventColumn].name);

    const cols = plan.columns;
    this.badField = -1;
    let offense: string | null = null;
    let incident: string | null = null;
    if (plan.offenseColumn >= 0) {
      offense = this.idOf(cols[plan.offenseColumn], fields);
      incident = this.idOf(cols[plan.incidentColumn], fields);
      if (offense === null && incident === null) {
        if (this.badField >= 0) return this.reject(ingestMessages.badId(header[this.badField], fields[this.badField]));
        const idHeaders = [...cols[plan.offenseColumn].sources, ...cols[plan.incidentColumn].sources].map((i) => header[i]);
        return this.reject(ingestMessages.missingId(idHeaders));
      }
    }

    const h = this.content.reset();
    const keyText = this.keyText;
    let lon: number | null = null;
    let lat: number | null = null;
    let statusRaw: string | null = null;
    let slug: string | null = null;
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c];
      const src = col.sources;
      switch (col.kind) {
        case TEXT: {
          let v: string | null = null;
          for (let k = 0; k < src.length && v === null; k++) v = normText(fields[src[k]]);
          col.str!.push(v);
          h.text(v);
          if (col.keyPart >= 0) keyText[col.keyPart] = v;
          break;
        }
        case DATETIME: {
          const v = c === plan.eventColumn ? event : this.numberOf(col, fields);
          col.num!.push(v);
          h.num(v);
          break;
        }
        case INT:
        case DOUBLE:
        case FLAG: {
          const v = this.numberOf(col, fields);
          col.num!.push(v);
          h.num(v);
          break;
        }
        case LON:
        case LAT: {
          const v = this.numberOf(col, fields);
          if (col.kind === LON) lon = v;
          else lat = v;
          h.num(v);
          break;
        }
        case BIGINT: {
          let v: string | null;
          if (c === plan.offenseColumn) v = offense;
          else if (c === plan.incidentColumn) v = incident;
          else {
            this.badField = -1;
            v = this.idOf(col, fields);
            if (this.badField >= 0) this.invalid(col.name);
          }
          col.str!.push(v);
          // A 311 OBJECTID numbers the rows of one ArcGIS layer; it is not content. Hashed as
          // absent (as in the classic files), a record reads the same from either variant.
          h.text(c === plan.objectIdColumn && plan.offenseColumn < 0 ? null : v);
          break;
        }
        case STATUS: {
          const raw = firstRaw(src, fields);
          const r = raw === null ? null : normStatus(raw);
          const status = r === null ? null : r.status;
          if (r !== null && r.raw !== undefined) {
            statusRaw = r.raw;
            this.stats.statusFixed++;
          }
          if (r !== null && !r.known) this.stats.statusUnknown++;
          col.str!.push(status);
          h.text(status);
          h.text(statusRaw);
          break;
        }
        case HOOD: {
          const raw = firstRaw(src, fields);
          const r = raw === null ? null : normNeighborhood(raw);
          if (r !== null && !r.known) countUnknownNeighborhood(this.stats, r.name);
          slug = r === null ? null : r.slug;
          const name = r === null ? null : r.name;
          col.str!.push(name);
          h.text(name);
          break;
        }
      }
    }

    const coords = checkCoords(lon, lat);
    this.lonColumn?.num!.push(coords.lon);
    this.latColumn?.num!.push(coords.lat);
    if (coords.flag !== null) bump(this.stats.coordFlags, coords.flag);

    const extra = this.extra.of(fields);
    h.text(extra);

    // 311 records are keyed by their natural key in every variant: an OBJECTID is not stable
    // across republished layers, and the classic files have none (db/merge-sql maps the `oid:`
    // keys stores made before to these).
    let rowKey: string;
    if (plan.offenseColumn >= 0) rowKey = offense !== null ? `o:${offense}` : `i:${incident}`;
    else {
      const idh = this.identity.reset();
      idh.num(event);
      for (let k = 0; k < keyText.length; k++) idh.text(keyText[k]);
      rowKey = `n:${idh.digest()}`;
    }

    const sys = this.sys;
    sys.row_key.push(rowKey);
    sys.content_hash.push(h.digest());
    sys.neighborhood_slug.push(slug);
    sys.coord_flag.push(coords.flag);
    sys.status_raw.push(statusRaw);
    sys.extra.push(extra);
    this.sourceLine.push(line);
    this.rows++;
    this.stats.accepted++;
    return null;
  }

  /**
   * Arrow IPC stream bytes (one record batch) of the rows added since the last flush, then
   * starts a new batch. With no rows, returns a stream with the schema and no batch rows.
   */
  flush(): Uint8Array {
    const out: { name: string; data: Data<DataType> }[] = [];
    for (const col of this.plan.columns) out.push({ name: col.name, data: col.str !== null ? col.str.take() : col.num!.take() });
    for (const { name } of SYSTEM_COLUMNS) out.push({ name, data: this.sys[name as keyof typeof this.sys].take() });
    out.push({ name: SOURCE_LINE_COLUMN, data: this.sourceLine.take() });
    this.rows = 0;
    return columnsToIpc(out);
  }
}
