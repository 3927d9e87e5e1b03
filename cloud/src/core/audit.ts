import { Inject, Provide } from '@midwayjs/core';
import { Schema, Types } from 'mongoose';
import { Db, defineModel } from './db';
import type { Principal } from './principal';

/** Who read whose personal data, what, when, and through which case (PIPL: staff access is logged). */
export interface AuditEntry {
  _id: Types.ObjectId;
  actorId: Types.ObjectId;
  actorRoles: string[];
  subjectId: Types.ObjectId;
  /** What was read, e.g. `phone`, `idNumber`, `partyMembership`. */
  what: string[];
  /** The case that justified it, e.g. `need:<id>`. */
  via: string;
  at: Date;
}

export const AuditModel = defineModel<AuditEntry>(
  'Audit',
  new Schema<AuditEntry>(
    {
      actorId: { type: Schema.Types.ObjectId, required: true, index: true },
      actorRoles: { type: [String], required: true },
      subjectId: { type: Schema.Types.ObjectId, required: true, index: true },
      what: { type: [String], required: true },
      via: { type: String, required: true },
      at: { type: Date, required: true },
    },
    { collection: 'audit', versionKey: false },
  ),
);

@Provide()
export class AuditLog {
  @Inject()
  db!: Db;

  /** Records a staff read of a person's data; call it before the data is returned. */
  async personalDataRead(
    actor: Principal,
    subjectId: string | Types.ObjectId,
    what: string[],
    via: string,
  ): Promise<void> {
    if (String(subjectId) === actor.userId) return; // reading one's own data is not audited
    await this.db.model(AuditModel).create({
      actorId: new Types.ObjectId(actor.userId),
      actorRoles: actor.roles,
      subjectId: new Types.ObjectId(String(subjectId)),
      what,
      via,
      at: new Date(),
    });
  }

  /** Records a staff read of several people at once (a list page): one entry per person. */
  async personalDataReads(
    actor: Principal,
    subjectIds: (string | Types.ObjectId)[],
    what: string[],
    via: string,
  ): Promise<void> {
    const at = new Date();
    const others = subjectIds.filter((id) => String(id) !== actor.userId);
    if (!others.length) return;
    await this.db.model(AuditModel).insertMany(
      others.map((id) => ({
        actorId: new Types.ObjectId(actor.userId),
        actorRoles: actor.roles,
        subjectId: new Types.ObjectId(String(id)),
        what,
        via,
        at,
      })),
    );
  }
}
