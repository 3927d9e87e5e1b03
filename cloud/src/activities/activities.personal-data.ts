import { Types } from 'mongoose';
import { reassign, registerPersonalData } from '../people/personal-data';
import { ActivityModel, type Activity } from './activity.model';
import { AttendanceModel, ServiceRecordModel, type Attendance, type ServiceRecord } from './attendance.model';
import { PersonTimeModel, SeatModel, WaitlistModel, type Seat, type WaitlistEntry } from './claim.model';
import { ShiftModel, type Shift } from './shift.model';

// Claims, waitlist places, check-ins and confirmed service hours. On erasure the past stays under
// the person's (now anonymous) id, so hours totals and activity counts do not move; seats in shifts
// still to come and waitlist places are given back.
registerPersonalData({
  area: 'activities',
  collections: ['attendance', 'personTime', 'seats', 'serviceRecords', 'waitlist'],
  async exportFor({ db }, userId) {
    const [seats, waiting, attendance, records] = await Promise.all([
      db.model(SeatModel).find({ personId: userId }).lean<Seat[]>(),
      db.model(WaitlistModel).find({ personId: userId }).lean<WaitlistEntry[]>(),
      db.model(AttendanceModel).find({ personId: userId }).lean<Attendance[]>(),
      db.model(ServiceRecordModel).find({ personId: userId }).lean<ServiceRecord[]>(),
    ]);
    const shiftIds = [...seats, ...waiting, ...attendance, ...records].map((x) => x.shiftId);
    const shifts = await db
      .model(ShiftModel)
      .find({ _id: { $in: shiftIds } })
      .lean<Shift[]>();
    const activities = await db
      .model(ActivityModel)
      .find({ _id: { $in: shifts.map((s) => s.activityId) } }, { title: 1 })
      .lean<Pick<Activity, '_id' | 'title'>[]>();
    const shiftOf = (id: Types.ObjectId) => {
      const s = shifts.find((x) => x._id.equals(id));
      const a = s && activities.find((x) => x._id.equals(s.activityId));
      return { activity: a?.title ?? null, start: s?.start ?? null, end: s?.end ?? null };
    };
    return {
      claims: seats.map((s) => ({ ...shiftOf(s.shiftId), seatNo: s.seatNo, claimedAt: s.createdAt })),
      waitlist: waiting.map((w) => ({ ...shiftOf(w.shiftId), since: w.createdAt })),
      attendance: attendance.map((a) => ({ ...shiftOf(a.shiftId), kind: a.kind, at: a.at })),
      serviceRecords: records.map((r) => ({
        ...shiftOf(r.shiftId),
        brand: r.brand,
        minutes: r.minutes,
        confirmedAt: r.confirmedAt,
      })),
      totalMinutes: records.reduce((sum, r) => sum + r.minutes, 0),
    };
  },
  async eraseFor({ db, now }, userId) {
    await db.model(WaitlistModel).deleteMany({ personId: userId });
    const seats = await db.model(SeatModel).find({ personId: userId }).lean<Seat[]>();
    const coming = await db
      .model(ShiftModel)
      .find({ _id: { $in: seats.map((s) => s.shiftId) }, start: { $gt: now } }, { _id: 1 })
      .lean<Pick<Shift, '_id'>[]>();
    const ids = coming.map((s) => s._id);
    if (!ids.length) return;
    await db.model(PersonTimeModel).deleteMany({ personId: userId, shiftId: { $in: ids } });
    await db.model(SeatModel).deleteMany({ personId: userId, shiftId: { $in: ids } });
  },
  // A shift both accounts claimed keeps the imported person's seat; the other is given back.
  async mergeInto({ db }, from, to) {
    await reassign(db.model(SeatModel), 'personId', from, to, ['shiftId']);
    await reassign(db.model(PersonTimeModel), 'personId', from, to, ['bucketStart']);
    await reassign(db.model(WaitlistModel), 'personId', from, to, ['shiftId']);
    await reassign(db.model(AttendanceModel), 'personId', from, to, ['shiftId', 'kind']);
    await reassign(db.model(ServiceRecordModel), 'personId', from, to, ['shiftId']);
  },
});
