import { namesDevice } from '../parsers/masked-value.js';
import type Database from 'better-sqlite3';
import type { Db } from './database.js';
import type {
  DeviceRow, DriveIdentity, FactSink, FirmwareRow, RegisterDumpRow, RegisterFieldRow, RegisterRow, SettingRow,
} from './rows.js';
import type { DescribeVersion } from './version-info.js';
import { recordVendorData } from '../vendor-data/store.js';
import type { StoredVendorData } from '../vendor-data/vendor-data.js';
import { undeclaredFactPolicy, UndeclaredFactError, type FactContract, type UndeclaredFactPolicy } from '../facts/contract.js';
import { cachedStatement } from './statements.js';
import { collision, textId, TextIdCollision } from './text-ids.js';
import { contentId, type SqlValue, type TableWriter, type TableWriting } from './class-tables.js';
import { classRowTable, classTables, isClassContentTable } from './class-schema.js';
import { SharedTexts } from './shared-text.js';
import { storedOrigin, storedSha256 } from './artifact-rows.js';
import type { ArtifactOrigin } from '../../bundle/format.js';
import { NameIndex, NumberColumn } from '../../bundle/name-index.js';
import { foldDrives } from './one-drive.js';

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

type Stmt = Database.Statement;
const RANKED: readonly DriveIdentity['named'][] = ['own', 'node', 'kernel'];
const n = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const asText = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'boolean' ? (v ? '1' : '0') : String(v));

/** Writes facts of one bundle into the database with prepared statements (call inside a transaction). */
export class SqliteSink implements FactSink {
  private readonly st: Record<'device' | 'setting' | 'artifactNo' | 'deviceNo' | 'name' | 'nameOf' | 'key' | 'keyOf' | 'reg' | 'field' | 'issue' | 'fw', Stmt>;
  private readonly pendingFirmware: FirmwareRow[] = [];
  /** Consecutive register() words of one device, space and artifact, written as one blob when the run ends. */
  private run: { deviceKey: string; space: string; artifact: string | null; offset: number; words: number[] } | undefined;
  currentArtifact: string | undefined;
  /** Who is writing now ("loader nvme"), named in UNDECLARED_FACT issues. */
  currentWriter: string | undefined;
  private readonly classOf = new Map<string, string>();
  /** The drive each device is, as its loaders declared it (the best-named declaration of a key). */
  private readonly drives = new Map<string, DriveIdentity>();
  /** Rows name their artifact by a number of this bundle (fact_artifacts), not by repeating its name: by ordinal in `names`, 0 for none yet. */
  private readonly artifactNos = new NumberColumn(Int32Array);
  private artifactCount = 0;
  /** And their device by a number of this bundle (device_nos). */
  private readonly deviceNos = new Map<string, number>();
  /** Setting keys of this bundle already in setting_keys, by namespace, key and mode. */
  private readonly keyIds = new Map<string, number>();
  private settingSeq = 0;
  /** The classes' table writers made for this bundle, by the function that made them. */
  private readonly writers = new Map<TableWriter<unknown>, unknown>();
  private readonly hashes: SharedTexts;
  private readonly origins: SharedTexts;

  /**
   * Every fact is checked against the declared facts: an undeclared one is not written but reported as an
   * UNDECLARED_FACT issue naming the loader, or thrown (the policy tests use, so a loader's test fails loudly).
   * `names`: the bundle's index of entry names, shared with the reader (each name held once).
   */
  constructor(
    private readonly db: Db,
    readonly bundleId: number,
    private readonly describe: DescribeVersion,
    private readonly facts: FactContract,
    private readonly undeclared: UndeclaredFactPolicy = undeclaredFactPolicy(),
    private readonly names = new NameIndex(),
  ) {
    this.hashes = new SharedTexts(db, 'artifact_hashes', 'sha256');
    this.origins = new SharedTexts(db, 'artifact_origins', 'origin');
    this.st = {
      device: cachedStatement(db, `INSERT INTO devices (bundle_id, device_key, class, pci_address, parent_key, vendor_id, device_id, subsystem_vendor_id,
          subsystem_device_id, class_code, revision, driver, model, serial)
        VALUES (@b, @key, @class, @pci, @parent, @ven, @dev, @sven, @sdev, @cls, @rev, @driver, @model, @serial)
        ON CONFLICT (bundle_id, device_key) DO UPDATE SET
          pci_address = COALESCE(excluded.pci_address, pci_address), parent_key = COALESCE(excluded.parent_key, parent_key),
          vendor_id = COALESCE(excluded.vendor_id, vendor_id), device_id = COALESCE(excluded.device_id, device_id),
          subsystem_vendor_id = COALESCE(excluded.subsystem_vendor_id, subsystem_vendor_id),
          subsystem_device_id = COALESCE(excluded.subsystem_device_id, subsystem_device_id),
          class_code = COALESCE(excluded.class_code, class_code), revision = COALESCE(excluded.revision, revision),
          driver = COALESCE(excluded.driver, driver), model = COALESCE(excluded.model, model), serial = COALESCE(excluded.serial, serial)`),
      setting: cachedStatement(db, `INSERT INTO setting_rows (bundle_id, device_no, key_id, seq, value, artifact_no) VALUES (?, ?, ?, ?, ?, ?)`),
      artifactNo: cachedStatement(db, `INSERT INTO artifact_rows (bundle_id, no, name_id) VALUES (?, ?, ?)`),
      deviceNo: cachedStatement(db, `INSERT INTO device_nos (bundle_id, no, device_key) VALUES (?, ?, ?)`),
      name: cachedStatement(db, `INSERT OR IGNORE INTO artifact_names (id, name) VALUES (?, ?)`),
      nameOf: cachedStatement(db, `SELECT name FROM artifact_names WHERE id = ?`),
      key: cachedStatement(db, `INSERT OR IGNORE INTO setting_keys (id, namespace, key, mode) VALUES (?, ?, ?, ?)`),
      keyOf: cachedStatement(db, `SELECT namespace || char(0) || key || char(0) || mode AS text FROM setting_keys WHERE id = ?`),
      reg: cachedStatement(db, `INSERT INTO register_dump_rows (bundle_id, device_no, space, offset, data, artifact_no) VALUES (?, ?, ?, ?, ?, ?)`),
      field: cachedStatement(db, `INSERT INTO register_field_rows (bundle_id, device_no, register, field, value, note, artifact_no) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      issue: cachedStatement(db, `INSERT INTO collection_issues (bundle_id, stage, source, target, code, message) VALUES (?, 'analyze', NULL, ?, ?, ?)`),
      fw: cachedStatement(db, `INSERT INTO firmware_rows (bundle_id, device_no, component, version, scheme, version_key, family, unknown, state, artifact_no)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    };
  }

  private art(a: string | undefined): string | null {
    return a ?? this.currentArtifact ?? null;
  }

  /** The number artifact `name` already has in this bundle, if any. */
  numberOf(name: string): number | undefined {
    const i = this.names.find(name);
    return i >= 0 ? this.artifactNos.get(i) || undefined : undefined;
  }

  /** The number of artifact `name` in this bundle (artifact_rows.no, listed 0 until the bundle lists it), given on first use. */
  artifactNo(name: string): number;
  artifactNo(name: string | null): number | null;
  artifactNo(name: string | null): number | null {
    if (name === null) return null;
    const i = this.names.intern(name);
    let no = this.artifactNos.get(i);
    if (no === 0) {
      no = ++this.artifactCount;
      this.artifactNos.set(i, no);
      const id = textId(name);
      if (this.st.name.run(id, name).changes === 0) {
        const stored = (this.st.nameOf.get(id) as { name: string }).name;
        if (stored !== name) throw collision('artifact_names', id, name, stored);
      }
      this.st.artifactNo.run(this.bundleId, no, id);
    }
    return no;
  }

  /** The number of device `key` in this bundle (device_nos), given on first use. */
  deviceNo(key: string): number {
    let no = this.deviceNos.get(key);
    if (no === undefined) {
      no = this.deviceNos.size + 1;
      this.deviceNos.set(key, no);
      this.st.deviceNo.run(this.bundleId, no, key);
    }
    return no;
  }

  /** False (and reported) when the fact breaks the declarations. */
  private declared(problem: string | undefined, deviceKey: string | null): boolean {
    if (problem === undefined) return true;
    const message = `${this.currentWriter ?? 'a loader'} emitted an undeclared fact: ${problem}${deviceKey ? ` (device ${deviceKey})` : ''}`;
    if (this.undeclared === 'throw') throw new UndeclaredFactError(message);
    this.issue('UNDECLARED_FACT', message);
    return false;
  }

  device(d: DeviceRow): void {
    if (!this.declared(this.facts.checkDeviceClass(d.class), d.key)) return;
    this.classOf.set(d.key, d.class);
    const had = this.drives.get(d.key);
    if (d.drive && namesDevice(d.drive.serial) && (!had || RANKED.indexOf(d.drive.named) > RANKED.indexOf(had.named))) this.drives.set(d.key, d.drive);
    this.st.device.run({
      b: this.bundleId, key: d.key, class: d.class, pci: n(d.pciAddress), parent: n(d.parentKey), ven: n(d.vendorId), dev: n(d.deviceId),
      sven: n(d.subsystemVendorId), sdev: n(d.subsystemDeviceId), cls: n(d.classCode), rev: n(d.revision), driver: n(d.driver),
      model: n(d.model), serial: n(d.serial),
    });
  }

  firmware(f: FirmwareRow): void {
    if (!this.declared(this.facts.checkFirmware(f, this.classOf.get(f.deviceKey)), f.deviceKey)) return;
    this.pendingFirmware.push({ ...f, artifact: f.artifact ?? this.currentArtifact });
  }

  setting(s: SettingRow): void {
    if (!this.declared(this.facts.checkSetting(s, this.classOf.get(s.deviceKey)), s.deviceKey)) return;
    this.st.setting.run(this.bundleId, this.deviceNo(s.deviceKey), this.keyId(s.namespace, s.key, s.mode), ++this.settingSeq, asText(s.value), this.artifactNo(this.art(s.artifact)));
  }

  private keyId(namespace: string, key: string, mode: string): number {
    const text = `${namespace}\0${key}\0${mode}`;
    let id = this.keyIds.get(text);
    if (id === undefined) {
      id = textId(namespace, key, mode);
      if (this.st.key.run(id, namespace, key, mode).changes === 0) {
        const stored = (this.st.keyOf.get(id) as { text: string }).text;
        if (stored !== text) throw collision('setting_keys', id, text, stored);
      }
      this.keyIds.set(text, id);
    }
    return id;
  }

  row(table: string, values: Readonly<Record<string, SqlValue>>, artifact?: string): void {
    const how = classRowTable(table);
    if (!how) {
      this.declared(`a row of table ${table}, which no class declares`, null);
      return;
    }
    const columns = Object.keys(values);
    const sql = `INSERT INTO ${quote(table)} (bundle_id, ${[...columns, how].map(quote).join(', ')}) VALUES (${['?', ...columns, how].map(() => '?').join(', ')})`;
    const name = this.art(artifact);
    cachedStatement(this.db, sql).run(this.bundleId, ...columns.map((c) => values[c]), how === 'artifact_no' ? this.artifactNo(name) : name);
  }

  content(table: string, sha256: Buffer, values: Readonly<Record<string, SqlValue>>): number {
    if (!isClassContentTable(table)) throw new Error(`content table ${table} is not declared by any class`);
    const id = contentId(sha256);
    const columns = Object.keys(values);
    const sql = `INSERT OR IGNORE INTO ${quote(table)} (id, sha256, ${columns.map(quote).join(', ')}) VALUES (?, ?, ${columns.map(() => '?').join(', ')})`;
    if (cachedStatement(this.db, sql).run(id, sha256, ...columns.map((c) => values[c])).changes === 0) {
      const stored = cachedStatement(this.db, `SELECT sha256 FROM ${quote(table)} WHERE id = ?`).get(id) as { sha256: Buffer };
      if (!Buffer.from(stored.sha256).equals(sha256)) {
        throw new TextIdCollision(`${table}: content ${sha256.toString('hex')} has the id ${id} of other content; this database cannot hold both (analyse into a new --db file)`);
      }
    }
    return id;
  }

  register(r: RegisterRow): void {
    if (!this.declared(this.facts.checkRegisterSpace(r.space), r.deviceKey)) return;
    const artifact = this.art(r.artifact);
    const run = this.run;
    if (run && run.deviceKey === r.deviceKey && run.space === r.space && run.artifact === artifact && r.offset === run.offset + 4 * run.words.length) {
      run.words.push(r.value);
      return;
    }
    this.flushRegisters();
    this.run = { deviceKey: r.deviceKey, space: r.space, artifact, offset: r.offset, words: [r.value] };
  }

  registerDump(d: RegisterDumpRow): void {
    if (!this.declared(this.facts.checkRegisterSpace(d.space), d.deviceKey)) return;
    this.flushRegisters();
    if (d.words.length >= 4) this.st.reg.run(this.bundleId, this.deviceNo(d.deviceKey), d.space, d.offset, d.words.subarray(0, d.words.length & ~3), this.artifactNo(this.art(d.artifact)));
  }

  /** Writes the register run in progress (loading calls this before rows are withdrawn and at the end). */
  flushRegisters(): void {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    const words = Buffer.allocUnsafe(run.words.length * 4);
    run.words.forEach((v, i) => words.writeUInt32BE(v >>> 0, i * 4));
    this.st.reg.run(this.bundleId, this.deviceNo(run.deviceKey), run.space, run.offset, words, this.artifactNo(run.artifact));
  }

  registerField(f: RegisterFieldRow): void {
    if (!this.declared(this.facts.checkRegisterFields(f.register), f.deviceKey)) return;
    const v = typeof f.value === 'bigint' ? f.value.toString() : asText(f.value);
    this.st.field.run(this.bundleId, this.deviceNo(f.deviceKey), f.register, f.field, v, n(f.note), this.artifactNo(this.art(f.artifact)));
  }

  tables<W>(writer: TableWriter<W>): W {
    if (this.writers.has(writer)) return this.writers.get(writer) as W;
    if (!classTables().some((t) => t.writer === writer)) throw new Error(`a table writer no class declares (${writer.name || 'anonymous'})`);
    const w: TableWriting = {
      db: this.db,
      bundleId: this.bundleId,
      artifactNo: (name) => this.artifactNo(name),
      artifact: (name) => this.art(name),
      sharedText: (table, column) => {
        const texts = new SharedTexts(this.db, table, column);
        return (text) => texts.id(text);
      },
    };
    const made = writer(w);
    this.writers.set(writer, made);
    return made;
  }

  /** The id of an artifact's sha256 in artifact_hashes (32 bytes for lowercase hex, else the text as given). */
  hashId(sha256: string | null | undefined): number | null {
    const stored = storedSha256(sha256);
    return stored === null ? null : this.hashes.id(sha256!, stored);
  }

  /** The id of an origin in artifact_origins, or null where the view gives it from the name (storedOrigin). */
  originId(name: string, origin: ArtifactOrigin): number | null {
    const json = storedOrigin(name, origin);
    return json === null ? null : this.origins.id(json);
  }

  vendorData(v: StoredVendorData): void {
    recordVendorData(this.db, this.bundleId, v);
  }

  issue(code: string, message: string, target?: string): void {
    this.st.issue.run(this.bundleId, target ?? this.currentArtifact ?? null, code, message);
  }

  /** The drive a device is, as its best-named declaration says. */
  driveOf(deviceKey: string): DriveIdentity | undefined {
    return this.drives.get(deviceKey);
  }

  /** Firmware rows recorded so far (not yet written) for one device. */
  firmwareOf(deviceKey: string): readonly FirmwareRow[] {
    return this.pendingFirmware.filter((f) => f.deviceKey === deviceKey);
  }

  /** Writes firmware rows once every device is known, so version schemes can use vendor and driver. */
  /** Folds the devices declared as one drive into one (after every loader and flushFirmware); see foldDrives. */
  foldDrives(): void {
    foldDrives(this.db, this.bundleId, this.drives, (key) => this.deviceNos.get(key), (code, message, target) => this.issue(code, message, target));
  }

  flushFirmware(): void {
    this.flushRegisters();
    const dev = cachedStatement(this.db, `SELECT vendor_id, device_id, driver FROM devices WHERE bundle_id = ? AND device_key = ?`);
    for (const f of this.pendingFirmware) {
      const d = dev.get(this.bundleId, f.deviceKey) as { vendor_id: number | null; device_id: number | null; driver: string | null } | undefined;
      const info = this.describe(f.version, {
        scheme: f.scheme, vendorId: d?.vendor_id, deviceId: d?.device_id, driver: d?.driver, component: f.component, family: f.family,
      });
      this.st.fw.run(this.bundleId, this.deviceNo(f.deviceKey), f.component, f.version, info.scheme, info.versionKey, info.family, info.unknown ? 1 : 0, f.state, this.artifactNo(f.artifact ?? null));
    }
    this.pendingFirmware.length = 0;
  }
}
