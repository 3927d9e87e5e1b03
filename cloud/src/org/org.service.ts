import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import type { OrgNode, OrgRef } from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import type { Principal } from '../core/principal';
import { Db } from '../core/db';
import { ACTIVE, OrgModel, type Org } from './org.model';

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

  /** Complexes and buildings of a community, for the address picker. Defaults to the caller's community. */
  async listPlaces(user: Principal, communityId?: string) {
    const id = communityId ?? user.communityId;
    const community = id ? await this.get(id) : null;
    if (!community || community.kind !== 'community' || community.active === false)
      throw new AppError('NOT_FOUND', '没有找到该社区');
    const below = await this.db
      .model(OrgModel)
      .find({ ancestors: community._id, kind: { $in: ['grid', 'complex', 'building'] }, ...ACTIVE })
      .sort({ name: 1 })
      .lean<Org[]>();
    const of = (kind: Org['kind']) => below.filter((o) => o.kind === kind).map(toNode);
    return { community: toNode(community), grids: of('grid'), complexes: of('complex'), buildings: of('building') };
  }

  /** Streets and communities of the county, for filters and switching community. */
  async listCommunities() {
    const orgs = await this.db
      .model(OrgModel)
      .find({ kind: { $in: ['street', 'community'] }, ...ACTIVE })
      .lean<Org[]>();
    return {
      streets: orgs.filter((o) => o.kind === 'street').map(toNode),
      communities: orgs.filter((o) => o.kind === 'community').map(toNode),
    };
  }
}

function toNode(o: Org): OrgNode {
  return {
    id: String(o._id),
    kind: o.kind,
    name: o.name,
    parentId: o.parentId ? String(o.parentId) : null,
    ...(o.kind === 'complex' ? { old: !!o.old, hasProperty: !!o.hasProperty } : {}),
  };
}
