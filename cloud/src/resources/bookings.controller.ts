import { Controller, Inject } from '@midwayjs/core';
import { api } from '@gongzhi/shared';
import { Handle, type Call } from '../core/handle';
import { BookingsService } from './bookings.service';

const {
  createBooking,
  listMyBookings,
  getBooking,
  approveBooking,
  rejectBooking,
  cancelBooking,
  listResourceBookings,
} = api.resources;

/** 预约: residents book venues and equipment; the owner unit or the community approves. */
@Controller('/')
export class BookingsController {
  @Inject()
  bookings!: BookingsService;

  @Handle(createBooking)
  async createBooking({ user, body, keyedId }: Call<typeof createBooking>) {
    return this.bookings.createBooking(user, body, keyedId);
  }

  @Handle(listMyBookings)
  async listMyBookings({ user, query }: Call<typeof listMyBookings>) {
    return this.bookings.listMyBookings(user, query);
  }

  @Handle(getBooking)
  async getBooking({ user, params }: Call<typeof getBooking>) {
    return this.bookings.showBooking(user, params.id);
  }

  @Handle(approveBooking)
  async approveBooking({ user, params, body }: Call<typeof approveBooking>) {
    return this.bookings.approveBooking(user, params.id, body.note);
  }

  @Handle(rejectBooking)
  async rejectBooking({ user, params, body }: Call<typeof rejectBooking>) {
    return this.bookings.rejectBooking(user, params.id, body.reason);
  }

  @Handle(cancelBooking)
  async cancelBooking({ user, params, body }: Call<typeof cancelBooking>) {
    return this.bookings.cancelBooking(user, params.id, body.reason);
  }

  @Handle(listResourceBookings)
  async listResourceBookings({ user, params, query }: Call<typeof listResourceBookings>) {
    return this.bookings.listResourceBookings(user, params.id, query);
  }
}
