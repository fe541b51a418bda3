import { it } from 'vitest';
import { runPoints } from './_harness.ts';

it('vals', async () => {
  const recs = await runPoints('line-search');
  for (const r of recs) console.log(JSON.stringify(r.params.fn), r.params.kappa, r.params.lineSearch, r.status, r.nit, r.nfev, r.ngev);
}, 120000);
