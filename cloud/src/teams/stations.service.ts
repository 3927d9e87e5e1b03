import { Inject, Provide } from '@midwayjs/core';
import { Types } from 'mongoose';
import {
  maskPhone,
  type StationDetail,
  type StationSummary,
  type createStationBody,
  type updateStationBody,
  type z,
} from '@gongzhi/shared';
import { AppError } from '../core/app-error';
import { Clock } from '../core/clock';
import { Db } from '../core/db';
import { placeInScope } from '../core/place';
import { PlaceService } from '../org/place.service';
import type { Principal } from '../core/principal';
import { OrgModel, type Org } from '../org/org.model';
import { StationModel, type Station } from './station.model';
import { TeamAccess } from './team-access';
import { TeamModel, type Team } from './team.model';
import { createKeyed } from '../core/create-keyed';

/** Use cases of service stations: list_stations, show_station, create_station, update_station. */
@Provide()
export class StationsService {
  @Inject()
  db!: Db;

  @Inject()
  clock!: Clock;

  @Inject()
  places!: PlaceService;

  @Inject()
  access!: TeamAccess;

  async listStations(user: Principal, communityId: string | undefined): Promise<{ items: StationSummary[] }> {
    const filter = this.access.communityFilter(user, communityId, 'place.communityId');
    const stations = await this.db.model(StationModel).find(filter).sort({ createdAt: 1 }).lean<Station[]>();
    return { items: await this.views(user, stations) };
  }

  async showStation(user: Principal, id: string): Promise<StationDetail> {
    return this.detail(user, await this.station(id));
  }

  async createStation(
    user: Principal,
    body: z.output<typeof createStationBody>,
    keyedId: Types.ObjectId | null = null,
  ) {
    const place = await this.places.placeOf(body.placeId);
    if (!placeInScope(user, place)) throw new AppError('FORBIDDEN', '只能在所辖社区设立服务站点');
    const now = this.clock.now();
    const doc = await createKeyed<Station>(this.db.model(StationModel), keyedId, {
      ...body,
      placeId: new Types.ObjectId(body.placeId),
      place,
      createdBy: new Types.ObjectId(user.userId),
      createdAt: now,
      updatedAt: now,
    });
    return this.detail(user, doc);
  }

  async updateStation(user: Principal, id: string, body: z.output<typeof updateStationBody>): Promise<StationDetail> {
    const station = await this.station(id);
    if (!placeInScope(user, station.place)) throw new AppError('FORBIDDEN', '只能修改所辖社区的服务站点');
    const set: Record<string, unknown> = { ...body, updatedAt: this.clock.now() };
    if (body.placeId) {
      const place = await this.places.placeOf(body.placeId);
      // Teams based here belong to its community: a station does not move to another one.
      if (!place.communityId.equals(station.place.communityId))
        throw new AppError('VALIDATION_FAILED', '站点不能移到其他社区', [
          { path: 'body.placeId', message: '请选择本社区内的位置' },
        ]);
      Object.assign(set, { placeId: new Types.ObjectId(body.placeId), place });
    }
    await this.db.model(StationModel).updateOne({ _id: station._id }, { $set: set });
    return this.detail(user, await this.station(id));
  }

  private async station(id: string): Promise<Station> {
    const station = await this.db.model(StationModel).findById(id).lean<Station>();
    if (!station) throw new AppError('NOT_FOUND', '没有找到这个服务站点');
    return station;
  }

  private async detail(user: Principal, station: Station): Promise<StationDetail> {
    const [view] = await this.views(user, [station]);
    return {
      ...view,
      placeId: String(station.placeId),
      description: station.description,
      canManage: placeInScope(user, station.place),
    };
  }

  private async views(user: Principal, stations: Station[]): Promise<StationSummary[]> {
    if (!stations.length) return [];
    const [teams, communities] = await Promise.all([
      this.db
        .model(TeamModel)
        .find({ stationId: { $in: stations.map((s) => s._id) } }, { name: 1, stationId: 1 })
        .sort({ code: 1 })
        .lean<Pick<Team, '_id' | 'name' | 'stationId'>[]>(),
      this.db
        .model(OrgModel)
        .find({ _id: { $in: stations.map((s) => s.place.communityId) } }, { name: 1 })
        .lean<Pick<Org, '_id' | 'name'>[]>(),
    ]);
    return stations.map((s) => ({
      id: String(s._id),
      name: s.name,
      community: {
        id: String(s.place.communityId),
        name: communities.find((c) => c._id.equals(s.place.communityId))?.name ?? '',
      },
      address: s.address,
      openHours: s.openHours,
      contactName: s.contactName,
      // The desk number in full for those who run the station; masked for everyone else.
      contactPhone: placeInScope(user, s.place) ? s.contactPhone : maskPhone(s.contactPhone),
      teams: teams.filter((t) => t.stationId?.equals(s._id)).map((t) => ({ id: String(t._id), name: t.name })),
    }));
  }
}
