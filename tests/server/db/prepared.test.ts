import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { executePrepared, rowsOf } from '../../../server/db/db.client.ts';
import { createTestDb, driver } from '../../helpers/test-db.ts';

const database = await createTestDb();
const { db } = database;
afterAll(() => database.close());

await db.execute(sql`create table prepared_probe (id int primary key, note text not null)`);
const insert = (id: number, note: string) => sql`insert into prepared_probe (id, note) values (${id}, ${note}) returning id, note`;
const notes = async () => rowsOf<{ note: string }>(await db.execute(sql`select note from prepared_probe order by id`)).map((r) => r.note);

describe(`a prepared hot statement (${driver})`, () => {
  it('answers the rows execute would, call after call with new parameters', async () => {
    for (let id = 1; id <= 3; id++) {
      const rows = rowsOf<{ id: number; note: string }>(await executePrepared(db, insert(id, `ответ ${id}`)));
      expect(rows).toEqual([{ id, note: `ответ ${id}` }]);
    }
    expect(await notes()).toEqual(['ответ 1', 'ответ 2', 'ответ 3']);
  });

  it('inside a transaction stays in it: a rollback undoes it', async () => {
    const undone = db.transaction(async (tx) => {
      await executePrepared(tx as unknown as typeof db, insert(10, 'откат'));
      throw new Error('rollback');
    });
    await expect(undone).rejects.toThrow('rollback');
    expect(await notes()).not.toContain('откат');
  });

  it('a failing call leaves the statement usable for the next one', async () => {
    await expect(executePrepared(db, insert(1, 'дубликат'))).rejects.toThrow();
    expect(rowsOf(await executePrepared(db, insert(4, 'после ошибки')))).toHaveLength(1);
  });
});
