// Writes JSON Schemas for definitions/ from the zod schemas (so YAML editors complete and validate
// the catalogue). Run by `npm run build`; the output is committed so editors work before a build.
import { mkdirSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ElementsFileSchema, InstrumentSchema } from '../out/server/src/catalogue/schema.js';

const dir = new URL('../definitions/schema/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, schema] of [['instrument', InstrumentSchema], ['elements', ElementsFileSchema]]) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  writeFileSync(new URL(`${name}.schema.json`, dir), `${JSON.stringify(json, null, 2)}\n`);
}
