import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { OrgRef } from '@gongzhi/shared';
import { Db } from '../core/db';
import { OrgModel, type Org } from './org.model';

/** Reads of the org tree shared by every area. */
@Provide()
export class OrgService {
  @Inject()
  db!: Db;

  async get(id: string | Types.ObjectId | null | undefined): Promise<Org | null> {
    if (!id) return null;
    return this.db.model(OrgModel).findById(id).lean<Org>();
  }

  /** The community an org node belongs to (itself when it is one). */
  async communityOf(org: Org | null): Promise<Org | null> {
    if (!org) return null;
    if (org.kind === 'community') return org;
    return this.db
      .model(OrgModel)
      .findOne({ _id: { $in: org.ancestors }, kind: 'community' })
      .lean<Org>();
  }

  /** The street an org node belongs to (itself when it is one). */
  async streetOf(org: Org | null): Promise<Org | null> {
    if (!org) return null;
    if (org.kind === 'street') return org;
    return this.db
      .model(OrgModel)
      .findOne({ _id: { $in: org.ancestors }, kind: 'street' })
      .lean<Org>();
  }

  ref(org: Org | null): OrgRef | null {
    return org ? { id: String(org._id), kind: org.kind, name: org.name } : null;
  }
}
