import { Controller, Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import { ageOn, api, localDateOf, type StaffRosterRow } from '@gongzhi/shared';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import { Handle, type Call } from '../core/handle';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { rosterScope } from '../party/party-access';
import { StaffMemberModel, type StaffMemberDoc } from './staff-member.model';
import { allOf, findByIds } from '../core/filters';

const { listStaffRoster } = api.people;

/** Use case list_staff_roster: the 两委 and staff of the caller's community (street, county). */
@Provide()
export class StaffRosterService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  async list(user: Principal, q: { communityId?: string; active: boolean; page: number; pageSize: number }) {
    // allOf: a requested community narrows the caller's scope, never widens it.
    const filter = allOf(
      { active: q.active },
      rosterScope(user),
      q.communityId ? { placeId: new Types.ObjectId(q.communityId) } : {},
    );
    const model = this.db.model(StaffMemberModel);
    const [rows, total] = await Promise.all([
      // Committee members first (书记、主任…), then the other staff, in the order they were entered.
      model
        .find(filter)
        .sort({ placeId: 1, committee: -1, _id: 1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<StaffMemberDoc[]>(),
      model.countDocuments(filter),
    ]);
    const places = await findByIds<Org>(
      this.db.model(OrgModel),
      rows.map((r) => r.placeId),
      { name: 1 },
    );
    const today = localDateOf(this.clock.now());
    const items: StaffRosterRow[] = rows.map((r) => ({
      id: String(r._id),
      name: r.name,
      placeId: String(r.placeId),
      placeName: places.find((p) => p._id.equals(r.placeId))?.name ?? '',
      post: r.post,
      committee: r.committee,
      age: ageOn(r.birthDate, today),
      education: r.education,
      active: r.active,
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }
}

@Controller('/')
export class StaffRosterController {
  @Inject()
  roster!: StaffRosterService;

  @Handle(listStaffRoster)
  async listStaffRoster({ user, query }: Call<typeof listStaffRoster>) {
    return this.roster.list(user, query);
  }
}
