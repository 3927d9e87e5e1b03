import { Inject, Provide } from '@midwayjs/core';
import type { Types } from 'mongoose';
import { AppError } from '../core/app-error';
import { Db } from '../core/db';
import { findByIds } from '../core/filters';
import type { Place } from '../core/place';
import { OrgModel, type Org } from './org.model';

@Provide()
export class PlaceService {
  @Inject()
  db!: Db;

  /** Resolves an org node (building, complex, grid or community) to a full place. */
  async placeOf(orgId: string | Types.ObjectId): Promise<Place> {
    const org = await this.db.model(OrgModel).findById(orgId).lean<Org>();
    // A closed place is history: new records go where it was merged into.
    if (!org || org.active === false || !['community', 'grid', 'complex', 'building'].includes(org.kind)) {
      throw new AppError('VALIDATION_FAILED', '地址不在本县的社区里', [
        { path: 'body.placeId', message: '请选择社区内的小区或楼栋' },
      ]);
    }
    const chain = await findByIds<Org>(this.db.model(OrgModel), org.ancestors);
    const all = [...chain, org];
    const find = (kind: Org['kind']) => all.find((o) => o.kind === kind)?._id ?? null;
    return {
      streetId: find('street')!,
      communityId: find('community')!,
      gridId: find('grid'),
      complexId: find('complex'),
      buildingId: find('building'),
    };
  }
}
