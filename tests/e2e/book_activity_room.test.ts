import { addDays, localDateOf } from '@gongzhi/shared';
import * as path from 'node:path';
import { ROOT, startApiProcess, type ApiProcess } from '../support/api-process';
import { openPhone, settled, type Phone } from '../support/browser-page';
import { confirmModal, showOnScreen, signIn } from './resident_support';

// Scenario (c): resident 张秀兰 books the 南门社区党群服务中心活动室 for two free slots three days
// ahead (clear of the seeded bookings), finds it 待审核 in 我的预约; resident2 李大海, in another
// browser, opens the same room and day and sees both slots taken and cannot pick them.
let api: ApiProcess;
let phone: Phone;

const ROOM = '南门社区党群服务中心活动室';
const SLOTS = ['10:00–11:00', '11:00–12:00'];
// China-time date three days ahead: the seed books the room tomorrow and the day after.
const DAY = addDays(localDateOf(new Date()), 3);

beforeAll(async () => {
  api = await startApiProcess('e2e_book_activity_room');
  phone = await openPhone('book_activity_room');
});
afterAll(async () => {
  await phone?.close();
  await api?.stop();
});

async function openRoomOn(page: Phone['page'], day: string) {
  await page.locator('.home-shortcuts__item--book').click();
  const room = page.locator('.res-card', { hasText: ROOM });
  await room.waitFor();
  await settled(page.locator('.res-page'));
  return async () => {
    await room.click();
    const book = page.locator('.book-page');
    await book.locator('.book-calendar').waitFor();
    await book.locator(`.book-day[data-date="${day}"]`).click();
    await book.locator('.book-slot').first().waitFor();
    await settled(book);
    return book;
  };
}

test('a resident books the activity room; a second resident sees the slots taken', async () => {
  const { page, shot } = phone;
  await signIn(page, api.base, '张秀兰');

  const open = await openRoomOn(page, DAY);
  await shot('01-resources');
  const book = await open();
  expect(await book.locator('.book-day--on').getAttribute('data-date')).toBe(DAY);
  for (const label of SLOTS) {
    expect(await book.locator(`.book-slot[data-label="${label}"]`).getAttribute('data-status')).toBe('free');
  }
  await showOnScreen(page, '.book-slots');
  await shot('02-free-slots');

  // Two consecutive slots, then what and how many.
  for (const label of SLOTS) await book.locator(`.book-slot[data-label="${label}"]`).click();
  expect(await book.locator('.book-slot--picked').count()).toBe(2);
  expect(await page.locator('.book-bar__time').innerText()).toContain('10:00–12:00');
  await book.locator('.book-purpose .weui-input').fill('南门小区老年合唱队排练');
  await book.locator('.book-attendees .weui-input').fill('20');
  await showOnScreen(page, '.book-purpose');
  await shot('03-picked');

  await page.locator('.book-bar__button').click();
  await page.locator('.taro-modal__content', { hasText: ROOM }).filter({ visible: true }).waitFor();
  await page.waitForTimeout(400); // the modal fades in
  await shot('04-confirm');
  await confirmModal(page, '确认预约');

  // 我的预约: the new booking waits for approval.
  const mine = page.locator('.bk-page');
  const card = mine.locator('.bk-card', { hasText: '南门小区老年合唱队排练' });
  await card.waitFor();
  await settled(mine);
  await shot('05-my-bookings');
  expect(await card.getAttribute('data-status')).toBe('pending');
  expect(await card.innerText()).toContain('待审核');
  expect(await card.innerText()).toContain('10:00–12:00');
  expect(await card.innerText()).toContain(ROOM);

  // A second resident, on another phone.
  const other = await phone.browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  const page2 = await other.newPage();
  try {
    await signIn(page2, api.base, '李大海');
    const open2 = await openRoomOn(page2, DAY);
    const book2 = await open2();
    await page2.locator('.book-slots').scrollIntoViewIfNeeded();
    await page2.waitForTimeout(300);
    await page2.screenshot({
      path: path.join(ROOT, 'tests', '.artifacts', 'screenshots', 'book_activity_room', '06-second-resident.png'),
    });
    for (const label of SLOTS) {
      const slot = book2.locator(`.book-slot[data-label="${label}"]`);
      expect(await slot.getAttribute('data-status')).toBe('taken');
      expect(await slot.innerText()).toContain('已约');
    }
    // The slot next to them is still free for anyone.
    expect(await book2.locator('.book-slot[data-label="12:00–13:00"]').getAttribute('data-status')).toBe('free');

    // Tapping a taken slot picks nothing and says why.
    await book2.locator(`.book-slot[data-label="${SLOTS[0]}"]`).click();
    await page2.locator('.taro__toast p', { hasText: '已被别人预约' }).waitFor();
    expect(await book2.locator('.book-slot--picked').count()).toBe(0);
    expect(await page2.locator('.book-bar__hint').innerText()).toContain('请选择时段');
    await page2.screenshot({
      path: path.join(
        ROOT,
        'tests',
        '.artifacts',
        'screenshots',
        'book_activity_room',
        '07-second-resident-tapped-taken.png',
      ),
    });
  } finally {
    await other.close();
  }
});
