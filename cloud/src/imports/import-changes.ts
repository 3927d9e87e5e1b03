import {
  IMPORT_COLUMNS,
  IMPORT_KIND_LABELS,
  ROSTER_FIELD_LABELS,
  type ImportKind,
  type ImportRowChange,
} from '@gongzhi/shared';
import type { DataCipher } from '../core/cipher';
import type { Db } from '../core/db';
import { diffShown, maskValue, recordRosterEvents, type Change } from '../rosters/roster-events';
import type { ImportContext, ImportKindDef, Planned } from './kind';

/** Fields whose change moves a row to another place: the history calls it 调转, not 修改. */
const MOVE_FIELDS = ['branch', 'community', 'grid', 'home'];

/** What a re-imported row changes in the stored record, as people read it. */
export function changesOf(
  ctx: ImportContext,
  kind: ImportKind,
  def: ImportKindDef,
  plan: Planned,
  doc: unknown,
): Change[] {
  const before = def.viewOf(ctx, doc);
  if (def.history) return diffShown(def.history.show(ctx, before), def.history.show(ctx, plan.view));
  // Kinds without a roster history: the template's headers name the fields.
  const header = new Map(IMPORT_COLUMNS[kind].map((c) => [c.key, c.header]));
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const shown = (view: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(view).map(([k, v]) => [header.get(k) ?? k, text(v)]));
  return diffShown(shown(before), shown(plan.view));
}

/** The dry run's line for a row that updates a stored record: whose, and each field from → to (masked). */
export function rowChange(
  ctx: ImportContext,
  kind: ImportKind,
  def: ImportKindDef,
  v: { row: number; plan: Planned; cells: Record<string, string> },
  doc: unknown,
): ImportRowChange {
  return {
    row: v.row,
    name: v.cells[IMPORT_COLUMNS[kind][0].header] ?? '',
    fields: changesOf(ctx, kind, def, v.plan, doc).map((c) => ({
      label: ROSTER_FIELD_LABELS[c.field] ?? c.field,
      from: maskValue(c.field, c.from),
      to: maskValue(c.field, c.to),
    })),
  };
}

/** Each roster row a commit updated gets its history event: the importer, what changed from → to. */
export async function recordImportChanges(
  db: Db,
  cipher: DataCipher,
  ctx: ImportContext,
  kind: ImportKind,
  def: ImportKindDef,
  changed: { plan: Planned; doc: unknown }[],
): Promise<void> {
  const history = def.history;
  if (!history) return;
  const events = changed.flatMap(({ plan, doc }) => {
    const changes = changesOf(ctx, kind, def, plan, doc);
    if (!changes.length) return [];
    const moved = changes.some((c) => MOVE_FIELDS.includes(c.field));
    return [
      {
        ...history.rowOf(ctx, doc, plan),
        rowKind: history.rowKind,
        action: moved ? ('move' as const) : ('correct' as const),
        changes,
        reason: `重新导入${IMPORT_KIND_LABELS[kind]}名册`,
        actorId: ctx.user.userId,
        via: 'import' as const,
        at: ctx.now,
      },
    ];
  });
  await recordRosterEvents(db, cipher, events);
}
