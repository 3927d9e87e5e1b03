import { BOOKING_REJECT_REASONS, NEED_REJECT_REASONS, api, parseWith, rejectBookingBody } from '@gongzhi/shared';

// The tap-to-fill reasons of the reject sheets are sent as they are: each must pass the API's own check.
test('every quick reason of a need passes the reject body', () => {
  expect(NEED_REJECT_REASONS.length).toBeGreaterThanOrEqual(3);
  expect(NEED_REJECT_REASONS.length).toBeLessThanOrEqual(5);
  for (const reason of NEED_REJECT_REASONS)
    expect(parseWith(api.needs.rejectNeed.body!, { reason }, 'body').ok).toBe(true);
});

test('every quick reason of a booking passes the reject body', () => {
  expect(BOOKING_REJECT_REASONS.length).toBeGreaterThanOrEqual(3);
  expect(BOOKING_REJECT_REASONS.length).toBeLessThanOrEqual(5);
  for (const reason of BOOKING_REJECT_REASONS) expect(parseWith(rejectBookingBody, { reason }, 'body').ok).toBe(true);
});
