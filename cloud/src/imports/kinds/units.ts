import type { Types } from 'mongoose';
import type { UnitRow } from '@gongzhi/shared';
import { UnitModel, type Unit } from '../../org/unit.model';
import { insertIgnoringDuplicates, keyId, setEach, type ImportKindDef } from '../kind';

interface UnitData {
  _id: Types.ObjectId;
  name: string;
  kind: string;
  streetId: Types.ObjectId;
}

/** 驻区单位 keyed by name + street. Community staff import into their own street only. */
export const unitsKind: ImportKindDef<UnitRow, UnitData, Unit> = {
  kind: 'units',
  plan(ctx, row) {
    const street = ctx.streets.get(row.street);
    if (!street)
      return {
        column: 'street',
        message: ctx.allStreets.has(row.street)
          ? `不能导入到「${row.street}」：不在您管辖的范围内`
          : `没有名为「${row.street}」的街道`,
      };
    const key = `${street._id}/${row.name}`;
    return {
      key,
      view: { kind: row.kind },
      data: { _id: keyId('unit', key), name: row.name, kind: row.kind, streetId: street._id },
    };
  },
  async existing(ctx) {
    const docs = await ctx.db
      .model(UnitModel)
      .find({ streetId: { $in: [...ctx.streets.values()].map((s) => s._id) } })
      .lean<Unit[]>();
    return new Map(docs.map((d) => [`${d.streetId}/${d.name}`, d]));
  },
  viewOf(_ctx, d) {
    return { kind: d.kind };
  },
  async write(ctx, fresh, changed) {
    const model = ctx.db.model(UnitModel);
    await insertIgnoringDuplicates(
      model,
      fresh.map((p) => p.data),
    );
    await setEach(
      model,
      changed.map(({ plan, doc }) => ({ filter: { _id: doc._id }, set: { kind: plan.data.kind } })),
    );
  },
};
