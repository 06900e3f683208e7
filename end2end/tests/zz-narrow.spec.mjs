// No page is wider than a 390 px phone screen: every page route (server/tests/it/malformed_input.rs
// `routes()`, with app.rs's /account/two-factor and /referrals/:id/print), once each, measured
// with document.documentElement.scrollWidth — without JavaScript, the baseline, and again with
// it for the pages whose islands change the layout. A record's page is opened with the first
// record its list links to (the earlier specs and the demo seed made them); a route with no
// record to open is skipped and named in the test's annotations.
// Named to run last, after the specs that make the records (newsletters, plan, …).
import { test, expect } from '@playwright/test';

import { login, waitForHydration } from './helpers.mjs';

const SCREEN = { width: 390, height: 844 };

// Pages (not files, not /login, /setup or /logout). `:kind` is the id of a record of that kind (KINDS).
const ROUTES = [
  '/', '/account', '/account/two-factor', '/tools/fiscal-year', '/about', '/search?q=会議',
  '/admin/users', '/admin/users/:user', '/admin/audit', '/admin/consultation-categories', '/admin/resource-lists',
  '/directory/professions', '/directory/professions/:profession',
  '/directory/organisations', '/directory/organisations/new', '/directory/organisations/:organisation',
  '/directory/organisations/:organisation/edit', '/directory/organisations/:organisation/delete',
  '/directory/people', '/directory/people/new', '/directory/people/:person', '/directory/people/:person/edit',
  '/directory/people/:person/delete',
  '/meetings', '/meetings/new', '/meetings/calendar', '/meetings/timeline', '/meetings/timeline/:timeline',
  '/meetings/follow-ups', '/meetings/follow-ups/:followUp', '/meetings/follow-ups/:followUp/delete', '/meetings/kinds',
  '/meetings/:meeting', '/meetings/:meeting/edit',
  '/trainings', '/trainings/new', '/trainings/tasks', '/trainings/tasks/:task', '/trainings/tasks/:task/delete',
  '/trainings/:training', '/trainings/:training/edit', '/trainings/:training/outcome', '/trainings/:training/support',
  '/issues', '/issues/new', '/issues/routing', '/issues/register/:register', '/issues/register/:register/matrix',
  '/issues/:issue', '/issues/:issue/edit',
  '/consultations', '/consultations/new', '/consultations/trends', '/consultations/trends/:fy', '/consultations/import',
  '/consultations/import/:consultationImport', '/consultations/:consultation', '/consultations/:consultation/edit',
  '/report', '/reports/period', '/handover',
  '/resources', '/resources/new', '/resources/confirm', '/resources/import', '/resources/import/:resourceImport',
  '/resources/:resource', '/resources/:resource/edit',
  '/public/resources', '/public/resources/:publicResource', '/public/resources/map', '/public/resources/booklet',
  '/public/resources/medical',
  '/referrals', '/referrals/new', '/referrals/evaluation', '/referrals/pathways', '/referrals/:referral',
  '/referrals/:referral/print',
  '/initiatives', '/initiatives/new', '/initiatives/:initiative', '/initiatives/:initiative/edit',
  '/initiatives/:initiative/trail',
  '/plan', '/plan/edit?scene=end_of_life', '/newsletters', '/newsletters/:newsletter',
  '/directory/organisations/import', '/directory/people/import', '/meetings/import',
];

// Where a record of each kind is linked from, and its link (the id is the first group).
// `from` may name ids found before it (the issues of a register).
const KINDS = {
  user: { from: ['/admin/users'], link: /^\/admin\/users\/(\d+)(?:[/?#]|$)/ },
  profession: { from: ['/directory/professions'], link: /^\/directory\/professions\/(\d+)(?:[/?#]|$)/ },
  organisation: { from: ['/directory/organisations'], link: /^\/directory\/organisations\/(\d+)(?:[/?#]|$)/ },
  person: { from: ['/directory/people'], link: /^\/directory\/people\/(\d+)(?:[/?#]|$)/ },
  timeline: { from: ['/meetings/timeline'], link: /^\/meetings\/timeline\/(\d+)(?:[/?#]|$)/ },
  followUp: { from: ['/meetings/follow-ups'], link: /^\/meetings\/follow-ups\/(\d+)(?:[/?#]|$)/ },
  meeting: { from: ['/meetings'], link: /^\/meetings\/(\d+)(?:[/?#]|$)/ },
  task: { from: ['/trainings/tasks'], link: /^\/trainings\/tasks\/(\d+)(?:[/?#]|$)/ },
  training: { from: ['/trainings'], link: /^\/trainings\/(\d+)(?:[/?#]|$)/ },
  register: { from: ['/issues'], link: /^\/issues\/register\/(\d+)(?:[/?#]|$)/ },
  issue: { from: (ids) => ['/issues', ids.register && `/issues/register/${ids.register}`], link: /^\/issues\/(\d+)(?:[/?#]|$)/ },
  fy: { from: ['/consultations/trends'], link: /^\/consultations\/trends\/(\d+)(?:[?#]|$)/ },
  consultationImport: { from: ['/consultations/import'], link: /^\/consultations\/import\/(\d+)(?:[/?#]|$)/ },
  consultation: { from: ['/consultations'], link: /^\/consultations\/(\d+)(?:[/?#]|$)/ },
  resourceImport: { from: ['/resources/import'], link: /^\/resources\/import\/(\d+)(?:[/?#]|$)/ },
  resource: { from: ['/resources'], link: /^\/resources\/(\d+)(?:[/?#]|$)/ },
  publicResource: { from: ['/public/resources'], link: /^\/public\/resources\/(\d+)(?:[/?#]|$)/ },
  referral: { from: ['/referrals'], link: /^\/referrals\/(\d+)(?:[/?#]|$)/ },
  initiative: { from: ['/initiatives'], link: /^\/initiatives\/(\d+)(?:[/?#]|$)/ },
  newsletter: { from: ['/newsletters'], link: /^\/newsletters\/(\d+)(?:[/?#]|$)/ },
};

const open = (page, url) => page.goto(url, { waitUntil: 'domcontentloaded' });

/** Signs in on a wide screen (on a narrow one the menu, where the signed-in name shows, is folded). */
async function signIn(page) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page);
  await page.setViewportSize(SCREEN);
}

/** The links of the page at `url`, as written in their href. */
async function linksOf(page, url) {
  await open(page, url);
  return page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
}

/** An id of every kind that has a record to open; the others are left out. */
async function findIds(page) {
  const ids = {};
  const seen = new Map();
  for (const [kind, { from, link }] of Object.entries(KINDS)) {
    const sources = (typeof from === 'function' ? from(ids) : from).filter(Boolean);
    for (const url of sources) {
      if (!seen.has(url)) seen.set(url, await linksOf(page, url));
      const found = seen.get(url).map((href) => link.exec(href)).find(Boolean);
      if (found) {
        ids[kind] = found[1];
        break;
      }
    }
  }
  return ids;
}

/** A CSV import waiting at its preview (no list links to one), uploaded as the form does without script. */
async function consultationImport(page) {
  await open(page, '/consultations/import');
  const csv = `受付日,分類,相談者\n2015/6/2,その他,狭い画面の確認${Date.now() % 100000}\n`;
  await page.getByLabel('CSVファイル').setInputFiles({ name: 'narrow.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + csv, 'utf-8') });
  await page.getByRole('button', { name: '確認画面へ' }).click();
  await page.waitForLoadState('domcontentloaded');
  return /^\/consultations\/import\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1];
}

/**
 * How far the page is wider than the screen, and if it is, the elements that stick out
 * (outermost first, then the widest; at most 5), leaving out those inside a box that
 * scrolls or clips them, which do not widen the page.
 */
async function measure(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const over = document.documentElement.scrollWidth - width;
    if (over <= 0) return { over, culprits: [] };
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const sticking = [...document.body.querySelectorAll('*')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.right > width + 1 && !clipped(el);
    });
    const set = new Set(sticking);
    const right = (el) => el.getBoundingClientRect().right;
    const outer = sticking.filter((el) => !set.has(el.parentElement)).sort((a, b) => right(b) - right(a));
    const inner = sticking.filter((el) => set.has(el.parentElement)).sort((a, b) => right(b) - right(a));
    const culprits = [...outer, ...inner].slice(0, 5).map((el) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 30);
      return `<${el.tagName.toLowerCase()}${id}${cls}> right=${Math.round(right(el))}${text ? ` 「${text}」` : ''}`;
    });
    return { over, culprits };
  });
}

/** Loads `url` and adds it to `offenders` if the page scrolls sideways. */
async function check(page, url, offenders, { hydrate = false } = {}) {
  const res = await open(page, url);
  if (hydrate) await waitForHydration(page);
  const status = res ? res.status() : 0;
  if (status >= 400) test.info().annotations.push({ type: 'status', description: `${url} answered ${status}` });
  const { over, culprits } = await measure(page);
  if (over > 0) offenders.push(`${url}: ${over}px wider than the ${SCREEN.width}px screen; ${culprits.join(', ') || '(no single element found)'}`);
}

test.describe('on a 390 px screen, without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: SCREEN });

  test('no page scrolls sideways', async ({ page }) => {
    // About a hundred page loads without scripts; a few hundred ms each.
    test.setTimeout(120_000);
    await signIn(page);
    const ids = await findIds(page);
    if (!ids.consultationImport) {
      const id = await consultationImport(page);
      if (id) ids.consultationImport = id;
    }
    const offenders = [];
    for (const route of ROUTES) {
      const kinds = [...route.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const missing = kinds.filter((k) => !ids[k]);
      if (missing.length) {
        test.info().annotations.push({ type: 'skipped', description: `${route}: no ${missing.join(', ')} to open` });
        continue;
      }
      const url = route.replace(/:(\w+)/g, (_, k) => ids[k]);
      await check(page, url, offenders);
    }
    expect(offenders, `pages wider than ${SCREEN.width}px`).toEqual([]);
  });
});

test.describe('on a 390 px screen, with JavaScript', () => {
  test.use({ viewport: SCREEN });

  test('the pages with islands do not scroll sideways once hydrated', async ({ page }) => {
    await signIn(page);
    const offenders = [];
    // The meeting form's pickers, the training form, the CSV upload, the converter, the
    // resource form's coordinate map and the public map.
    for (const url of ['/meetings/new', '/trainings/new', '/consultations/import', '/tools/fiscal-year', '/resources/new', '/public/resources/map']) {
      await check(page, url, offenders, { hydrate: true });
    }
    expect(offenders, `pages wider than ${SCREEN.width}px`).toEqual([]);
  });
});
