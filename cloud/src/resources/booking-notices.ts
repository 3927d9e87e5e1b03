import { Inject, Provide } from '@midwayjs/core';
import { callCommunityWords, formatSlotTime } from '@gongzhi/shared';
import { Db } from '../core/db';
import { Notifier } from '../notifications/notifier';
import { communityContact } from '../org/community-contact';
import type { BookingEvent } from './booking-event.model';
import type { Booking } from './booking.model';

/**
 * What a booking's step tells the person who booked: approved, refused (with the reason and the
 * community's phone), or cancelled by the handler. Keyed by the event: a retry tells nobody twice.
 */
@Provide()
export class BookingNotices {
  @Inject()
  notifier!: Notifier;

  @Inject()
  db!: Db;

  async stepTaken(booking: Booking, event: BookingEvent): Promise<void> {
    const what = `「${booking.resourceName}」${formatSlotTime(booking.start, booking.end)}`;
    const refs = { bookingId: String(booking._id), resourceId: String(booking.resourceId) };
    const key = String(event._id);
    const byBooker = event.actorId.equals(booking.bookerId);
    if (event.action === 'approve') {
      await this.notifier.notify([booking.bookerId], 'bookingApproved', `您预约的${what}已批准，请按时前往`, refs, key);
    } else if (event.action === 'reject' || (event.action === 'cancel' && !byBooker)) {
      const call = callCommunityWords(await communityContact(this.db, booking.place.communityId));
      const done = event.action === 'reject' ? '没有获得批准' : '已被取消';
      const why = event.note ? `，原因：${event.note}` : '';
      await this.notifier.notify(
        [booking.bookerId],
        event.action === 'reject' ? 'bookingRejected' : 'bookingCancelled',
        `您预约的${what}${done}${why}。${call}`,
        refs,
        key,
      );
    }
  }
}
