import { startApp, type TestApp } from '../support/app';

// The full demo reproduces section 三's figures that come from the org tree and the four lists.
let t: TestApp;
beforeAll(async () => {
  t = await startApp(__filename, { SEED_DEMO: 'full' });
});
afterAll(() => t.close());

test('the county dashboard of the demo shows the report’s complexes, brand mix and formats', async () => {
  const res = await t
    .http()
    .get('/api/v1/stats/overview')
    .set('Authorization', await t.signIn('countyAdmin'));
  expect(res.status).toBe(200);
  const d = res.body;
  // 33 of 73 complexes are old (45.21%); 31 of the 33 have no property management (93.94%, the report's "95%").
  expect(d.complexes).toMatchObject({
    total: 73,
    old: 33,
    oldShare: 45.21,
    oldNoProperty: 31,
    oldNoPropertyShare: 93.94,
  });
  // 547 volunteer activities: 78 / 109 / 22 / 338. 109 ÷ 547 = 0.199269… rounds to 19.93% (the report
  // prints 19.92%, truncated; its four shares add up to 99.99%).
  expect(d.brands.total).toBe(547);
  expect(Object.fromEntries(d.brands.items.map((b: any) => [b.label, [b.count, b.share]]))).toEqual({
    文明交通引导: [338, 61.79],
    爱心助学行: [109, 19.93],
    美丽家园创卫行: [78, 14.26],
    法律援助进社区: [22, 4.02],
  });
  expect(d.brands.warning).toMatchObject({ label: '文明交通引导', share: 61.79 });
  // Alliance activities: 220 meetings and 2 service activities → 99.10% meetings.
  expect(d.formats).toMatchObject({ total: 222, meeting: 220, meetingShare: 99.1, service: 2 });
  // The lead unit of each street's alliance organises the most.
  expect(d.units.items[0].organised).toBeGreaterThan(d.units.items[2].organised);
  expect(
    d.units.items
      .map((u: any) => u.name)
      .slice(0, 2)
      .sort(),
  ).toEqual(['县人民医院', '县实验小学']);
});

test('community staff see their community’s part of the demo', async () => {
  const d = (
    await t
      .http()
      .get('/api/v1/stats/overview')
      .set('Authorization', await t.signIn('staff'))
  ).body;
  expect(d.scope.name).toBe('南门社区');
  expect(d.complexes.total).toBeGreaterThan(3);
  expect(d.complexes.total).toBeLessThan(73);
  expect(d.brands.total).toBeGreaterThan(0);
  expect(d.brands.total).toBeLessThan(547);
});
